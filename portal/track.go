package portal

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/pdf"
	"github.com/terbuka-id/terbuka/workday"
)

// trackView is the data of the tracking page. Request is set only when the
// number and the code matched. The template shows no personal data of the
// requester (NIK, address, e-mail, phone), although Request holds them.
type trackView struct {
	Found   bool
	Request terbuka.Request
	Code    string // the code as typed, for the receipt download form
	Overdue bool
	Routing trackRouting // what is missing, the completion form, a transfer (incomplete.go)
	Docs    docsView     // notice, SK penolakan, released files, fee (notice.go)

	// Objections is the keberatan and sengketa part (objection.go).
	Objections trackObjections
}

// track serves GET /lacak (the form, or the result with ?nomor=&kode=) and
// POST /lacak (the result; the code then stays out of the URL). A wrong
// number or code gives 404 with one generic message, so nobody can learn
// whether a number exists.
func (p *Portal) track(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.track.title")
	pg.Data = trackView{}
	values := r.URL.Query()
	if r.Method == http.MethodPost {
		if err := parseForm(w, r); err != nil {
			p.render(w, r, p.problems(r, pg, err), "track", pg)
			return
		}
		values = r.PostForm
	}
	number, code := strings.TrimSpace(values.Get("nomor")), values.Get("kode")
	pg.Form.Set("nomor", number)
	if r.Method == http.MethodGet && number == "" && code == "" {
		p.render(w, r, http.StatusOK, "track", pg)
		return
	}
	req, err := p.Store.RequestByTracking(r.Context(), number, normalizeCode(code))
	if err != nil {
		p.render(w, r, p.problems(r, pg, err), "track", pg)
		return
	}
	body, err := p.Store.BodyByID(r.Context(), req.BodyID)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	pg.Loc = body.Settings.Location()
	pg.Data = trackView{Found: true, Request: req, Code: code, Overdue: req.Overdue(p.Store.Today(body))}
	if err := p.addTrackRouting(r, pg); err != nil { // incomplete.go
		p.fail(w, r, pg, err)
		return
	}
	if !p.loadTrackedDocs(w, r, pg, number, normalizeCode(code)) { // notice.go
		return
	}
	if err := p.addTrackObjections(r, pg); err != nil { // objection.go
		p.fail(w, r, pg, err)
		return
	}
	p.render(w, r, http.StatusOK, "track", pg)
}

// receipt serves the tanda bukti permohonan as a PDF download. It holds
// the requester's personal data, so it needs the tracking code: posted as
// the form field kode (the portal's own links do this) or as ?kode=.
// A wrong number or code is the same 404 page as on /lacak.
func (p *Portal) receipt(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.track.title")
	code := r.URL.Query().Get("kode")
	if r.Method == http.MethodPost {
		if err := parseForm(w, r); err != nil {
			p.fail(w, r, pg, err)
			return
		}
		code = r.PostForm.Get("kode")
	}
	req, err := p.Store.RequestByTracking(r.Context(), r.PathValue("number"), normalizeCode(code))
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	body, err := p.Store.BodyByID(r.Context(), req.BodyID)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	doc, err := pdf.Receipt(body, req, string(pg.Lang), p.Store.Now())
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="tanda-bukti-`+req.Number+`.pdf"`)
	h.Set("Content-Length", strconv.Itoa(len(doc)))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(doc)
}

// zoneOf is the time zone of body id, WIB when it cannot be read; it only
// decides how timestamps are displayed.
func (p *Portal) zoneOf(r *http.Request, id int64) *time.Location {
	b, err := p.Store.BodyByID(r.Context(), id)
	if err != nil {
		return workday.Jakarta
	}
	return b.Settings.Location()
}
