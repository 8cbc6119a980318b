package api_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

// wantNumbers checks a list answer's total and which numbers it holds.
func wantNumbers(total int, numbers ...*string) func(t *testing.T, body []byte) {
	return func(t *testing.T, body []byte) {
		t.Helper()
		var out struct {
			Items []struct {
				Number  string `json:"number"`
				Overdue bool   `json:"overdue"`
			} `json:"items"`
			Total *int `json:"total"`
		}
		if err := json.Unmarshal(body, &out); err != nil || out.Total == nil {
			t.Fatalf("list %s: %v", body, err)
		}
		if *out.Total != total {
			t.Errorf("total %d, want %d: %s", *out.Total, total, body)
		}
		got := map[string]bool{}
		for _, it := range out.Items {
			got[it.Number] = true
		}
		for _, n := range numbers {
			if !got[*n] {
				t.Errorf("list lacks %s: %s", *n, body)
			}
		}
	}
}

func TestRequest_List(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		a, _ := f.file(t, "dinkes-uji", validIntake)
		b, _ := f.file(t, "dindik-uji", intake("Data jembatan rusak di seluruh kabupaten tahun 2025"))
		answered, _ := f.file(t, "dinkes-uji", validIntake)
		f.run(t, scenario{method: "POST", url: "/api/v1/requests/" + answered + "/decision", headers: bearer(f.pelaksana),
			body: `{"decision": "granted"}`, status: http.StatusOK})
		const url = "/api/v1/requests"
		f.runAll(t, []scenario{
			{name: "PPID Utama sees the whole government", method: "GET", url: url, headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"id_number":"` + nik + `"`}, check: wantNumbers(3, &a, &b, &answered)},
			{name: "PPID Pelaksana sees its own OPD", method: "GET", url: url, headers: bearer(f.pelaksana), status: http.StatusOK,
				check: wantNumbers(2, &a, &answered), excludes: []string{`"body":"dindik-uji"`}},
			{name: "evaluator sees none", method: "GET", url: url, headers: bearer(f.evaluator), status: http.StatusOK,
				contains: []string{`"items":[]`, `"total":0`}},
			{name: "by status", method: "GET", url: url + "?status=answered", headers: bearer(f.ppid), status: http.StatusOK,
				check: wantNumbers(1, &answered)},
			{name: "by body", method: "GET", url: url + "?body=dindik-uji", headers: bearer(f.ppid), status: http.StatusOK,
				check: wantNumbers(1, &b)},
			{name: "by text in the information", method: "GET", url: url + "?q=JEMBATAN", headers: bearer(f.ppid), status: http.StatusOK,
				check: wantNumbers(1, &b)},
			{name: "by number", method: "GET", url: url + "?q=" + a, headers: bearer(f.ppid), status: http.StatusOK, check: wantNumbers(1, &a)},
			{name: "LIKE wildcards are literal", method: "GET", url: url + "?q=%25", headers: bearer(f.ppid), status: http.StatusOK, check: wantNumbers(0)},
			{name: "limit keeps the total", method: "GET", url: url + "?limit=1", headers: bearer(f.ppid), status: http.StatusOK,
				check: func(t *testing.T, body []byte) {
					wantNumbers(3)(t, body)
					var out struct{ Items []any }
					_ = json.Unmarshal(body, &out)
					if len(out.Items) != 1 {
						t.Errorf("limit=1 gave %d items", len(out.Items))
					}
				}},
			{name: "nothing due within 3 working days yet", method: "GET", url: url + "?due_within=3", headers: bearer(f.ppid),
				status: http.StatusOK, check: wantNumbers(0)},
			{name: "nothing overdue yet", method: "GET", url: url + "?overdue=1", headers: bearer(f.ppid), status: http.StatusOK,
				check: wantNumbers(0), excludes: []string{`"overdue":true`}},
			{name: "unknown status", method: "GET", url: url + "?status=lost", headers: bearer(f.ppid), status: http.StatusUnprocessableEntity,
				code: "invalid", fields: []string{"status"}},
			{name: "overdue is not a status", method: "GET", url: url + "?status=overdue", headers: bearer(f.ppid),
				status: http.StatusUnprocessableEntity, fields: []string{"status"}},
			{name: "due_within not a number", method: "GET", url: url + "?due_within=soon", headers: bearer(f.ppid),
				status: http.StatusUnprocessableEntity, fields: []string{"due_within"}},
			{name: "limit out of range", method: "GET", url: url + "?limit=0&offset=-1", headers: bearer(f.ppid),
				status: http.StatusUnprocessableEntity, fields: []string{"limit", "offset"}},
			{name: "without token", method: "GET", url: url, status: http.StatusUnauthorized, code: "unauthorized"},
		})
		// Friday 23 January: the two open requests are due on Tuesday 27th,
		// the second working day from now.
		f.clock.Set(time.Date(2026, 1, 23, 10, 0, 0, 0, workday.Jakarta))
		f.runAll(t, []scenario{
			{name: "due within 3 working days", method: "GET", url: url + "?due_within=3", headers: bearer(f.ppid), status: http.StatusOK,
				check: wantNumbers(2, &a, &b)},
			{name: "due within 1 working day", method: "GET", url: url + "?due_within=1", headers: bearer(f.ppid), status: http.StatusOK,
				check: wantNumbers(0)},
		})
		f.clock.Set(time.Date(2026, 1, 28, 10, 0, 0, 0, workday.Jakarta))
		f.runAll(t, []scenario{
			{name: "overdue after the due date", method: "GET", url: url + "?overdue=1", headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"overdue":true`, `"status":"registered"`}, excludes: []string{`"overdue":false`}, check: wantNumbers(2, &a, &b)},
			{name: "overdue=true, one body", method: "GET", url: url + "?overdue=true&body=dinkes-uji", headers: bearer(f.ppid),
				status: http.StatusOK, check: wantNumbers(1, &a)},
			{name: "the answered one is never overdue", method: "GET", url: url + "?status=answered", headers: bearer(f.ppid),
				status: http.StatusOK, contains: []string{`"overdue":false`}, check: wantNumbers(1, &answered)},
		})
	})
}

