package portal

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/pdf"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
	"github.com/terbuka-id/terbuka/workday"
)

// objectionRoutes registers the objection (keberatan) and dispute
// (sengketa) pages: the requester's forms on the tracking page and the
// staff's list, objection page and register downloads.
func (p *Portal) objectionRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /lacak/{number}/keberatan", p.fileObjection)
	mux.HandleFunc("POST /lacak/{number}/keberatan/{objection}/tanggapan-pemohon", p.respondToObjection)
	mux.HandleFunc("POST /lacak/{number}/keberatan/{objection}/sengketa", p.lodgeDispute)
	mux.HandleFunc("POST /lacak/{number}/keberatan/{objection}/surat-tanggapan.pdf", p.trackedObjectionLetter)
	mux.HandleFunc("GET /staf/keberatan", p.staff(p.listObjections))
	mux.HandleFunc("GET /staf/keberatan/register.xlsx", p.staff(p.objectionRegisterXLSX))
	mux.HandleFunc("GET /staf/keberatan/register.csv", p.staff(p.objectionRegisterCSV))
	mux.HandleFunc("GET /staf/keberatan/{number}", p.staff(p.showObjection))
	mux.HandleFunc("POST /staf/keberatan/{number}/keputusan", p.staff(p.decideObjection))
	mux.HandleFunc("POST /staf/keberatan/{number}/sengketa", p.staff(p.recordDisputeStage))
	mux.HandleFunc("GET /staf/keberatan/{number}/surat-tanggapan.pdf", p.staff(p.staffObjectionLetter))
}

// trackObjections is the objection part of the tracking page: every
// objection on the request, the forms that apply to the latest one, and
// the keberatan form while a ground is open and no objection is pending.
type trackObjections struct {
	List      []trackedObjection
	CanObject bool
	Open      []terbuka.ObjectionWindow // the grounds open today, with their last day
}

// trackedObjection is one objection with what its requester may do now.
type trackedObjection struct {
	Objection                   terbuka.Objection
	Overdue                     bool // the atasan let the due date pass
	CanRespond                  bool
	CanDispute                  bool
	DisputeOpens, DisputeCloses workday.Date // the window to lodge a dispute, once one exists
}

// addTrackObjections puts the objection part on the tracking page on pg
// (trackView with Found set).
func (p *Portal) addTrackObjections(r *http.Request, pg *page) error {
	view, ok := pg.Data.(trackView)
	if !ok || !view.Found {
		return nil
	}
	ctx := r.Context()
	req := view.Request
	list, err := p.Store.ObjectionsForRequest(ctx, req)
	if err != nil {
		return err
	}
	cal, err := p.Store.Calendar(ctx, req.BodyID)
	if err != nil {
		return err
	}
	now := p.Store.Now()
	today := workday.DateOf(now.In(cal.Location()))
	var t trackObjections
	pending := false
	for i, o := range list {
		item := trackedObjection{Objection: o, Overdue: o.Overdue(today)}
		pending = pending || o.Status == terbuka.ObjectionRegistered
		if opens, closes, err := terbuka.DisputeWindow(o, today, cal); err == nil {
			item.DisputeOpens, item.DisputeCloses = opens, closes
			item.CanDispute = i == len(list)-1 && o.Dispute == nil && !today.Before(opens) && !today.After(closes)
		}
		item.CanRespond = i == len(list)-1 && o.CheckRespond("-") == nil
		t.List = append(t.List, item)
	}
	if !pending {
		for _, reason := range terbuka.ObjectionReasons {
			if w, err := terbuka.CheckObjection(req, reason, now, cal); err == nil {
				t.Open = append(t.Open, w)
			}
		}
		t.CanObject = len(t.Open) > 0
	}
	view.Objections = t
	pg.Data = view
	return nil
}

// trackedAction starts a requester's action on the tracking page: it reads
// the form and its tracking code (the hidden field kode) and applies the
// intake rate limit. ok is false when the page was already rendered.
func (p *Portal) trackedAction(w http.ResponseWriter, r *http.Request) (pg *page, number, code string, ok bool) {
	pg = p.newPage(w, r, "portal.track.title")
	pg.Data = trackView{}
	if err := parseForm(w, r); err != nil {
		p.render(w, r, p.problems(r, pg, err), "track", pg)
		return pg, "", "", false
	}
	if p.Intake != nil && !p.Intake.Allow(web.ClientIP(r)) {
		p.render(w, r, p.problems(r, pg, terbuka.Errorf(terbuka.ERateLimited, "rate_limited")), "track", pg)
		return pg, "", "", false
	}
	number = r.PathValue("number")
	pg.Form.Set("nomor", number)
	return pg, number, r.PostForm.Get("kode"), true
}

