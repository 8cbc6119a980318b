package dipimport

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
)

// entry reads data row line under h.
func (h *header) entry(line int, cells []string) Row {
	row := Row{Line: line, Problems: terbuka.Problems{}}
	v := map[string]string{}
	for i, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		f := ""
		if i < len(h.fields) {
			f = h.fields[i]
		}
		switch f {
		case fieldNo:
			continue
		case "":
			// A value under no header would be lost without a word.
			row.Problems.Add("columns", "invalid.import_cell_outside", ColumnName(i))
			continue
		}
		if utf8.RuneCountInString(c) > MaxCell {
			row.Problems.Add(fieldFor(f, v), "invalid.too_long", MaxCell)
			continue
		}
		v[f] = c
	}
	in := &row.Entry
	in.Title, in.Summary, in.Unit = v["title"], v["summary"], v["unit"]
	in.Responsible, in.CreatedPlace, in.Retention = v["responsible"], v["created_place"], v["retention"]
	if s := v["classification"]; s != "" {
		c, ok := ParseClassification(s)
		if !ok {
			row.Problems.Add("classification", "invalid.import_classification")
		}
		in.Classification = c
	}
	if s := v["year"]; s != "" {
		y, ok := ParseYear(s)
		if !ok {
			row.Problems.Add("year", "invalid.import_year")
		}
		in.Year = y
	}
	if s := v["formats"]; s != "" {
		f, ok := ParseFormats(s)
		if !ok {
			row.Problems.Add("formats", "invalid.import_formats")
		}
		in.Formats = f
	}
	if s := v["update_months"]; s != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(strings.ToLower(s), "bulan")), ".0"))
		if err != nil || n < 1 || n > 999 {
			row.Problems.Add("update_months", "invalid.update_months", terbuka.DefaultUpdateMonths)
		}
		in.UpdateMonths = n
	}
	exempt := in.Classification == terbuka.Dikecualikan
	if s, ok := v[fieldUntil]; ok {
		f := fieldFor(fieldUntil, v)
		if _, own := v[f]; !own {
			v[f] = s
		}
	}
	date := func(field string) string {
		s, ok := ParseDate(v[field])
		if !ok {
			row.Problems.Add(field, "invalid.import_date")
		}
		return s
	}
	in.ValidFrom, in.ValidUntil = date("valid_from"), date("valid_until")
	basis, test, until := v["exemption.basis"], v["exemption.consequence_test"], date("exemption.until")
	if basis != "" || test != "" || until != "" || exempt {
		in.Exemption = &terbuka.NewExemption{Basis: basis, ConsequenceTest: test, Until: until}
	}
	if len(row.Problems) == 0 {
		row.Problems = nil
	}
	return row
}

// fieldFor resolves "Berlaku Sampai" by the row's classification.
func fieldFor(f string, v map[string]string) string {
	if f != fieldUntil {
		return f
	}
	if c, _ := ParseClassification(v["classification"]); c == terbuka.Dikecualikan {
		return "exemption.until"
	}
	return "valid_until"
}

// ParseClassification reads a DIP category in any case or spacing, with
// or without "Informasi" ("Informasi Serta-Merta", "SETIAP SAAT",
// "serta_merta"); ok is false when s names none or more than one.
func ParseClassification(s string) (c terbuka.Classification, ok bool) {
	k := key(s)
	found := 0
	for _, x := range []struct {
		word string
		c    terbuka.Classification
	}{{"berkala", terbuka.Berkala}, {"sertamerta", terbuka.SertaMerta}, {"setiapsaat", terbuka.SetiapSaat},
		{"dikecualikan", terbuka.Dikecualikan}, {"periodic", terbuka.Berkala}, {"immediate", terbuka.SertaMerta},
		{"exempt", terbuka.Dikecualikan}} {
		if strings.Contains(k, x.word) {
			if found > 0 && c != x.c {
				return terbuka.Classification(strings.ToLower(strings.TrimSpace(s))), false
			}
			c, found = x.c, found+1
		}
	}
	if found == 0 {
		return terbuka.Classification(strings.ToLower(strings.TrimSpace(s))), false
	}
	return c, true
}

var (
	softWords = []string{"soft", "elektronik", "digital", "pdf", "online", "daring", "website", "situs"}
	hardWords = []string{"hard", "cetak", "kertas", "fisik", "tercetak", "print"}
	bothWords = []string{"keduanya", "both"}
)

