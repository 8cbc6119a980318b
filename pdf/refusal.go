package pdf

import (
	"fmt"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// Refusal renders the SK PPID penolakan (keputusan PPID tentang penolakan
// permohonan informasi) of a refused request, laid out like the form
// annexed to Perki 1/2021: the registration number and the applicant, the
// information requested, what the PPID decided the information is, the
// ground (for exempt information the Pasal 17 letter and the whole
// consequence test: the harm in releasing it; otherwise why the
// information cannot be given), the refusal itself, the right to file
// keberatan with its last day, and the PPID's signature. It fails for a
// decision that is not a refusal.
func (Notices) Refusal(d terbuka.NoticeDocument) ([]byte, error) {
	r, dec := d.Request, d.Request.Decision
	if dec == nil || !dec.Kind.Refusal() {
		return nil, fmt.Errorf("sk penolakan %s: request %s is not refused", d.RefusalNumber, r.Number)
	}
	lang := r.Lang
	w, rw := noticeWordsFor(lang), wordsFor(lang)
	loc := d.Body.Settings.Location()
	f, err := newDocument(meta{title: w.refusalTitle + " " + d.RefusalNumber, author: d.Body.Name, subject: r.Number,
		lang: lang, issued: d.IssuedAt, footer: fmt.Sprintf(w.numberLine, d.RefusalNumber)})
	if err != nil {
		return nil, fmt.Errorf("sk penolakan %s: %w", d.RefusalNumber, err)
	}
	f.AddPage()
	l := letter{f: f}
	l.kop(d.Body, rw)
	l.title(w.refusalTitle, fmt.Sprintf(w.numberLine, d.RefusalNumber))

	l.row(w.regNumber, r.Number)
	l.row(w.submitted, workday.FormatDate(workday.DateOf(r.SubmittedAt.In(loc)), lang))
	l.row(w.name, r.Requester.Name)
	l.row(w.address, r.Requester.Address)
	l.row(w.contact, contact(r.Requester))
	l.row(w.information, r.Information)
	l.row(w.purpose, r.Purpose)

	l.paragraph(fmt.Sprintf(w.refusalIntro, d.Body.Name))
	what := map[terbuka.DecisionKind]string{terbuka.Denied: w.refusalDenied, terbuka.NotHeld: w.refusalNotHeld,
		terbuka.NotDocumented: w.refusalNotDocumented}[dec.Kind]
	l.title(what, "")

	l.heading(w.refusalReasons)
	switch x := dec.Exemption; {
	case dec.Kind == terbuka.Denied && x != nil:
		basis := x.Basis
		if ground := terbuka.Pasal17[x.Letter]; ground != "" {
			basis += " (" + ground + ")"
		}
		l.row(w.refusalBasis, basis)
		l.paragraph(w.refusalHarm)
		l.paragraph(x.ConsequenceTest)
	case dec.Kind == terbuka.NotHeld:
		l.row(w.refusalBasis, w.refusalNoExemption)
		l.paragraph(fmt.Sprintf(w.refusalNotHeldWhy, d.Body.Name))
	default:
		l.row(w.refusalBasis, w.refusalNoExemption)
		l.paragraph(fmt.Sprintf(w.refusalNotDocumentedWhy, d.Body.Name))
	}
	if note := strings.TrimSpace(dec.Note); note != "" {
		l.paragraph(fmt.Sprintf(w.ppidNote, note))
	}
	l.f.SetFont(family, "B", bodySize)
	l.f.MultiCell(textWidth, lineHeight, clean(w.refusalDecided), "", "L", false)
	l.f.Ln(2)

	l.heading(w.objectionHeading)
	l.row(w.objectionRow, workday.FormatDate(d.ObjectionDueOn, lang))
	l.paragraph(fmt.Sprintf(w.refusalObjection, terbuka.ObjectionFilingDays, workday.FormatDate(d.ObjectionDueOn, lang)))
	l.paragraph(fmt.Sprintf(w.refusalOfNotice, d.Number))
	l.paragraph(w.refusalLegal)

	signedBy(l, dayMonthYear(d.IssuedOn, lang), w.ppid, d.Body.Name, d.Signer)
	l.note(fmt.Sprintf(w.made, instant(d.IssuedAt, loc, lang)))
	out, err := output(f)
	if err != nil {
		return nil, fmt.Errorf("sk penolakan %s: %w", d.RefusalNumber, err)
	}
	return out, nil
}
