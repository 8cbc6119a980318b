package api

import (
	"context"
	"net/http"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/web"
)

// markIncomplete serves POST /api/v1/requests/{number}/incomplete
// {"missing"}: staff mark a registered request perlu dilengkapi.
func (a *API) markIncomplete(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Missing string `json:"missing"`
	}
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	u := userOf(r)
	req, err := a.Store.MarkIncomplete(r.Context(), u, r.PathValue("number"), in.Missing)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeRequest(w, r, http.StatusOK, req, &u)
}

// completeRequest serves POST /api/v1/requests/{number}/completion with
// X-Tracking-Token: the requester completes an incomplete request. A
// wrong or missing token is 404, as on GET.
func (a *API) completeRequest(w http.ResponseWriter, r *http.Request) {
	token := r.Header.Get("X-Tracking-Token")
	if token == "" {
		a.fail(w, r, terbuka.ErrNotFound("request"))
		return
	}
	var in terbuka.Completion
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	req, err := a.Store.CompleteRequest(r.Context(), r.PathValue("number"), token, in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeRequest(w, r, http.StatusOK, req, nil)
}

// writeRequest answers with a request in the public view (staff nil) or
// the staff view, with its routing (withRouting).
func (a *API) writeRequest(w http.ResponseWriter, r *http.Request, status int, req terbuka.Request, staff *terbuka.User) {
	out, err := a.withRouting(r.Context(), req, requestJSON(req, a.today(r, req), staff != nil), staff != nil)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, status, out)
}

// withRouting adds to a rendered request what routing knows of it:
// "incomplete" (the latest perlu dilengkapi episode: what is missing, by
// when, how it ended) and "transfer" (the linked request at or from
// another body of this deployment, numbers and names only, never a
// tracking code) in both views, and "dispositions" in the staff view only
// (the routing is internal).
func (a *API) withRouting(ctx context.Context, req terbuka.Request, out map[string]any, staff bool) (map[string]any, error) {
	// Both lookups are skipped when the request's (public) history shows
	// it was never incomplete nor transferred: the tracking read is the
	// busiest public endpoint and nearly every request has neither.
	out["incomplete"] = nil
	if hasEvent(req, "marked_incomplete") {
		incs, err := a.Store.Incompletes(ctx, req)
		if err != nil {
			return nil, err
		}
		if n := len(incs); n > 0 {
			out["incomplete"] = incompleteJSON(incs[n-1])
		}
	}
	var from, to *terbuka.TransferLink
	if hasEvent(req, "transferred_in", "transferred_link") {
		var err error
		if from, to, err = a.Store.TransferLinks(ctx, req); err != nil {
			return nil, err
		}
	}
	transfer := map[string]any{}
	if from != nil {
		transfer["from"] = map[string]any{"number": from.FromNumber, "body_name": from.FromBodyName}
	}
	if to != nil {
		transfer["to"] = map[string]any{"number": to.ToNumber, "body": to.ToBodySlug, "body_name": to.ToBodyName,
			"code_mailed": to.Mailed}
	}
	out["transfer"] = nil
	if len(transfer) > 0 {
		out["transfer"] = transfer
	}
	if !staff {
		return out, nil
	}
	ds, err := a.Store.Dispositions(ctx, req)
	if err != nil {
		return nil, err
	}
	cal, err := a.Store.Calendar(ctx, req.BodyID)
	if err != nil {
		return nil, err
	}
	today := a.Store.RequestToday(req)
	items := make([]map[string]any, 0, len(ds))
	for _, d := range ds {
		items = append(items, dispositionJSON(d, d.DeadlineState(cal, today, req.Status)))
	}
	out["dispositions"] = items
	return out, nil
}

func incompleteJSON(i terbuka.Incompleteness) map[string]any {
	state := "pending"
	out := map[string]any{"missing": i.Missing, "flagged_at": i.FlaggedAt.UTC().Format(time.RFC3339),
		"complete_by": i.CompleteBy.String(), "previous_received_on": i.PrevReceivedOn.String(),
		"previous_due_on": i.PrevDueOn.String()}
	switch {
	case !i.CompletedAt.IsZero():
		state = "completed"
		out["completed_at"] = i.CompletedAt.UTC().Format(time.RFC3339)
	case !i.LapsedAt.IsZero():
		state = "lapsed"
		out["lapsed_at"] = i.LapsedAt.UTC().Format(time.RFC3339)
	}
	out["state"] = state
	return out
}

// hasEvent reports whether req's loaded history has an event of one of kinds.
func hasEvent(req terbuka.Request, kinds ...string) bool {
	for _, e := range req.Events {
		for _, k := range kinds {
			if e.Kind == k {
				return true
			}
		}
	}
	return false
}
