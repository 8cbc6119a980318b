package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
	"github.com/terbuka-id/terbuka/workday"
)

type eventJSON struct {
	At     string `json:"at"`
	Kind   string `json:"kind"`
	Status string `json:"status"`
	Note   string `json:"note,omitempty"`
	Actor  string `json:"actor,omitempty"`
}

// requestJSON renders a request. Personal data (NIK, address, e-mail,
// phone, the representative) is included only when staff is true.
func requestJSON(r terbuka.Request, today workday.Date, staff bool) map[string]any {
	out := map[string]any{
		"number": r.Number, "body": r.BodySlug, "body_name": r.BodyName, "status": r.Status,
		"overdue": r.Overdue(today), "submitted_at": r.SubmittedAt.UTC().Format(time.RFC3339),
		"received_on": r.ReceivedOn.String(), "due_on": r.DueOn.String(), "original_due_on": r.OriginalDueOn.String(),
		"extended": r.Extended, "calendar_version": r.CalendarVersion,
		"information": r.Information, "purpose": r.Purpose, "obtain": r.Obtain, "delivery": r.Delivery,
		"decision": nil,
	}
	if r.Extended {
		out["extension_reason"] = r.ExtensionReason
	}
	if d := r.Decision; d != nil {
		out["decision"] = d.Kind
		out["decision_note"] = d.Note
		out["decided_at"] = d.DecidedAt.UTC().Format(time.RFC3339)
		if d.Exemption != nil {
			out["exemption"] = map[string]string{"basis": d.Exemption.Basis, "consequence_test": d.Exemption.ConsequenceTest}
		}
		if d.TransferredTo != "" {
			out["transferred_to"] = d.TransferredTo
		}
	}
	events := make([]eventJSON, 0, len(r.Events))
	for _, e := range r.Events {
		j := eventJSON{At: e.At.UTC().Format(time.RFC3339), Kind: e.Kind, Status: string(e.Status), Note: e.Note}
		if staff {
			j.Actor = e.Actor
		}
		events = append(events, j)
	}
	out["events"] = events
	if staff {
		out["channel"] = r.Channel
		out["requester"] = r.Requester
		out["representative"] = r.Representative
	}
	return out
}

func (a *API) createRequest(w http.ResponseWriter, r *http.Request) {
	opt := store.CreateOptions{Channel: terbuka.ChannelAPI, Lang: string(web.APILang(r))}
	u, isStaff, err := a.bearer(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if isStaff {
		// Staff register requests that came on paper, by phone or in
		// person, with the channel and the time they actually came in.
		q := r.URL.Query()
		opt.Staff = &u
		if c := q.Get("channel"); c != "" {
			ok := false
			for _, sc := range terbuka.StaffChannels {
				ok = ok || string(sc) == c
			}
			if !ok {
				a.fail(w, r, terbuka.Problems{"channel": terbuka.M("invalid.channel")}.Err())
				return
			}
			opt.Channel = terbuka.Channel(c)
		}
		if at := q.Get("received_at"); at != "" {
			t, err := time.Parse(time.RFC3339, at)
			if err != nil {
				a.fail(w, r, terbuka.Problems{"received_at": terbuka.M("invalid.timestamp")}.Err())
				return
			}
			opt.ReceivedAt = t
		}
	} else if a.Intake != nil && !a.Intake.Allow(web.ClientIP(r)) {
		a.fail(w, r, terbuka.Errorf(terbuka.ERateLimited, "rate_limited"))
		return
	}
	var in terbuka.NewRequest
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	req, token, err := a.Store.CreateRequest(r.Context(), r.PathValue("slug"), in, opt)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/requests/"+req.Number)
	web.WriteJSON(w, http.StatusCreated, map[string]any{
		"number": req.Number, "tracking_token": token, "status": req.Status,
		"received_on": req.ReceivedOn.String(), "due_on": req.DueOn.String(),
		"submitted_at": req.SubmittedAt.UTC().Format(time.RFC3339), "body": req.BodySlug,
	})
}

func (a *API) getRequest(w http.ResponseWriter, r *http.Request) {
	number := r.PathValue("number")
	if token := r.Header.Get("X-Tracking-Token"); token != "" {
		req, err := a.Store.RequestByTracking(r.Context(), number, token)
		if err == nil {
			a.writeRequest(w, r, http.StatusOK, req, nil) // with its routing (incomplete.go)
			return
		}
		if terbuka.ErrorCode(err) != terbuka.ENotFound {
			a.fail(w, r, err)
			return
		}
	}
	u, ok, err := a.bearer(r)
	if err == nil && !ok {
		err = terbuka.ErrNotFound("request")
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	req, err := a.Store.RequestForStaff(r.Context(), u, number)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeRequest(w, r, http.StatusOK, req, &u) // with its routing and dispositions (incomplete.go)
}

// today is the current date in the request's body zone.
func (a *API) today(_ *http.Request, req terbuka.Request) workday.Date {
	return a.Store.RequestToday(req)
}

func (a *API) extendRequest(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	u := userOf(r)
	req, err := a.Store.ExtendRequest(r.Context(), u, r.PathValue("number"), in.Reason)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeRequest(w, r, http.StatusOK, req, &u) // with its routing (incomplete.go)
}

func (a *API) decideRequest(w http.ResponseWriter, r *http.Request) {
	var in terbuka.DecisionInput
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	u := userOf(r)
	req, err := a.Store.DecideRequest(r.Context(), u, r.PathValue("number"), in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeRequest(w, r, http.StatusOK, req, &u) // with a transfer's link (incomplete.go)
}

func (a *API) listRequests(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.RequestFilter{Status: terbuka.Status(q.Get("status")), BodySlug: q.Get("body"), Text: q.Get("q"),
		Overdue: q.Get("overdue") == "true" || q.Get("overdue") == "1"}
	p := terbuka.Problems{}
	if f.Status != "" {
		ok := false
		for _, s := range terbuka.Statuses {
			ok = ok || s == f.Status
		}
		if !ok {
			p.Add("status", "invalid.choice")
		}
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
	intParam("due_within", &f.DueWithin, 0, 60)
	intParam("limit", &f.Limit, 1, 500)
	intParam("offset", &f.Offset, 0, 1<<30)
	intParam("year", &f.Year, 2000, 2100)
	if err := p.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	list, total, err := a.Store.ListRequests(r.Context(), userOf(r), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := make([]map[string]any, 0, len(list))
	for _, req := range list {
		items = append(items, requestJSON(req, a.Store.RequestToday(req), true))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items, "total": total})
}
