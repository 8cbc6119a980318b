package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
)

func TestCalendar_AddWorkingDays(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		add := func(from string, days int, body string) string {
			u := fmt.Sprintf("/api/v1/calendar/add-working-days?from=%s&days=%d", from, days)
			if body != "" {
				u += "&body=" + body
			}
			return u
		}
		f.runAll(t, []scenario{
			{name: "skips Isra Mikraj", method: "GET", url: add("2026-01-12", 10, ""), status: http.StatusOK,
				contains: []string{`"from":"2026-01-12"`, `"days":10`, `"date":"2026-01-27"`, `"date":"2026-01-16","kind":"national"`, "libur nasional: Isra Mikraj"}},
			{name: "skips Nyepi, Idulfitri, cuti bersama and Good Friday", method: "GET", url: add("2026-03-16", 10, ""), status: http.StatusOK,
				contains: []string{`"date":"2026-04-07"`, `"kind":"cuti_bersama"`, `"date":"2026-04-03"`}},
			{name: "crosses the year with Christmas and New Year", method: "GET", url: add("2025-12-22", 10, ""), status: http.StatusOK,
				contains: []string{`"date":"2026-01-08"`, `"date":"2025-12-25"`, `"date":"2026-01-01"`}},
			{name: "zero days is the day itself", method: "GET", url: add("2026-01-12", 0, ""), status: http.StatusOK,
				contains: []string{`"date":"2026-01-12"`, `"skipped":[]`}},
			{name: "reasons in English", method: "GET", url: add("2026-01-12", 10, ""), headers: headers("Accept-Language", "en"),
				status: http.StatusOK, contains: []string{"national holiday: Isra Mikraj", "weekend"}},
			{name: "bad from", method: "GET", url: "/api/v1/calendar/add-working-days?from=2026-13-01&days=10", status: http.StatusUnprocessableEntity,
				code: "invalid", fields: []string{"from"}, contains: []string{"YYYY-MM-DD"}},
			{name: "missing from and days", method: "GET", url: "/api/v1/calendar/add-working-days", status: http.StatusUnprocessableEntity,
				fields: []string{"from", "days"}},
			{name: "negative days", method: "GET", url: add("2026-01-12", -1, ""), status: http.StatusUnprocessableEntity, fields: []string{"days"}},
			{name: "too many days", method: "GET", url: add("2026-01-12", 367, ""), status: http.StatusUnprocessableEntity, fields: []string{"days"}},
			{name: "days not a number", method: "GET", url: "/api/v1/calendar/add-working-days?from=2026-01-12&days=sepuluh",
				status: http.StatusUnprocessableEntity, fields: []string{"days"}, headers: headers("Accept-Language", "en"),
				contains: []string{"whole number"}},
			{name: "unknown body", method: "GET", url: add("2026-01-12", 10, "tidak-ada"), status: http.StatusNotFound, code: "not_found"},
		})
	})
}

