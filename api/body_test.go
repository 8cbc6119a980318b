package api_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestBodies_List(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		f.runAll(t, []scenario{{
			name: "items with slug, name, kind and parent", method: "GET", url: "/api/v1/bodies", status: http.StatusOK,
			contains: []string{`"items":[`, `"parent":null`, `"parent":"prov-uji"`},
			check: func(t *testing.T, body []byte) {
				var out struct {
					Items []map[string]json.RawMessage `json:"items"`
				}
				if err := json.Unmarshal(body, &out); err != nil {
					t.Fatal(err)
				}
				parents := map[string]string{}
				for _, it := range out.Items {
					for _, k := range []string{"slug", "name", "kind", "parent"} {
						if _, ok := it[k]; !ok {
							t.Errorf("item %s lacks %q", it["slug"], k)
						}
					}
					var slug string
					_ = json.Unmarshal(it["slug"], &slug)
					parents[slug] = string(it["parent"])
				}
				want := map[string]string{"prov-uji": "null", "ki-uji": "null", "diskominfo-uji": `"prov-uji"`,
					"dinkes-uji": `"prov-uji"`, "dindik-uji": `"prov-uji"`}
				if len(parents) != len(want) {
					t.Errorf("got %d bodies, want %d: %s", len(parents), len(want), body)
				}
				for slug, p := range want {
					if parents[slug] != p {
						t.Errorf("parent of %s = %s, want %s", slug, parents[slug], p)
					}
				}
			},
		}})
	})
}

func TestBodies_UpdateSettings(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		const url = "/api/v1/bodies/dindik-uji/settings"
		wita := `{"time_zone": "Asia/Makassar", "office_open": "07:30", "office_close": "15:30", "cuti_bersama_is_workday": true}`
		f.runAll(t, []scenario{
			{name: "admin sets zone and hours", method: "PUT", url: url, headers: bearer(f.admin), body: wita, status: http.StatusOK,
				contains: []string{`"time_zone":"Asia/Makassar"`, `"office_open":"07:30"`, `"office_close":"15:30"`, `"cuti_bersama_is_workday":true`}},
			{name: "the deadline calculator follows the new zone", method: "GET",
				url:    "/api/v1/calendar/request-deadlines?submitted_at=2026-01-12T15:45:00%2B08:00&body=dindik-uji",
				status: http.StatusOK, contains: []string{`"time_zone":"Asia/Makassar"`, `"received_on":"2026-01-13"`}},
			{name: "unknown zone", method: "PUT", url: url, headers: bearer(f.admin), status: http.StatusUnprocessableEntity,
				body: `{"time_zone": "Europe/Berlin", "office_open": "08:00", "office_close": "16:00"}`, fields: []string{"time_zone"}},
			{name: "opening after closing", method: "PUT", url: url, headers: bearer(f.admin), status: http.StatusUnprocessableEntity,
				body: `{"time_zone": "Asia/Jakarta", "office_open": "17:00", "office_close": "08:00"}`, fields: []string{"office_hours"}},
			{name: "hours not HH:MM", method: "PUT", url: url, headers: bearer(f.admin), status: http.StatusUnprocessableEntity,
				body: `{"time_zone": "Asia/Jakarta", "office_open": "8 pagi", "office_close": "16:00"}`, fields: []string{"office_hours"}},
			{name: "PPID may not", method: "PUT", url: url, headers: bearer(f.ppid), body: wita, status: http.StatusForbidden, code: "forbidden"},
			{name: "without token", method: "PUT", url: url, body: wita, status: http.StatusUnauthorized, code: "unauthorized"},
			{name: "unknown body", method: "PUT", url: "/api/v1/bodies/tidak-ada/settings", headers: bearer(f.admin), body: wita,
				status: http.StatusNotFound, code: "not_found"},
			{name: "body outside the admin's government", method: "PUT", url: "/api/v1/bodies/ki-uji/settings", headers: bearer(f.admin),
				body: wita, status: http.StatusNotFound, code: "not_found"},
		})
	})
}
