package portal

import (
	"net/http"

	"github.com/terbuka-id/terbuka"
)

// lodgeDispute serves POST /lacak/{number}/keberatan/{objection}/sengketa:
// the requester records that the objection went to the Komisi Informasi,
// with the date and the KI's registration number. A date outside the
// 14-working-day window is shown next to the date with the window (422).
func (p *Portal) lodgeDispute(w http.ResponseWriter, r *http.Request) {
	pg, number, code, ok := p.trackedAction(w, r)
	if !ok {
		return
	}
	err := p.checkObjectionOf(r, number, code)
	if err == nil {
		f := r.PostForm
		_, err = p.Store.LodgeDispute(r.Context(), r.PathValue("objection"), normalizeCode(code), terbuka.NewDispute{
			LodgedOn: f.Get("dispute.lodged_on"), KINumber: f.Get("dispute.ki_number"), Commission: f.Get("dispute.commission")})
	}
	p.afterTrackedAction(w, r, pg, number, code, err, "dispute.", "portal.flash.dispute_lodged",
		"dispute.lodged_on", "dispute.ki_number", "dispute.commission")
}

// recordDisputeStage serves POST /staf/keberatan/{number}/sengketa: staff
// record a stage of the objection's dispute (registration, examination,
// mediation, adjudication, the putusan, a court or kasasi) with its date,
// outcome and note.
func (p *Portal) recordDisputeStage(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffobj.title")
	err := parseForm(w, r)
	if err == nil {
		var o terbuka.Objection
		if o, err = p.Store.ObjectionForStaff(r.Context(), u, r.PathValue("number")); err == nil && o.Dispute == nil {
			err = terbuka.ErrNotFound("dispute")
		}
		if err == nil {
			keep(pg, r, "stage.stage", "stage.date", "stage.court", "stage.outcome", "stage.note")
			f := r.PostForm
			_, err = p.Store.RecordDisputeStage(r.Context(), u, o.Dispute.ID, terbuka.DisputeStageInput{
				Stage: terbuka.DisputeStageKind(f.Get("stage.stage")), Date: f.Get("stage.date"), Court: f.Get("stage.court"),
				Outcome: terbuka.DisputeOutcome(f.Get("stage.outcome")), Note: f.Get("stage.note")})
		}
	}
	p.afterObjectionAction(w, r, u, pg, objectionFields(err, "stage."), "portal.flash.dispute_stage")
}
