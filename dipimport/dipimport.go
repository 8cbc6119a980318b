// Package dipimport reads a body's existing Daftar Informasi Publik (DIP)
// from the spreadsheet officers keep today: the first sheet of an Excel
// workbook (.xlsx) or a CSV file (comma or semicolon separated, UTF-8 with
// or without BOM, or Windows-1252 as older Excel saves it). It finds the
// header row by its column names, Indonesian or English, turns every data
// row into a terbuka.NewCatalogueEntry with its sheet row number, and
// reports what it could not read in a cell as row problems. It also writes
// the template workbook (template.go).
//
// The package is pure: no SQL, no HTTP. Validating the entries against
// the domain rules and saving them is the store's work (store/
// catalogue_import*.go); a file is never imported in part.
package dipimport

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
)

// Limits on one file. They bound the memory an upload can take: a file of
// MaxBytes, at most MaxRows data rows, cells of at most MaxCell characters
// and MaxContent bytes of cell text in all (an XLSX can repeat one shared
// string in every cell, so the file size alone does not bound it).
const (
	MaxBytes   = 10 << 20
	MaxRows    = 20000
	MaxCell    = 6000
	MaxContent = 64 << 20
	// headerScan is how many rows before the header may hold a title
	// block ("DAFTAR INFORMASI PUBLIK", the body's name, a date).
	headerScan = 30
	// maxColumns bounds the cells of one row that are looked at.
	maxColumns = 100
)

// Row is one data row of the file: its row number in the sheet (1-based,
// as Excel shows it), the entry it describes and what could not be read
// from its cells, by the entry's JSON path ("year", "exemption.until").
// The domain's own validation (NewCatalogueEntry.Entry) comes later.
type Row struct {
	Line     int
	Entry    terbuka.NewCatalogueEntry
	Problems terbuka.Problems
}

// File is a parsed file: its rows in sheet order and, per field, the
// column header as the file spells it (for reports).
type File struct {
	Rows    []Row
	Columns map[string]string // field → header text in the file
}

// Column returns the header of field as the file spells it, or the
// template's header when the file has no such column.
func (f File) Column(field string) string {
	if h, ok := f.Columns[field]; ok {
		return h
	}
	return Label(field)
}

// Parse reads data, an uploaded file named name (the name only breaks a
// tie: the format is sniffed from the bytes). Problems with the file as a
// whole come back as a *terbuka.Error naming the field "file": too large
// (ETooLarge), an old .xls or protected workbook, binary data (EUnsupported),
// an unreadable workbook or CSV, no header row, missing required columns,
// unknown or repeated columns, no data rows or more than MaxRows (EInvalid
// or ETooLarge). Everything else is per row, in Row.Problems. Parse never
// panics, whatever the bytes.
func Parse(data []byte, name string) (File, error) {
	if len(data) > MaxBytes {
		return File{}, fileError(terbuka.ETooLarge, "too_large.import_file", MaxBytes>>20)
	}
	p := &parser{}
	var err error
	switch kind := sniff(data, name); kind {
	case kindXLSX:
		err = readXLSX(data, p.row)
	case kindCSV:
		err = readCSV(data, p.row)
	case kindXLS:
		return File{}, fileError(terbuka.EUnsupported, "unsupported.import_xls")
	default:
		return File{}, fileError(terbuka.EUnsupported, "unsupported.import_format")
	}
	if err != nil {
		if e := terbuka.AsError(err); e != nil {
			return File{}, e
		}
		return File{}, &terbuka.Error{Code: terbuka.EInvalid, Msg: terbuka.M("invalid.import_unreadable"),
			Fields: map[string]terbuka.Msg{"file": terbuka.M("invalid.import_unreadable")}, Err: err}
	}
	if p.header == nil {
		return File{}, fileError(terbuka.EInvalid, "invalid.import_no_header", strings.Join(requiredLabels(), ", "))
	}
	if len(p.rows) == 0 {
		return File{}, fileError(terbuka.EInvalid, "invalid.import_empty")
	}
	return File{Rows: p.rows, Columns: p.header.names}, nil
}

// fileError is a problem with the whole file, shown next to its input.
func fileError(code terbuka.Code, key string, args ...any) *terbuka.Error {
	m := terbuka.M(key, args...)
	return &terbuka.Error{Code: code, Msg: m, Fields: map[string]terbuka.Msg{"file": m}}
}

// parser receives the file's rows in order: it looks for the header among
// the first rows, then turns each following row into a Row.
type parser struct {
	header  *header
	scanned int // non-empty rows seen before the header
	rows    []Row
	content int // bytes of cell text kept
}

// row takes sheet row line; an error stops reading.
func (p *parser) row(line int, cells []string) error {
	if len(cells) > maxColumns {
		cells = cells[:maxColumns]
	}
	if blank(cells) {
		return nil
	}
	if p.header == nil {
		h, err := findHeader(cells)
		if err != nil {
			return err
		}
		if h != nil {
			p.header = h
			return nil
		}
		if p.scanned++; p.scanned >= headerScan {
			return fileError(terbuka.EInvalid, "invalid.import_no_header", strings.Join(requiredLabels(), ", "))
		}
		return nil
	}
	if len(p.rows) >= MaxRows {
		return fileError(terbuka.ETooLarge, "too_large.import_rows", MaxRows)
	}
	for _, c := range cells {
		p.content += len(c)
	}
	if p.content > MaxContent {
		return fileError(terbuka.ETooLarge, "too_large.import_content", MaxContent>>20)
	}
	p.rows = append(p.rows, p.header.entry(line, cells))
	return nil
}

// blank reports whether every cell is empty or spaces.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

type kind int

const (
	kindUnknown kind = iota
	kindXLSX
	kindXLS
	kindCSV
)

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts an old binary .xls, and also an encrypted .xlsx.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// sniff tells the format from the first bytes: a ZIP is a workbook, an OLE
// compound file an old or protected one, text (no NUL bytes and, unless
// valid UTF-8, a .csv or .txt name) a CSV.
func sniff(data []byte, name string) kind {
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return kindXLSX
	case bytes.HasPrefix(data, oleMagic):
		return kindXLS
	}
	head := data[:min(len(data), 8<<10)]
	if bytes.IndexByte(head, 0) >= 0 {
		return kindUnknown
	}
	lower := strings.ToLower(name)
	if utf8.Valid(trimIncompleteRune(head)) || strings.HasSuffix(lower, ".csv") || strings.HasSuffix(lower, ".txt") {
		return kindCSV
	}
	return kindUnknown
}

// trimIncompleteRune drops a rune cut in half at the end of a prefix.
func trimIncompleteRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if r, size := utf8.DecodeLastRune(b); r != utf8.RuneError || size != 1 {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}