func TestCalendar_RegionalHolidays(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		const holidays = "/api/v1/bodies/dindik-uji/holidays"
		add := "/api/v1/calendar/add-working-days?from=2026-01-12&days=10&body="
		hariJadi := `{"date": "2026-01-20", "name": "Hari Jadi Dinas Pendidikan Uji"}`
		var id int64
		f.runAll(t, []scenario{
			{name: "admin adds a regional holiday", method: "POST", url: holidays, headers: bearer(f.admin), body: hariJadi,
				status: http.StatusCreated, contains: []string{`"date":"2026-01-20"`, `"name":"Hari Jadi Dinas Pendidikan Uji"`, `"kind":"regional"`}},
			{name: "the body's count skips it", method: "GET", url: add + "dindik-uji", status: http.StatusOK,
				contains: []string{`"date":"2026-01-28"`, `"kind":"regional"`, "libur daerah: Hari Jadi Dinas Pendidikan Uji"}},
			{name: "a sibling body's count does not", method: "GET", url: add + "dinkes-uji", status: http.StatusOK,
				contains: []string{`"date":"2026-01-27"`}, excludes: []string{"regional"}},
			{name: "the national count does not", method: "GET", url: add[:len(add)-len("&body=")], status: http.StatusOK,
				contains: []string{`"date":"2026-01-27"`}},
			{name: "the body's holiday list shows it", method: "GET", url: "/api/v1/calendar/holidays?year=2026&body=dindik-uji",
				status: http.StatusOK, contains: []string{`"date":"2026-01-20","name":"Hari Jadi Dinas Pendidikan Uji","kind":"regional"`}},
			{name: "listed with its id", method: "GET", url: holidays, status: http.StatusOK,
				contains: []string{`"kind":"regional"`}, check: func(t *testing.T, body []byte) {
					var out struct {
						Items []struct {
							ID int64 `json:"id"`
						} `json:"items"`
					}
					if err := json.Unmarshal(body, &out); err != nil || len(out.Items) != 1 || out.Items[0].ID == 0 {
						t.Fatalf("items %s: %v", body, err)
					}
					id = out.Items[0].ID
				}},
			{name: "PPID may not add", method: "POST", url: holidays, headers: bearer(f.ppid), body: hariJadi, status: http.StatusForbidden, code: "forbidden"},
			{name: "without token", method: "POST", url: holidays, body: hariJadi, status: http.StatusUnauthorized},
			{name: "bad date", method: "POST", url: holidays, headers: bearer(f.admin), body: `{"date": "20-01-2026", "name": "X"}`,
				status: http.StatusUnprocessableEntity, fields: []string{"date"}},
			{name: "year out of range", method: "POST", url: holidays, headers: bearer(f.admin), body: `{"date": "1999-01-20", "name": "X"}`,
				status: http.StatusUnprocessableEntity, fields: []string{"date"}},
			{name: "missing name", method: "POST", url: holidays, headers: bearer(f.admin), body: `{"date": "2026-02-20", "name": " "}`,
				status: http.StatusUnprocessableEntity, fields: []string{"name"}},
			{name: "unknown body", method: "POST", url: "/api/v1/bodies/tidak-ada/holidays", headers: bearer(f.admin), body: hariJadi,
				status: http.StatusNotFound},
			{name: "list of an unknown body", method: "GET", url: "/api/v1/bodies/tidak-ada/holidays", status: http.StatusNotFound},
		})
		del := func() string { return fmt.Sprintf("%s/%d", holidays, id) }
		f.runAll(t, []scenario{
			{name: "PPID may not delete", method: "DELETE", url: del(), headers: bearer(f.ppid), status: http.StatusForbidden},
			{name: "admin deletes it", method: "DELETE", url: del(), headers: bearer(f.admin), status: http.StatusNoContent},
			{name: "the count is national again", method: "GET", url: add + "dindik-uji", status: http.StatusOK,
				contains: []string{`"date":"2026-01-27"`}},
			{name: "deleting twice", method: "DELETE", url: del(), headers: bearer(f.admin), status: http.StatusNotFound, code: "not_found"},
			{name: "id not a number", method: "DELETE", url: holidays + "/abc", headers: bearer(f.admin), status: http.StatusNotFound},
		})
	})
}

func TestCalendar_Holidays(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		f.runAll(t, []scenario{
			{name: "2026 has 17 national holidays and 8 days of cuti bersama", method: "GET", url: "/api/v1/calendar/holidays?year=2026",
				status: http.StatusOK, contains: []string{`"year":2026`, `"data_loaded":true`},
				check: func(t *testing.T, body []byte) {
					var out struct {
						Items []struct{ Date, Name, Kind string } `json:"items"`
					}
					if err := json.Unmarshal(body, &out); err != nil {
						t.Fatal(err)
					}
					kinds := map[string]int{}
					for _, h := range out.Items {
						if h.Date == "" || h.Name == "" {
							t.Errorf("incomplete holiday %+v", h)
						}
						kinds[h.Kind]++
					}
					if kinds["national"] != 17 || kinds["cuti_bersama"] != 8 || len(kinds) != 2 {
						t.Errorf("kinds %v, want 17 national and 8 cuti_bersama", kinds)
					}
				}},
			{name: "a year without data is empty, not an error", method: "GET", url: "/api/v1/calendar/holidays?year=2090",
				status: http.StatusOK, contains: []string{`"items":[]`, `"data_loaded":false`}},
			{name: "year not a number", method: "GET", url: "/api/v1/calendar/holidays?year=dua-ribu", status: http.StatusUnprocessableEntity,
				code: "invalid", fields: []string{"year"}},
			{name: "year out of range", method: "GET", url: "/api/v1/calendar/holidays?year=1999", status: http.StatusUnprocessableEntity,
				fields: []string{"year"}},
			{name: "year missing", method: "GET", url: "/api/v1/calendar/holidays", status: http.StatusUnprocessableEntity, fields: []string{"year"}},
			{name: "unknown body", method: "GET", url: "/api/v1/calendar/holidays?year=2026&body=tidak-ada", status: http.StatusNotFound},
		})
	})
}

