package extract

import (
	"bytes"
	"context"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
)

// FuzzExtract feeds arbitrary bytes to every extractor: none may panic,
// hang, return invalid UTF-8 or more than the cap.
func FuzzExtract(f *testing.F) {
	f.Add(makePDF(f, []string{kalimat}))
	f.Add(makeDOCX(f, "Rencana kerja", "Laporan"))
	f.Add(makeXLSX(f))
	f.Add(utf16Bytes("teks", false))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Pages/Kids[1 0 R]/Count 9999999>>endobj\ntrailer<</Root<</Pages 1 0 R>>>>"))
	f.Add([]byte("nama,jumlah\n\xff\xfe,1\n"))
	f.Add(xrefCyclePDF())
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, ct := range []string{PDF, DOCX, XLSX, "text/plain; charset=utf-8", "text/csv; charset=utf-16le"} {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			got, _ := Text(ctx, ct, bytes.NewReader(data), int64(len(data)))
			cancel()
			if !utf8.ValidString(got) || len(got) > terbuka.MaxExtractedText {
				t.Fatalf("%s: %d bytes, valid UTF-8 %v", ct, len(got), utf8.ValidString(got))
			}
		}
	})
}
