package dipimport_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/dipimport"
	"github.com/terbuka-id/terbuka/workday"
)

// officersCSV is a DIP as Indonesian Excel exports it: semicolons, a BOM,
// a title block above the header, headers in the officers' own words, a
// blank line and a quoted summary spanning two lines.
const officersCSV = "\xEF\xBB\xBFDAFTAR INFORMASI PUBLIK;;;;;;;;\n" +
	"PPID Dinas Kesehatan Uji;;;;;;;;\n" +
	";;;;;;;;\n" +
	"No.;Jenis Informasi;Ringkasan Isi Informasi;KATEGORI;Waktu Pembuatan;Pejabat / Unit yang Menguasai;Penanggung Jawab;Bentuk Informasi;Berlaku Sampai;Dasar Hukum Pengecualian;Uji Konsekuensi\n" +
	"1;Laporan Keuangan 2025;\"Neraca, laporan\noperasional\";Berkala;2025;dinkes-uji;Kasubag Keuangan;Softcopy & Hardcopy;;;\n" +
	"\n" +
	"2;Rekam medis pasien;Data pasien;  dikecualikan ;12/03/2024;;;hardcopy;31/12/2030;Pasal 17 huruf h;Membuka rekam medis mengungkap rahasia pribadi pasien.\n" +
	"3;Daftar Kebijakan;Kebijakan dinas;Setiap  Saat;TA 2023;;;;31-12-2027;;\n"

func TestParse_OfficersCSV(t *testing.T) {
	f, err := dipimport.Parse([]byte(officersCSV), "dip.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 3 {
		t.Fatalf("%d rows: %+v", len(f.Rows), f.Rows)
	}
	first, second, third := f.Rows[0], f.Rows[1], f.Rows[2]
	if first.Line != 5 || second.Line != 7 || third.Line != 8 {
		t.Errorf("lines %d %d %d, want 5 7 8", first.Line, second.Line, third.Line)
	}
	for _, r := range f.Rows {
		if r.Problems != nil {
			t.Errorf("row %d: problems %v", r.Line, r.Problems)
		}
	}
	e := first.Entry
	if e.Title != "Laporan Keuangan 2025" || e.Summary != "Neraca, laporan\noperasional" || e.Classification != terbuka.Berkala ||
		e.Year != 2025 || e.Unit != "dinkes-uji" || e.Responsible != "Kasubag Keuangan" || len(e.Formats) != 2 || e.Exemption != nil {
		t.Errorf("first = %+v", e)
	}
	x := second.Entry
	if x.Classification != terbuka.Dikecualikan || x.Year != 2024 || x.Exemption == nil || x.Exemption.Until != "2030-12-31" ||
		x.Exemption.Basis != "Pasal 17 huruf h" || x.ValidUntil != "" || len(x.Formats) != 1 || x.Formats[0] != terbuka.Hardcopy {
		t.Errorf("second = %+v, exemption %+v", x, x.Exemption)
	}
	if y := third.Entry; y.Classification != terbuka.SetiapSaat || y.Year != 2023 || y.ValidUntil != "2027-12-31" || y.Exemption != nil {
		t.Errorf("third = %+v", y)
	}
	if got := f.Column("classification"); got != "KATEGORI" {
		t.Errorf("column of classification = %q", got)
	}
	if got := f.Column("exemption.until"); got != "Berlaku Sampai" {
		t.Errorf("column of exemption.until = %q", got)
	}
	if got := f.Column("retention"); got != "Jangka Waktu Penyimpanan" {
		t.Errorf("column of a missing field = %q", got)
	}
}

