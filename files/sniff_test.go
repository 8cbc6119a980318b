package files

import (
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	zip := "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"
	ole := "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	tests := []struct {
		name, head, file, want string
		ok                     bool
	}{
		{"pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3", "laporan.pdf", "application/pdf", true},
		{"pdf whatever its name", "%PDF-1.4\n", "laporan.exe", "application/pdf", true},
		{"png", png, "peta.png", "image/png", true},
		{"jpeg", "\xFF\xD8\xFF\xE0\x00\x10JFIF", "foto.jpg", "image/jpeg", true},
		{"tiff", "II*\x00\x08\x00\x00\x00", "scan.tif", "image/tiff", true},
		{"docx", zip, "surat.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true},
		{"xlsx", zip, "Anggaran.XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true},
		{"ods", zip, "data.ods", "application/vnd.oasis.opendocument.spreadsheet", true},
		{"plain zip", zip, "arsip.zip", "application/zip", true},
		{"zip with another name is a zip", zip, "arsip.pdf", "application/zip", true},
		{"legacy word", ole, "surat.doc", "application/msword", true},
		{"legacy excel", ole, "data.xls", "application/vnd.ms-excel", true},
		{"ole container under another name", ole, "setup.msi", "", false},
		{"ole container renamed pdf", ole, "surat.pdf", "", false},
		{"csv", "no,nama,anggaran\n1,Puskesmas A,1000000\n", "anggaran.csv", "text/csv; charset=utf-8", true},
		{"text", "Rincian anggaran tahun 2025\n", "catatan.txt", "text/plain; charset=utf-8", true},
		{"exe renamed pdf", "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00", "laporan.pdf", "", false},
		{"elf renamed docx", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00", "surat.docx", "", false},
		{"html renamed txt", "<!DOCTYPE html><html><script>alert(1)</script>", "catatan.txt", "", false},
		{"svg renamed png", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>`, "peta.png", "", false},
		{"xml", `<?xml version="1.0"?><data/>`, "data.xml", "", false},
		{"gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00", "arsip.tar.gz", "", false},
		{"empty", "", "kosong.pdf", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Sniff([]byte(tt.head), tt.file)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Sniff(%q) = %q, %v; want %q, %v", tt.file, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestFixExtension(t *testing.T) {
	tests := []struct{ name, ctype, want string }{
		{"laporan.pdf", "application/pdf", "laporan.pdf"},
		{"laporan.pdf", "image/png", "laporan.png"},
		{"foto.jpeg", "image/jpeg", "foto.jpeg"},
		{"surat.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "surat.docx"},
		{"arsip.pdf", "application/zip", "arsip.zip"},
		{"anggaran.csv", "text/csv; charset=utf-8", "anggaran.csv"},
		{"catatan", "text/plain; charset=utf-8", "catatan.txt"},
	}
	for _, tt := range tests {
		if got := FixExtension(tt.name, tt.ctype); got != tt.want {
			t.Errorf("FixExtension(%q, %q) = %q, want %q", tt.name, tt.ctype, got, tt.want)
		}
	}
}

func TestSafeName(t *testing.T) {
	long := strings.Repeat("anggaran ", 30) + ".pdf"
	tests := []struct{ in, want string }{
		{"laporan 2025.pdf", "laporan 2025.pdf"},
		{"../../etc/passwd", "passwd"},
		{`C:\Users\ppid\Desktop\data.xlsx`, "data.xlsx"},
		{"..", "berkas"},
		{".htaccess", "htaccess"},
		{"a\x00b\r\nc\".pdf", "ab c.pdf"},
		{"", "berkas"},
		{"/", "berkas"},
		{"\xff\xfedata.csv", "data.csv"},
	}
	for _, tt := range tests {
		if got := SafeName(tt.in); got != tt.want {
			t.Errorf("SafeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	got := SafeName(long)
	if n := len([]rune(got)); n > maxNameRunes || !strings.HasSuffix(got, ".pdf") {
		t.Errorf("SafeName(long) = %q (%d runes), want ≤ %d ending .pdf", got, n, maxNameRunes)
	}
}
