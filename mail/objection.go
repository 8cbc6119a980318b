package mail

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/pdf"
	"github.com/terbuka-id/terbuka/workday"
)

// Kinds of objection and dispute mail, as the store queues them; the ref
// is the objection number.
const (
	ObjectionReceipt      = "objection_receipt"       // to the requester: number, due date, what follows
	ObjectionDecided      = "objection_decided"       // to the requester: the decision, the letter attached
	ObjectionStaffFiled   = "objection_staff_filed"   // to the atasan PPID: a new objection to answer
	ObjectionStaffOrdered = "objection_staff_ordered" // to the PPID: the atasan ordered the information released
	ObjectionStaffDispute = "objection_staff_dispute" // to the atasan PPID and the PPID: a dispute at the KI
)

// IsObjectionKind reports whether a queued mail is one ObjectionMessage
// renders.
func IsObjectionKind(kind string) bool { return strings.HasPrefix(kind, "objection_") }

// ObjectionURL is the staff page of objection number.
func ObjectionURL(baseURL, number string) string {
	return strings.TrimRight(baseURL, "/") + "/staf/keberatan/" + url.PathEscape(number)
}

// ObjectionMessage renders mail of kind about the objection of in, in
// English when lang is "en" and Indonesian otherwise; portalURL is the
// portal's base address. Mail to the requester (ObjectionReceipt,
// ObjectionDecided) goes to the request's e-mail address and links to the
// tracking page; ObjectionDecided attaches the atasan PPID's letter. Staff
// mail has no To (the outbox sets the recipient), links to the staff page
// and never names the requester. Identity numbers typed into free text
// are masked. It fails for an unknown kind, a requester without e-mail,
// ObjectionDecided before the decision, or a letter that cannot be drawn.
func ObjectionMessage(kind string, in terbuka.ObjectionLetter, lang, portalURL string) (Message, error) {
	o, r := in.Objection, in.Request
	en := lang == "en"
	var m Message
	var t strings.Builder
	switch kind {
	case ObjectionReceipt, ObjectionDecided:
		if r.Requester.Email == "" {
			return Message{}, fmt.Errorf("render %s for %s: requester has no e-mail address", kind, o.Number)
		}
		m.To = r.Requester.Email
		fmt.Fprintf(&t, pick(en, "Dear %s,\n\n", "Yth. %s,\n\n"), r.Requester.Name)
	case ObjectionStaffFiled, ObjectionStaffOrdered, ObjectionStaffDispute:
		t.WriteString(pick(en, "Dear officer,\n\n", "Yth. Bapak/Ibu,\n\n"))
	default:
		return Message{}, fmt.Errorf("render %s for %s: unknown kind", kind, o.Number)
	}
	facts := func() {
		fmt.Fprintf(&t, "%s: %s\n", pick(en, "Objection number", "Nomor registrasi keberatan"), o.Number)
		fmt.Fprintf(&t, "%s: %s\n", pick(en, "Request number", "Nomor pendaftaran permohonan"), o.RequestNumber)
		fmt.Fprintf(&t, "%s: %s\n", pick(en, "Public body", "Badan publik"), in.Body.Name)
		fmt.Fprintf(&t, "%s: %s %s — %s\n", pick(en, "Ground (UU 14/2008 Article 35(1))", "Alasan (Pasal 35 ayat (1) UU 14/2008)"),
			pick(en, "letter", "huruf"), o.Reason, terbuka.Pasal35[o.Reason])
		fmt.Fprintf(&t, "%s: %s\n", pick(en, "Received on", "Tanggal diterima"), workday.FormatDate(o.ReceivedOn, lang))
		fmt.Fprintf(&t, "%s: %s\n\n", pick(en, "Answer due by", "Batas waktu tanggapan atasan PPID"), workday.FormatDate(o.DueOn, lang))
	}
	switch kind {
	case ObjectionReceipt:
		m.Subject = fmt.Sprintf(pick(en, "Objection %s registered", "Keberatan %s terdaftar"), o.Number)
		fmt.Fprintf(&t, pick(en, "Your keberatan on request %s has been received and registered for the atasan PPID of %s.\n\n",
			"Keberatan Anda atas permohonan %s telah diterima dan didaftarkan untuk diputus oleh atasan PPID %s.\n\n"), o.RequestNumber, in.Letterhead.Name)
		facts()
		fmt.Fprintf(&t, pick(en,
			"The atasan PPID must answer in writing within %d working days (UU 14/2008 Article 36(2)). If there is no answer by then, "+
				"or you are not satisfied with it, you may take the matter to the Komisi Informasi within %d working days (Article 37).\n\n",
			"Atasan PPID wajib memberikan tanggapan tertulis paling lambat %d hari kerja (Pasal 36 ayat (2) UU 14/2008). Bila tidak ada "+
				"tanggapan sampai batas waktu itu, atau Anda tidak puas dengan tanggapannya, Anda dapat mengajukan sengketa ke Komisi "+
				"Informasi paling lambat %d hari kerja sesudahnya (Pasal 37).\n\n"), terbuka.ObjectionAnswerDays, terbuka.DisputeFilingDays)
	case ObjectionDecided:
		d := o.Decision
		if d == nil {
			return Message{}, fmt.Errorf("render %s for %s: not decided", kind, o.Number)
		}
		doc, err := pdf.ObjectionDecision(in, lang)
		if err != nil {
			return Message{}, fmt.Errorf("render %s for %s: %w", kind, o.Number, err)
		}
		name := "tanggapan-keberatan-" + o.Number + ".pdf"
		m.Attachments = []Attachment{{Name: name, ContentType: "application/pdf", Data: doc}}
		m.Subject = fmt.Sprintf(pick(en, "Decision on objection %s", "Tanggapan atas keberatan %s"), o.Number)
		fmt.Fprintf(&t, pick(en, "The atasan PPID has answered your keberatan %s on request %s.\n\n",
			"Atasan PPID telah memberikan tanggapan atas keberatan Anda nomor %s terhadap permohonan %s.\n\n"), o.Number, o.RequestNumber)
		fmt.Fprintf(&t, "%s: %s\n", pick(en, "Decision", "Keputusan"), DecisionWords(*d, lang))
		if d.Reasons != "" {
			fmt.Fprintf(&t, "%s:\n%s\n", pick(en, "Reasons", "Alasan"), d.Reasons)
		}
		fmt.Fprintf(&t, "%s: %s, %s\n\n", pick(en, "Decided by", "Diputus oleh"), d.DecidedBy, d.Position)
		fmt.Fprintf(&t, pick(en, "The letter is attached as %s.\n\n", "Surat tanggapan terlampir sebagai %s.\n\n"), name)
		fmt.Fprintf(&t, pick(en,
			"If you are not satisfied, you may lodge a public information dispute with the Komisi Informasi within %d working days of this answer (UU 14/2008 Article 37(2))",
			"Bila Anda tidak puas, Anda dapat mengajukan sengketa informasi publik ke Komisi Informasi paling lambat %d hari kerja setelah tanggapan ini (Pasal 37 ayat (2) UU 14/2008)"),
			terbuka.DisputeFilingDays)
		if !in.DisputeBy.IsZero() {
			fmt.Fprintf(&t, pick(en, ", that is by %s", ", yaitu sampai %s"), workday.FormatDate(in.DisputeBy, lang))
		}
		t.WriteString(pick(en, ". Please record it on the tracking page once lodged.\n\n",
			". Setelah diajukan, catat sengketa itu pada halaman lacak.\n\n"))
	case ObjectionStaffFiled:
		title, text := terbuka.ObjectionNotice(o)
		m.Subject = title
		t.WriteString(text + "\n\n")
		facts()
	case ObjectionStaffOrdered:
		title, text := terbuka.ReleaseOrderNotice(o)
		m.Subject = title
		t.WriteString(text + "\n\n")
		facts()
	case ObjectionStaffDispute:
		if o.Dispute == nil {
			return Message{}, fmt.Errorf("render %s for %s: no dispute", kind, o.Number)
		}
		title, text := terbuka.DisputeNotice(o, *o.Dispute)
		m.Subject = title
		t.WriteString(text + "\n\n")
		facts()
	}
	if m.To != "" {
		fmt.Fprintf(&t, "%s\n%s\n\n", pick(en, "Follow your request and objection on the tracking page, with your tracking code:",
			"Pantau permohonan dan keberatan Anda pada halaman lacak dengan kode pelacakan Anda:"), trackingURL(portalURL, o.RequestNumber))
		t.WriteString(pick(en, "Kind regards,\nAtasan PPID ", "Hormat kami,\nAtasan PPID ") + in.Letterhead.Name + "\n\n")
	} else {
		fmt.Fprintf(&t, "%s\n%s\n\n", pick(en, "Open the objection:", "Buka keberatan:"), ObjectionURL(portalURL, o.Number))
		t.WriteString(pick(en, "It also appears in your notifications in Terbuka.\n\n", "Pesan ini juga tampil di notifikasi Anda di Terbuka.\n\n"))
	}
	t.WriteString(pick(en, "This message was sent automatically; please do not reply to it.\n",
		"Pesan ini dikirim secara otomatis; mohon tidak membalas pesan ini.\n"))
	m.Subject = maskIDs(m.Subject, r, en)
	m.Text = maskIDs(t.String(), r, en)
	return m, nil
}