// afterTrackedAction shows the tracking page again after a requester's
// action: with flashKey's confirmation on success, or with the problems
// (fields renamed to the form's names by prefix) and the form as typed.
// The code stays out of the URL. A wrong number or code is the tracking
// page's generic 404.
func (p *Portal) afterTrackedAction(w http.ResponseWriter, r *http.Request, pg *page, number, code string, err error,
	prefix, flashKey string, fields ...string) {
	status := http.StatusOK
	if err != nil {
		if terbuka.ErrorCode(err) == terbuka.ENotFound {
			p.render(w, r, p.problems(r, pg, err), "track", pg)
			return
		}
		status = p.problems(r, pg, objectionFields(err, prefix))
		keep(pg, r, fields...)
	}
	req, terr := p.Store.RequestByTracking(r.Context(), number, normalizeCode(code))
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
		pg.Flash = locale.T(pg.Lang, flashKey)
	}
	pg.Loc = body.Settings.Location()
	pg.Data = trackView{Found: true, Request: req, Code: strings.TrimSpace(code), Overdue: req.Overdue(p.Store.Today(body))}
	if terr := p.addTrackObjections(r, pg); terr != nil {
		p.fail(w, r, pg, terr)
		return
	}
	p.render(w, r, status, "track", pg)
}

// objectionFields puts err's field paths under prefix ("objection."), so a
// problem lands next to the form input of that name.
func objectionFields(err error, prefix string) error {
	e := terbuka.AsError(err)
	if e == nil || len(e.Fields) == 0 {
		return err
	}
	out := *e
	out.Fields = make(map[string]terbuka.Msg, len(e.Fields))
	for k, v := range e.Fields {
		out.Fields[prefix+k] = v
	}
	return &out
}

// fileObjection serves POST /lacak/{number}/keberatan: the requester
// files a keberatan with a reason a–g and a statement. A reason whose
// window is not open is shown next to the reasons with why and the dates
// (422); a pending objection is a conflict at the top (409).
func (p *Portal) fileObjection(w http.ResponseWriter, r *http.Request) {
	pg, number, code, ok := p.trackedAction(w, r)
	if !ok {
		return
	}
	in := terbuka.NewObjection{Reason: terbuka.ObjectionReason(r.PostForm.Get("objection.reason")),
		Statement: r.PostForm.Get("objection.statement")}
	_, err := p.Store.CreateObjection(r.Context(), number, normalizeCode(code), in, store.ObjectionOptions{Lang: string(pg.Lang)})
	p.afterTrackedAction(w, r, pg, number, code, err, "objection.", "portal.flash.objection_filed",
		"objection.reason", "objection.statement")
}

// respondToObjection serves POST /lacak/{number}/keberatan/{objection}/tanggapan-pemohon:
// the requester's response to the atasan's decision, once.
func (p *Portal) respondToObjection(w http.ResponseWriter, r *http.Request) {
	pg, number, code, ok := p.trackedAction(w, r)
	if !ok {
		return
	}
	err := p.checkObjectionOf(r, number, code)
	if err == nil {
		_, err = p.Store.RespondToObjection(r.Context(), r.PathValue("objection"), normalizeCode(code), r.PostForm.Get("objection.response"))
	}
	p.afterTrackedAction(w, r, pg, number, code, err, "objection.", "portal.flash.objection_response", "objection.response")
}

// checkObjectionOf is not found unless objection {objection} of the path
// belongs to request number (a form of one request cannot act on
// another's objection, even with a valid code for both).
func (p *Portal) checkObjectionOf(r *http.Request, number, code string) error {
	o, err := p.Store.ObjectionByTracking(r.Context(), r.PathValue("objection"), normalizeCode(code))
	if err == nil && o.RequestNumber != number {
		err = terbuka.ErrNotFound("objection")
	}
	return err
}

// trackedObjectionLetter serves the atasan's decision letter (PDF) to the
// requester; the code comes as the form field kode. Before the decision,
// or with a wrong number or code, it is the error page.
func (p *Portal) trackedObjectionLetter(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.track.title")
	if err := parseForm(w, r); err != nil {
		p.fail(w, r, pg, err)
		return
	}
	code := normalizeCode(r.PostForm.Get("kode"))
	o, err := p.Store.ObjectionByTracking(r.Context(), r.PathValue("objection"), code)
	if err == nil && o.RequestNumber != r.PathValue("number") {
		err = terbuka.ErrNotFound("objection")
	}
	p.sendObjectionLetter(w, r, pg, o, err)
}

