// Package api serves the JSON API under /api/v1 (API.md). Handlers are
// thin: parse, call one store method, render.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// API holds what the handlers need; set every field in main.
type API struct {
	Store  *store.Store
	Log    *slog.Logger
	Intake *web.Limiter // per-IP limit on public submissions; nil for none
	// BaseURL is the portal's public URL, for the absolute links and
	// identifiers of open data (opendata.go); "" takes the request's host.
	BaseURL string

	mux *http.ServeMux // set by Routes, to tell 404 from 405
}

// Routes registers every /api/v1 endpoint on mux.
func (a *API) Routes(mux *http.ServeMux) {
	a.mux = mux
	mux.HandleFunc("GET /api/v1/openapi.json", a.openAPI)
	mux.HandleFunc("GET /api/v1/bodies", a.listBodies)
	mux.HandleFunc("GET /api/v1/calendar/add-working-days", a.addWorkingDays)
	mux.HandleFunc("GET /api/v1/calendar/request-deadlines", a.requestDeadlines)
	mux.HandleFunc("GET /api/v1/calendar/holidays", a.holidays)
	mux.HandleFunc("POST /api/v1/calendar/amendments", a.staff(a.loadAmendment))
	mux.HandleFunc("GET /api/v1/calendar/amendments", a.listAmendments)
	mux.HandleFunc("GET /api/v1/bodies/{slug}/holidays", a.listRegionalHolidays)
	mux.HandleFunc("POST /api/v1/bodies/{slug}/holidays", a.staff(a.addRegionalHoliday))
	mux.HandleFunc("DELETE /api/v1/bodies/{slug}/holidays/{id}", a.staff(a.deleteRegionalHoliday))
	mux.HandleFunc("PUT /api/v1/bodies/{slug}/settings", a.staff(a.updateSettings))
	mux.HandleFunc("POST /api/v1/bodies/{slug}/requests", a.createRequest)
	mux.HandleFunc("GET /api/v1/requests", a.staff(a.listRequests))
	mux.HandleFunc("GET /api/v1/register", a.staff(a.register))
	mux.HandleFunc("GET /api/v1/requests/{number}", a.getRequest)
	mux.HandleFunc("POST /api/v1/requests/{number}/extend", a.staff(a.extendRequest))
	mux.HandleFunc("POST /api/v1/requests/{number}/decision", a.staff(a.decideRequest))
	mux.HandleFunc("POST /api/v1/bodies/{slug}/catalogue", a.staff(a.createCatalogueEntry))
	mux.HandleFunc("GET /api/v1/bodies/{slug}/catalogue", a.listBodyCatalogue)
	mux.HandleFunc("GET /api/v1/catalogue/{id}", a.getCatalogueEntry)
	mux.HandleFunc("GET /api/v1/catalogue/search", a.searchCatalogue)
	// Documents of catalogue entries (catalogue_document.go).
	a.catalogueDocumentRoutes(mux)
	// Bulk import of a DIP from XLSX/CSV (catalogue_import.go).
	a.catalogueImportRoutes(mux)
	a.routingRoutes(mux) // incomplete requests, dispositions (disposition.go)
	a.noticeRoutes(mux)  // fees, notices, released files (notice.go)
	// Objections and disputes (objection.go, dispute.go).
	a.objectionRoutes(mux)
	a.notificationRoutes(mux) // the caller's in-app notifications (notification.go)
	a.auditRoutes(mux)        // audit history (audit.go)
	a.openDataRoutes(mux)     // exports, DCAT-AP, CKAN Action API (opendata.go, ckan.go)
	mux.HandleFunc("/api/", a.notFound)
}

// notFound answers paths no route takes; a path that exists under another
// method gets 405 with Allow, as the mux would without the catch-all.
func (a *API) notFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{"GET", "POST", "PUT", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.mux.Handler(probe); pattern != "" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		a.fail(w, r, terbuka.Errorf(terbuka.EMethod, "method_not_allowed"))
		return
	}
	a.fail(w, r, terbuka.Errorf(terbuka.ENotFound, "not_found.page"))
}

func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	web.WriteError(w, r, a.Log, err)
}

type userKey struct{}

// bearer returns the staff user of the request's bearer token, if any.
// ok is false when no Authorization header was sent.
func (a *API) bearer(r *http.Request) (u terbuka.User, ok bool, err error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return u, false, nil
	}
	token, found := strings.CutPrefix(h, "Bearer ")
	if !found || strings.TrimSpace(token) == "" {
		return u, true, terbuka.Errorf(terbuka.EUnauthorized, "unauthorized.token")
	}
	u, err = a.Store.UserByToken(r.Context(), strings.TrimSpace(token))
	return u, true, err
}

// staff requires a valid bearer token and passes its user on.
func (a *API) staff(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, ok, err := a.bearer(r)
		if !ok {
			err = terbuka.Errorf(terbuka.EUnauthorized, "unauthorized.token")
		}
		if err != nil {
			a.fail(w, r, err)
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
	}
}

func userOf(r *http.Request) terbuka.User {
	u, _ := r.Context().Value(userKey{}).(terbuka.User)
	return u
}
