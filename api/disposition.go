package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/web"
)

// routingRoutes registers the routing endpoints (issue 3, bullets 0 and
// 1): incomplete requests and their completion, dispositions to PPID
// Pelaksana and their answers.
func (a *API) routingRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v1/requests/{number}/incomplete", a.staff(a.markIncomplete))
	mux.HandleFunc("POST /api/v1/requests/{number}/completion", a.completeRequest)
	mux.HandleFunc("POST /api/v1/requests/{number}/dispositions", a.staff(a.disposeRequest))
	mux.HandleFunc("POST /api/v1/dispositions/{id}/answer", a.staff(a.answerDisposition))
	mux.HandleFunc("POST /api/v1/dispositions/{id}/withdraw", a.staff(a.withdrawDisposition))
}

// disposeRequest serves POST /api/v1/requests/{number}/dispositions
// {"to": [slug, …], "days", "instructions"}: the PPID Utama forwards the
// request; 201 with the staff view of the request and its dispositions.
func (a *API) disposeRequest(w http.ResponseWriter, r *http.Request) {
	var in terbuka.DispositionInput
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	u := userOf(r)
	req, err := a.Store.DisposeRequest(r.Context(), u, r.PathValue("number"), in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeRequest(w, r, http.StatusCreated, req, &u)
}

// answerDisposition serves POST /api/v1/dispositions/{id}/answer
// {"kind": "information|deny_proposal", "text", "catalogue_id",
// "exemption"}: the OPD answers; 200 with the disposition.
func (a *API) answerDisposition(w http.ResponseWriter, r *http.Request) {
	id, ok := dispositionID(r)
	if !ok {
		a.fail(w, r, terbuka.ErrNotFound("disposition"))
		return
	}
	var in terbuka.AnswerInput
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	d, err := a.Store.AnswerDisposition(r.Context(), userOf(r), id, in)
	a.writeDisposition(w, r, d, err)
}

// withdrawDisposition serves POST /api/v1/dispositions/{id}/withdraw: the
// PPID Utama takes back an unanswered disposition; 200 with it.
func (a *API) withdrawDisposition(w http.ResponseWriter, r *http.Request) {
	id, ok := dispositionID(r)
	if !ok {
		a.fail(w, r, terbuka.ErrNotFound("disposition"))
		return
	}
	d, err := a.Store.WithdrawDisposition(r.Context(), userOf(r), id)
	a.writeDisposition(w, r, d, err)
}

func (a *API) writeDisposition(w http.ResponseWriter, r *http.Request, d terbuka.Disposition, err error) {
	if err != nil {
		a.fail(w, r, err)
		return
	}
	req, err := a.Store.RequestForMail(r.Context(), d.RequestNumber)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	cal, err := a.Store.Calendar(r.Context(), req.BodyID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, dispositionJSON(d, d.DeadlineState(cal, a.Store.RequestToday(req), req.Status)))
}

func dispositionID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// dispositionJSON renders a disposition for staff; deadline is its
// terbuka.Disposition.DeadlineState.
func dispositionJSON(d terbuka.Disposition, deadline string) map[string]any {
	out := map[string]any{"id": d.ID, "request": d.RequestNumber, "to": d.ToBodySlug, "to_name": d.ToBodyName,
		"days": d.Days, "due_on": d.DueOn.String(), "deadline_state": deadline, "instructions": d.Instructions,
		"state": d.State, "created_at": d.CreatedAt.UTC().Format(time.RFC3339), "created_by": d.CreatedBy, "answer": nil}
	if a := d.Answer; a != nil {
		ans := map[string]any{"kind": a.Kind, "text": a.Text, "catalogue_id": nil, "exemption": nil,
			"answered_at": a.AnsweredAt.UTC().Format(time.RFC3339), "answered_by": a.AnsweredBy}
		if a.CatalogueID != 0 {
			ans["catalogue_id"] = a.CatalogueID
		}
		if e := a.Exemption; e != nil {
			ans["exemption"] = map[string]string{"basis": e.Basis, "consequence_test": e.ConsequenceTest}
		}
		out["answer"] = ans
	}
	if !d.WithdrawnAt.IsZero() {
		out["withdrawn_at"] = d.WithdrawnAt.UTC().Format(time.RFC3339)
		out["withdrawn_by"] = d.WithdrawnBy
	}
	return out
}
