package mail

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka/workday"
)

// Kinds of staff mail about the catalogue of public information (issue 4)
// that the stale sweep queues (package jobs). Each one also appears as an
// in-app notification with Title and Summary.
const (
	CatalogueStale   = "catalogue_stale"   // a berkala entry is past its update period
	CatalogueExpired = "catalogue_expired" // an exemption has ended: review it
)

// IsCatalogueKind reports whether kind is catalogue staff mail.
func IsCatalogueKind(kind string) bool { return strings.HasPrefix(kind, "catalogue_") }

// CatalogueNotice is everything a catalogue reminder says: the entry's
// title (public, also for an exempted entry: it is in the exemption
// register), its body and the date. It holds no summary, consequence test
// or requester data.
type CatalogueNotice struct {
	Kind     string // CatalogueStale or CatalogueExpired
	EntryID  int64
	Title    string
	BodyName string
	// Due is the berkala entry's next_due (the last day it was current) or
	// the exemption's last day; the entry went stale or expired the day
	// after.
	Due workday.Date
}

// Ref is the queued mail's ref: entry ID|date. It is all the outbox
// keeps; the mail is rendered from it and the current entry when sent.
func (n CatalogueNotice) Ref() string {
	return strconv.FormatInt(n.EntryID, 10) + "|" + n.Due.String()
}

// ParseCatalogueRef reads a ref written by Ref back into a notice of kind
// (without Title and BodyName, which the caller looks up).
func ParseCatalogueRef(kind, ref string) (CatalogueNotice, error) {
	id, due, ok := strings.Cut(ref, "|")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 {
		return CatalogueNotice{}, fmt.Errorf("catalogue mail ref %q: want id|date", ref)
	}
	d, err := workday.ParseDate(due)
	if err != nil {
		return CatalogueNotice{}, fmt.Errorf("catalogue mail ref %q: %w", ref, err)
	}
	return CatalogueNotice{Kind: kind, EntryID: n, Due: d}, nil
}

// CatalogueStaffURL is the staff area, where the catalogue is managed.
func CatalogueStaffURL(baseURL string) string {
	return strings.TrimRight(baseURL, "/") + "/staf"
}

// Since is the day the entry became stale or its exemption expired.
func (n CatalogueNotice) Since() workday.Date { return n.Due.AddDays(1) }

// Headline is the notice in one line: the notification title and the mail
// subject.
func (n CatalogueNotice) Headline(lang string) string {
	en := lang == "en"
	if n.Kind == CatalogueExpired {
		return pick(en, "Exemption ended: review \""+n.Title+"\"", "Masa pengecualian berakhir: tinjau \""+n.Title+"\"")
	}
	return pick(en, "Periodic information out of date: \""+n.Title+"\"", "Informasi berkala perlu diperbarui: \""+n.Title+"\"")
}

// Summary is the notice in a few sentences: the notification body.
func (n CatalogueNotice) Summary(lang string) string {
	en := lang == "en"
	due, since := workday.FormatDate(n.Due, lang), workday.FormatDate(n.Since(), lang)
	if n.Kind == CatalogueExpired {
		return pick(en,
			fmt.Sprintf("The exemption of \"%s\" in the catalogue of %s ended on %s and has been expired since %s. "+
				"Review it: open the information or record a new consequence test (UU 14/2008 Articles 17 and 19). "+
				"Until staff reclassify it the entry stays exempt.", n.Title, n.BodyName, due, since),
			fmt.Sprintf("Masa pengecualian \"%s\" dalam Daftar Informasi Publik %s berakhir %s dan kedaluwarsa sejak %s. "+
				"Tinjau kembali: buka informasinya atau lakukan uji konsekuensi baru (UU 14/2008 Pasal 17 dan 19). "+
				"Sampai klasifikasinya diubah petugas, entri tetap dikecualikan.", n.Title, n.BodyName, due, since))
	}
	return pick(en,
		fmt.Sprintf("The periodic information \"%s\" of %s was due to be published again by %s and has been out of date since %s. "+
			"Publish the current version (UU 14/2008 Article 9: at least every 6 months).", n.Title, n.BodyName, due, since),
		fmt.Sprintf("Informasi berkala \"%s\" milik %s seharusnya diperbarui paling lambat %s dan usang sejak %s. "+
			"Umumkan versi terbarunya (UU 14/2008 Pasal 9: paling singkat 6 bulan sekali).", n.Title, n.BodyName, due, since))
}

// CatalogueMessage renders a catalogue reminder for a member of staff, in
// English when lang is "en" and Indonesian otherwise, with a link to the
// staff area (baseURL + "/staf"). The caller sets To. It fails for an
// unknown kind or a notice without title or date.
func CatalogueMessage(n CatalogueNotice, lang, baseURL string) (Message, error) {
	if n.Kind != CatalogueStale && n.Kind != CatalogueExpired {
		return Message{}, fmt.Errorf("render catalogue mail: unknown kind %q", n.Kind)
	}
	if n.Title == "" || n.Due.IsZero() {
		return Message{}, errors.New("render catalogue mail: title and date are required")
	}
	en := lang == "en"
	var t strings.Builder
	t.WriteString(pick(en, "Dear PPID officer,\n\n", "Yth. Petugas PPID,\n\n"))
	t.WriteString(n.Summary(lang) + "\n\n")
	fmt.Fprintf(&t, "%s: %s\n", pick(en, "Information", "Informasi"), n.Title)
	fmt.Fprintf(&t, "%s: %s\n", pick(en, "Public body", "Badan publik"), n.BodyName)
	if n.Kind == CatalogueExpired {
		fmt.Fprintf(&t, "%s: %s\n", pick(en, "Exempt until", "Dikecualikan sampai"), workday.FormatDate(n.Due, lang))
		fmt.Fprintf(&t, "%s: %s\n\n", pick(en, "Expired since", "Kedaluwarsa sejak"), workday.FormatDate(n.Since(), lang))
	} else {
		fmt.Fprintf(&t, "%s: %s\n", pick(en, "Update due by", "Batas pembaruan"), workday.FormatDate(n.Due, lang))
		fmt.Fprintf(&t, "%s: %s\n\n", pick(en, "Out of date since", "Usang sejak"), workday.FormatDate(n.Since(), lang))
	}
	fmt.Fprintf(&t, "%s\n%s\n\n", pick(en, "Open Terbuka:", "Buka Terbuka:"), CatalogueStaffURL(baseURL))
	t.WriteString(pick(en,
		"You receive this because your account manages the catalogue of this body in Terbuka. It also appears in your notifications.\n",
		"Anda menerima pesan ini karena akun Anda mengelola Daftar Informasi Publik badan publik ini di Terbuka. Pesan ini juga tampil di notifikasi Anda.\n"))
	t.WriteString(phrasesFor(lang).automatic)
	return Message{Subject: n.Headline(lang) + " – " + n.BodyName, Text: t.String()}, nil
}
