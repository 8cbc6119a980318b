package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/web"
)

// auditRoutes registers the audit history of records.
func (a *API) auditRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/requests/{number}/audit", a.staff(a.requestAudit))
}

// auditJSON is one audit entry; data is the entry's JSON object as stored
// (and hashed), so a client can recompute the hash chain.
type auditJSON struct {
	Seq      int64           `json:"seq"`
	At       time.Time       `json:"at"`
	Actor    string          `json:"actor"`
	Action   string          `json:"action"`
	Entity   string          `json:"entity"`
	Ref      string          `json:"ref"`
	Data     json.RawMessage `json:"data"`
	Hash     string          `json:"hash"`
	PrevHash string          `json:"prev_hash"`
}

// requestAudit serves GET /api/v1/requests/{number}/audit: the request's
// audit entries, oldest first, to staff who may see the request (404
// otherwise).
func (a *API) requestAudit(w http.ResponseWriter, r *http.Request) {
	entries, err := a.Store.AuditFor(r.Context(), userOf(r), terbuka.AuditEntityRequest, r.PathValue("number"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := make([]auditJSON, 0, len(entries))
	for _, e := range entries {
		data := json.RawMessage(e.Data)
		if !json.Valid(data) {
			data, _ = json.Marshal(e.Data) // never written so; kept readable as a string
		}
		items = append(items, auditJSON{Seq: e.Seq, At: e.At.UTC(), Actor: e.Actor, Action: e.Action, Entity: e.Entity,
			Ref: e.EntityRef, Data: data, Hash: e.Hash, PrevHash: e.PrevHash})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items})
}
