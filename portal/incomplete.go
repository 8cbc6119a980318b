package portal

import (
	"net/http"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/web"
)

// routingRoutes registers the routing pages and actions (issue 3,
// bullets 0 and 1).
func (p *Portal) routingRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /lacak/{number}/lengkapi", p.completeRequest)
	mux.HandleFunc("POST /staf/permohonan/{number}/perlu-dilengkapi", p.staff(p.markIncomplete))
	mux.HandleFunc("POST /staf/permohonan/{number}/disposisi", p.staff(p.disposeRequest))
	mux.HandleFunc("POST /staf/permohonan/{number}/disposisi/{id}/jawab", p.staff(p.answerDisposition))
	mux.HandleFunc("POST /staf/permohonan/{number}/disposisi/{id}/tarik", p.staff(p.withdrawDisposition))
}

// markIncomplete serves POST /staf/permohonan/{number}/perlu-dilengkapi:
// staff say what is missing; the requester is told and may complete the
// request from the tracking page.
func (p *Portal) markIncomplete(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	err := parseForm(w, r)
	if err == nil {
		keep(pg, r, "missing")
		_, err = p.Store.MarkIncomplete(r.Context(), u, r.PathValue("number"), r.PostForm.Get("missing"))
	}
	p.afterAction(w, r, u, pg, err, "portal.flash.incomplete")
}

// trackRouting is the routing part of the tracking page: what is missing
// and the completion form while the request is incomplete, why it lapsed,
// and a transfer's new number. It never holds a tracking code other than
// the one the visitor typed.
type trackRouting struct {
	Latest      *terbuka.Incompleteness // the latest perlu dilengkapi episode
	CanComplete bool
	From, To    *terbuka.TransferLink
}

// addTrackRouting puts the routing part on the tracking page on pg
// (trackView with Found set).
func (p *Portal) addTrackRouting(r *http.Request, pg *page) error {
	view, ok := pg.Data.(trackView)
	if !ok || !view.Found {
		return nil
	}
	ctx := r.Context()
	req := view.Request
	incs, err := p.Store.Incompletes(ctx, req)
	if err != nil {
		return err
	}
	var tr trackRouting
	if n := len(incs); n > 0 {
		tr.Latest = &incs[n-1]
		tr.CanComplete = tr.Latest.Pending() && req.CheckComplete(p.Store.RequestToday(req), tr.Latest.CompleteBy) == nil
	}
	if tr.From, tr.To, err = p.Store.TransferLinks(ctx, req); err != nil {
		return err
	}
	if tr.CanComplete {
		for k, v := range map[string]string{"information": req.Information, "purpose": req.Purpose} {
			if pg.Form.Get(k) == "" {
				pg.Form.Set(k, v)
			}
		}
	}
	view.Routing = tr
	pg.Data = view
	return nil
}

// completionFields are the completion form's inputs; their names are the
// JSON paths of terbuka.Completion, so problems land next to them
// (the note is "completion.note": "note" labels the decision's note).
var completionFields = []string{"information", "purpose", "completion.note", "requester.id_number", "requester.email", "requester.phone"}

// completeRequest serves POST /lacak/{number}/lengkapi: the requester
// completes an incomplete request with its tracking code (the hidden
// field kode). The tracking page is shown again, with the new dates and
// a confirmation, or with the problems; the code stays out of the URL. A
// wrong number or code is the tracking page's generic 404.
func (p *Portal) completeRequest(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.track.title")
	pg.Data = trackView{}
	if err := parseForm(w, r); err != nil {
		p.render(w, r, p.problems(r, pg, err), "track", pg)
		return
	}
	if p.Intake != nil && !p.Intake.Allow(web.ClientIP(r)) {
		p.render(w, r, p.problems(r, pg, terbuka.Errorf(terbuka.ERateLimited, "rate_limited")), "track", pg)
		return
	}
	number, code := r.PathValue("number"), normalizeCode(r.PostForm.Get("kode"))
	pg.Form.Set("nomor", number)
	f := r.PostForm
	in := terbuka.Completion{Information: f.Get("information"), Purpose: f.Get("purpose"), Note: f.Get("completion.note")}
	if q := (terbuka.CompletionRequester{IDNumber: f.Get("requester.id_number"), Email: f.Get("requester.email"),
		Phone: f.Get("requester.phone")}); q != (terbuka.CompletionRequester{}) {
		in.Requester = &q
	}
	_, err := p.Store.CompleteRequest(r.Context(), number, code, in)
	status := http.StatusOK
	if err != nil {
		if terbuka.ErrorCode(err) == terbuka.ENotFound {
			p.render(w, r, p.problems(r, pg, err), "track", pg)
			return
		}
		status = p.problems(r, pg, renameField(err, "note", "completion.note"))
		keep(pg, r, completionFields...)
	}
	req, terr := p.Store.RequestByTracking(r.Context(), number, code)
	if terr != nil {
		p.render(w, r, p.problems(r, pg, terr), "track", pg)
		return
	}
	body, terr := p.Store.BodyByID(r.Context(), req.BodyID)
	if terr != nil {
		p.fail(w, r, pg, terr)
		return
	}
	if err == nil {
		pg.Flash = locale.T(pg.Lang, "portal.flash.completed")
	}
	pg.Loc = body.Settings.Location()
	pg.Data = trackView{Found: true, Request: req, Code: strings.TrimSpace(r.PostForm.Get("kode")), Overdue: req.Overdue(p.Store.Today(body))}
	if terr := p.addTrackRouting(r, pg); terr != nil {
		p.fail(w, r, pg, terr)
		return
	}
	p.render(w, r, status, "track", pg)
}

// renameField moves err's problem on field from to field to.
func renameField(err error, from, to string) error {
	e := terbuka.AsError(err)
	if e == nil {
		return err
	}
	m, ok := e.Fields[from]
	if !ok {
		return err
	}
	out := *e
	out.Fields = make(map[string]terbuka.Msg, len(e.Fields))
	for k, v := range e.Fields {
		out.Fields[k] = v
	}
	delete(out.Fields, from)
	out.Fields[to] = m
	return &out
}

// stateWaiting is the deadline state of an incomplete request: its clock
// is stopped until the requester completes it (neither on time nor done).
const stateWaiting = "waiting"
