package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"github.com/terbuka-id/terbuka"
)

const kalimat = "Anggaran pembangunan jembatan desa tahun 2025 disetujui"

// makePDF writes a real two-page PDF with fpdf, each line in its own cell.
func makePDF(t testing.TB, pages ...[]string) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCreationDate(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	p.SetFont("Helvetica", "", 12)
	for _, lines := range pages {
		p.AddPage()
		for _, l := range lines {
			p.CellFormat(0, 8, l, "", 1, "L", false, 0, "")
		}
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// makeZip builds a ZIP container from name → content pairs.
func makeZip(t testing.TB, entries ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for i := 0; i+1 < len(entries); i += 2 {
		w, err := z.Create(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(entries[i+1]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func makeDOCX(t testing.TB, paragraphs ...string) []byte {
	var body strings.Builder
	for _, p := range paragraphs {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + p + `</w:t></w:r></w:p>`)
	}
	return makeZip(t, "[Content_Types].xml", `<Types/>`,
		"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document `+wordNS+`><w:body>`+body.String()+`</w:body></w:document>`)
}

const sheetNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

func makeXLSX(t testing.TB) []byte {
	return makeZip(t,
		"xl/workbook.xml", `<workbook `+sheetNS+`/>`,
		"xl/sharedStrings.xml", `<sst `+sheetNS+`><si><t>Realisasi belanja daerah</t></si><si><r><t>Dinas </t></r><r><t>Kesehatan</t></r></si></sst>`,
		"xl/worksheets/sheet1.xml", `<worksheet `+sheetNS+`><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1250000</v></c>`+
			`<c r="C1" t="inlineStr"><is><t>Kecamatan Sukamaju</t></is></c></row></sheetData></worksheet>`)
}

func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	if bigEndian {
		b = []byte{0xFE, 0xFF}
	} else {
		b = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func TestText_ReadsEachFormat(t *testing.T) {
	tests := []struct {
		name, ctype string
		data        []byte
		want        []string // substrings of the text
		wantNot     []string
	}{
		{"pdf", PDF, makePDF(t, []string{kalimat, "Kabupaten Sleman"}, []string{"Halaman kedua tentang irigasi"}),
			[]string{kalimat, "Kabupaten Sleman", "Halaman kedua tentang irigasi"}, nil},
		{"docx paragraphs are lines", DOCX, makeDOCX(t, "Rencana kerja dinas", "Pengadaan alat tulis &amp; kertas"),
			[]string{"Rencana kerja dinas\nPengadaan alat tulis & kertas"}, nil},
		{"xlsx shared, inline and numbers", XLSX, makeXLSX(t),
			[]string{"Realisasi belanja daerah", "Dinas Kesehatan", "1250000", "Kecamatan Sukamaju"}, []string{"\t0\t"}},
		{"plain utf-8 with bom", "text/plain; charset=utf-8", append([]byte{0xEF, 0xBB, 0xBF}, "Daftar informasi"...),
			[]string{"Daftar informasi"}, []string{"\uFEFF"}},
		{"csv", "text/csv; charset=utf-8", []byte("nama,jumlah\nSekolah Dasar,12\n"), []string{"Sekolah Dasar,12"}, nil},
		{"utf-16le with bom", "text/plain; charset=utf-16le", utf16Bytes("Keterbukaan informasi publik", false),
			[]string{"Keterbukaan informasi publik"}, nil},
		{"utf-16be with bom", "text/plain; charset=utf-16be", utf16Bytes("Pejabat pengelola 😀", true),
			[]string{"Pejabat pengelola 😀"}, nil},
		{"invalid utf-8 replaced", "text/plain; charset=utf-8", []byte("dana \xff\xfe desa"), []string{"dana \uFFFD desa"}, nil},
		{"control characters dropped", "text/plain; charset=utf-8", []byte("a\x00b\x1bc\td"), []string{"abc\td"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Text(context.Background(), tt.ctype, bytes.NewReader(tt.data), int64(len(tt.data)))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("text %q lacks %q", got, w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("text %q has %q", got, w)
				}
			}
			if !utf8.ValidString(got) {
				t.Errorf("text is not valid UTF-8")
			}
		})
	}
}

func TestText_UnknownTypesGiveNothing(t *testing.T) {
	for _, ct := range []string{"image/png", "application/zip", "application/msword", "", "not a type;;"} {
		got, err := Text(context.Background(), ct, bytes.NewReader([]byte("PK\x03\x04 anything")), 16)
		if got != "" || err != nil {
			t.Errorf("Text(%q) = %q, %v; want nothing", ct, got, err)
		}
	}
}

func TestText_MalformedIsAnErrorNotAPanic(t *testing.T) {
	good := makePDF(t, []string{kalimat})
	tests := []struct {
		name, ctype string
		data        []byte
	}{
		{"pdf header only", PDF, []byte("%PDF-1.7\n")},
		{"pdf cut in half", PDF, good[:len(good)/2]},
		{"docx not a zip", DOCX, []byte("not a zip at all")},
		{"docx without document.xml", DOCX, makeZip(t, "word/other.xml", "<x/>")},
		{"xlsx not a zip", XLSX, []byte("PK\x03\x04garbage")},
		// Object 2 stored in object stream 2: the library recurses on it
		// until the stack overflows, a fatal error that kills the process.
		{"pdf object stream cycle", PDF, xrefCyclePDF()},
		{"pdf encrypted, name escaped", PDF, []byte("%PDF-1.4\ntrailer<</Encr#79pt 1 0 R>>\nstartxref\n0\n%%EOF\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Text(context.Background(), tt.ctype, bytes.NewReader(tt.data), int64(len(tt.data))); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

// xrefCyclePDF is a PDF whose cross-reference stream puts object 2 inside
// object stream 2.
func xrefCyclePDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	off := b.Len()
	data := []byte{0, 0, 0, 1, byte(off), 0, 2, 2, 0} // W [1 1 1]: free, in use at off, in stream 2
	fmt.Fprintf(&b, "1 0 obj\n<</Type/XRef/Size 3/W[1 1 1]/Root 2 0 R/Length %d>>stream\n", len(data))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", off)
	return b.Bytes()
}

func TestText_CapsOutput(t *testing.T) {
	line := "pengumuman lelang pengadaan barang dan jasa\n"
	big := []byte(strings.Repeat(line, terbuka.MaxExtractedText/len(line)+100))
	paras := make([]string, 0, 30000)
	for range 30000 {
		paras = append(paras, "Paragraf panjang tentang anggaran pendapatan dan belanja daerah")
	}
	for _, tt := range []struct {
		name, ctype string
		data        []byte
	}{{"text", "text/plain; charset=utf-8", big}, {"docx", DOCX, makeDOCX(t, paras...)}} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Text(context.Background(), tt.ctype, bytes.NewReader(tt.data), int64(len(tt.data)))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) > terbuka.MaxExtractedText || len(got) < terbuka.MaxExtractedText-100 {
				t.Fatalf("len = %d, want just under %d", len(got), terbuka.MaxExtractedText)
			}
		})
	}
}

func TestText_ZipBombStopsAtBudget(t *testing.T) {
	// 200 MiB of one repeated byte outside any text element compresses to
	// ~200 KiB; reading stops after maxUnzipped bytes, keeping the text
	// before the bomb.
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte(`<w:document ` + wordNS + `><w:body><w:p><w:r><w:t>sebelum</w:t></w:r></w:p><w:p><w:bomb>`))
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for range 200 {
		w.Write(chunk)
	}
	w.Write([]byte(`</w:bomb></w:p><w:p><w:r><w:t>sesudah</w:t></w:r></w:p></w:body></w:document>`))
	z.Close()
	start := time.Now()
	got, err := Text(context.Background(), DOCX, bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if got != "sebelum" {
		t.Fatalf("text = %.40q, want what came before the bomb", got)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("took %v", d)
	}
}

func TestText_StopsOnCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := []byte(strings.Repeat("kata ", 100000))
	if _, err := Text(ctx, "text/plain", bytes.NewReader(data), int64(len(data))); err == nil {
		t.Fatal("no error from a cancelled context")
	}
}
