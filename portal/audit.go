package portal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
)

// auditRoutes registers the audit history pages (issue 3: staff can read
// a request's audit history in the UI).
func (p *Portal) auditRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /staf/permohonan/{number}/audit", p.staff(p.requestAudit))
}

// auditView is the data of a request's audit page.
type auditView struct {
	Number  string
	Entries []auditRow
}

// auditRow is one audit entry with its data as key: value pairs.
type auditRow struct {
	terbuka.AuditEntry
	Fields []auditField
}

// auditField is one key of an entry's data and its value for people.
type auditField struct{ Key, Value string }

// ShortHash is the start of the entry's hash, enough to compare by eye.
func (a auditRow) ShortHash() string {
	if len(a.Hash) <= 12 {
		return a.Hash
	}
	return a.Hash[:12] + "…"
}

// requestAudit serves GET /staf/permohonan/{number}/audit: the request's
// audit entries, oldest first. A request the user may not see is a 404
// page, as everywhere (Store.AuditFor).
func (p *Portal) requestAudit(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.audit.title")
	number := r.PathValue("number")
	entries, err := p.Store.AuditFor(r.Context(), u, terbuka.AuditEntityRequest, number)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	view := auditView{Number: number}
	for _, e := range entries {
		view.Entries = append(view.Entries, auditRow{AuditEntry: e, Fields: pg.auditFields(e.Data)})
	}
	pg.Data = view
	p.render(w, r, http.StatusOK, "staff_audit", pg)
}

// AuditAction names an audit action in words; an action without words
// shows as it is.
func (pg *page) AuditAction(action string) string {
	key := "audit.action." + action
	if !locale.Has(locale.ID, key) {
		return action
	}
	return pg.T(key)
}

// AuditActor names who acted: a staff member by name, or the public or
// the system in words.
func (pg *page) AuditActor(actor string) string {
	switch actor {
	case terbuka.ActorPublic:
		return pg.T("portal.audit.actor_public")
	case terbuka.ActorSystem:
		return pg.T("portal.audit.actor_system")
	}
	return actor
}

// auditFields turns an entry's JSON object into sorted key: value pairs.
// Data that is not an object (never written so) is shown whole.
func (pg *page) auditFields(data string) []auditField {
	dec := json.NewDecoder(strings.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return []auditField{{Key: "data", Value: data}}
	}
	out := make([]auditField, 0, len(m))
	for k, v := range m {
		out = append(out, auditField{Key: k, Value: pg.auditValue(v)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// auditValue writes one JSON value for people: yes/no for booleans, lists
// joined by commas, objects as "key: value; …".
func (pg *page) auditValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "—"
	case bool:
		if v {
			return pg.T("portal.audit.yes")
		}
		return pg.T("portal.audit.no")
	case string:
		return pg.Or(v)
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = pg.auditValue(x)
		}
		if len(parts) == 0 {
			return "—"
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b bytes.Buffer
		for i, k := range keys {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(k + ": " + pg.auditValue(v[k]))
		}
		return b.String()
	}
	return fmt.Sprint(v)
}
