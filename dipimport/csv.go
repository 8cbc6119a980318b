package dipimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/terbuka-id/terbuka"
)

var bom = []byte("\xEF\xBB\xBF")

// readCSV calls fn with each record of a CSV file and the row number a
// spreadsheet shows for it (blank lines count, a quoted cell spanning lines
// does not). The text is UTF-8, with or without BOM, or else Windows-1252,
// which Excel writes for "CSV (Comma delimited)" on Indonesian Windows.
// The delimiter is the one, comma or semicolon, under which a header row
// shows up with more known columns: Excel with Indonesian regional
// settings separates with ";".
func readCSV(data []byte, fn func(line int, cells []string) error) error {
	data = bytes.TrimPrefix(data, bom)
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return err
		}
		data = dec
	}
	best, score := ',', -1
	for _, d := range []rune{',', ';'} {
		if s := headerScore(data, d); s > score {
			best, score = d, s
		}
	}
	r := newCSVReader(data, best)
	row, end := 0, 0 // spreadsheet row and last file line of the previous record
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fileError(terbuka.EInvalid, "invalid.import_csv", pe.StartLine)
			}
			return err
		}
		start, _ := r.FieldPos(0)
		last, _ := r.FieldPos(len(rec) - 1)
		row += 1 + max(start-end-1, 0)
		end = last + strings.Count(rec[len(rec)-1], "\n")
		if err := fn(row, rec); err != nil {
			return err
		}
	}
}

func newCSVReader(data []byte, delim rune) *csv.Reader {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delim
	r.FieldsPerRecord = -1 // rows may be shorter or longer than the header
	r.LazyQuotes = true    // officers' text holds stray quotes
	r.ReuseRecord = false
	return r
}

// headerScore is the most known header columns any of the first rows has
// when split at delim.
func headerScore(data []byte, delim rune) int {
	r := newCSVReader(data, delim)
	best := 0
	for i := 0; i < headerScan; i++ {
		rec, err := r.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				continue
			}
			break
		}
		n := 0
		for _, c := range rec {
			if byAlias[key(c)] != nil {
				n++
			}
		}
		best = max(best, n)
	}
	return best
}
