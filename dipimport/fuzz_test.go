package dipimport_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/dipimport"
)

// FuzzParse feeds arbitrary bytes, seeded with CSV files and workbooks,
// to Parse: it must never panic, and it returns either rows or one
// *terbuka.Error for the file, never both and never a foreign error.
func FuzzParse(f *testing.F) {
	f.Add([]byte(officersCSV), "dip.csv")
	f.Add([]byte("title,summary,classification,year\nA,B,berkala,2025\n"), "a.csv")
	f.Add([]byte("Judul;Ringkasan;Klasifikasi;Tahun;Berlaku Sampai\n\"A;\"\"x\";B;Dikecualikan;46034;31/12/2030\n"), "b.csv")
	var tmpl bytes.Buffer
	if err := dipimport.WriteTemplate(&tmpl); err != nil {
		f.Fatal(err)
	}
	f.Add(tmpl.Bytes(), "template.xlsx")
	x := excelize.NewFile()
	_ = x.SetSheetRow("Sheet1", "A1", &[]any{"Judul", "Ringkasan", "Klasifikasi", "Tahun"})
	_ = x.SetSheetRow("Sheet1", "A3", &[]any{"A", "B", "Serta Merta", 2024})
	var small bytes.Buffer
	if err := x.Write(&small); err != nil {
		f.Fatal(err)
	}
	f.Add(small.Bytes(), "small.xlsx")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		file, err := dipimport.Parse(data, name)
		if err != nil {
			if terbuka.AsError(err) == nil {
				t.Fatalf("foreign error %T: %v", err, err)
			}
			if len(file.Rows) > 0 {
				t.Fatal("rows with an error")
			}
			return
		}
		if len(file.Rows) == 0 || len(file.Rows) > dipimport.MaxRows {
			t.Fatalf("%d rows without an error", len(file.Rows))
		}
		last := 0
		for _, r := range file.Rows {
			if r.Line <= last {
				t.Fatalf("row numbers not increasing: %d after %d", r.Line, last)
			}
			last = r.Line
		}
	})
}
