package dipimport

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the template.
const (
	TemplateSheet = "DIP"
	HelpSheet     = "Petunjuk"
)

// templateColumns are the template's columns, in order; the explicit
// end-date columns are for files that already have them, not for new ones.
var templateColumns = []string{fieldNo, "title", "summary", "classification", "year", "unit", "responsible",
	"created_place", "formats", "retention", "valid_from", fieldUntil, "update_months", "exemption.basis",
	"exemption.consequence_test"}

// example is the template's example row, one value per templateColumns.
var example = []any{1, "Laporan Realisasi Anggaran Tahun 2025",
	"Laporan realisasi pendapatan dan belanja dinas selama tahun anggaran 2025.", "Berkala", 2025, "",
	"Kepala Subbagian Keuangan", "Kota Uji", "Softcopy dan Hardcopy", "5 tahun", "", "", 6, "", ""}

// help explains each column on the second sheet: what goes in it and
// which values are accepted.
var help = map[string]string{
	fieldNo:          "Nomor urut. Boleh dikosongkan; tidak diimpor.",
	"title":          "Judul atau jenis informasi, paling banyak 400 karakter. Judul dan tahun yang sama tidak boleh muncul dua kali dalam satu berkas.",
	"summary":        "Ringkasan isi informasi, paling banyak 5.000 karakter.",
	"classification": "Berkala, Serta Merta, Setiap Saat atau Dikecualikan (huruf besar/kecil dan spasi bebas).",
	"year":           "Tahun pembuatan, mis. 2025 (atau tanggal pembuatan; tahunnya yang dipakai).",
	"unit": "Slug atau nama badan publik yang menguasai informasi, dari pemerintahan yang sama. " +
		"Kosong: badan tempat berkas diimpor.",
	"responsible":   "Pejabat atau unit penanggung jawab pembuatan informasi.",
	"created_place": "Tempat pembuatan informasi.",
	"formats":       "Softcopy, Hardcopy, atau keduanya (mis. \"Softcopy dan Hardcopy\"). Kosong: Softcopy.",
	"retention":     "Jangka waktu penyimpanan, mis. \"5 tahun\" atau \"Permanen\".",
	"valid_from":    "Tanggal mulai berlaku. Kosong: hari impor.",
	fieldUntil: "Untuk informasi Dikecualikan: tanggal berakhirnya pengecualian (wajib, kecuali Pasal 17 huruf g dan h). " +
		"Untuk klasifikasi lain: tanggal berakhirnya masa berlaku (boleh kosong).",
	"update_months": "Hanya untuk informasi Berkala: diperbarui setiap berapa bulan (1–6). Kosong: 6.",
	"exemption.basis": "Hanya untuk informasi Dikecualikan: dasar hukum, mis. \"Pasal 17 huruf h\" " +
		"atau \"UU 36/2009 Pasal 57\". Peraturan di bawah undang-undang tidak dapat mengecualikan informasi.",
	"exemption.consequence_test": "Hanya untuk informasi Dikecualikan: uji konsekuensi, paling sedikit 30 karakter.",
}

// helpIntro are the general rules above the column table.
var helpIntro = []string{
	"Petunjuk pengisian Daftar Informasi Publik (DIP) untuk impor ke Terbuka",
	"Isi lembar \"DIP\" mulai baris 2, satu baris untuk satu informasi. Hapus baris contoh sebelum mengimpor.",
	"Jangan mengubah judul kolom. Kolom bertanda * wajib diisi; kolom lain boleh dihapus.",
	"Tanggal ditulis sebagai tanggal Excel, TTTT-BB-HH, HH/BB/TTTT atau HH-BB-TTTT (mis. 31/12/2026).",
	"Berkas boleh juga disimpan sebagai CSV (dipisah koma atau titik koma). Paling banyak 20.000 baris dan 10 MiB.",
	"Impor bersifat semua-atau-tidak-sama-sekali: jika satu baris salah, tidak ada yang diimpor dan laporan menyebut baris, kolom dan alasannya.",
}

// templateLabel is the header the template writes for field: required
// columns carry " *", which matching ignores.
func templateLabel(field string) string {
	if c := colOf(field); c != nil && c.required {
		return c.label + " *"
	}
	return Label(field)
}

// WriteTemplate writes the DIP template workbook to w: sheet DIP with the
// header row (frozen, bold), one example row and drop-down lists for the
// classification and format columns; sheet Petunjuk with the rules and,
// per column, what it holds and which values are accepted. A file made
// from it parses with Parse.
func WriteTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", TemplateSheet); err != nil {
		return err
	}
	head := make([]any, len(templateColumns))
	for i, field := range templateColumns {
		head[i] = templateLabel(field)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	last := ColumnName(len(templateColumns) - 1)
	steps := []func() error{
		func() error { return f.SetSheetRow(TemplateSheet, "A1", &head) },
		func() error { return f.SetSheetRow(TemplateSheet, "A2", &example) },
		func() error { return f.SetCellStyle(TemplateSheet, "A1", last+"1", bold) },
		func() error { return f.SetColWidth(TemplateSheet, "A", "A", 6) },
		func() error { return f.SetColWidth(TemplateSheet, "B", last, 24) },
		func() error { return f.SetColWidth(TemplateSheet, "C", "C", 48) },
		func() error {
			return f.SetPanes(TemplateSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		},
		func() error {
			return dropDown(f, "classification", "Berkala", "Serta Merta", "Setiap Saat", "Dikecualikan")
		},
		func() error { return dropDown(f, "formats", "Softcopy", "Hardcopy", "Softcopy dan Hardcopy") },
		func() error { return writeHelp(f, bold) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("dip template: %w", err)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// dropDown offers values in field's column. It only suggests: other
// spellings stay allowed, since Parse reads them.
func dropDown(f *excelize.File, field string, values ...string) error {
	for i, c := range templateColumns {
		if c != field {
			continue
		}
		dv := excelize.NewDataValidation(true)
		col := ColumnName(i)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, MaxRows+1))
		if err := dv.SetDropList(values); err != nil {
			return err
		}
		return f.AddDataValidation(TemplateSheet, dv)
	}
	return nil
}

func writeHelp(f *excelize.File, bold int) error {
	if _, err := f.NewSheet(HelpSheet); err != nil {
		return err
	}
	row := 1
	for _, line := range helpIntro {
		if err := f.SetCellValue(HelpSheet, fmt.Sprintf("A%d", row), line); err != nil {
			return err
		}
		row++
	}
	row++
	if err := f.SetSheetRow(HelpSheet, fmt.Sprintf("A%d", row), &[]any{"Kolom", "Wajib", "Isi dan nilai yang diterima"}); err != nil {
		return err
	}
	if err := f.SetCellStyle(HelpSheet, fmt.Sprintf("A%d", row), fmt.Sprintf("C%d", row), bold); err != nil {
		return err
	}
	for _, field := range templateColumns {
		row++
		required := "tidak"
		if c := colOf(field); c != nil && c.required {
			required = "ya"
		}
		if err := f.SetSheetRow(HelpSheet, fmt.Sprintf("A%d", row), &[]any{Label(field), required, help[field]}); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(HelpSheet, "A", "A", 30); err != nil {
		return err
	}
	return f.SetColWidth(HelpSheet, "C", "C", 100)
}
