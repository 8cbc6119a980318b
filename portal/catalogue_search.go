package portal

import (
	"net/http"

	"github.com/terbuka-id/terbuka/store"
)

// catalogueSearchView is the data of the search page. Searched is false
// when no words were given: the page then shows only the form.
type catalogueSearchView struct {
	Searched bool
	Hits     []store.CatalogueHit
	Pager    pager
	Query    catalogueQuery
}

// searchCatalogue serves GET /katalog/cari?q=&body=&classification=&year=
// [&hal=N]: Indonesian full-text search over the catalogue (stemmed, so
// "memohon" finds "permohonan") as the public sees it: an exempted entry
// is found by its title only and shows no snippet of its content. The
// snippets' matches are marked by the template, which escapes every word.
func (p *Portal) searchCatalogue(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.catalogue.search_title")
	ctx := r.Context()
	bodies, err := p.Store.Bodies(ctx)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	pg.Bodies = bodies
	q := parseCatalogueQuery(r.URL.Query(), bodies)
	q.fill(pg)
	view := catalogueSearchView{Query: q}
	if q.Text != "" {
		hits, total, err := p.Store.SearchCatalogue(ctx, store.CatalogueQuery{Text: q.Text, BodySlug: q.BodySlug,
			Classification: q.Classification, Year: q.Year, Offset: (q.Page - 1) * cataloguePerPage, Limit: cataloguePerPage})
		if err != nil {
			p.fail(w, r, pg, err)
			return
		}
		view.Searched, view.Hits = true, hits
		view.Pager = newPager("/katalog/cari", q.values(), q.Page, total, cataloguePerPage)
	}
	pg.Data = view
	p.render(w, r, http.StatusOK, "catalogue_search", pg)
}
