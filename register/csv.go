package register

import (
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
	return writeCSV(w, requestTable(title, reqs, lang), title != "")
}

// requestTable is the request register of reqs as a table.
func requestTable(title string, reqs []terbuka.Request, lang string) table[terbuka.Request] {
	return table[terbuka.Request]{heading: heading(title, lang), name: "BukuRegister", cols: columns(),
		items: reqs, ref: func(r terbuka.Request) string { return r.Number }, lang: lang}
}
