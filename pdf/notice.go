package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// Notices draws the documents of a decision: the written notice and, for
// a refusal, the SK PPID penolakan. It implements terbuka.NoticeRenderer;
// the zero value is ready to use. Documents are in the requester's
// language (d.Request.Lang: "en" for English, Indonesian otherwise) and
// their bytes depend only on the document (dated d.IssuedAt).
type Notices struct{}

var _ terbuka.NoticeRenderer = Notices{}

// summaryRunes is how much of the consequence test the notice quotes; the
// SK penolakan prints it whole.
const summaryRunes = 600

// Notice renders the surat pemberitahuan tertulis of UU 14/2008 Pasal
// 22(7), laid out like the form annexed to Perki 1/2021: the body's
// letterhead, the notice number and date, the request it answers, the
// points a–g of Pasal 22(7) (whether the information is held, who holds
// it, the decision and its reasons, what is given, what is exempted and
// why, medium and format, the fee and how to pay), the right to file
// keberatan with its last day, the legal basis and the PPID's signature.
// It fails when d has no decision or the document cannot be drawn.
func (Notices) Notice(d terbuka.NoticeDocument) ([]byte, error) {
	r, dec := d.Request, d.Request.Decision
	if dec == nil {
		return nil, fmt.Errorf("notice %s: request %s has no decision", d.Number, r.Number)
	}
	lang := r.Lang
	w, rw := noticeWordsFor(lang), wordsFor(lang)
	loc := d.Body.Settings.Location()
	f, err := newDocument(meta{title: w.noticeTitle + " " + d.Number, author: d.Body.Name, subject: r.Number,
		lang: lang, issued: d.IssuedAt, footer: fmt.Sprintf(w.numberLine, d.Number)})
	if err != nil {
		return nil, fmt.Errorf("notice %s: %w", d.Number, err)
	}
	f.AddPage()
	l := letter{f: f}
	l.kop(d.Body, rw)
	l.title(w.noticeTitle, fmt.Sprintf(w.numberLine, d.Number))

	submitted := workday.DateOf(r.SubmittedAt.In(loc))
	l.paragraph(fmt.Sprintf(w.intro, dayMonthYear(submitted, lang), r.Number))
	l.row(w.name, r.Requester.Name)
	l.row(w.address, r.Requester.Address)
	l.row(w.contact, contact(r.Requester))

	l.heading(w.requestHeading)
	l.row(w.regNumber, r.Number)
	l.row(w.submitted, workday.FormatDate(submitted, lang))
	l.row(w.information, r.Information)
	l.row(w.purpose, r.Purpose)
	l.row(w.obtain, obtainWord(r.Obtain, lang))
	l.row(w.delivery, deliveryWord(r.Delivery, lang))

	l.heading(w.itemsHeading)
	noticeItems(l, w, d, lang)

	l.heading(w.objectionHeading)
	l.row(w.objectionRow, workday.FormatDate(d.ObjectionDueOn, lang))
	l.paragraph(fmt.Sprintf(w.objection, terbuka.ObjectionFilingDays, workday.FormatDate(d.ObjectionDueOn, lang), r.Number))
	if d.RefusalNumber != "" {
		l.paragraph(fmt.Sprintf(w.refusalAttached, d.RefusalNumber))
	}
	l.heading(w.legalHeading)
	l.paragraph(w.legal)

	signedBy(l, dayMonthYear(d.IssuedOn, lang), w.ppid, d.Body.Name, d.Signer)
	l.note(fmt.Sprintf(w.made, instant(d.IssuedAt, loc, lang)))
	out, err := output(f)
	if err != nil {
		return nil, fmt.Errorf("notice %s: %w", d.Number, err)
	}
	return out, nil
}