// sendObjectionLetter writes the letter of o, or the error page for err
// (409 before the decision).
func (p *Portal) sendObjectionLetter(w http.ResponseWriter, r *http.Request, pg *page, o terbuka.Objection, err error) {
	if err == nil && o.Decision == nil {
		err = terbuka.Errorf(terbuka.EConflict, "conflict.objection_not_decided", o.Number)
	}
	var doc []byte
	if err == nil {
		var in terbuka.ObjectionLetter
		if in, err = p.Store.ObjectionLetter(r.Context(), o); err == nil {
			doc, err = pdf.ObjectionDecision(in, string(pg.Lang))
		}
	}
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="tanggapan-keberatan-`+o.Number+`.pdf"`)
	h.Set("Content-Length", strconv.Itoa(len(doc)))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(doc)
}

// ObjectionReasonOptions are the grounds a–g for the radio group: in
// Indonesian the words of Pasal 35 ayat (1) themselves.
func (pg *page) ObjectionReasonOptions() []option {
	out := make([]option, 0, len(terbuka.ObjectionReasons))
	for _, r := range terbuka.ObjectionReasons {
		label := string(r) + ". " + terbuka.Pasal35[r]
		if pg.IsEN() {
			label = pg.T("objection_reason." + string(r))
		}
		out = append(out, option{Value: string(r), Label: label})
	}
	return out
}

// ObjectionDecision says the atasan's decision in plain words.
func (pg *page) ObjectionDecision(d *terbuka.ObjectionDecision) string {
	if d == nil {
		return ""
	}
	if d.Kind == terbuka.ReleaseOrdered && d.Release != "" {
		return pg.T("objection_decision.release_ordered." + string(d.Release))
	}
	return pg.Word("objection_decision.", d.Kind)
}

// ObjectionChoices lists the choices of an objection or dispute form:
// "decision", "release", "stage", "outcome" or "court".
func (pg *page) ObjectionChoices(set string) []option {
	var out []option
	add := func(value, key string) { out = append(out, option{Value: value, Label: pg.T(key)}) }
	switch set {
	case "decision":
		for _, v := range terbuka.ObjectionDecisionKinds {
			add(string(v), "objection_decision."+string(v))
		}
	case "release":
		for _, v := range terbuka.ReleaseScopes {
			add(string(v), "objection_release."+string(v))
		}
	case "stage":
		for _, v := range terbuka.DisputeStages {
			add(string(v), "dispute_stage."+string(v))
		}
	case "outcome":
		for _, v := range terbuka.DisputeOutcomes {
			add(string(v), "dispute_outcome."+string(v))
		}
	case "court":
		for _, v := range terbuka.Courts {
			add(v, "court."+v)
		}
	}
	return out
}

// objectionEventNote words the note of an objection or dispute event of
// a request's history ("KEB-…: a", "KEB-…: upheld", "KEB-…: putusan/ditolak").
func (pg *page) objectionEventNote(e terbuka.Event) (string, bool) {
	number, detail, _ := strings.Cut(e.Note, ": ")
	switch e.Kind {
	case "objection":
		return number + " — " + pg.T("portal.objection.reason_short", detail), true
	case "objection_decided":
		kind, release, _ := strings.Cut(detail, "/")
		return number + " — " + pg.ObjectionDecision(&terbuka.ObjectionDecision{Kind: terbuka.ObjectionDecisionKind(kind),
			Release: terbuka.ReleaseScope(release)}), true
	case "dispute":
		return number + " — " + pg.T("portal.dispute.ki_number_short", detail), true
	case "dispute_stage":
		stage, outcome, _ := strings.Cut(detail, "/")
		s := number + " — " + pg.Word("dispute_stage.", stage)
		if outcome != "" {
			s += ": " + pg.Word("dispute_outcome.", outcome)
		}
		return s, true
	}
	return "", false
}

// GroundWords is the wording of a Pasal 35(1) ground.
func (pg *page) GroundWords(r terbuka.ObjectionReason) string { return terbuka.Pasal35[r] }

// disputeArgs carries the page and a dispute into the dispute_stages
// template.
type disputeArgs struct {
	Page    *page
	Dispute *terbuka.Dispute
}

// WithDispute pairs the page with d for the dispute_stages template.
func (pg *page) WithDispute(d *terbuka.Dispute) disputeArgs { return disputeArgs{Page: pg, Dispute: d} }

// ObjectionStatusOptions are the objection statuses for the list filter.
func (pg *page) ObjectionStatusOptions() []option {
	var out []option
	for _, s := range terbuka.ObjectionStatuses {
		out = append(out, option{Value: string(s), Label: pg.T("objection_status." + string(s))})
	}
	return out
}
