package api

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/register"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// register serves the buku register permohonan of the requests the staff
// caller may see, as XLSX (default) or CSV: ?format=csv&year=2026&body=slug.
func (a *API) register(w http.ResponseWriter, r *http.Request) {
	year, format, err := registerQuery(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	list, _, err := a.Store.ListRequests(r.Context(), userOf(r),
		store.RequestFilter{BodySlug: r.URL.Query().Get("body"), Year: year, Limit: -1})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	lang := string(web.APILang(r))
	title, name := "Buku Register Permohonan Informasi Publik", "buku-register-permohonan"
	if year != 0 {
		title, name = fmt.Sprintf("%s %d", title, year), fmt.Sprintf("%s-%d", name, year)
	}
	a.download(w, r, name, format,
		func(w io.Writer) error { return register.WriteCSV(w, title, list, lang) },
		func(w io.Writer) error { return register.WriteXLSX(w, title, list, lang) })
}

// registerQuery reads the ?year= and ?format= (xlsx by default, or csv)
// every register download takes.
func registerQuery(r *http.Request) (year int, format string, err error) {
	q := r.URL.Query()
	p := terbuka.Problems{}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			p.Add("year", "invalid.year")
		}
		year = n
	}
	format = q.Get("format")
	if format == "" {
		format = "xlsx"
	}
	if format != "xlsx" && format != "csv" {
		p.Add("format", "invalid.choice")
	}
	return year, format, p.Err()
}

// download writes a register as an attachment named name.format, built in
// memory first so a failure is still an error response, not a cut file.
func (a *API) download(w http.ResponseWriter, r *http.Request, name, format string, csv, xlsx func(io.Writer) error) {
	var buf bytes.Buffer
	write, ctype := xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	if format == "csv" {
		write, ctype = csv, "text/csv; charset=utf-8"
	}
	if err := write(&buf); err != nil {
		a.fail(w, r, fmt.Errorf("write %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
