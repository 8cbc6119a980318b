package files

import (
	"archive/zip"
	"bytes"
	"testing"
)

// container builds a ZIP holding the named entries; "mimetype" gets
// mimetype as its content.
func container(t testing.TB, mimetype string, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, n := range names {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if n == "mimetype" {
			w.Write([]byte(mimetype))
		} else {
			w.Write([]byte("<x/>"))
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniffFile_ZipContentDecides(t *testing.T) {
	docx := zipTypes[".docx"]
	odt := zipTypes[".odt"]
	tests := []struct {
		name, file string
		data       []byte
		want       string
		ok         bool
	}{
		{"docx with its document", "surat.docx", container(t, "", "[Content_Types].xml", "word/document.xml"), docx, true},
		{"xlsx with its workbook", "data.xlsx", container(t, "", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), zipTypes[".xlsx"], true},
		{"pptx with its presentation", "paparan.pptx", container(t, "", "ppt/presentation.xml"), zipTypes[".pptx"], true},
		{"odt with its mimetype", "surat.odt", container(t, odt, "mimetype", "content.xml"), odt, true},
		{"docx name on a plain zip", "surat.docx", container(t, "", "foto.jpg"), "application/zip", true},
		{"xlsx name on a word file", "data.xlsx", container(t, "", "word/document.xml"), "application/zip", true},
		{"odt name with the spreadsheet mimetype", "surat.odt", container(t, zipTypes[".ods"], "mimetype"), "application/zip", true},
		{"odt mimetype with trailing bytes", "surat.odt", container(t, odt+"x", "mimetype"), "application/zip", true},
		{"plain zip stays a zip", "arsip.zip", container(t, "", "a.txt"), "application/zip", true},
		{"zip named pdf is a zip", "arsip.pdf", container(t, "", "word/document.xml"), "application/zip", true},
		{"cut-off zip is refused", "surat.docx", []byte("PK\x03\x04\x14\x00\x06\x00 truncated"), "", false},
		{"not a zip is left to Sniff", "laporan.pdf", []byte("%PDF-1.7\n"), "application/pdf", true},
		{"refused stays refused", "a.docx", []byte("MZ\x90\x00"), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := SniffFile(tt.data, tt.file, bytes.NewReader(tt.data), int64(len(tt.data)))
			if got != tt.want || ok != tt.ok {
				t.Fatalf("SniffFile = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// FuzzSniff feeds arbitrary bytes and names to Sniff and SniffFile: no
// panic, an accepted type is never HTML, XML or a script, SniffFile never
// accepts what Sniff refuses, and FixExtension yields a name that keeps
// no path.
func FuzzSniff(f *testing.F) {
	f.Add([]byte("%PDF-1.7\n"), "laporan.pdf")
	f.Add(container(f, "", "word/document.xml"), "surat.docx")
	f.Add(container(f, zipTypes[".ods"], "mimetype"), "data.ods")
	f.Add([]byte("<!DOCTYPE html><script>"), "a.txt")
	f.Add([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), "a.doc")
	f.Add([]byte("\xff\xfeh\x00i\x00"), "a.txt")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		head := data[:min(len(data), SniffLen)]
		t1, ok1 := Sniff(head, name)
		t2, ok2 := SniffFile(head, name, bytes.NewReader(data), int64(len(data)))
		if ok2 && !ok1 {
			t.Fatalf("SniffFile accepted %q what Sniff refused", t2)
		}
		for _, ct := range []string{t1, t2} {
			if ct == "text/html; charset=utf-8" || ct == "text/xml; charset=utf-8" || ct == "application/javascript" {
				t.Fatalf("accepted %q", ct)
			}
		}
		if ok2 && t1 != t2 && t2 != "application/zip" {
			t.Fatalf("SniffFile changed %q to %q", t1, t2)
		}
		if ok2 {
			safe := FixExtension(SafeName(name), t2)
			if bytes.ContainsAny([]byte(safe), "/\\\x00") {
				t.Fatalf("name %q", safe)
			}
		}
	})
}