func TestCalendar_RequestDeadlines(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		const base = "/api/v1/calendar/request-deadlines?submitted_at="
		f.runAll(t, []scenario{
			{name: "within office hours", method: "GET", url: base + "2026-01-12T10:00:00%2B07:00&body=dinkes-uji", status: http.StatusOK,
				contains: []string{`"submitted_at":"2026-01-12T10:00:00+07:00"`, `"received_on":"2026-01-12"`, `"due_on":"2026-01-27"`,
					`"extended_due_on":"2026-02-05"`, "Dilewati", "Jumat, 16 Januari 2026 (libur nasional: Isra Mikraj Nabi Muhammad SAW)", "akhir pekan"}},
			{name: "explanation in English", method: "GET", url: base + "2026-01-12T10:00:00%2B07:00&body=dinkes-uji",
				headers: headers("Accept-Language", "en"), status: http.StatusOK,
				contains: []string{"Skipped", "Friday, 16 January 2026 (national holiday: Isra Mikraj Nabi Muhammad SAW)", "weekend"},
				excludes: []string{"Dilewati"}},
			{name: "after office hours counts from the next working day", method: "GET",
				url: base + "2026-01-15T17:30:00%2B07:00&body=dinkes-uji", status: http.StatusOK,
				contains: []string{`"received_on":"2026-01-19"`, "setelah jam layanan"}},
			{name: "UTC moment in the body's zone", method: "GET", url: base + "2026-01-12T03:00:00Z&body=dinkes-uji", status: http.StatusOK,
				contains: []string{`"received_on":"2026-01-12"`, `"time_zone":"Asia/Jakarta"`}},
			{name: "missing body", method: "GET", url: base + "2026-01-12T10:00:00%2B07:00", status: http.StatusUnprocessableEntity,
				code: "invalid", fields: []string{"body"}},
			{name: "unknown body", method: "GET", url: base + "2026-01-12T10:00:00%2B07:00&body=tidak-ada", status: http.StatusNotFound,
				code: "not_found"},
			{name: "bad timestamp", method: "GET", url: base + "2026-01-12&body=dinkes-uji", status: http.StatusUnprocessableEntity,
				fields: []string{"submitted_at"}},
		})
	})
}

func TestCalendar_Amendments(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		number, token := f.file(t, "dinkes-uji", validIntake)
		const url = "/api/v1/calendar/amendments"
		skb := `{"id": "SKB-UJI-2026-1", "source": "SKB uji tentang libur tambahan", "effective": "2026-01-13",
			"add": [{"date": "2026-01-20", "name": "Libur nasional tambahan", "kind": "national"}]}`
		f.runAll(t, []scenario{
			{name: "PPID may not load", method: "POST", url: url, headers: bearer(f.ppid), body: skb, status: http.StatusForbidden, code: "forbidden"},
			{name: "without token", method: "POST", url: url, body: skb, status: http.StatusUnauthorized},
			{name: "admin loads it and the open request is recomputed", method: "POST", url: url, headers: bearer(f.admin), body: skb,
				status: http.StatusCreated, contains: []string{`"recomputed":1`}},
			{name: "the open request's due date moved later", method: "GET", url: "/api/v1/requests/" + number,
				headers: headers("X-Tracking-Token", token), status: http.StatusOK,
				contains: []string{`"due_on":"2026-01-28"`, `"original_due_on":"2026-01-28"`, "deadline_recomputed"}},
			{name: "the national count skips the new day", method: "GET", url: "/api/v1/calendar/add-working-days?from=2026-01-12&days=10",
				status: http.StatusOK, contains: []string{`"date":"2026-01-28"`, "Libur nasional tambahan"}},
			{name: "listed", method: "GET", url: url, status: http.StatusOK,
				contains: []string{`"id":"SKB-UJI-2026-1"`, `"effective":"2026-01-13"`, `"days":1`}},
			{name: "loading it twice", method: "POST", url: url, headers: bearer(f.admin), body: skb, status: http.StatusConflict, code: "conflict"},
			{name: "malformed file", method: "POST", url: url, headers: bearer(f.admin), body: `{"id": "SKB-2", "add": [`,
				status: http.StatusUnprocessableEntity, code: "invalid"},
			{name: "nothing to change", method: "POST", url: url, headers: bearer(f.admin),
				body: `{"id": "SKB-3", "source": "x", "effective": "2026-01-13"}`, status: http.StatusUnprocessableEntity},
			{name: "regional kind is not national", method: "POST", url: url, headers: bearer(f.admin),
				body:   `{"id": "SKB-4", "source": "x", "effective": "2026-01-13", "add": [{"date": "2026-02-02", "name": "x", "kind": "regional"}]}`,
				status: http.StatusUnprocessableEntity},
		})
	})
}