// ParseFormats reads the available formats: Softcopy, Hardcopy or both in
// any spelling ("Softcopy & Hardcopy", "Softcopy/Hardcopy", "Keduanya",
// "Cetak"); ok is false when s names neither.
func ParseFormats(s string) ([]terbuka.Format, bool) {
	k := key(s)
	has := func(words []string) bool {
		for _, w := range words {
			if strings.Contains(k, w) {
				return true
			}
		}
		return false
	}
	soft, hard := has(softWords), has(hardWords)
	if has(bothWords) {
		soft, hard = true, true
	}
	var out []terbuka.Format
	if soft {
		out = append(out, terbuka.Softcopy)
	}
	if hard {
		out = append(out, terbuka.Hardcopy)
	}
	return out, len(out) > 0
}

var (
	isoRe     = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	dmyRe     = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
	wordsRe   = regexp.MustCompile(`^(\d{1,2})\s+(\p{L}+)\.?\s+(\d{4})$`)
	serialRe  = regexp.MustCompile(`^\d{1,7}(\.\d+)?$`)
	yearRe    = regexp.MustCompile(`^\d{4}$`)
	digitsRe  = regexp.MustCompile(`\d+`)
	monthName = map[string]time.Month{}
)

func init() {
	for i, names := range [][]string{{"januari", "january", "jan"}, {"februari", "february", "feb", "pebruari"},
		{"maret", "march", "mar"}, {"april", "apr"}, {"mei", "may"}, {"juni", "june", "jun"},
		{"juli", "july", "jul"}, {"agustus", "august", "agu", "ags", "aug"}, {"september", "sep", "sept"},
		{"oktober", "october", "okt", "oct"}, {"november", "nopember", "nov", "nop"}, {"desember", "december", "des", "dec"}} {
		for _, n := range names {
			monthName[n] = time.Month(i + 1)
		}
	}
}

// excelEpoch is day 0 of Excel's date serials (1900 date system, with its
// fictitious 29 February 1900 before serial 61).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// maxSerial is 9999-12-31, Excel's last date.
const maxSerial = 2958465

// ParseDate reads a date cell as YYYY-MM-DD: YYYY-MM-DD, DD/MM/YYYY,
// DD-MM-YYYY, DD.MM.YYYY, "12 Januari 2026", an Excel date serial (how a
// workbook stores a date cell) or any of these followed by a time. Empty
// is "", true; anything else "", false.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if i := strings.IndexAny(s, " T"); i == 10 && !wordsRe.MatchString(s) {
		s = s[:i] // "2026-01-12 00:00:00"
	}
	var y, m, d int
	switch {
	case isoRe.MatchString(s):
		p := isoRe.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case dmyRe.MatchString(s):
		p := dmyRe.FindStringSubmatch(s)
		d, m, y = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case wordsRe.MatchString(s):
		p := wordsRe.FindStringSubmatch(s)
		mon, ok := monthName[strings.ToLower(p[2])]
		if !ok {
			return "", false
		}
		d, m, y = atoi(p[1]), int(mon), atoi(p[3])
	case serialRe.MatchString(s):
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 1 || f > maxSerial {
			return "", false
		}
		days := int(math.Floor(f))
		if days < 61 {
			days++ // Excel counts a 29 February 1900 that never was
		}
		return excelEpoch.AddDate(0, 0, days).Format(time.DateOnly), true
	default:
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1 || t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return "", false // 31/02/2026
	}
	return t.Format(time.DateOnly), true
}

// ParseYear reads the year an item was made: "2025", a date in any form
// ParseDate reads, or text with exactly one year in it ("TA 2025",
// "Januari 2025"). ok is false otherwise.
func ParseYear(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if yearRe.MatchString(s) {
		return atoi(s), true
	}
	if strings.HasSuffix(s, ".0") && yearRe.MatchString(strings.TrimSuffix(s, ".0")) {
		return atoi(strings.TrimSuffix(s, ".0")), true
	}
	if d, ok := ParseDate(s); ok && d != "" {
		return atoi(d[:4]), true
	}
	var year string
	for _, m := range digitsRe.FindAllString(s, -1) {
		if len(m) != 4 || m[:2] != "19" && m[:2] != "20" {
			continue
		}
		if year != "" && m != year {
			return 0, false
		}
		year = m
	}
	if year == "" {
		return 0, false
	}
	return atoi(year), true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
