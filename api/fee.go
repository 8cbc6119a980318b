package api

import (
	"net/http"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/web"
)

// feeTableJSON renders a body's fee table.
func feeTableJSON(slug string, t terbuka.FeeTable) map[string]any {
	out := map[string]any{"body": slug, "currency": "IDR", "items": t.Items, "payment_instructions": t.PaymentInstructions,
		"updated_at": nil}
	if t.Items == nil {
		out["items"] = []terbuka.FeeItem{}
	}
	if !t.UpdatedAt.IsZero() {
		out["updated_at"] = t.UpdatedAt.UTC().Format(time.RFC3339)
	}
	return out
}

// feeJSON renders the fee of a request: its quote (none: nothing to pay),
// payment and how to pay. The officer who received a payment is shown
// to staff only.
func feeJSON(q *terbuka.FeeQuote, instructions string, staff bool) map[string]any {
	out := map[string]any{"quoted": q != nil, "currency": "IDR", "lines": []terbuka.FeeLine{}, "total": 0,
		"due": q.Due(), "paid": false, "payment": nil, "payment_instructions": instructions}
	if q == nil {
		return out
	}
	if q.Lines != nil {
		out["lines"] = q.Lines
	}
	out["total"] = q.Total
	if p := q.Payment; p != nil {
		pay := map[string]any{"paid_at": p.PaidAt.UTC().Format(time.RFC3339), "method": p.Method, "reference": p.Reference}
		if staff {
			pay["received_by"] = p.ReceivedBy
			pay["recorded_at"] = p.RecordedAt.UTC().Format(time.RFC3339)
		}
		out["paid"], out["payment"] = true, pay
	}
	return out
}

// getFeeTable serves GET /api/v1/bodies/{slug}/fees to anyone: fees are
// part of the body's service charter (maklumat pelayanan).
func (a *API) getFeeTable(w http.ResponseWriter, r *http.Request) {
	t, err := a.Store.FeeTable(r.Context(), r.PathValue("slug"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, feeTableJSON(r.PathValue("slug"), t))
}

// putFeeTable serves PUT /api/v1/bodies/{slug}/fees: an admin replaces
// the whole table.
func (a *API) putFeeTable(w http.ResponseWriter, r *http.Request) {
	var in terbuka.FeeTableInput
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	t, err := a.Store.UpdateFeeTable(r.Context(), userOf(r), r.PathValue("slug"), in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, feeTableJSON(r.PathValue("slug"), t))
}

// getFee serves GET /api/v1/requests/{number}/fee to the requester (with
// X-Tracking-Token) and to staff.
func (a *API) getFee(w http.ResponseWriter, r *http.Request) {
	d, staff, err := a.documents(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, feeJSON(d.Fee, d.PaymentInstructions, staff))
}

// recordPayment serves POST /api/v1/requests/{number}/payment: staff
// record that the quoted fee was paid.
func (a *API) recordPayment(w http.ResponseWriter, r *http.Request) {
	var in terbuka.PaymentInput
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	q, err := a.Store.RecordPayment(r.Context(), userOf(r), r.PathValue("number"), in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	d, err := a.Store.DocumentsForStaff(r.Context(), userOf(r), r.PathValue("number"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, feeJSON(q, d.PaymentInstructions, true))
}
