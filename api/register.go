package api

import (
	"bytes"
	"fmt"
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
	q := r.URL.Query()
	f := store.RequestFilter{BodySlug: q.Get("body"), Limit: -1}
	p := terbuka.Problems{}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			p.Add("year", "invalid.year")
		}
		f.Year = n
	}
	format := q.Get("format")
	if format == "" {
		format = "xlsx"
	}
	if format != "xlsx" && format != "csv" {
		p.Add("format", "invalid.choice")
	}
	if err := p.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	list, _, err := a.Store.ListRequests(r.Context(), userOf(r), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	lang := string(web.APILang(r))
	title := "Buku Register Permohonan Informasi Publik"
	if f.Year != 0 {
		title += fmt.Sprintf(" %d", f.Year)
	}
	var buf bytes.Buffer
	name := "buku-register-permohonan"
	if f.Year != 0 {
		name += fmt.Sprintf("-%d", f.Year)
	}
	if format == "csv" {
		err = register.WriteCSV(&buf, title, list, lang)
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	} else {
		err = register.WriteXLSX(&buf, title, list, lang)
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	if err != nil {
		a.fail(w, r, fmt.Errorf("write register: %w", err))
		return
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