func TestParse_CommaCSVAndWindows1252(t *testing.T) {
	// "Ringkasan – isi" with an en dash in Windows-1252 (0x96).
	data := []byte("title,summary,classification,year,formats\nLaporan,Ringkasan \x96 isi,serta_merta,2026,softcopy\n")
	f, err := dipimport.Parse(data, "export.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 1 || f.Rows[0].Entry.Summary != "Ringkasan – isi" || f.Rows[0].Entry.Classification != terbuka.SertaMerta ||
		f.Rows[0].Line != 2 {
		t.Fatalf("rows = %+v", f.Rows)
	}
}

func TestParse_RowProblems(t *testing.T) {
	data := "Judul;Ringkasan;Klasifikasi;Tahun;Bentuk;Berlaku Mulai;Periode Pembaruan\n" +
		"A;B;rahasia;dua ribu;disket;31/02/2026;tiap tahun\n" +
		"C;D;Berkala;2025;;;3;catatan liar\n"
	f, err := dipimport.Parse([]byte(data), "dip.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"classification": "invalid.import_classification", "year": "invalid.import_year",
		"formats": "invalid.import_formats", "valid_from": "invalid.import_date", "update_months": "invalid.update_months"}
	got := f.Rows[0].Problems
	for field, k := range want {
		if got[field].Key != k {
			t.Errorf("%s: %q, want %q", field, got[field].Key, k)
		}
	}
	if p := f.Rows[1].Problems["columns"]; p.Key != "invalid.import_cell_outside" || p.Args[0] != "H" {
		t.Errorf("cell outside the header: %+v", f.Rows[1].Problems)
	}
	if f.Rows[1].Entry.UpdateMonths != 3 {
		t.Errorf("update months %d", f.Rows[1].Entry.UpdateMonths)
	}
}

func TestParse_FileErrors(t *testing.T) {
	many := &strings.Builder{}
	many.WriteString("Judul,Ringkasan,Klasifikasi,Tahun\n")
	for i := 0; i <= dipimport.MaxRows; i++ {
		fmt.Fprintf(many, "J%d,R,Berkala,2025\n", i)
	}
	for _, tt := range []struct {
		name, data, file, key string
		code                  terbuka.Code
		field                 string // a further field that must be set
		contains              string // in the message's first argument
	}{
		{"missing columns", "Judul Informasi;Ringkasan Isi Informasi;Keterangan\nA;B;C\n", "d.csv",
			"invalid.import_missing_columns", terbuka.EInvalid, "columns.unknown", "Klasifikasi, Tahun"},
		{"unknown column", "Judul,Ringkasan,Klasifikasi,Tahun,Keterangan\nA,B,Berkala,2025,x\n", "d.csv",
			"invalid.import_unknown_columns", terbuka.EInvalid, "", `"Keterangan" (E)`},
		{"repeated column", "Judul,Ringkasan,Klasifikasi,Tahun,Kategori\nA,B,Berkala,2025,Berkala\n", "d.csv",
			"invalid.import_repeated_columns", terbuka.EInvalid, "", `"Kategori" (E)`},
		{"no header", "a,b,c\n1,2,3\n", "d.csv", "invalid.import_no_header", terbuka.EInvalid, "", "Judul Informasi"},
		{"only a header", "Judul,Ringkasan,Klasifikasi,Tahun\n\n, ,,\n", "d.csv", "invalid.import_empty", terbuka.EInvalid, "", ""},
		{"too many rows", many.String(), "d.csv", "too_large.import_rows", terbuka.ETooLarge, "", ""},
		{"too large", strings.Repeat("x", dipimport.MaxBytes+1), "d.csv", "too_large.import_file", terbuka.ETooLarge, "", ""},
		{"old xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", "d.xls", "unsupported.import_xls", terbuka.EUnsupported, "", ""},
		{"binary", "\x00\x01\x02\x03", "d.bin", "unsupported.import_format", terbuka.EUnsupported, "", ""},
		{"broken workbook", "PK\x03\x04 not really a zip", "d.xlsx", "invalid.import_unreadable", terbuka.EInvalid, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := dipimport.Parse([]byte(tt.data), tt.file)
			e := terbuka.AsError(err)
			if e == nil || e.Code != tt.code || e.Msg.Key != tt.key || e.Fields["file"].Key != tt.key {
				t.Fatalf("err = %v, want %s %s on file", err, tt.code, tt.key)
			}
			if tt.field != "" && e.Fields[tt.field].Key == "" {
				t.Errorf("no %s in %v", tt.field, e)
			}
			if tt.contains != "" && (len(e.Msg.Args) == 0 || !strings.Contains(fmt.Sprint(e.Msg.Args[0]), tt.contains)) {
				t.Errorf("args %v, want %q", e.Msg.Args, tt.contains)
			}
		})
	}
}

