package api

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
)

// exportColumn is one column of the CSV export: its DIP heading (Perki
// 1/2010 Lampiran II, DOMAIN.md section 2) and its value for an entry.
type exportColumn struct {
	name  string
	value func(e terbuka.CatalogueEntry, site string) string
}

// exportColumns are the DIP columns, then the classification columns and
// Terbuka's own. An exempted entry is its PublicView, which holds only
// the exemption register's columns (title, classification, year, body,
// legal basis, end): every other cell of its row stays empty.
var exportColumns = []exportColumn{
	{"ID", func(e terbuka.CatalogueEntry, _ string) string { return strconv.FormatInt(e.ID, 10) }},
	{"Badan publik", func(e terbuka.CatalogueEntry, _ string) string { return e.BodyName }},
	{"Kode badan publik", func(e terbuka.CatalogueEntry, _ string) string { return e.BodySlug }},
	{"Judul informasi", func(e terbuka.CatalogueEntry, _ string) string { return e.Title }},
	{"Ringkasan isi informasi", func(e terbuka.CatalogueEntry, _ string) string { return e.Summary }},
	{"Klasifikasi", func(e terbuka.CatalogueEntry, _ string) string { return classificationLabel(e.Classification) }},
	{"Pejabat/unit yang menguasai informasi", func(e terbuka.CatalogueEntry, _ string) string { return e.UnitName }},
	{"Penanggung jawab pembuatan informasi", func(e terbuka.CatalogueEntry, _ string) string { return e.Responsible }},
	{"Waktu pembuatan", func(e terbuka.CatalogueEntry, _ string) string { return itoaOrEmpty(e.Year) }},
	{"Tempat pembuatan", func(e terbuka.CatalogueEntry, _ string) string { return e.CreatedPlace }},
	{"Format informasi yang tersedia", func(e terbuka.CatalogueEntry, _ string) string { return formatsText(e.Formats) }},
	{"Jangka waktu penyimpanan", func(e terbuka.CatalogueEntry, _ string) string { return e.Retention }},
	{"Berlaku sejak", func(e terbuka.CatalogueEntry, _ string) string { return e.ValidFrom.String() }},
	{"Berlaku sampai", func(e terbuka.CatalogueEntry, _ string) string { return e.ValidUntil.String() }},
	{"Pemutakhiran (bulan)", func(e terbuka.CatalogueEntry, _ string) string { return itoaOrEmpty(e.UpdateMonths) }},
	{"Terakhir diterbitkan", func(e terbuka.CatalogueEntry, _ string) string { return e.PublishedOn.String() }},
	{"Dasar hukum pengecualian", func(e terbuka.CatalogueEntry, _ string) string {
		if e.Exemption == nil {
			return ""
		}
		return e.Exemption.Basis
	}},
	{"Dikecualikan sampai", func(e terbuka.CatalogueEntry, _ string) string { return exemptUntil(e.Exemption) }},
	{"Tautan", func(e terbuka.CatalogueEntry, site string) string { return entryURL(site, e.ID) }},
}

// bom is the UTF-8 byte order mark. The CSV export is for people with
// spreadsheets first (machines have export.json, DCAT and CKAN): Excel
// reads a CSV without it in the machine's legacy code page and garbles
// every name with a non-ASCII letter. The registers do the same.
const bom = "\ufeff"

// defuse keeps a cell from being read as a formula by a spreadsheet (CSV
// injection, OWASP): a cell that starts with = + - @, a tab or a carriage
// return gets a leading apostrophe. The same rule as register/formula.go,
// which keeps it unexported in its own writer.
func defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// exportCSV streams the catalogue as RFC 4180 CSV (UTF-8 with a byte
// order mark, CRLF line ends, a header row of DIP columns), in ID order,
// filtered by body, classification and year. Exempted entries appear as
// their register row. Bad filters are 422, an unknown body 404.
func (a *API) exportCSV(w http.ResponseWriter, r *http.Request) {
	f, err := a.exportFilter(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	site := a.siteURL(r)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8; header=present")
	w.Header().Set("Content-Disposition", `attachment; filename="`+exportName(f, "csv")+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	s := newStream(w)
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	_, _ = bw.WriteString(bom)
	row := make([]string, len(exportColumns)+1)
	row[0] = "No"
	for i, c := range exportColumns {
		row[i+1] = c.name
	}
	_ = cw.Write(row)
	n := 0
	for e, err := range a.Store.OpenDataEntries(r.Context(), f, 0, 0) {
		if err != nil {
			a.abort(r.Context(), s, "export.csv", err)
			return
		}
		n++
		row[0] = strconv.Itoa(n)
		for i, c := range exportColumns {
			row[i+1] = defuse(c.value(e, site))
		}
		if err := cw.Write(row); err != nil {
			return // the client went away
		}
		if n%500 == 0 {
			cw.Flush()
			_ = bw.Flush()
			s.flush()
		}
	}
	cw.Flush()
	_ = bw.Flush()
}

// exportJSON streams the catalogue as {"generated_at", "total", "items":
// [...]} with each item in the shape of GET /api/v1/catalogue/{id} for
// the public, in ID order, with the filters of exportCSV.
func (a *API) exportJSON(w http.ResponseWriter, r *http.Request) {
	f, err := a.exportFilter(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	total, err := a.Store.OpenDataCount(r.Context(), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+exportName(f, "json")+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	s := newStream(w)
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	head, _ := json.Marshal(a.Store.Now().UTC().Format(time.RFC3339))
	_, _ = bw.WriteString(`{"generated_at":` + string(head) + `,"total":` + strconv.Itoa(total) + `,"items":[`)
	n := 0
	for e, err := range a.Store.OpenDataEntries(r.Context(), f, 0, 0) {
		if err != nil {
			a.abort(r.Context(), s, "export.json", err)
			return
		}
		if n > 0 {
			_ = bw.WriteByte(',')
		}
		n++
		// catalogueJSON renders a public view (e.Public) without the
		// staff-only fields, whatever day it is given.
		if err := enc.Encode(catalogueJSON(e, a.Store.CatalogueToday(e))); err != nil {
			return
		}
		if n%500 == 0 {
			_ = bw.Flush()
			s.flush()
		}
	}
	_, _ = bw.WriteString("]}\n")
	_ = bw.Flush()
}
