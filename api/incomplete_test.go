package api_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

// TestRequest_Incomplete: staff mark a request perlu dilengkapi, the
// requester completes it with the tracking token, and the clock restarts.
// Filed Mon 12 January 2026 10:00 (due 27 January); completed Thu 15
// January at 17:00, after office hours: received Mon 19 January (16
// January is a holiday), due Mon 2 February.
func TestRequest_Incomplete(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		n, token := f.file(t, "dinkes-uji", validIntake)
		mark := "/api/v1/requests/" + n + "/incomplete"
		complete := "/api/v1/requests/" + n + "/completion"
		missing := `{"missing": "fotokopi KTP"}`
		fixed := `{"information": "Salinan laporan realisasi anggaran Dinas Kesehatan tahun 2025 per program", "note": "KTP saya antar langsung.",
			"requester": {"phone": "0813-1111-2222"}}`
		f.runAll(t, []scenario{
			{name: "without token", method: "POST", url: mark, body: missing, status: http.StatusUnauthorized},
			{name: "another OPD", method: "POST", url: mark, body: missing, headers: bearer(f.other), status: http.StatusNotFound},
			{name: "atasan PPID", method: "POST", url: mark, body: missing, headers: bearer(f.atasan), status: http.StatusForbidden, code: "forbidden"},
			{name: "missing required", method: "POST", url: mark, body: `{"missing": " "}`, headers: bearer(f.pelaksana),
				status: http.StatusUnprocessableEntity, fields: []string{"missing"}},
			{name: "not yet incomplete", method: "POST", url: complete, body: fixed, headers: headers("X-Tracking-Token", token),
				status: http.StatusConflict, code: "conflict"},
			{name: "marked", method: "POST", url: mark, body: missing, headers: bearer(f.pelaksana), status: http.StatusOK,
				contains: []string{`"status":"incomplete"`, `"missing":"fotokopi KTP"`, `"complete_by":"2026-01-15"`, `"state":"pending"`,
					`"kind":"marked_incomplete"`, `"dispositions":[]`, `"overdue":false`}},
			{name: "the requester reads what is missing", method: "GET", url: "/api/v1/requests/" + n, headers: headers("X-Tracking-Token", token),
				status: http.StatusOK, contains: []string{`"status":"incomplete"`, `"missing":"fotokopi KTP"`, `"complete_by":"2026-01-15"`},
				excludes: []string{`"dispositions"`, nik, email}},
			{name: "twice", method: "POST", url: mark, body: missing, headers: bearer(f.pelaksana), status: http.StatusConflict,
				contains: []string{"sudah ditandai perlu dilengkapi"}},
			{name: "no extension while incomplete", method: "POST", url: "/api/v1/requests/" + n + "/extend", body: `{"reason": "Perlu waktu."}`,
				headers: bearer(f.pelaksana), status: http.StatusConflict, contains: []string{"menunggu pemohon"}},
			{name: "no extension while incomplete, in English", method: "POST", url: "/api/v1/requests/" + n + "/extend", body: `{"reason": "Perlu waktu."}`,
				headers: bearer(f.pelaksana, "Accept-Language", "en"), status: http.StatusConflict, contains: []string{"waits for the requester"}},
			{name: "no decision while incomplete", method: "POST", url: "/api/v1/requests/" + n + "/decision", body: `{"decision": "granted"}`,
				headers: bearer(f.pelaksana), status: http.StatusConflict, code: "conflict"},
			{name: "completion without token", method: "POST", url: complete, body: fixed, status: http.StatusNotFound},
			{name: "completion with a wrong token", method: "POST", url: complete, body: fixed, headers: headers("X-Tracking-Token", "salah"),
				status: http.StatusNotFound},
			{name: "completion with a staff token only", method: "POST", url: complete, body: fixed, headers: bearer(f.pelaksana),
				status: http.StatusNotFound},
			{name: "completion validated like intake", method: "POST", url: complete, headers: headers("X-Tracking-Token", token),
				body: `{"information": "kurang", "requester": {"email": "budi@"}}`, status: http.StatusUnprocessableEntity,
				fields: []string{"information", "requester.email"}},
		})
		f.clock.Set(time.Date(2026, 1, 15, 17, 0, 0, 0, workday.Jakarta))
		f.runAll(t, []scenario{
			{name: "completed: the clock restarts", method: "POST", url: complete, body: fixed, headers: headers("X-Tracking-Token", token),
				status: http.StatusOK, contains: []string{`"status":"registered"`, `"received_on":"2026-01-19"`, `"due_on":"2026-02-02"`,
					`"original_due_on":"2026-02-02"`, `"state":"completed"`, `"previous_received_on":"2026-01-12"`, `"previous_due_on":"2026-01-27"`,
					`"kind":"completed"`, `2026-01-27 → 2026-02-02`},
				excludes: []string{nik, "+6281311112222", `"actor"`}},
			{name: "staff see the new contact", method: "GET", url: "/api/v1/requests/" + n, headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"phone":"+6281311112222"`, `"due_on":"2026-02-02"`}},
			{name: "completed twice", method: "POST", url: complete, body: fixed, headers: headers("X-Tracking-Token", token),
				status: http.StatusConflict, code: "conflict"},
		})
		late, lateToken := f.file(t, "dinkes-uji", validIntake) // received Mon 19 January
		f.clock.Set(time.Date(2026, 1, 23, 9, 0, 0, 0, workday.Jakarta))
		f.runAll(t, []scenario{
			{name: "after the flag window", method: "POST", url: "/api/v1/requests/" + late + "/incomplete", body: missing,
				headers: bearer(f.ppid), status: http.StatusConflict, contains: []string{"sudah lewat (2026-01-22)"}},
			{name: "the late request is still registered", method: "GET", url: "/api/v1/requests/" + late,
				headers: headers("X-Tracking-Token", lateToken), status: http.StatusOK, contains: []string{`"status":"registered"`, `"incomplete":null`}},
		})
	})
}
