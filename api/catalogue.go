package api

import (
	"net/http"
	"net/url"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
	"github.com/terbuka-id/terbuka/workday"
)

// dateOrNil renders an optional date: null when unset.
func dateOrNil(d workday.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// catalogueJSON renders an entry as the store returned it. A public view
// of an exempted entry is its row of the exemption register and nothing
// else; staff views add the consequence test, who decided it, and whether
// the entry is stale or the exemption expired on day today.
func catalogueJSON(e terbuka.CatalogueEntry, today workday.Date) map[string]any {
	if e.Public && e.Classification == terbuka.Dikecualikan {
		out := map[string]any{"id": e.ID, "body": e.BodySlug, "body_name": e.BodyName, "title": e.Title,
			"classification": e.Classification, "year": e.Year, "exemption": nil}
		if x := e.Exemption; x != nil {
			out["exemption"] = map[string]any{"basis": x.Basis, "until": dateOrNil(x.Until)}
		}
		return out
	}
	formats := make([]string, len(e.Formats))
	for i, f := range e.Formats {
		formats[i] = string(f)
	}
	out := map[string]any{
		"id": e.ID, "body": e.BodySlug, "body_name": e.BodyName, "unit": e.UnitSlug, "unit_name": e.UnitName,
		"title": e.Title, "summary": e.Summary, "classification": e.Classification, "year": e.Year,
		"responsible": e.Responsible, "created_place": e.CreatedPlace, "formats": formats, "retention": e.Retention,
		"valid_from": e.ValidFrom.String(), "valid_until": dateOrNil(e.ValidUntil), "update_months": nil,
		"published_on": e.PublishedOn.String(), "next_due": dateOrNil(e.NextDue), "exemption": nil,
		"created_at": e.CreatedAt.UTC().Format(time.RFC3339), "updated_at": e.UpdatedAt.UTC().Format(time.RFC3339),
	}
	if e.UpdateMonths > 0 {
		out["update_months"] = e.UpdateMonths
	}
	if e.Public {
		return out
	}
	out["stale"] = e.Stale(today)
	if x := e.Exemption; x != nil {
		out["exemption"] = map[string]any{"letter": x.Letter, "basis": x.Basis, "consequence_test": x.ConsequenceTest,
			"until": dateOrNil(x.Until), "permanent": x.Permanent(), "expired": x.Expired(today),
			"decided_by": x.DecidedBy, "decided_at": x.DecidedAt.UTC().Format(time.RFC3339)}
	}
	return out
}

// viewer is the staff member of the request's bearer token, nil for the
// public; a token that is sent but not valid is 401.
func (a *API) viewer(r *http.Request) (*terbuka.User, error) {
	u, ok, err := a.bearer(r)
	if err != nil || !ok {
		return nil, err
	}
	return &u, nil
}

func (a *API) createCatalogueEntry(w http.ResponseWriter, r *http.Request) {
	var in terbuka.NewCatalogueEntry
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	e, err := a.Store.CreateCatalogueEntry(r.Context(), userOf(r), r.PathValue("slug"), in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/catalogue/"+strconv.FormatInt(e.ID, 10))
	web.WriteJSON(w, http.StatusCreated, catalogueJSON(e, a.Store.CatalogueToday(e)))
}

func (a *API) listBodyCatalogue(w http.ResponseWriter, r *http.Request) {
	viewer, err := a.viewer(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f := store.CatalogueFilter{BodySlug: r.PathValue("slug"), Classification: terbuka.Classification(q.Get("classification")), Viewer: viewer}
	p := terbuka.Problems{}
	if f.Classification != "" && !f.Classification.Valid() {
		p.Add("classification", "invalid.choice")
	}
	intQuery(p, q, "year", &f.Year, terbuka.MinCatalogueYear, 2100, "invalid.catalogue_year", terbuka.MinCatalogueYear, 2100)
	intQuery(p, q, "limit", &f.Limit, 1, 500, "invalid.choice")
	intQuery(p, q, "offset", &f.Offset, 0, 1<<30, "invalid.choice")
	if err := p.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	list, total, err := a.Store.ListCatalogue(r.Context(), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := make([]map[string]any, 0, len(list))
	for _, e := range list {
		items = append(items, catalogueJSON(e, a.Store.CatalogueToday(e)))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items, "total": total})
}

func (a *API) getCatalogueEntry(w http.ResponseWriter, r *http.Request) {
	viewer, err := a.viewer(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.fail(w, r, terbuka.ErrNotFound("catalogue"))
		return
	}
	e, err := a.Store.CatalogueEntryFor(r.Context(), viewer, id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, catalogueJSON(e, a.Store.CatalogueToday(e)))
}

// searchCatalogue is the public catalogue search (API.md). Snippets are
// HTML: escaped text with <mark> around the matched words. A staff token
// shows the entries of the staff's scope in full, as the other catalogue
// reads do; the search itself never matches an exempted entry's content.
func (a *API) searchCatalogue(w http.ResponseWriter, r *http.Request) {
	viewer, err := a.viewer(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	sq := store.CatalogueQuery{Text: q.Get("q"), BodySlug: q.Get("body"), Classification: terbuka.Classification(q.Get("classification")),
		Viewer: viewer}
	p := terbuka.Problems{}
	if utf8.RuneCountInString(sq.Text) > 500 { // the message counts characters
		p.Add("q", "invalid.too_long", 500)
	}
	if sq.Classification != "" && !sq.Classification.Valid() {
		p.Add("classification", "invalid.choice")
	}
	intQuery(p, q, "year", &sq.Year, terbuka.MinCatalogueYear, 2100, "invalid.catalogue_year", terbuka.MinCatalogueYear, 2100)
	intQuery(p, q, "limit", &sq.Limit, 1, 100, "invalid.choice")
	intQuery(p, q, "offset", &sq.Offset, 0, 1<<20, "invalid.choice")
	if err := p.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	hits, total, err := a.Store.SearchCatalogue(r.Context(), sq)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := make([]map[string]any, 0, len(hits))
	for _, h := range hits {
		items = append(items, map[string]any{"id": h.Entry.ID, "body": h.Entry.BodySlug, "title": h.Entry.Title,
			"classification": h.Entry.Classification, "snippet": store.SnippetHTML(h.Snippet)})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items, "total": total})
}

// intQuery reads optional integer parameter name into dst, adding problem
// key when it is not a whole number in [lo, hi].
func intQuery(p terbuka.Problems, q url.Values, name string, dst *int, lo, hi int, key string, args ...any) {
	if v := q.Get(name); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			p.Add(name, key, args...)
			return
		}
		*dst = n
	}
}
