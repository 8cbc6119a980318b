package mail

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// Kinds of routing mail (issue 3, bullets 0 and 1), as the store queues
// them. The requester kinds have the request number as ref; the staff
// kinds the ref written by DispositionNotice.Ref.
const (
	RoutingIncomplete        = store.MailRoutingIncomplete        // what is missing and by when
	RoutingCompleted         = store.MailRoutingCompleted         // completed: the clock restarted
	RoutingLapsed            = store.MailRoutingLapsed            // not completed in time: the request lapsed
	RoutingTransferred       = store.MailRoutingTransferred       // the new number and tracking code at the receiving body
	RoutingDisposition       = store.MailRoutingDisposition       // to an OPD: a request was forwarded to it
	RoutingDispositionRemind = store.MailRoutingDispositionRemind // to an OPD: its internal deadline is near
	RoutingDispositionAnswer = store.MailRoutingDispositionAnswer // to the PPID Utama officer: the OPD answered
)

// IsRouting reports whether kind is rendered by this file.
func IsRouting(kind string) bool { return strings.HasPrefix(kind, "routing_") }

// RoutingData is what a requester's routing mail needs beyond the request.
type RoutingData struct {
	// Incomplete is the request's latest "perlu dilengkapi" episode
	// (RoutingIncomplete, RoutingCompleted, RoutingLapsed).
	Incomplete *terbuka.Incompleteness
	// From and Token are the transfer that created the request and its new
	// tracking code (RoutingTransferred).
	From  *terbuka.TransferLink
	Token string
}

