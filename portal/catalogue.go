package portal

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// The public catalogue (Daftar Informasi Publik, issue 4): browsing by
// body, classification and year, an entry's page, its documents, the
// register of exempted information, search, an Atom feed and a sitemap.
// Every public page reads the store as the public (viewer nil), so an
// exempted (dikecualikan) entry arrives as its PublicView: the row of the
// exemption register, never its content.

// cataloguePerPage is how many entries the public lists show at once.
const cataloguePerPage = 25

// maxQueryText bounds the search words kept from a URL, in characters.
const maxQueryText = 200

// catalogueRoutes registers the catalogue pages, public and staff.
func (p *Portal) catalogueRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /katalog", p.browseCatalogue)
	mux.HandleFunc("GET /katalog/{$}", p.browseCatalogue)
	mux.HandleFunc("GET /katalog/dikecualikan", p.exemptionRegister)
	mux.HandleFunc("GET /katalog/cari", p.searchCatalogue)    // catalogue_search.go
	mux.HandleFunc("GET /katalog/feed.atom", p.catalogueFeed) // feed.go
	mux.HandleFunc("GET /katalog/{id}", p.catalogueEntry)
	mux.HandleFunc("GET /katalog/{id}/dokumen/{doc}", p.catalogueDocument)               // catalogue_document.go
	mux.HandleFunc("GET /katalog/{id}/dokumen/{doc}/unduh", p.downloadCatalogueDocument) // catalogue_document.go
	mux.HandleFunc("GET /sitemap.xml", p.sitemap)                                        // sitemap.go
	mux.HandleFunc("GET /sitemap/{name}", p.sitemapPart)                                 // sitemap.go
	mux.HandleFunc("GET /robots.txt", p.robots)                                          // sitemap.go
	p.staffCatalogueRoutes(mux)                                                          // catalogue_staff.go
}

// catalogueQuery is what a catalogue page was asked for in its URL.
// Values that cannot be meant (an unknown body or classification, a year
// out of range, a page number that is not one) are dropped, never an
// error: a shared link with a stale parameter still opens.
type catalogueQuery struct {
	Text           string
	BodySlug       string
	Classification terbuka.Classification
	Year           int
	Page           int // from 1
}

// parseCatalogueQuery reads q (q, body, classification, year, hal); a body
// counts only when it is one of bodies.
func parseCatalogueQuery(q url.Values, bodies []terbuka.Body) catalogueQuery {
	c := catalogueQuery{Page: 1}
	// Invalid bytes go before the spaces are tidied, so what is left
	// reads back the same from the links built from it.
	c.Text = strings.Join(strings.Fields(strings.ToValidUTF8(q.Get("q"), "")), " ")
	if r := []rune(c.Text); len(r) > maxQueryText {
		c.Text = strings.TrimSpace(string(r[:maxQueryText]))
	}
	if slug := q.Get("body"); slices.ContainsFunc(bodies, func(b terbuka.Body) bool { return b.Slug == slug }) {
		c.BodySlug = slug
	}
	if cl := terbuka.Classification(q.Get("classification")); cl.Valid() {
		c.Classification = cl
	}
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y >= terbuka.MinCatalogueYear && y <= 9999 {
		c.Year = y
	}
	c.Page = pageParam(q)
	return c
}

// values are the filters as URL parameters, without the page.
func (c catalogueQuery) values() url.Values {
	v := url.Values{}
	if c.Text != "" {
		v.Set("q", c.Text)
	}
	if c.BodySlug != "" {
		v.Set("body", c.BodySlug)
	}
	if c.Classification != "" {
		v.Set("classification", string(c.Classification))
	}
	if c.Year != 0 {
		v.Set("year", strconv.Itoa(c.Year))
	}
	return v
}

// fill puts the filters on the page's form, for the filter controls.
func (c catalogueQuery) fill(pg *page) {
	for k, v := range c.values() {
		pg.Form[k] = v
	}
}

