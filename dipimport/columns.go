package dipimport

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
)

// column is one kind of column a DIP file may hold.
type column struct {
	field    string // JSON path in NewCatalogueEntry; fieldUntil and fieldNo are special
	label    string // the template's header
	required bool
	aliases  []string // headers as officers write them, keyed by key()
}

// Special fields: the running number is ignored; "Berlaku Sampai" is the
// end of the exemption on a dikecualikan row and the end of validity on
// any other, since officers keep one column for both.
const (
	fieldNo    = "no"
	fieldUntil = "until"
)

// columns lists every column in template order. Aliases cover the headers
// of the Perki 1/2010 DIP form and its common local variants, and the
// API's own field names.
var columns = []column{
	{fieldNo, "No", false, []string{"no", "nomor", "nourut", "number"}},
	{"title", "Judul Informasi", true, []string{"judul", "judulinformasi", "jenisinformasi", "namainformasi",
		"informasi", "judulinformasipublik", "namadokumen", "juduldokumen", "title"}},
	{"summary", "Ringkasan Isi Informasi", true, []string{"ringkasan", "ringkasanisi", "ringkasanisiinformasi",
		"ringkasaninformasi", "uraianinformasi", "summary"}},
	{"classification", "Klasifikasi", true, []string{"klasifikasi", "kategori", "klasifikasiinformasi",
		"kategoriinformasi", "jenisklasifikasi", "classification", "category"}},
	{"year", "Tahun", true, []string{"tahun", "waktupembuatan", "tahunpembuatan", "waktupembuataninformasi",
		"tahuninformasi", "year"}},
	{"unit", "Pejabat/Unit yang Menguasai", false, []string{"pejabatunityangmenguasai",
		"pejabatunityangmenguasaiinformasi", "pejabatyangmenguasai", "unityangmenguasai", "pejabatunit",
		"penguasainformasi", "unit"}},
	{"responsible", "Penanggung Jawab", false, []string{"penanggungjawab", "penanggungjawabpembuatan",
		"penanggungjawabpembuataninformasi", "penanggungjawabinformasi", "responsible"}},
	{"created_place", "Tempat", false, []string{"tempat", "tempatpembuatan", "tempatpembuataninformasi",
		"createdplace"}},
	{"formats", "Bentuk/Format", false, []string{"bentuk", "format", "bentukformat", "formattersedia",
		"bentukinformasi", "bentukinformasiyangtersedia", "bentukinformasiyangdikuasai", "formatinformasi", "formats"}},
	{"retention", "Jangka Waktu Penyimpanan", false, []string{"jangkawaktupenyimpanan",
		"jangkawaktupenyimpananretensi", "retensi", "masaretensi", "jangkawaktupenyimpananinformasi", "retention"}},
	{"valid_from", "Berlaku Mulai", false, []string{"berlakumulai", "berlakusejak", "tanggalberlaku", "validfrom"}},
	{fieldUntil, "Berlaku Sampai", false, []string{"berlakusampai", "berlakuhingga", "masaberlaku"}},
	{"update_months", "Periode Pembaruan (Bulan)", false, []string{"periodepembaruan", "periodepembaruanbulan",
		"pembaruanbulan", "pembaruansetiapbulan", "updatemonths"}},
	{"exemption.basis", "Dasar Hukum Pengecualian", false, []string{"dasarhukumpengecualian", "dasarhukum",
		"dasarpengecualian", "exemptionbasis", "basis"}},
	{"exemption.consequence_test", "Uji Konsekuensi", false, []string{"ujikonsekuensi", "konsekuensi",
		"hasilujikonsekuensi", "exemptionconsequencetest", "consequencetest"}},
	// Explicit ends, for files that keep both in separate columns.
	{"valid_until", "Berlaku Sampai (Entri)", false, []string{"validuntil", "entriberlakusampai"}},
	{"exemption.until", "Pengecualian Berlaku Sampai", false, []string{"exemptionuntil", "pengecualianberlakusampai",
		"jangkawaktupengecualian", "dikecualikansampai"}},
}