// RoutingMessage renders a requester's routing mail of kind about request
// r at body b, in English when lang is "en" and Indonesian otherwise, with
// the same greeting, closing and masking as RequestMessage. Only
// RoutingTransferred carries a tracking code: the new one, which nothing
// else can deliver (the requester filed elsewhere, and the code is never
// shown on a public page). It fails for a requester without an e-mail, an
// unknown kind, and missing data.
func RoutingMessage(kind string, b terbuka.Body, r terbuka.Request, d RoutingData, lang, portalURL string) (Message, error) {
	if r.Requester.Email == "" {
		return Message{}, fmt.Errorf("render %s for %s: requester has no e-mail address", kind, r.Number)
	}
	p := phrasesFor(lang)
	en := lang == "en"
	var t strings.Builder
	var subject string
	switch kind {
	case RoutingIncomplete:
		i := d.Incomplete
		if i == nil {
			return Message{}, fmt.Errorf("render %s for %s: no incomplete record", kind, r.Number)
		}
		subject = pick(en, "Please complete your request ", "Permohonan Anda perlu dilengkapi: ") + r.Number
		fmt.Fprintf(&t, pick(en, "The PPID of %s needs more from you before it can process your request %s.\n\n",
			"PPID %s memerlukan kelengkapan dari Anda sebelum dapat memproses permohonan nomor %s.\n\n"), b.Name, r.Number)
		fmt.Fprintf(&t, "%s:\n%s\n\n", pick(en, "What is missing", "Yang perlu dilengkapi"), strings.TrimSpace(i.Missing))
		fmt.Fprintf(&t, pick(en, "Complete it by %s on the tracking page, with your registration number and tracking code. "+
			"The time limit of %d working days starts again from the day you complete it. If it is not completed by then, "+
			"the request lapses; you may then file a new one.\n\n",
			"Lengkapi paling lambat %s melalui halaman pelacakan dengan nomor pendaftaran dan kode pelacakan Anda. "+
				"Jangka waktu %d hari kerja dihitung kembali sejak permohonan dilengkapi. Bila tidak dilengkapi sampai tanggal itu, "+
				"permohonan gugur; Anda dapat mengajukan permohonan baru.\n\n"), workday.FormatDate(i.CompleteBy, lang), terbuka.RequestDays)
		fmt.Fprintf(&t, "%s:\n%s\n\n", p.information, excerpt(r.Information))
	case RoutingCompleted:
		subject = pick(en, "Request completed: ", "Permohonan telah dilengkapi: ") + r.Number
		fmt.Fprintf(&t, pick(en, "Thank you: your request %s to %s is complete and registered again. The time limit starts from now.\n\n",
			"Terima kasih, permohonan Anda nomor %s kepada %s telah lengkap dan tercatat kembali. Jangka waktu dihitung mulai sekarang.\n\n"),
			r.Number, b.Name)
		fmt.Fprintf(&t, "%s: %s\n", p.received, workday.FormatDate(r.ReceivedOn, lang))
		fmt.Fprintf(&t, "%s: %s (%s)\n\n", p.due, workday.FormatDate(r.DueOn, lang), fmt.Sprintf(p.dueNote, terbuka.RequestDays))
		if i := d.Incomplete; i != nil && !i.PrevDueOn.IsZero() {
			fmt.Fprintf(&t, pick(en, "(Before completion: received on %s, due by %s.)\n\n", "(Sebelum dilengkapi: diterima %s, batas waktu %s.)\n\n"),
				workday.FormatDate(i.PrevReceivedOn, lang), workday.FormatDate(i.PrevDueOn, lang))
		}
		fmt.Fprintf(&t, "%s:\n%s\n\n", p.information, excerpt(r.Information))
	case RoutingLapsed:
		subject = pick(en, "Request lapsed: ", "Permohonan gugur: ") + r.Number
		by := ""
		if i := d.Incomplete; i != nil {
			by = workday.FormatDate(i.CompleteBy, lang)
		}
		fmt.Fprintf(&t, pick(en, "Your request %s to %s was not completed by %s, so it has lapsed (gugur) and will not be processed further. "+
			"You may file a new request at any time.\n\n",
			"Permohonan Anda nomor %s kepada %s tidak dilengkapi sampai %s sehingga gugur dan tidak diproses lebih lanjut. "+
				"Anda dapat mengajukan permohonan baru kapan saja.\n\n"), r.Number, b.Name, by)
		if i := d.Incomplete; i != nil {
			fmt.Fprintf(&t, "%s:\n%s\n\n", pick(en, "What was missing", "Yang perlu dilengkapi"), strings.TrimSpace(i.Missing))
		}
	case RoutingTransferred:
		f := d.From
		if f == nil || d.Token == "" {
			return Message{}, fmt.Errorf("render %s for %s: transfer link or code missing", kind, r.Number)
		}
		subject = pick(en, "Your request was transferred: new number ", "Permohonan Anda dialihkan: nomor baru ") + r.Number
		fmt.Fprintf(&t, pick(en, "The PPID of %s does not hold the information you asked for in request %s and has transferred it to %s, "+
			"which holds it. Your request is registered there:\n\n",
			"PPID %s tidak menguasai informasi yang Anda minta dalam permohonan nomor %s dan mengalihkannya kepada %s, "+
				"yang menguasainya. Permohonan Anda tercatat di sana:\n\n"), f.FromBodyName, f.FromNumber, b.Name)
		fmt.Fprintf(&t, "%s: %s\n", p.number, r.Number)
		fmt.Fprintf(&t, "%s: %s\n", pick(en, "New tracking code", "Kode pelacakan baru"), d.Token)
		fmt.Fprintf(&t, "%s: %s\n", p.received, workday.FormatDate(r.ReceivedOn, lang))
		fmt.Fprintf(&t, "%s: %s (%s)\n\n", p.due, workday.FormatDate(r.DueOn, lang), fmt.Sprintf(p.dueNote, terbuka.RequestDays))
		t.WriteString(pick(en, "Keep the code: it is sent only in this e-mail and is not shown anywhere else. "+
			"Your earlier number and code stay valid for the earlier request.\n\n",
			"Simpan kode ini: kode hanya dikirim melalui email ini dan tidak ditampilkan di tempat lain. "+
				"Nomor dan kode lama tetap berlaku untuk permohonan sebelumnya.\n\n"))
		fmt.Fprintf(&t, "%s:\n%s\n\n", p.information, excerpt(r.Information))
	default:
		return Message{}, fmt.Errorf("render %s for %s: unknown kind", kind, r.Number)
	}
	text := mask(fmt.Sprintf(p.greeting, r.Requester.Name)+t.String()+closing(p, b, r, portalURL), r, p)
	return Message{To: r.Requester.Email, Subject: mask(subject+" – "+b.Name, r, p), Text: text}, nil
}

// DispositionNotice is everything a staff routing notice says: about a
// disposition, never the requester (staff open the request in the app).
type DispositionNotice struct {
	Kind          string // RoutingDisposition, RoutingDispositionRemind or RoutingDispositionAnswer
	DispositionID int64
	Number        string
	ToBodyName    string
	DueOn         workday.Date
	// DaysLeft counts the working days after today up to DueOn.
	DaysLeft int
}

// NewDispositionNotice describes disposition d for a notice of kind on a
// day with daysLeft working days to its deadline.
func NewDispositionNotice(kind string, d terbuka.Disposition, daysLeft int) DispositionNotice {
	return DispositionNotice{Kind: kind, DispositionID: d.ID, Number: d.RequestNumber, ToBodyName: d.ToBodyName,
		DueOn: d.DueOn, DaysLeft: daysLeft}
}

// Ref is the queued mail's ref: disposition id|days left.
func (n DispositionNotice) Ref() string {
	return strconv.FormatInt(n.DispositionID, 10) + "|" + strconv.Itoa(n.DaysLeft)
}

// ParseDispositionRef reads a ref written by Ref: the disposition ID and
// the days left.
func ParseDispositionRef(ref string) (id int64, daysLeft int, err error) {
	a, b, ok := strings.Cut(ref, "|")
	if !ok {
		return 0, 0, fmt.Errorf("disposition mail ref %q: want id|days", ref)
	}
	if id, err = strconv.ParseInt(a, 10, 64); err != nil || id <= 0 {
		return 0, 0, fmt.Errorf("disposition mail ref %q: bad id", ref)
	}
	if daysLeft, err = strconv.Atoi(b); err != nil {
		return 0, 0, fmt.Errorf("disposition mail ref %q: %w", ref, err)
	}
	return id, daysLeft, nil
}

