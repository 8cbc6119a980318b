package pdf

import (
	"strings"
	"unicode"

	"github.com/go-pdf/fpdf"

	"github.com/terbuka-id/terbuka"
)

// Table and text metrics in millimetres and points.
const (
	lineHeight  = 4.6
	labelWidth  = 62.0
	colonWidth  = 4.0
	valueWidth  = textWidth - labelWidth - colonWidth
	bodySize    = 10.0
	signWidth   = 75.0
	signHeight  = 44.0 // date, role, office, room to sign, name line, note
	emptyMarker = "-"

	// longValueLines is the most lines a value may take in its column
	// before it is drawn across the full width instead.
	longValueLines = 12
)

// letter draws the parts of an official letter onto a document. Every
// method cleans its text first, so user input cannot make fpdf fail.
type letter struct {
	f *fpdf.Fpdf
}

// kop draws the letterhead: the body's name, the PPID line, its address
// and contacts when set, and the double rule that closes a kop surat.
func (l letter) kop(b terbuka.Body, w words) {
	f := l.f
	f.SetFont(family, "B", 14)
	f.MultiCell(textWidth, 6.5, clean(b.Name), "", "C", false)
	f.SetFont(family, "", 11)
	f.MultiCell(textWidth, 5.5, "Pejabat Pengelola Informasi dan Dokumentasi (PPID)", "", "C", false)
	f.SetFont(family, "", 9)
	if b.Address != "" {
		f.MultiCell(textWidth, 4.5, clean(b.Address), "", "C", false)
	}
	var contact []string
	for _, c := range []struct{ label, value string }{
		{w.phone, b.Phone}, {w.email, b.Email}, {w.website, b.Website},
	} {
		if v := strings.TrimSpace(c.value); v != "" {
			contact = append(contact, c.label+" "+v)
		}
	}
	if len(contact) > 0 {
		f.MultiCell(textWidth, 4.5, clean(strings.Join(contact, " · ")), "", "C", false)
	}
	y := f.GetY() + 2
	f.SetLineWidth(0.8)
	f.Line(marginLeft, y, pageWidth-marginRight, y)
	f.SetLineWidth(0.2)
	f.Line(marginLeft, y+1, pageWidth-marginRight, y+1)
	f.SetY(y + 6)
}

// title draws the centred document title and a line under it (the
// registration number).
func (l letter) title(title, sub string) {
	f := l.f
	f.SetFont(family, "B", 12)
	f.MultiCell(textWidth, 6, clean(title), "", "C", false)
	f.SetFont(family, "", 11)
	f.MultiCell(textWidth, 6, clean(sub), "", "C", false)
	f.Ln(4)
}

// heading starts a section; it moves to a new page rather than stand alone
// at the foot of one.
func (l letter) heading(s string) {
	f := l.f
	l.keep(3 * lineHeight)
	f.Ln(2)
	f.SetFont(family, "B", bodySize+0.5)
	f.MultiCell(textWidth, lineHeight+1, clean(s), "", "L", false)
	f.Ln(1)
}

// row draws one "label : value" line of a form table. A value wraps in its
// column; a very long one goes full width under its label and may run over
// pages. An empty value shows a dash.
func (l letter) row(label, value string) {
	f := l.f
	value = clean(value)
	if strings.TrimSpace(value) == "" {
		value = emptyMarker
	}
	f.SetFont(family, "", bodySize)
	lines := len(f.SplitText(value, valueWidth))
	if lines > longValueLines {
		// A narrow column would stretch a long text over many pages;
		// the full width below the label reads better.
		l.keep(3 * lineHeight)
		f.MultiCell(textWidth, lineHeight, clean(label)+":", "", "L", false)
		f.MultiCell(textWidth, lineHeight, value, "", "J", false)
		f.Ln(0.6)
		return
	}
	l.keep(lineHeight * float64(min(3, lines)))
	page, y := f.PageNo(), f.GetY()
	f.SetXY(marginLeft, y)
	f.MultiCell(labelWidth, lineHeight, clean(label), "", "L", false)
	labelEnd := f.GetY()
	f.SetXY(marginLeft+labelWidth, y)
	f.CellFormat(colonWidth, lineHeight, ":", "", 0, "L", false, 0, "")
	f.SetXY(marginLeft+labelWidth+colonWidth, y)
	f.MultiCell(valueWidth, lineHeight, value, "", "L", false)
	if f.PageNo() == page && labelEnd > f.GetY() {
		f.SetY(labelEnd)
	}
	f.Ln(0.6)
}

// paragraph draws justified body text across the full width.
func (l letter) paragraph(s string) {
	f := l.f
	f.SetFont(family, "", bodySize)
	f.MultiCell(textWidth, lineHeight, clean(s), "", "J", false)
	f.Ln(1.5)
}

// note draws small print, such as how the document was made.
func (l letter) note(s string) {
	f := l.f
	f.SetFont(family, "", 8)
	f.MultiCell(textWidth, 4, clean(s), "", "L", false)
}

// signature draws the block on the right: place and date, the signer's
// role and office, room to sign, and a dotted line for the name. The block
// and the note that may follow it never split across pages.
func (l letter) signature(dated, role, office string) {
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
	f.CellFormat(signWidth, lineHeight, "(.................................................)", "", 1, "C", false, 0, "")
	f.Ln(2)
}

// keep starts a new page unless h millimetres still fit on this one.
func (l letter) keep(h float64) {
	f := l.f
	_, pageHeight := f.GetPageSize()
	if f.GetY()+h > pageHeight-marginBottom {
		f.AddPage()
	}
}

// clean makes text safe to draw: fpdf fails on runes outside the Basic
// Multilingual Plane (emoji) and draws control characters as boxes, so
// those become U+FFFD and spaces. Newlines are kept.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r > 0xFFFF:
			return '\uFFFD'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}