// DecisionWords is the atasan PPID's decision in plain words.
func DecisionWords(d terbuka.ObjectionDecision, lang string) string {
	en := lang == "en"
	switch {
	case d.Kind == terbuka.Upheld:
		return pick(en, "the atasan PPID upheld the PPID's decision; the keberatan is not granted",
			"atasan PPID menguatkan keputusan PPID; keberatan tidak diterima")
	case d.Release == terbuka.ReleasePartial:
		return pick(en, "the atasan PPID ordered the PPID to provide part of the information; the keberatan is granted in part",
			"atasan PPID memerintahkan PPID memberikan sebagian informasi; keberatan diterima sebagian")
	}
	return pick(en, "the atasan PPID ordered the PPID to provide the information; the keberatan is granted",
		"atasan PPID memerintahkan PPID memberikan informasi yang dimohon; keberatan diterima")
}

// maskIDs hides the requester's and representative's identity numbers.
func maskIDs(s string, r terbuka.Request, en bool) string {
	ids := []string{r.Requester.IDNumber}
	if r.Representative != nil {
		ids = append(ids, r.Representative.IDNumber)
	}
	for _, id := range ids {
		if id = strings.TrimSpace(id); len(id) >= 6 {
			s = strings.ReplaceAll(s, id, pick(en, "[ID number withheld]", "[nomor identitas disembunyikan]"))
		}
	}
	return s
}