// byAlias maps key(header) to its column.
var byAlias = func() map[string]*column {
	m := map[string]*column{}
	for i := range columns {
		for _, a := range columns[i].aliases {
			m[a] = &columns[i]
		}
	}
	return m
}()

// key folds a header for matching: lower case letters and digits only, so
// "Pejabat/Unit yang Menguasai", "PEJABAT / UNIT YANG MENGUASAI *" and
// "pejabat_unit_yang_menguasai" are the same column.
func key(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// colOf is the column of field, nil when there is none.
func colOf(field string) *column {
	for i := range columns {
		if columns[i].field == field {
			return &columns[i]
		}
	}
	return nil
}

// Label is the template's header of field (a JSON path), or field itself.
func Label(field string) string {
	if c := colOf(field); c != nil {
		return c.label
	}
	if field == "exemption" {
		return "Dasar Hukum Pengecualian"
	}
	return field
}

func requiredLabels() []string {
	var out []string
	for _, c := range columns {
		if c.required {
			out = append(out, c.label)
		}
	}
	return out
}

// header is the header row found: the field of each column ("" for a
// column to skip) and each field's header text.
type header struct {
	fields []string
	names  map[string]string
}

// findHeader returns the header when cells look like one: the title
// column and another known column, or any three known columns. A header
// with unknown, repeated or missing required columns is a file error
// naming them; a row that is no header is nil, nil.
func findHeader(cells []string) (*header, error) {
	known, title := 0, false
	for _, c := range cells {
		if col := byAlias[key(c)]; col != nil {
			known++
			title = title || col.field == "title"
		}
	}
	if !(title && known >= 2 || known >= 3) {
		return nil, nil
	}
	h := &header{fields: make([]string, len(cells)), names: map[string]string{}}
	var unknown, repeated []string
	for i, c := range cells {
		text := strings.Join(strings.Fields(c), " ")
		if text == "" {
			continue
		}
		col := byAlias[key(c)]
		switch {
		case col == nil:
			unknown = append(unknown, quote(text, i))
		case col.field == fieldNo:
			h.fields[i] = fieldNo
		case h.names[col.field] != "":
			repeated = append(repeated, quote(text, i))
		default:
			h.fields[i], h.names[col.field] = col.field, text
		}
	}
	if u, ok := h.names[fieldUntil]; ok {
		// Reports name the column the value came from.
		for _, f := range []string{"valid_until", "exemption.until"} {
			if _, own := h.names[f]; !own {
				h.names[f] = u
			}
		}
	}
	var missing []string
	for _, c := range columns {
		if c.required && h.names[c.field] == "" {
			missing = append(missing, c.label)
		}
	}
	e := &terbuka.Error{Code: terbuka.EInvalid, Fields: map[string]terbuka.Msg{}}
	if len(missing) > 0 {
		e.Fields["columns.missing"] = terbuka.M("invalid.import_missing_columns", strings.Join(missing, ", "))
	}
	if len(unknown) > 0 {
		e.Fields["columns.unknown"] = terbuka.M("invalid.import_unknown_columns", strings.Join(unknown, ", "))
	}
	if len(repeated) > 0 {
		e.Fields["columns.repeated"] = terbuka.M("invalid.import_repeated_columns", strings.Join(repeated, ", "))
	}
	for _, f := range []string{"columns.missing", "columns.unknown", "columns.repeated"} {
		if m, ok := e.Fields[f]; ok {
			e.Msg, e.Fields["file"] = m, m
			return nil, e
		}
	}
	return h, nil
}

// quote names a header cell with its column letter: "Keterangan" (K).
func quote(text string, i int) string {
	if utf8.RuneCountInString(text) > 60 {
		text = string([]rune(text)[:60]) + "…"
	}
	return strconv.Quote(text) + " (" + ColumnName(i) + ")"
}

// ColumnName is the spreadsheet letter of column index i (0 → A, 26 → AA).
func ColumnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}
