package api_test

import (
	"net/http"
	"testing"

	"github.com/terbuka-id/terbuka"
)

func TestRequestAudit(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		number, _ := f.file(t, "dinkes-uji", validIntake)
		f.run(t, scenario{method: "POST", url: "/api/v1/requests/" + number + "/extend", headers: bearer(f.pelaksana),
			body: `{"reason": "Informasi tersebar di beberapa bidang."}`, status: http.StatusOK})
		f.runAll(t, []scenario{
			{name: "needs a token", method: "GET", url: "/api/v1/requests/" + number + "/audit", status: http.StatusUnauthorized},
			{name: "history", method: "GET", url: "/api/v1/requests/" + number + "/audit", headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"action":"request.created"`, `"action":"request.extended"`, `"actor":"public"`,
					`"entity":"request"`, `"ref":"` + number + `"`, `"due_on":"2026-01-27"`, `"prev_hash":"`},
				excludes: []string{nik, email, address, "Budi Santoso", "tersebar"},
				check: func(t *testing.T, body []byte) {
					items, _ := decode(t, body)["items"].([]any)
					if len(items) != 2 {
						t.Fatalf("want 2 entries: %s", body)
					}
					a, b := items[0].(map[string]any), items[1].(map[string]any)
					if a["action"] != terbuka.AuditRequestCreated || b["action"] != terbuka.AuditRequestExtended {
						t.Errorf("order: %v, %v", a["action"], b["action"])
					}
					if _, ok := a["data"].(map[string]any); !ok {
						t.Errorf("data is not an object: %s", body)
					}
					if h, _ := a["hash"].(string); len(h) != 64 {
						t.Errorf("hash %q", h)
					}
				}},
			{name: "another unit's pelaksana", method: "GET", url: "/api/v1/requests/" + number + "/audit", headers: bearer(f.other),
				status: http.StatusNotFound, code: "not_found"},
			{name: "unknown request", method: "GET", url: "/api/v1/requests/DINKES-2026-999999/audit", headers: bearer(f.ppid),
				status: http.StatusNotFound, code: "not_found"},
		})
	})
}
