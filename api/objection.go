package api

import (
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/pdf"
	"github.com/terbuka-id/terbuka/register"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
	"github.com/terbuka-id/terbuka/workday"
)

// objectionRoutes registers the objection (keberatan) and dispute
// (sengketa) endpoints; Routes calls it.
func (a *API) objectionRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v1/requests/{number}/objections", a.createObjection)
	mux.HandleFunc("GET /api/v1/objections", a.staff(a.listObjections))
	mux.HandleFunc("GET /api/v1/objections/{number}", a.getObjection)
	mux.HandleFunc("POST /api/v1/objections/{number}/decision", a.staff(a.decideObjection))
	mux.HandleFunc("GET /api/v1/objections/{number}/decision.pdf", a.objectionLetter)
	mux.HandleFunc("POST /api/v1/objections/{number}/response", a.respondToObjection)
	mux.HandleFunc("POST /api/v1/objections/{number}/dispute", a.lodgeDispute)
	mux.HandleFunc("GET /api/v1/disputes/{id}", a.staff(a.getDispute))
	mux.HandleFunc("POST /api/v1/disputes/{id}/stages", a.staff(a.recordDisputeStage))
	mux.HandleFunc("GET /api/v1/objection-register", a.staff(a.objectionRegister))
}

// objectionJSON renders an objection. The requester's name appears only
// when staff is true; the statement and the decision are the requester's
// own and shown to both.
func objectionJSON(o terbuka.Objection, today workday.Date, staff bool) map[string]any {
	out := map[string]any{
		"number": o.Number, "request": o.RequestNumber, "body": o.BodySlug, "body_name": o.BodyName,
		"status": o.Status, "overdue": o.Overdue(today), "reason": o.Reason, "reason_text": terbuka.Pasal35[o.Reason],
		"statement": o.Statement, "submitted_at": o.SubmittedAt.UTC().Format(time.RFC3339),
		"received_on": o.ReceivedOn.String(), "due_on": o.DueOn.String(), "ground_on": o.GroundOn.String(),
		"window_closes": o.WindowCloses.String(), "calendar_version": o.CalendarVersion,
		"decision": nil, "response": nil, "dispute": nil,
	}
	if d := o.Decision; d != nil {
		dec := map[string]any{"decision": d.Kind, "reasons": d.Reasons, "decided_by": d.DecidedBy, "position": d.Position,
			"decided_at": d.DecidedAt.UTC().Format(time.RFC3339), "letter": "/api/v1/objections/" + o.Number + "/decision.pdf"}
		if d.Release != "" {
			dec["release"] = d.Release
		}
		out["decision"] = dec
	}
	if o.Response != "" {
		out["response"] = map[string]any{"text": o.Response, "responded_at": o.RespondedAt.UTC().Format(time.RFC3339)}
	}
	if o.Dispute != nil {
		out["dispute"] = disputeJSON(*o.Dispute, staff)
	}
	if staff {
		out["requester_name"] = o.RequesterName
		out["representative_name"] = o.RepresentativeName
	}
	return out
}

// createObjection files a keberatan for the holder of the request's
// tracking token. The answer has the API.md shape plus a few fields.
func (a *API) createObjection(w http.ResponseWriter, r *http.Request) {
	if a.Intake != nil && !a.Intake.Allow(web.ClientIP(r)) {
		a.fail(w, r, terbuka.Errorf(terbuka.ERateLimited, "rate_limited"))
		return
	}
	var in terbuka.NewObjection
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	o, err := a.Store.CreateObjection(r.Context(), r.PathValue("number"), r.Header.Get("X-Tracking-Token"), in,
		store.ObjectionOptions{Lang: string(web.APILang(r))})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/objections/"+o.Number)
	web.WriteJSON(w, http.StatusCreated, map[string]any{
		"number": o.Number, "status": o.Status, "received_on": o.ReceivedOn.String(), "due_on": o.DueOn.String(),
		"request": o.RequestNumber, "reason": o.Reason, "submitted_at": o.SubmittedAt.UTC().Format(time.RFC3339),
		"ground_on": o.GroundOn.String(), "window_closes": o.WindowCloses.String(),
	})
}

