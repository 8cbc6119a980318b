package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/terbuka-id/terbuka/web"
)

func TestAPI_Routing(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		f.runAll(t, []scenario{
			{name: "unknown path under /api", method: "GET", url: "/api/v1/tidak-ada", status: http.StatusNotFound, code: "not_found"},
			{name: "unknown path in English", method: "GET", url: "/api/v2/bodies", headers: headers("Accept-Language", "en"),
				status: http.StatusNotFound, contains: []string{"Page not found"}},
			{name: "method not allowed on a read-only list", method: "POST", url: "/api/v1/bodies", body: `{}`, status: http.StatusMethodNotAllowed, code: "method_not_allowed"},
			{name: "method not allowed on a request", method: "DELETE", url: "/api/v1/requests/DINKES-2026-000001", status: http.StatusMethodNotAllowed, code: "method_not_allowed"},
			{name: "method not allowed on the calendar", method: "PUT", url: "/api/v1/calendar/holidays?year=2026", status: http.StatusMethodNotAllowed, code: "method_not_allowed"},
			{name: "security headers", method: "GET", url: "/api/v1/bodies", status: http.StatusOK, check: func(t *testing.T, _ []byte) {
				_, h, _ := f.do(t, f.url, "GET", "/api/v1/bodies", nil, "")
				for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Cache-Control": "no-store"} {
					if got := h.Get(k); got != want {
						t.Errorf("%s = %q, want %q", k, got, want)
					}
				}
			}},
			{name: "cross-site browser POST is refused", method: "POST", url: "/api/v1/bodies/dinkes-uji/requests", body: validIntake,
				headers: headers("Sec-Fetch-Site", "cross-site"), status: http.StatusForbidden, notJSON: true},
			{name: "cross-site POST by Origin alone is refused", method: "POST", url: "/api/v1/bodies/dinkes-uji/requests", body: validIntake,
				headers: headers("Origin", "https://jahat.example"), status: http.StatusForbidden, notJSON: true},
			{name: "cross-site staff POST is refused too", method: "POST", url: "/api/v1/requests/DINKES-2026-000001/extend",
				body: `{"reason": "x"}`, headers: bearer(f.pelaksana, "Sec-Fetch-Site", "cross-site"), status: http.StatusForbidden, notJSON: true},
			{name: "nothing was filed by them", method: "GET", url: "/api/v1/requests", headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"total":0`}},
			{name: "same-origin browser POST is accepted", method: "POST", url: "/api/v1/bodies/dinkes-uji/requests", body: validIntake,
				headers: headers("Sec-Fetch-Site", "same-origin"), status: http.StatusCreated},
			{name: "cross-site GET is allowed", method: "GET", url: "/api/v1/bodies", headers: headers("Sec-Fetch-Site", "cross-site"),
				status: http.StatusOK},
		})
	})
}

func TestAPI_OpenAPIServed(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		f.runAll(t, []scenario{{name: "JSON document", method: "GET", url: "/api/v1/openapi.json", status: http.StatusOK,
			contains: []string{`"/api/v1/requests/{number}"`}, check: func(t *testing.T, body []byte) {
				m := decode(t, body)
				wantField(t, m, "openapi", "3.1.0")
				if paths, _ := m["paths"].(map[string]any); len(paths) == 0 {
					t.Error("no paths")
				}
			}}})
	})
}

// TestAPI_RateLimit uses a second server over the same store with a limit
// of two public submissions per address.
func TestAPI_RateLimit(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		base := f.serve(t, prometheus.NewRegistry(), web.NewLimiter(time.Hour, 2, 100))
		const url = "/api/v1/bodies/dinkes-uji/requests"
		for _, sc := range []scenario{
			{name: "first", method: "POST", url: url, body: validIntake, status: http.StatusCreated},
			{name: "second, even when invalid", method: "POST", url: url, body: `{}`, status: http.StatusUnprocessableEntity},
			{name: "third is limited", method: "POST", url: url, body: validIntake, status: http.StatusTooManyRequests, code: "rate_limited"},
			{name: "staff registration is not limited", method: "POST", url: url + "?channel=letter", headers: bearer(f.pelaksana),
				body: validIntake, status: http.StatusCreated},
			{name: "reading is not limited", method: "GET", url: "/api/v1/bodies", status: http.StatusOK},
		} {
			t.Run(sc.name, func(t *testing.T) { f.runAt(t, base, sc) })
		}
	})
}

// TestAPI_Metrics checks that requests are counted by route pattern, never
// by raw path: registration numbers must not leak into label values.
func TestAPI_Metrics(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		number, token := f.file(t, "dinkes-uji", validIntake)
		f.run(t, scenario{method: "GET", url: "/api/v1/requests/" + number, headers: headers("X-Tracking-Token", token), status: http.StatusOK})
		f.run(t, scenario{method: "GET", url: "/api/v1/requests/" + number, status: http.StatusNotFound})
		f.run(t, scenario{method: "GET", url: "/api/v1/tidak-ada/" + number, status: http.StatusNotFound})
		f.run(t, scenario{method: "GET", url: "/api/v1/bodies", status: http.StatusOK})

		families, err := f.reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		type key struct{ route, method, code string }
		counts := map[key]float64{}
		for _, mf := range families {
			if mf.GetName() != "terbuka_http_requests_total" {
				continue
			}
			for _, m := range mf.GetMetric() {
				var k key
				for _, l := range m.GetLabel() {
					switch l.GetName() {
					case "route":
						k.route = l.GetValue()
					case "method":
						k.method = l.GetValue()
					case "code":
						k.code = l.GetValue()
					}
				}
				counts[k] += m.GetCounter().GetValue()
			}
		}
		if len(counts) == 0 {
			t.Fatal("terbuka_http_requests_total has no series")
		}
		for k := range counts {
			if strings.Contains(k.route, number) || strings.Contains(k.route, "tidak-ada") {
				t.Errorf("route label %q holds a raw path", k.route)
			}
		}
		for k, want := range map[key]float64{
			{"POST /api/v1/bodies/{slug}/requests", "POST", "201"}: 1,
			{"GET /api/v1/requests/{number}", "GET", "200"}:        1,
			{"GET /api/v1/requests/{number}", "GET", "404"}:        1,
			{"/api/", "GET", "404"}:                                1,
			{"GET /api/v1/bodies", "GET", "200"}:                   1,
		} {
			if counts[k] != want {
				t.Errorf("terbuka_http_requests_total%+v = %v, want %v (all: %v)", k, counts[k], want, counts)
			}
		}
		_, _, text := f.do(t, f.url, "GET", "/metrics", nil, "")
		if !bytes.Contains(text, []byte(`terbuka_http_requests_total{code="200",method="GET",route="GET /api/v1/requests/{number}"} 1`)) {
			t.Errorf("/metrics lacks the request counter by pattern:\n%s", text)
		}
	})
}