// TestRequest_ListOverdueInBodyZone: "today" is the body's own date. Half
// an hour after midnight WIT on the day after the due date it is still the
// due date in Jakarta, and the list must agree with the filter and with
// the request's own page that the request is overdue.
func TestRequest_ListOverdueInBodyZone(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		f.run(t, scenario{method: "PUT", url: "/api/v1/bodies/dindik-uji/settings", headers: bearer(f.admin), status: http.StatusOK,
			body: `{"time_zone": "Asia/Jayapura", "office_open": "08:00", "office_close": "16:00"}`})
		number, token := f.file(t, "dindik-uji", validIntake)
		f.run(t, scenario{method: "GET", url: "/api/v1/requests/" + number, headers: headers("X-Tracking-Token", token),
			status: http.StatusOK, contains: []string{`"due_on":"2026-01-27"`}})
		wit := time.FixedZone("WIT", 9*3600)
		f.clock.Set(time.Date(2026, 1, 28, 0, 30, 0, 0, wit))
		f.runAll(t, []scenario{
			{name: "the request's page says overdue", method: "GET", url: "/api/v1/requests/" + number, headers: headers("X-Tracking-Token", token),
				status: http.StatusOK, contains: []string{`"overdue":true`}},
			{name: "the overdue filter finds it and says so", method: "GET", url: "/api/v1/requests?overdue=1", headers: bearer(f.ppid),
				status: http.StatusOK, contains: []string{`"overdue":true`}, excludes: []string{`"overdue":false`}, check: wantNumbers(1, &number)},
		})
	})
}