func TestParse_XLSX(t *testing.T) {
	x := excelize.NewFile()
	rows := [][]any{
		{"Daftar Informasi Publik"},
		{},
		{"No", "Judul Informasi *", "Ringkasan Isi Informasi *", "Klasifikasi *", "Tahun *", "Berlaku Mulai", "Bentuk/Format"},
		{1, "Profil Dinas", "Struktur organisasi", "BERKALA", 2025, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), "Softcopy"},
	}
	for i, r := range rows {
		if err := x.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	// Row 6 after an empty row 5: numbers must match what Excel shows.
	if err := x.SetSheetRow("Sheet1", "A6", &[]any{2, "Renstra", "Rencana strategis", "Setiap Saat", "2024"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := dipimport.Parse(buf.Bytes(), "upload")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 2 || f.Rows[0].Line != 4 || f.Rows[1].Line != 6 {
		t.Fatalf("rows = %+v", f.Rows)
	}
	e := f.Rows[0].Entry
	if e.Title != "Profil Dinas" || e.Classification != terbuka.Berkala || e.Year != 2025 || e.ValidFrom != "2026-01-05" || f.Rows[0].Problems != nil {
		t.Errorf("entry = %+v, problems %v", e, f.Rows[0].Problems)
	}
}

func TestWriteTemplate_ParsesAndValidates(t *testing.T) {
	var buf bytes.Buffer
	if err := dipimport.WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := dipimport.Parse(buf.Bytes(), "template.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 1 || f.Rows[0].Line != 2 || f.Rows[0].Problems != nil {
		t.Fatalf("rows = %+v", f.Rows)
	}
	if _, err := f.Rows[0].Entry.Entry(workday.D(2026, 1, 12)); err != nil {
		t.Errorf("the example row is not a valid entry: %v", err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := x.GetSheetList(); len(got) != 2 || got[0] != dipimport.TemplateSheet || got[1] != dipimport.HelpSheet {
		t.Errorf("sheets %v", got)
	}
	help, _ := x.GetRows(dipimport.HelpSheet)
	text := fmt.Sprint(help)
	for _, w := range []string{"Serta Merta", "Dikecualikan", "Softcopy", "Pasal 17 huruf h", "HH/BB/TTTT"} {
		if !strings.Contains(text, w) {
			t.Errorf("instructions lack %q", w)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "2026-01-12": "2026-01-12", "12/01/2026": "2026-01-12", "12-1-2026": "2026-01-12", "12.01.2026": "2026-01-12",
		"2026-01-12 00:00:00": "2026-01-12", "12 Januari 2026": "2026-01-12", "1 Agustus 2025": "2025-08-01",
		"46034": "2026-01-12", "46034.5": "2026-01-12", "2026/1/12": "2026-01-12",
	} {
		if got, ok := dipimport.ParseDate(in); !ok || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"31/02/2026", "13/13/2026", "kemarin", "12 Foo 2026", "0", "99999999", "2026-01"} {
		if got, ok := dipimport.ParseDate(in); ok {
			t.Errorf("ParseDate(%q) = %q, want a problem", in, got)
		}
	}
}

func TestParseYear(t *testing.T) {
	for in, want := range map[string]int{"2025": 2025, "2025.0": 2025, "TA 2023": 2023, "Januari 2024": 2024,
		"12/03/2022": 2022, "45678": 2025, "2021-2021": 2021} {
		if got, ok := dipimport.ParseYear(in); !ok || got != want {
			t.Errorf("ParseYear(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"dua ribu", "2020–2021", "", "tahun ini"} {
		if got, ok := dipimport.ParseYear(in); ok {
			t.Errorf("ParseYear(%q) = %d, want a problem", in, got)
		}
	}
}

func TestParseClassificationAndFormats(t *testing.T) {
	for in, want := range map[string]terbuka.Classification{"Berkala": terbuka.Berkala, "SERTA MERTA": terbuka.SertaMerta,
		"Serta-merta": terbuka.SertaMerta, "informasi setiap saat": terbuka.SetiapSaat, " Dikecualikan ": terbuka.Dikecualikan,
		"serta_merta": terbuka.SertaMerta, "setiap_saat": terbuka.SetiapSaat} {
		if got, ok := dipimport.ParseClassification(in); !ok || got != want {
			t.Errorf("ParseClassification(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"rahasia", "Berkala / Setiap Saat", ""} {
		if got, ok := dipimport.ParseClassification(in); ok {
			t.Errorf("ParseClassification(%q) = %q, want a problem", in, got)
		}
	}
	for in, want := range map[string]int{"Softcopy": 1, "hard copy": 1, "Softcopy/Hardcopy": 2, "Keduanya": 2, "Cetak dan PDF": 2} {
		if got, ok := dipimport.ParseFormats(in); !ok || len(got) != want {
			t.Errorf("ParseFormats(%q) = %v, %v", in, got, ok)
		}
	}
	if got, ok := dipimport.ParseFormats("disket"); ok {
		t.Errorf("ParseFormats(disket) = %v", got)
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := dipimport.ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", i, got, want)
		}
	}
}
