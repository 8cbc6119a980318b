package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/web"
)

// disputeJSON renders a dispute with its stages; who recorded a stage is
// shown to staff only.
func disputeJSON(d terbuka.Dispute, staff bool) map[string]any {
	stages := make([]map[string]any, 0, len(d.Stages))
	for _, s := range d.Stages {
		st := map[string]any{"stage": s.Stage, "date": s.On.String(), "outcome": nil, "court": nil, "note": s.Note,
			"recorded_at": s.At.UTC().Format(time.RFC3339)}
		if s.Outcome != "" {
			st["outcome"] = s.Outcome
		}
		if s.Court != "" {
			st["court"] = s.Court
		}
		if staff {
			st["recorded_by"] = s.RecordedBy
		}
		stages = append(stages, st)
	}
	out := map[string]any{"id": d.ID, "objection": d.ObjectionNumber, "request": d.RequestNumber,
		"lodged_on": d.LodgedOn.String(), "ki_number": d.KINumber, "commission": d.Commission,
		"stage": nil, "outcome": nil, "closed": d.Closed(), "stages": stages}
	if d.Stage != "" {
		out["stage"] = d.Stage
	}
	if d.Outcome != "" {
		out["outcome"] = d.Outcome
	}
	return out
}

// lodgeDispute records, for the holder of the request's tracking token,
// that the objection was taken to the Komisi Informasi.
func (a *API) lodgeDispute(w http.ResponseWriter, r *http.Request) {
	if a.Intake != nil && !a.Intake.Allow(web.ClientIP(r)) {
		a.fail(w, r, terbuka.Errorf(terbuka.ERateLimited, "rate_limited"))
		return
	}
	var in terbuka.NewDispute
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	d, err := a.Store.LodgeDispute(r.Context(), r.PathValue("number"), r.Header.Get("X-Tracking-Token"), in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/disputes/"+strconv.FormatInt(d.ID, 10))
	web.WriteJSON(w, http.StatusCreated, disputeJSON(d, false))
}

// disputeID reads the {id} of the path; anything but a positive number
// is not found.
func disputeID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, terbuka.ErrNotFound("dispute")
	}
	return id, nil
}

func (a *API) getDispute(w http.ResponseWriter, r *http.Request) {
	id, err := disputeID(r)
	if err == nil {
		var d terbuka.Dispute
		if d, err = a.Store.DisputeForStaff(r.Context(), userOf(r), id); err == nil {
			web.WriteJSON(w, http.StatusOK, disputeJSON(d, true))
			return
		}
	}
	a.fail(w, r, err)
}

func (a *API) recordDisputeStage(w http.ResponseWriter, r *http.Request) {
	id, err := disputeID(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var in terbuka.DisputeStageInput
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	d, err := a.Store.RecordDisputeStage(r.Context(), userOf(r), id, in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/disputes/"+strconv.FormatInt(d.ID, 10))
	web.WriteJSON(w, http.StatusCreated, disputeJSON(d, true))
}
