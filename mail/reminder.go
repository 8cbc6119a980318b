package mail

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// Kinds of staff mail the deadline jobs queue (package jobs). Each one
// also appears as an in-app notification with Title and Summary.
const (
	StaffReminder = "staff_reminder" // a due date is 3 or 1 working days away
	StaffOverdue  = "staff_overdue"  // a due date has passed unanswered: to the PPID and the atasan PPID
)

// RequestDeadlineChanged tells the requester that a calendar change moved
// the due date (it only ever moves later).
const RequestDeadlineChanged = "request_deadline_changed"

// StaffNotice is everything a staff reminder says. It holds no field for
// the requester, so neither the mail nor the notification can carry a
// requester's identity number, phone, e-mail or address: staff open the
// request in the app to see those.
type StaffNotice struct {
	Kind     string // StaffReminder or StaffOverdue
	Number   string
	BodyName string
	DueOn    workday.Date
	// DaysLeft counts the working days after today up to DueOn: 3, 1, or 0
	// on the due date itself. For StaffOverdue it is minus the working days
	// since DueOn.
	DaysLeft int
}

// Ref is the queued mail's ref: number|due date|days left. It is all the
// outbox keeps; the mail is rendered from it when sent.
func (n StaffNotice) Ref() string {
	return n.Number + "|" + n.DueOn.String() + "|" + strconv.Itoa(n.DaysLeft)
}

// ParseStaffRef reads a ref written by Ref back into a notice of kind
// (without BodyName, which the caller looks up).
func ParseStaffRef(kind, ref string) (StaffNotice, error) {
	parts := strings.Split(ref, "|")
	if len(parts) != 3 || parts[0] == "" {
		return StaffNotice{}, fmt.Errorf("staff mail ref %q: want number|due|days", ref)
	}
	due, err := workday.ParseDate(parts[1])
	if err != nil {
		return StaffNotice{}, fmt.Errorf("staff mail ref %q: %w", ref, err)
	}
	days, err := strconv.Atoi(parts[2])
	if err != nil {
		return StaffNotice{}, fmt.Errorf("staff mail ref %q: %w", ref, err)
	}
	return StaffNotice{Kind: kind, Number: parts[0], DueOn: due, DaysLeft: days}, nil
}

// StaffURL is the staff page of request number.
func StaffURL(baseURL, number string) string {
	return strings.TrimRight(baseURL, "/") + "/staf/permohonan/" + url.PathEscape(number)
}

// Title is the notice in one line: the notification title and the mail
// subject.
func (n StaffNotice) Title(lang string) string {
	en := lang == "en"
	if n.Kind == StaffOverdue {
		return pick(en, "Overdue: request "+n.Number+" passed its due date", "Terlambat: permohonan "+n.Number+" melewati batas waktu")
	}
	return pick(en, "Reminder: request "+n.Number+" is due "+n.when(en), "Pengingat: permohonan "+n.Number+" jatuh tempo "+n.when(en))
}

// when says how far the due date is: "in 3 working days", "today".
func (n StaffNotice) when(en bool) string {
	switch {
	case n.DaysLeft <= 0:
		return pick(en, "today", "hari ini")
	case n.DaysLeft == 1:
		return pick(en, "in 1 working day", "1 hari kerja lagi")
	}
	return pick(en, fmt.Sprintf("in %d working days", n.DaysLeft), fmt.Sprintf("%d hari kerja lagi", n.DaysLeft))
}

// Summary is the notice in a few sentences: the notification body.
func (n StaffNotice) Summary(lang string) string {
	en := lang == "en"
	due := workday.FormatDate(n.DueOn, lang)
	if n.Kind == StaffOverdue {
		late := pick(en, " and has not been given", " dan belum disampaikan")
		if n.DaysLeft < 0 {
			late = fmt.Sprintf(pick(en, " and is %d working day(s) late", " dan kini terlambat %d hari kerja"), -n.DaysLeft)
		}
		return pick(en,
			fmt.Sprintf("The written notice on request %s to %s was due on %s%s. "+
				"The requester may now file a keberatan (UU 14/2008 Article 35(1) c and g).", n.Number, n.BodyName, due, late),
			fmt.Sprintf("Pemberitahuan tertulis atas permohonan %s kepada %s seharusnya disampaikan paling lambat %s%s. "+
				"Pemohon dapat mengajukan keberatan (UU 14/2008 Pasal 35 ayat (1) huruf c dan g).",
				n.Number, n.BodyName, due, late))
	}
	return pick(en,
		fmt.Sprintf("The written notice on request %s to %s is due by %s, %s.", n.Number, n.BodyName, due, n.when(en)),
		fmt.Sprintf("Pemberitahuan tertulis atas permohonan %s kepada %s paling lambat %s, %s.", n.Number, n.BodyName, due, n.when(en)))
}