// Title is the notice in one line: notification title and mail subject.
func (n DispositionNotice) Title(lang string) string {
	en := lang == "en"
	switch n.Kind {
	case RoutingDispositionRemind:
		return pick(en, "Reminder: disposition of request "+n.Number+" is due "+workday.FormatDate(n.DueOn, lang),
			"Pengingat: disposisi permohonan "+n.Number+" jatuh tempo "+workday.FormatDate(n.DueOn, lang))
	case RoutingDispositionAnswer:
		return pick(en, n.ToBodyName+" answered the disposition of request "+n.Number,
			n.ToBodyName+" menjawab disposisi permohonan "+n.Number)
	}
	return pick(en, "Disposition: request "+n.Number+" forwarded to "+n.ToBodyName,
		"Disposisi: permohonan "+n.Number+" diteruskan ke "+n.ToBodyName)
}

// Summary is the notice in a few sentences: the notification body.
func (n DispositionNotice) Summary(lang string) string {
	en := lang == "en"
	due := workday.FormatDate(n.DueOn, lang)
	switch n.Kind {
	case RoutingDispositionRemind:
		return pick(en,
			fmt.Sprintf("The answer of %s to the PPID Utama on request %s is due by %s (%d working day(s) left). "+
				"Answer with the information or a proposal to deny it on the request's page.", n.ToBodyName, n.Number, due, max(n.DaysLeft, 0)),
			fmt.Sprintf("Jawaban %s kepada PPID Utama atas permohonan %s paling lambat %s (sisa %d hari kerja). "+
				"Jawab dengan informasi atau usulan penolakan di halaman permohonan.", n.ToBodyName, n.Number, due, max(n.DaysLeft, 0)))
	case RoutingDispositionAnswer:
		return pick(en,
			fmt.Sprintf("%s has answered the disposition of request %s. Read the answer and decide on the request.", n.ToBodyName, n.Number),
			fmt.Sprintf("%s telah menjawab disposisi permohonan %s. Baca jawabannya dan putuskan permohonan.", n.ToBodyName, n.Number))
	}
	return pick(en,
		fmt.Sprintf("The PPID Utama forwarded request %s to %s. Answer by %s with the information or a proposal to deny it.",
			n.Number, n.ToBodyName, due),
		fmt.Sprintf("PPID Utama meneruskan permohonan %s kepada %s. Jawab paling lambat %s dengan informasi atau usulan penolakan.",
			n.Number, n.ToBodyName, due))
}

// DispositionMessage renders a staff routing notice with a link to the
// request's staff page; instructions are the PPID Utama's (staff text,
// shown to staff). The caller sets To. It fails for an unknown kind or a
// notice without number.
func DispositionMessage(n DispositionNotice, instructions, lang, baseURL string) (Message, error) {
	switch n.Kind {
	case RoutingDisposition, RoutingDispositionRemind, RoutingDispositionAnswer:
	default:
		return Message{}, fmt.Errorf("render disposition mail: unknown kind %q", n.Kind)
	}
	if n.Number == "" {
		return Message{}, errors.New("render disposition mail: number is required")
	}
	en := lang == "en"
	var t strings.Builder
	t.WriteString(pick(en, "Dear PPID officer,\n\n", "Yth. Petugas PPID,\n\n"))
	t.WriteString(n.Summary(lang) + "\n\n")
	fmt.Fprintf(&t, "%s: %s\n", pick(en, "Registration number", "Nomor pendaftaran"), n.Number)
	fmt.Fprintf(&t, "%s: %s\n", pick(en, "Forwarded to", "Diteruskan kepada"), n.ToBodyName)
	fmt.Fprintf(&t, "%s: %s\n\n", pick(en, "Internal deadline", "Batas waktu internal"), workday.FormatDate(n.DueOn, lang))
	if n.Kind != RoutingDispositionAnswer && strings.TrimSpace(instructions) != "" {
		fmt.Fprintf(&t, "%s:\n%s\n\n", pick(en, "Instructions", "Instruksi"), strings.TrimSpace(instructions))
	}
	fmt.Fprintf(&t, "%s\n%s\n\n", pick(en, "Open the request:", "Buka permohonan:"), StaffURL(baseURL, n.Number))
	t.WriteString(pick(en,
		"The answer is internal: the requester does not see it. It also appears in your notifications.\n",
		"Jawaban bersifat internal dan tidak dilihat pemohon. Pesan ini juga tampil di notifikasi Anda.\n"))
	t.WriteString(phrasesFor(lang).automatic)
	return Message{Subject: n.Title(lang), Text: t.String()}, nil
}
