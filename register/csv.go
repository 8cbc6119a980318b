package register

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/terbuka-id/terbuka"
)

// bom is the UTF-8 byte order mark. Excel reads a CSV without it in the
// machine's legacy code page and garbles non-ASCII names.
const bom = "\ufeff"

// WriteCSV writes the register of reqs (see Rows) to w as RFC 4180 CSV:
// UTF-8 with a byte order mark, CRLF line ends, and every text cell
// defused against formula injection. When title is not "" the first record
// is the register's heading with title (usually the body's name), padded
// with empty fields to the table's width; the header record follows. Errors
// come from w.
func WriteCSV(w io.Writer, title string, reqs []terbuka.Request, lang string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("register: write csv: %w", err)
	}
	cols := columns()
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	record := make([]string, len(cols))
	if title != "" {
		record[0] = defuse(heading(title, lang))
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("register: write csv heading: %w", err)
		}
	}
	for i, h := range headers(cols, lang) {
		record[i] = defuse(h)
	}
	if err := cw.Write(record); err != nil {
		return fmt.Errorf("register: write csv header: %w", err)
	}
	for i, r := range reqs {
		for j, c := range cols {
			v := c.value(i+1, r, lang)
			record[j] = v.String()
			if v.kind == textCell {
				record[j] = defuse(record[j])
			}
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("register: write csv row %d (%s): %w", i+1, r.Number, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("register: write csv: %w", err)
	}
	return nil
}