// StaffMessage renders a staff reminder or escalation for a member of
// staff, in English when lang is "en" and Indonesian otherwise, with a
// link to the request's staff page (baseURL + "/staf/permohonan/" +
// number). b is the request's body. The caller sets To. It fails for an
// unknown kind or a notice without number or due date.
func StaffMessage(n StaffNotice, b terbuka.Body, lang, baseURL string) (Message, error) {
	if n.Kind != StaffReminder && n.Kind != StaffOverdue {
		return Message{}, fmt.Errorf("render staff mail: unknown kind %q", n.Kind)
	}
	if n.Number == "" || n.DueOn.IsZero() {
		return Message{}, errors.New("render staff mail: number and due date are required")
	}
	en := lang == "en"
	if n.BodyName == "" {
		n.BodyName = b.Name
	}
	var t strings.Builder
	t.WriteString(pick(en, "Dear PPID officer,\n\n", "Yth. Petugas PPID,\n\n"))
	t.WriteString(n.Summary(lang) + "\n\n")
	fmt.Fprintf(&t, "%s: %s\n", pick(en, "Registration number", "Nomor pendaftaran"), n.Number)
	fmt.Fprintf(&t, "%s: %s\n", pick(en, "Public body", "Badan publik"), n.BodyName)
	fmt.Fprintf(&t, "%s: %s\n", pick(en, "Due date", "Batas waktu"), workday.FormatDate(n.DueOn, lang))
	if n.Kind == StaffOverdue {
		fmt.Fprintf(&t, "%s: %d\n\n", pick(en, "Working days late", "Terlambat (hari kerja)"), max(-n.DaysLeft, 0))
		t.WriteString(pick(en,
			"This notice goes to the PPID and to the atasan PPID, who decides any keberatan.\n\n",
			"Pemberitahuan ini dikirim kepada PPID dan atasan PPID, yang memutus keberatan.\n\n"))
	} else {
		fmt.Fprintf(&t, "%s: %d\n\n", pick(en, "Working days left", "Sisa hari kerja"), max(n.DaysLeft, 0))
		t.WriteString(pick(en,
			fmt.Sprintf("If the information cannot be provided in time, the deadline may be extended once by at most %d working days, with written reasons (UU 14/2008 Article 22(8)).\n\n", terbuka.ExtensionDays),
			fmt.Sprintf("Jika informasi belum dapat diberikan tepat waktu, jangka waktu dapat diperpanjang satu kali paling lama %d hari kerja dengan alasan tertulis (UU 14/2008 Pasal 22 ayat (8)).\n\n", terbuka.ExtensionDays)))
	}
	fmt.Fprintf(&t, "%s\n%s\n\n", pick(en, "Open the request:", "Buka permohonan:"), StaffURL(baseURL, n.Number))
	t.WriteString(pick(en,
		"You receive this because your account handles requests of this body in Terbuka. It also appears in your notifications.\n",
		"Anda menerima pesan ini karena akun Anda menangani permohonan badan publik ini di Terbuka. Pesan ini juga tampil di notifikasi Anda.\n"))
	t.WriteString(phrasesFor(lang).automatic)
	return Message{Subject: n.Title(lang) + " – " + n.BodyName, Text: t.String()}, nil
}

// deadlineChangedMessage tells the requester the new due date after the
// holiday calendar or the body's office settings changed.
func deadlineChangedMessage(b terbuka.Body, r terbuka.Request, lang string) (Message, error) {
	en := lang == "en"
	var t strings.Builder
	t.WriteString(pick(en,
		fmt.Sprintf("The due date of the written notice on your request %s to %s has changed, because the working-day calendar "+
			"(national holidays, cuti bersama or the body's own days off) changed. A due date you were given is never shortened.\n\n", r.Number, b.Name),
		fmt.Sprintf("Batas waktu pemberitahuan tertulis atas permohonan Anda nomor %s kepada %s berubah karena kalender hari kerja "+
			"(libur nasional, cuti bersama, atau hari libur badan publik) berubah. Batas waktu yang telah disampaikan tidak pernah dipersingkat.\n\n",
			r.Number, b.Name)))
	p := phrasesFor(lang)
	fmt.Fprintf(&t, "%s: %s\n", p.newDue, workday.FormatDate(r.DueOn, lang))
	if r.CalendarVersion != "" {
		fmt.Fprintf(&t, "%s: %s\n", pick(en, "Calendar version", "Versi kalender"), r.CalendarVersion)
	}
	fmt.Fprintf(&t, "\n%s:\n%s\n\n", p.information, excerpt(r.Information))
	return Message{Subject: pick(en, "New due date for request ", "Batas waktu baru permohonan ") + r.Number, Text: t.String()}, nil
}