// noticeItems draws points a–g of Pasal 22(7).
func noticeItems(l letter, w noticeWords, d terbuka.NoticeDocument, lang string) {
	r, dec := d.Request, d.Request.Decision
	body := d.Body.Name
	basis, ground := "", ""
	if x := dec.Exemption; x != nil {
		basis, ground = x.Basis, terbuka.Pasal17[x.Letter]
	}

	var held, holder, decided, given, exempt string
	switch dec.Kind {
	case terbuka.NotHeld:
		held, holder = fmt.Sprintf(w.heldNo, body), w.holderUnknown
	case terbuka.Transferred:
		held, holder = fmt.Sprintf(w.heldNo, body), dec.TransferredTo
	case terbuka.NotDocumented:
		held, holder = fmt.Sprintf(w.heldUndocumented, body), fmt.Sprintf(w.holderSelf, body)
	default:
		held, holder = fmt.Sprintf(w.heldYes, body), fmt.Sprintf(w.holderSelf, body)
	}
	switch dec.Kind {
	case terbuka.Granted:
		decided, given, exempt = w.decidedGranted, w.givenAll, w.exemptNone
	case terbuka.PartiallyGranted:
		decided, given = fmt.Sprintf(w.decidedPartial, basis, ground), w.givenPart
		exempt = fmt.Sprintf(w.exemptPart, basis, ground)
	case terbuka.Denied:
		decided, given = fmt.Sprintf(w.decidedDenied, basis, ground), w.givenNone
		exempt = fmt.Sprintf(w.exemptAll, basis, ground)
	case terbuka.NotHeld:
		decided, given, exempt = w.decidedNotHeld, w.givenNone, w.exemptNone
	case terbuka.NotDocumented:
		decided, given, exempt = w.decidedNotDocumented, w.givenNone, w.exemptNone
	case terbuka.Transferred:
		decided, given, exempt = fmt.Sprintf(w.decidedTransferred, dec.TransferredTo), w.givenNone, w.exemptNone
	}
	if note := strings.TrimSpace(dec.Note); note != "" {
		decided += "\n" + fmt.Sprintf(w.ppidNote, note)
	}
	if x := dec.Exemption; x != nil && dec.Kind.NeedsExemption() && x.ConsequenceTest != "" {
		exempt += "\n" + fmt.Sprintf(w.consequenceSummary, shorten(x.ConsequenceTest, summaryRunes))
	}
	l.row(w.itemHeld, held)
	l.row(w.itemHolder, holder)
	l.row(w.itemDecision, decided)
	l.row(w.itemGiven, given)
	l.row(w.itemExempt, exempt)
	if dec.Kind.Grants() {
		l.row(w.itemMedium, fmt.Sprintf(w.mediumLine, obtainWord(r.Obtain, lang), deliveryWord(r.Delivery, lang)))
	} else {
		l.row(w.itemMedium, w.mediumNone)
	}
	q := d.Fee
	if q == nil || q.Total == 0 {
		l.row(w.itemFee, w.feeNone)
		return
	}
	l.row(w.itemFee, w.feeTotal+": "+terbuka.FormatRupiah(q.Total))
	feeTable(l, w, q)
	how := strings.TrimSpace(d.PaymentInstructions)
	if how == "" {
		how = w.feeHowDefault
	}
	l.paragraph(fmt.Sprintf(w.feeHow, how))
	if p := q.Payment; p != nil {
		l.paragraph(fmt.Sprintf(w.feePaid, instant(p.PaidAt, d.Body.Settings.Location(), lang)))
	}
}

// Fee table columns in millimetres; they add up to textWidth.
const (
	feeItemWidth  = 80.0
	feeQtyWidth   = 25.0
	feePriceWidth = 30.0
	feeSubWidth   = textWidth - feeItemWidth - feeQtyWidth - feePriceWidth
)

// feeTable draws the lines of a quote and its total.
func feeTable(l letter, w noticeWords, q *terbuka.FeeQuote) {
	f := l.f
	l.keep(lineHeight * 3)
	f.SetFont(family, "B", bodySize-1)
	for _, c := range []struct {
		w     float64
		s, al string
	}{{feeItemWidth, w.feeItem, "L"}, {feeQtyWidth, w.feeQty, "R"}, {feePriceWidth, w.feeUnitPrice, "R"}, {feeSubWidth, w.feeSubtotal, "R"}} {
		f.CellFormat(c.w, lineHeight+1, clean(c.s), "B", 0, c.al, false, 0, "")
	}
	f.Ln(lineHeight + 1)
	f.SetFont(family, "", bodySize-1)
	for _, ln := range q.Lines {
		l.keep(lineHeight * 2)
		y := f.GetY()
		f.SetXY(marginLeft, y)
		f.MultiCell(feeItemWidth, lineHeight, clean(ln.Name), "", "L", false)
		end := f.GetY()
		f.SetXY(marginLeft+feeItemWidth, y)
		f.CellFormat(feeQtyWidth, lineHeight, clean(strconv.Itoa(ln.Quantity)+" "+ln.Unit), "", 0, "R", false, 0, "")
		f.CellFormat(feePriceWidth, lineHeight, terbuka.FormatRupiah(ln.UnitPrice), "", 0, "R", false, 0, "")
		f.CellFormat(feeSubWidth, lineHeight, terbuka.FormatRupiah(ln.Subtotal), "", 0, "R", false, 0, "")
		f.SetY(max(end, y+lineHeight))
	}
	f.SetFont(family, "B", bodySize-1)
	f.CellFormat(textWidth-feeSubWidth, lineHeight+1, clean(w.feeTotal), "T", 0, "R", false, 0, "")
	f.CellFormat(feeSubWidth, lineHeight+1, terbuka.FormatRupiah(q.Total), "T", 1, "R", false, 0, "")
	f.Ln(1.5)
}

// signedBy draws the signature block on the right with the signer's name
// under the room to sign. The block never splits across pages.
func signedBy(l letter, dated, role, office, name string) {
	f := l.f
	l.keep(signHeight)
	f.Ln(2)
	x := pageWidth - marginRight - signWidth
	f.SetFont(family, "", bodySize)
	for _, s := range []string{dated, role, office} {
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

// contact is the requester's phone and e-mail, as the form's one line.
func contact(q terbuka.Requester) string {
	var parts []string
	for _, s := range []string{q.Phone, q.Email} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " / ")
}

// shorten cuts s to n runes at a word boundary, marking the cut.
func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexAny(cut, " \n"); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + " …"
}
