package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// Open data (issue 4): the catalogue as CSV and JSON exports, as a DCAT-AP
// catalogue in JSON-LD (opendata_dcat.go), and through the read-only CKAN
// Action API that harvesters use (ckan.go). All of them are public and
// read the catalogue only through the store's open-data methods, which
// return every entry as its PublicView: an exempted (dikecualikan) entry
// is at most its row of the exemption register, and the DCAT catalogue and
// the CKAN API leave it out altogether.

// openDataRoutes registers the open-data endpoints. The CKAN paths are
// outside /api/v1 because harvesters expect CKAN's own layout; the
// unversioned /api/action/ is an alias that older clients call.
func (a *API) openDataRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/catalogue/export.csv", a.exportCSV)
	mux.HandleFunc("GET /api/v1/catalogue/export.json", a.exportJSON)
	mux.HandleFunc("GET /api/v1/catalogue/dcat.jsonld", a.dcatCatalogue)
	mux.HandleFunc("GET /api/3/action/{action}", a.ckanAction)
	mux.HandleFunc("POST /api/3/action/{action}", a.ckanAction)
	mux.HandleFunc("GET /api/action/{action}", a.ckanAction)
	mux.HandleFunc("POST /api/action/{action}", a.ckanAction)
}

// siteURL is the portal's public address without a trailing slash, for
// the absolute links harvesters need: BaseURL when main sets it (it
// should: identifiers derive from it), else the scheme and host this
// request came to.
func (a *API) siteURL(r *http.Request) string {
	if a.BaseURL != "" {
		return strings.TrimRight(a.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// entryURL is the portal page of an entry.
func entryURL(site string, id int64) string {
	return site + "/katalog/" + strconv.FormatInt(id, 10)
}

// documentURL is the public download of a document's current version.
func documentURL(site string, entryID, docID int64) string {
	return entryURL(site, entryID) + "/dokumen/" + strconv.FormatInt(docID, 10) + "/unduh"
}

// exportFilter reads the filters the exports and the DCAT catalogue share:
// body (a slug; unknown → 404), classification and year (bad → 422
// naming the parameter).
func (a *API) exportFilter(r *http.Request) (store.OpenDataFilter, error) {
	q := r.URL.Query()
	var f store.OpenDataFilter
	p := terbuka.Problems{}
	if c := terbuka.Classification(q.Get("classification")); c != "" {
		if !c.Valid() {
			p.Add("classification", "invalid.choice")
		}
		f.Classifications = []terbuka.Classification{c}
	}
	if v := q.Get("year"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < terbuka.MinCatalogueYear || n > 2100 {
			p.Add("year", "invalid.catalogue_year", terbuka.MinCatalogueYear, 2100)
		}
		f.Year = n
	}
	if err := p.Err(); err != nil {
		return f, err
	}
	if slug := q.Get("body"); slug != "" {
		if _, err := a.Store.BodyBySlug(r.Context(), slug); err != nil {
			return f, err
		}
		f.Bodies = []string{slug}
	}
	return f, nil
}

// exportName is the file name of an export: dip, then the filters, so
// that two downloads with different filters never overwrite each other.
// Slugs and classifications are [a-z0-9_-] only, safe in the header.
func exportName(f store.OpenDataFilter, ext string) string {
	parts := []string{"dip"}
	parts = append(parts, f.Bodies...)
	for _, c := range f.Classifications {
		parts = append(parts, string(c))
	}
	if f.Year != 0 {
		parts = append(parts, strconv.Itoa(f.Year))
	}
	return strings.Join(parts, "-") + "." + ext
}

// streamTimeout is how long writing one batch of an export may take. The
// server's WriteTimeout bounds a whole response, which a million-row
// export would exceed; each batch extends the deadline instead, so only a
// stalled client is cut off.
const streamTimeout = time.Minute

// stream tracks a response written batch by batch.
type stream struct {
	rc *http.ResponseController
}

func newStream(w http.ResponseWriter) stream {
	s := stream{rc: http.NewResponseController(w)}
	s.extend()
	return s
}

// extend moves the write deadline; writers without deadlines (tests)
// ignore it.
func (s stream) extend() { _ = s.rc.SetWriteDeadline(time.Now().Add(streamTimeout)) }

// flush sends what is buffered and extends the deadline.
func (s stream) flush() {
	_ = s.rc.Flush()
	s.extend()
}

// abort ends a response that failed after its status was sent. A body
// that simply stopped would look complete; closing the connection mid-
// chunk makes the client see a broken download. When the connection
// cannot be taken over (HTTP/2), the stream ends where it is.
func (a *API) abort(ctx context.Context, s stream, what string, err error) {
	if a.Log != nil {
		a.Log.ErrorContext(ctx, "open data stream failed", "what", what, "err", err)
	}
	if conn, _, herr := s.rc.Hijack(); herr == nil {
		_ = conn.Close()
	}
}

// classificationLabel is a classification as the DIP prints it.
func classificationLabel(c terbuka.Classification) string {
	switch c {
	case terbuka.Berkala:
		return "Berkala"
	case terbuka.SertaMerta:
		return "Serta merta"
	case terbuka.SetiapSaat:
		return "Setiap saat"
	case terbuka.Dikecualikan:
		return "Dikecualikan"
	}
	return string(c)
}

// formatsText joins an entry's formats ("softcopy, hardcopy").
func formatsText(fs []terbuka.Format) string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return strings.Join(out, ", ")
}

// exemptUntil is the end of an exemption as the register prints it:
// the date, or "permanen" (Pasal 17 g and h only).
func exemptUntil(x *terbuka.CatalogueExemption) string {
	switch {
	case x == nil:
		return ""
	case x.Permanent():
		return "permanen"
	}
	return x.Until.String()
}

func itoaOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func yearRange(y int) (string, string) {
	return fmt.Sprintf("%04d-01-01", y), fmt.Sprintf("%04d-12-31", y)
}
