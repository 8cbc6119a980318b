package pdf

import (
	"fmt"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// ObjectionDecision renders the tanggapan atasan PPID atas keberatan, a
// formal letter on the government's letterhead: the objection number and
// the letter's date, the requester (or proxy), the request and objection
// numbers, the information asked for, the Pasal 35(1) ground and the
// requester's statement, the decision (upholding the PPID, or ordering the
// information released in full or in part) with its written reasons, the
// right to take the matter to the Komisi Informasi within 14 working days
// (Pasal 37), and a signature block with the atasan's name and position.
//
// It is dated the moment of the decision in the body's zone, so the same
// objection always gives the same bytes. lang "en" gives English words
// around the Indonesian legal terms; anything else gives Indonesian. It
// fails for an objection without a decision.
func ObjectionDecision(in terbuka.ObjectionLetter, lang string) ([]byte, error) {
	o, dec := in.Objection, in.Objection.Decision
	if dec == nil {
		return nil, fmt.Errorf("objection letter %s: not decided", o.Number)
	}
	w, rw := objectionWordsFor(lang), wordsFor(lang)
	loc := in.Body.Settings.Location()
	head := in.Letterhead
	if head.Name == "" {
		head = in.Body
	}
	f, err := newDocument(meta{title: w.title + " " + o.Number, author: head.Name, subject: o.Number, lang: lang,
		issued: dec.DecidedAt, footer: w.number + ": " + o.Number})
	if err != nil {
		return nil, fmt.Errorf("objection letter %s: %w", o.Number, err)
	}
	f.AddPage()
	l := letter{f: f}
	l.kop(head, rw)
	l.title(w.title, w.number+": "+o.Number)
	decided := workday.DateOf(dec.DecidedAt.In(loc))
	l.row(w.date, dayMonthYear(decided, lang))
	l.row(w.subject, w.subjectText)

	r := in.Request
	l.heading(w.partiesHeading)
	l.row(rw.name, r.Requester.Name)
	if rep := r.Representative; rep != nil {
		l.row(rw.repName, rep.Name)
	}
	l.row(rw.address, r.Requester.Address)
	l.row(w.requestNumber, r.Number)
	l.row(w.body, in.Body.Name)
	l.row(rw.information, r.Information)
	l.row(rw.purpose, r.Purpose)
	l.row(w.objectionNumber, o.Number)
	l.row(w.received, workday.FormatDate(o.ReceivedOn, lang))
	l.row(w.reason, fmt.Sprintf(w.reasonText, o.Reason, terbuka.Pasal35[o.Reason]))
	l.row(w.statement, o.Statement)

	l.heading(w.decisionHeading)
	l.paragraph(fmt.Sprintf(w.considered, o.Number, dayMonthYear(o.ReceivedOn, lang)))
	l.row(w.decision, objectionDecisionWords(*dec, w))
	l.row(w.reasons, dec.Reasons)
	if dec.Kind == terbuka.ReleaseOrdered {
		l.paragraph(w.release)
	}

	l.heading(w.rightsHeading)
	rights := fmt.Sprintf(w.rights, terbuka.DisputeFilingDays)
	if !in.DisputeBy.IsZero() {
		rights += " " + fmt.Sprintf(w.rightsBy, workday.FormatDate(in.DisputeBy, lang))
	}
	l.paragraph(rights)
	l.paragraph(w.legal)

	objectionSigned(l, dayMonthYear(decided, lang), w.signer, dec.Position, dec.DecidedBy)
	l.note(fmt.Sprintf(w.made, instant(dec.DecidedAt, loc, lang)))
	out, err := output(f)
	if err != nil {
		return nil, fmt.Errorf("objection letter %s: %w", o.Number, err)
	}
	return out, nil
}

// objectionDecisionWords states the decision in the letter's words.
func objectionDecisionWords(d terbuka.ObjectionDecision, w objectionWords) string {
	if d.Kind == terbuka.Upheld {
		return w.upheld
	}
	if d.Release == terbuka.ReleasePartial {
		return w.releasePartial
	}
	return w.releaseFull
}

// objectionSigned draws the signature block: date, role, position, room
// to sign and the signer's name.
func objectionSigned(l letter, dated, role, position, name string) {
	f := l.f
	l.keep(signHeight)
	f.Ln(2)
	x := pageWidth - marginRight - signWidth
	f.SetFont(family, "", bodySize)
	for _, s := range []string{dated, role, position} {
		f.SetX(x)
		f.MultiCell(signWidth, lineHeight, clean(s), "", "C", false)
	}
	f.Ln(15)
	f.SetX(x)
	if strings.TrimSpace(name) == "" {
		name = "................................................."
	}
	f.SetFont(family, "B", bodySize)
	f.MultiCell(signWidth, lineHeight, "("+clean(name)+")", "", "C", false)
	f.Ln(2)
}

// objectionWords are the letter's labels in one language.
type objectionWords struct {
	title, number, date, subject, subjectText                      string
	partiesHeading, requestNumber, body, objectionNumber, received string
	reason, reasonText, statement                                  string
	decisionHeading, considered, decision, reasons                 string
	upheld, releaseFull, releasePartial, release                   string
	rightsHeading, rights, rightsBy, legal, signer, made           string
}

func objectionWordsFor(lang string) objectionWords {
	if lang == "en" {
		return objectionWords{
			title: "RESPONSE OF THE ATASAN PPID TO AN OBJECTION (TANGGAPAN ATAS KEBERATAN)", number: "Objection number",
			date: "Date", subject: "Subject", subjectText: "Written response to a keberatan (UU 14/2008 Article 36)",
			partiesHeading: "The objection", requestNumber: "Request registration number", body: "Public body (PPID)",
			objectionNumber: "Objection registration number", received: "Objection received on",
			reason: "Ground of the objection", reasonText: "Article 35(1) letter %s UU 14/2008: %s",
			statement: "Statement of the objection", decisionHeading: "Response of the atasan PPID",
			considered: "Having examined objection %s, received on %s, and the PPID's handling of the request, the atasan PPID decides:",
			decision:   "Decision", reasons: "Written reasons",
			upheld:         "The objection is not granted: the atasan PPID upholds the PPID's decision (menguatkan putusan PPID)",
			releaseFull:    "The objection is granted: the atasan PPID orders the PPID to provide the information requested in full",
			releasePartial: "The objection is granted in part: the atasan PPID orders the PPID to provide part of the information requested",
			release:        "The PPID must carry out this order and provide the information as decided above.",
			rightsHeading:  "Right to a dispute before the Komisi Informasi",
			rights: "If you are not satisfied with this response, you may lodge a request to settle a public information dispute " +
				"(sengketa informasi publik) with the competent Komisi Informasi within %d working days of receiving it " +
				"(UU 14/2008 Article 37(2)).",
			rightsBy: "The last day is %s.",
			legal: "Legal basis: Law No. 14 of 2008 on Public Information Disclosure, Articles 35 to 38, and Perki 1/2021 " +
				"on Public Information Service Standards.",
			signer: "Atasan PPID",
			made:   "This letter was generated electronically on %s.",
		}
	}
	return objectionWords{
		title: "TANGGAPAN ATASAN PPID ATAS KEBERATAN", number: "Nomor registrasi keberatan",
		date: "Tanggal", subject: "Perihal", subjectText: "Tanggapan tertulis atas keberatan (Pasal 36 UU 14/2008)",
		partiesHeading: "Keberatan", requestNumber: "Nomor pendaftaran permohonan", body: "Badan publik (PPID)",
		objectionNumber: "Nomor registrasi keberatan", received: "Tanggal keberatan diterima",
		reason: "Alasan keberatan", reasonText: "Pasal 35 ayat (1) huruf %s UU 14/2008: %s",
		statement: "Uraian keberatan", decisionHeading: "Tanggapan atasan PPID",
		considered: "Setelah memeriksa keberatan nomor %s yang diterima pada %s dan penanganan permohonan oleh PPID, atasan PPID memutuskan:",
		decision:   "Keputusan", reasons: "Alasan tertulis",
		upheld:         "Keberatan tidak diterima: atasan PPID menguatkan putusan PPID",
		releaseFull:    "Keberatan diterima: atasan PPID memerintahkan PPID memberikan seluruh informasi yang dimohon",
		releasePartial: "Keberatan diterima sebagian: atasan PPID memerintahkan PPID memberikan sebagian informasi yang dimohon",
		release:        "PPID wajib melaksanakan perintah ini dan memberikan informasi sesuai keputusan di atas.",
		rightsHeading:  "Hak mengajukan sengketa ke Komisi Informasi",
		rights: "Apabila Saudara tidak puas dengan tanggapan ini, Saudara dapat mengajukan permohonan penyelesaian sengketa " +
			"informasi publik kepada Komisi Informasi yang berwenang paling lambat %d hari kerja setelah diterimanya " +
			"tanggapan tertulis ini (Pasal 37 ayat (2) UU 14/2008).",
		rightsBy: "Batas akhirnya %s.",
		legal: "Dasar hukum: Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Pasal 35 sampai dengan " +
			"Pasal 38, dan Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik.",
		signer: "Atasan PPID",
		made:   "Surat ini dibuat secara elektronik pada %s.",
	}
}
