package portal

import (
	"net/http"
	"strings"

	"github.com/terbuka-id/terbuka"
)

// staffRequestView is the data of a request's staff page.
type staffRequestView struct {
	Request   terbuka.Request
	Body      terbuka.Body
	State     string
	CanExtend bool        // the extension form is offered
	CanDecide bool        // the decision form is offered
	Routing   routingView // perlu dilengkapi, transfer links, disposisi (disposition.go)
	Docs      docsView    // notice, files, fee (notice.go)

	// Objections lists the keberatan on this request (objection_staff.go).
	Objections requestObjections
}

// showRequest serves GET /staf/permohonan/{number}: the whole request,
// with the requester's personal data, the full history with actors, and the
// extension and decision forms when they apply. A request the user may not
// see is 404, as if it did not exist.
func (p *Portal) showRequest(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	if p.loadRequest(w, r, u, pg) {
		p.render(w, r, http.StatusOK, "staff_request", pg)
	}
}

// loadRequest puts the request of the path on pg, or renders the error
// page and returns false.
func (p *Portal) loadRequest(w http.ResponseWriter, r *http.Request, u terbuka.User, pg *page) bool {
	req, err := p.Store.RequestForStaff(r.Context(), u, r.PathValue("number"))
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	body, err := p.Store.BodyByID(r.Context(), req.BodyID)
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	today := p.Store.Today(body)
	states := deadlineStates{p: p, r: r, bodies: []terbuka.Body{body}}
	handles := u.Role.CanHandleRequests()
	pg.Loc = body.Settings.Location()
	pg.Title = req.Number
	pg.Data = staffRequestView{Request: req, Body: body, State: states.of(req),
		CanExtend: handles && req.CheckExtend(today, "-") == nil, CanDecide: handles && req.CheckDecide() == nil}
	if err := p.loadRouting(r, u, pg); err != nil { // disposition.go
		p.fail(w, r, pg, err)
		return false
	}
	if !p.loadDocs(w, r, u, pg, req, body) { // notice.go
		return false
	}
	if err := p.addRequestObjections(r, u, pg); err != nil { // objection_staff.go
		p.fail(w, r, pg, err)
		return false
	}
	return true
}

// extendRequest serves POST /staf/permohonan/{number}/perpanjang: the one
// extension of Pasal 22(8) with its written reason. A second extension or
// one after the original due date is a conflict shown at the top of the
// page (409); a missing reason is shown next to the field (422).
func (p *Portal) extendRequest(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	err := parseForm(w, r)
	if err == nil {
		keep(pg, r, "reason")
		_, err = p.Store.ExtendRequest(r.Context(), u, r.PathValue("number"), r.PostForm.Get("reason"))
	}
	p.afterAction(w, r, u, pg, err, "portal.flash.extended")
}

// decideRequest serves POST /staf/permohonan/{number}/keputusan: the
// written decision. Denied and partially granted need a Pasal 17 letter and
// a consequence test; a transfer needs the body it goes to. Problems are
// shown next to their fields (422) or at the top (409 when the request is
// no longer open).
func (p *Portal) decideRequest(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	err := parseForm(w, r)
	if err == nil {
		keep(pg, r, "decision", "note", "exemption.basis", "exemption.consequence_test", "transferred_to")
		keepFees(pg, r) // fee.go
		_, err = p.Store.DecideRequest(r.Context(), u, r.PathValue("number"), decisionFrom(r))
	}
	p.afterAction(w, r, u, pg, err, "portal.flash.decided")
}

// afterAction finishes a request action: on success a flash and 303 back
// to the request; on a domain error the request page again with the
// problems and the status web.Describe gives. A request the user may not
// see stays a 404 page.
func (p *Portal) afterAction(w http.ResponseWriter, r *http.Request, u terbuka.User, pg *page, err error, flashKey string) {
	to := "/staf/permohonan/" + r.PathValue("number")
	if err == nil {
		p.setFlash(w, flashKey)
		redirect(w, r, to)
		return
	}
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		p.fail(w, r, pg, err)
		return
	}
	status := p.problems(r, pg, err)
	pg.backTo(to)
	if p.loadRequest(w, r, u, pg) {
		p.render(w, r, status, "staff_request", pg)
	}
}

// decisionFrom reads the decision form. The exemption is sent only when
// one of its fields is filled, so the domain can say it is missing.
func decisionFrom(r *http.Request) terbuka.DecisionInput {
	f := r.PostForm
	in := terbuka.DecisionInput{Decision: terbuka.DecisionKind(f.Get("decision")), Note: f.Get("note"),
		TransferredTo: f.Get("transferred_to")}
	basis, test := strings.TrimSpace(f.Get("exemption.basis")), f.Get("exemption.consequence_test")
	if basis != "" || strings.TrimSpace(test) != "" {
		in.Exemption = &terbuka.Exemption{Basis: basis, ConsequenceTest: test}
	}
	in.Fees = feeLinesFrom(r) // fee.go
	return in
}