// objectionOf reads the objection of the path: with X-Tracking-Token for
// the requester, else with a staff bearer token (staff reports which).
// Neither, or a wrong one, is not found.
func (a *API) objectionOf(r *http.Request) (o terbuka.Objection, staff bool, err error) {
	number := r.PathValue("number")
	if token := r.Header.Get("X-Tracking-Token"); token != "" {
		o, err = a.Store.ObjectionByTracking(r.Context(), number, token)
		if terbuka.ErrorCode(err) != terbuka.ENotFound {
			return o, false, err
		}
	}
	u, ok, err := a.bearer(r)
	if err == nil && !ok {
		err = terbuka.ErrNotFound("objection")
	}
	if err != nil {
		return o, false, err
	}
	o, err = a.Store.ObjectionForStaff(r.Context(), u, number)
	return o, true, err
}

func (a *API) getObjection(w http.ResponseWriter, r *http.Request) {
	o, staff, err := a.objectionOf(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, objectionJSON(o, a.Store.ObjectionToday(o), staff))
}

func (a *API) listObjections(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.ObjectionFilter{Status: terbuka.ObjectionStatus(q.Get("status")), BodySlug: q.Get("body"),
		RequestNumber: q.Get("request"), Text: q.Get("q"), Overdue: q.Get("overdue") == "true" || q.Get("overdue") == "1"}
	p := terbuka.Problems{}
	if f.Status != "" && f.Status != terbuka.ObjectionRegistered && f.Status != terbuka.ObjectionDecided {
		p.Add("status", "invalid.choice")
	}
	intParam := func(name string, dst *int, lo, hi int) {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < lo || n > hi {
				p.Add(name, "invalid.choice")
				return
			}
			*dst = n
		}
	}
	intParam("limit", &f.Limit, 1, 500)
	intParam("offset", &f.Offset, 0, 1<<30)
	intParam("year", &f.Year, 2000, 2100)
	if err := p.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	list, total, err := a.Store.ListObjections(r.Context(), userOf(r), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := make([]map[string]any, 0, len(list))
	for _, o := range list {
		items = append(items, objectionJSON(o, a.Store.ObjectionToday(o), true))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items, "total": total})
}

func (a *API) decideObjection(w http.ResponseWriter, r *http.Request) {
	var in terbuka.ObjectionDecisionInput
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	o, err := a.Store.DecideObjection(r.Context(), userOf(r), r.PathValue("number"), in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, objectionJSON(o, a.Store.ObjectionToday(o), true))
}

func (a *API) respondToObjection(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Response string `json:"response"`
	}
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	o, err := a.Store.RespondToObjection(r.Context(), r.PathValue("number"), r.Header.Get("X-Tracking-Token"), in.Response)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, objectionJSON(o, a.Store.ObjectionToday(o), false))
}

// objectionLetter serves the atasan PPID's decision letter as a PDF to
// the requester (tracking token) or staff who may see the objection; 409
// before the decision.
func (a *API) objectionLetter(w http.ResponseWriter, r *http.Request) {
	o, _, err := a.objectionOf(r)
	if err == nil && o.Decision == nil {
		err = terbuka.Errorf(terbuka.EConflict, "conflict.objection_not_decided", o.Number)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	in, err := a.Store.ObjectionLetter(r.Context(), o)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	doc, err := pdf.ObjectionDecision(in, o.Lang)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="tanggapan-keberatan-`+o.Number+`.pdf"`)
	h.Set("Content-Length", strconv.Itoa(len(doc)))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(doc)
}

// objectionRegister serves the register keberatan of the objections the
// staff caller may see, as XLSX (default) or CSV: ?format=csv&year=2026&body=slug.
func (a *API) objectionRegister(w http.ResponseWriter, r *http.Request) {
	year, format, err := registerQuery(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	list, _, err := a.Store.ListObjections(r.Context(), userOf(r),
		store.ObjectionFilter{BodySlug: r.URL.Query().Get("body"), Year: year, Limit: -1})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	lang := string(web.APILang(r))
	title, name := "", "register-keberatan"
	if year != 0 {
		title, name = strconv.Itoa(year), name+"-"+strconv.Itoa(year)
	}
	a.download(w, r, name, format,
		func(w io.Writer) error { return register.WriteObjectionCSV(w, title, list, lang) },
		func(w io.Writer) error { return register.WriteObjectionXLSX(w, title, list, lang) })
}
