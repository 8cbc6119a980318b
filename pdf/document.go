// Package pdf renders Terbuka's documents (for now the receipt of a
// request) as A4 PDFs laid out like Indonesian official letters.
//
// Output is deterministic: the same input and issue time give the same
// bytes, so documents can be compared in tests and cached. Fonts (DejaVu
// Serif, see fonts/LICENSE) are embedded, so no system fonts are needed.
package pdf

import (
	"bytes"
	"embed"
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"
)

//go:embed fonts/DejaVuSerif.ttf fonts/DejaVuSerif-Bold.ttf
var fonts embed.FS

// Page geometry in millimetres (A4, portrait).
const (
	pageWidth    = 210.0
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 15.0
	marginBottom = 20.0
	textWidth    = pageWidth - marginLeft - marginRight

	family = "DejaVuSerif"
)

// meta describes a document for its metadata and running footer.
type meta struct {
	title   string
	author  string
	subject string
	lang    string
	issued  time.Time
	footer  string // left side of every page's footer
}

// newDocument starts an A4 document with the embedded fonts, fixed
// metadata (so the bytes depend only on the input) and a footer that
// numbers the pages.
func newDocument(m meta) (*fpdf.Fpdf, error) {
	regular, err := fonts.ReadFile("fonts/DejaVuSerif.ttf")
	if err != nil {
		return nil, fmt.Errorf("read font: %w", err)
	}
	bold, err := fonts.ReadFile("fonts/DejaVuSerif-Bold.ttf")
	if err != nil {
		return nil, fmt.Errorf("read font: %w", err)
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.AddUTF8FontFromBytes(family, "", regular)
	f.AddUTF8FontFromBytes(family, "B", bold)
	f.SetTitle(m.title, true)
	f.SetAuthor(m.author, true)
	f.SetSubject(m.subject, true)
	f.SetCreator("Terbuka", true)
	f.SetCreationDate(m.issued)
	f.SetModificationDate(m.issued)
	f.SetCatalogSort(true)
	if m.lang == "en" {
		f.SetLang("en")
	} else {
		f.SetLang("id")
	}
	f.AliasNbPages("{nb}")
	page := "Halaman %d dari {nb}"
	if m.lang == "en" {
		page = "Page %d of {nb}"
	}
	footer := clean(m.footer)
	f.SetFooterFunc(func() {
		f.SetY(-marginBottom + 6)
		f.SetFont(family, "", 8)
		f.CellFormat(textWidth/2, 4, footer, "", 0, "L", false, 0, "")
		f.CellFormat(textWidth/2, 4, fmt.Sprintf(page, f.PageNo()), "", 0, "R", false, 0, "")
	})
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("set up document: %w", err)
	}
	return f, nil
}

// output finishes the document and returns its bytes, or the first error
// fpdf recorded while drawing.
func output(f *fpdf.Fpdf) ([]byte, error) {
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("draw document: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("write document: %w", err)
	}
	return buf.Bytes(), nil
}