// catalogueListView is the data of /katalog and /katalog/dikecualikan.
type catalogueListView struct {
	Entries []terbuka.CatalogueEntry
	Pager   pager
	Query   catalogueQuery
}

// browseCatalogue serves GET /katalog: every body's entries, filtered by
// body, classification and year, newest year first. Exempted entries show
// as their register row (title, body, classification, year).
func (p *Portal) browseCatalogue(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.catalogue.title")
	p.catalogueList(w, r, pg, "/katalog", "catalogue", func(q *catalogueQuery) {})
}

// exemptionRegister serves GET /katalog/dikecualikan: the public register
// of exempted information (Daftar Informasi yang Dikecualikan): what is
// exempt, on which legal basis, until when. The content itself never is.
func (p *Portal) exemptionRegister(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.catalogue.register_title")
	p.catalogueList(w, r, pg, "/katalog/dikecualikan", "catalogue_register", func(q *catalogueQuery) {
		q.Classification = terbuka.Dikecualikan
	})
}

// catalogueList renders a public list page at path with template name;
// fix adjusts the query before it runs.
func (p *Portal) catalogueList(w http.ResponseWriter, r *http.Request, pg *page, path, name string, fix func(*catalogueQuery)) {
	ctx := r.Context()
	bodies, err := p.Store.Bodies(ctx)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	pg.Bodies = bodies
	q := parseCatalogueQuery(r.URL.Query(), bodies)
	q.Text = "" // lists do not search; /katalog/cari does
	fix(&q)
	q.fill(pg)
	entries, total, err := p.Store.ListCatalogue(ctx, store.CatalogueFilter{BodySlug: q.BodySlug,
		Classification: q.Classification, Year: q.Year, Offset: (q.Page - 1) * cataloguePerPage, Limit: cataloguePerPage})
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	filters := q.values()
	if path == "/katalog/dikecualikan" {
		filters.Del("classification") // implied by the page
	}
	pg.Data = catalogueListView{Entries: entries, Query: q,
		Pager: newPager(path, filters, q.Page, total, cataloguePerPage)}
	p.render(w, r, http.StatusOK, name, pg)
}

// catalogueEntryView is the data of an entry's public page.
type catalogueEntryView struct {
	Entry     terbuka.CatalogueEntry
	Documents []terbuka.CatalogueDocument
}

// catalogueEntry serves GET /katalog/{id}: the DIP columns of an entry
// with its documents, or for an exempted entry only its register row.
// An ID that is not a number or names no entry is the 404 page.
func (p *Portal) catalogueEntry(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.catalogue.entry_title")
	e, docs, ok := p.publicEntry(w, r, pg)
	if !ok {
		return
	}
	pg.Title = e.Title
	pg.Data = catalogueEntryView{Entry: e, Documents: docs}
	p.render(w, r, http.StatusOK, "catalogue_entry", pg)
}

// publicEntry loads the entry {id} as the public sees it, with its
// documents (none for an exempted entry), or renders the error page.
func (p *Portal) publicEntry(w http.ResponseWriter, r *http.Request, pg *page) (terbuka.CatalogueEntry, []terbuka.CatalogueDocument, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		p.fail(w, r, pg, terbuka.ErrNotFound("catalogue"))
		return terbuka.CatalogueEntry{}, nil, false
	}
	e, err := p.Store.CatalogueEntryFor(r.Context(), nil, id)
	if err != nil {
		p.fail(w, r, pg, err)
		return e, nil, false
	}
	var docs []terbuka.CatalogueDocument
	if e.DocumentsPublic() {
		if docs, err = p.Store.CatalogueDocuments(r.Context(), nil, id); err != nil {
			p.fail(w, r, pg, err)
			return e, nil, false
		}
	}
	return e, docs, true
}

// pathID reads a positive decimal ID from path value name.
func pathID(r *http.Request, name string) (int64, bool) {
	s := r.PathValue(name)
	if s == "" || len(s) > 18 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}
