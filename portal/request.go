package portal

import (
	"net/http"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// requestFormView is the data of the public request form.
type requestFormView struct {
	Body terbuka.Body
}

// requestForm serves GET /permohonan/{slug}: the request form of one body.
// An unknown body is a 404 page.
func (p *Portal) requestForm(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.request.title")
	body, err := p.Store.BodyBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	pg.Data = requestFormView{Body: body}
	pg.Form.Set("requester.kind", string(terbuka.Individual))
	p.render(w, r, http.StatusOK, "request_form", pg)
}

// submitRequest serves POST /permohonan/{slug}: it registers the request
// through the web channel in the visitor's language. Bad input shows the
// form again, as typed, with each field's problem (422); success redirects
// (303) to the page that shows the number and, once, the tracking code.
func (p *Portal) submitRequest(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.request.title")
	body, err := p.Store.BodyBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	pg.Data = requestFormView{Body: body}
	if err := parseForm(w, r); err != nil {
		p.render(w, r, p.problems(r, pg, err), "request_form", pg)
		return
	}
	keep(pg, r, intakeFields...)
	if p.Intake != nil && !p.Intake.Allow(web.ClientIP(r)) {
		p.render(w, r, p.problems(r, pg, terbuka.Errorf(terbuka.ERateLimited, "rate_limited")), "request_form", pg)
		return
	}
	req, token, err := p.Store.CreateRequest(r.Context(), body.Slug, newRequestFrom(r),
		store.CreateOptions{Channel: terbuka.ChannelWeb, Lang: string(pg.Lang)})
	if err != nil {
		p.render(w, r, p.problems(r, pg, err), "request_form", pg)
		return
	}
	to := "/permohonan/terdaftar/" + req.Number
	p.handOff(w, to, token)
	redirect(w, r, to)
}

// registeredView is the data of the page that confirms a registration.
type registeredView struct {
	Request terbuka.Request
	Token   string // "" when the page was already shown
	Staff   bool
}

// requestRegistered serves GET /permohonan/terdaftar/{number}: the number,
// the tracking code (shown this once), the dates and the receipt. Without
// the handed-off code (a reload, a shared link) it only says where to
// track the request, and reveals nothing about it.
func (p *Portal) requestRegistered(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.registered.title")
	view := registeredView{}
	if token := p.takeHandOff(w, r); token != "" {
		req, err := p.Store.RequestByTracking(r.Context(), r.PathValue("number"), token)
		if err != nil && terbuka.ErrorCode(err) != terbuka.ENotFound {
			p.fail(w, r, pg, err)
			return
		}
		if err == nil {
			view = registeredView{Request: req, Token: token}
			pg.Loc = p.zoneOf(r, req.BodyID)
		}
	}
	pg.Data = view
	p.render(w, r, http.StatusOK, "registered", pg)
}
