package api_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// numberRe is API.md's rule: a number stands in a URL path as it is.
var numberRe = regexp.MustCompile(`^[A-Za-z0-9.-]+$`)

func TestRequest_Create(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		const url = "/api/v1/bodies/dinkes-uji/requests"
		badNIK := strings.Replace(validIntake, nik, "320101150190", 1)
		group := `{"requester": {"kind": "group", "name": "Forum Warga Uji", "address": "Jl. Uji 2", "phone": "0812-1111-2222"},
			"information": "Daftar penerima bantuan sosial tahun 2025", "purpose": "Pengawasan", "obtain": "hardcopy", "delivery": "in_person"}`
		f.runAll(t, []scenario{
			{name: "registered with number, tracking token and deadlines", method: "POST", url: url, body: validIntake,
				status: http.StatusCreated, check: func(t *testing.T, body []byte) {
					m := decode(t, body)
					for _, k := range []string{"number", "tracking_token", "status", "received_on", "due_on"} {
						if s, _ := m[k].(string); s == "" {
							t.Errorf("%s missing or not a string: %s", k, body)
						}
					}
					wantField(t, m, "status", "registered")
					wantField(t, m, "received_on", "2026-01-12")
					wantField(t, m, "due_on", "2026-01-27")
					wantField(t, m, "number", "DINKES-2026-000001")
					if n, _ := m["number"].(string); !numberRe.MatchString(n) {
						t.Errorf("number %q has characters a URL path would escape", n)
					}
					if tok, _ := m["tracking_token"].(string); len(tok) < 20 {
						t.Errorf("tracking token %q is too short", tok)
					}
				}},
			{name: "numbers follow each other", method: "POST", url: url, body: validIntake, status: http.StatusCreated,
				contains: []string{`"number":"DINKES-2026-000002"`}},
			{name: "bad NIK, Indonesian by default", method: "POST", url: url, body: badNIK, status: http.StatusUnprocessableEntity,
				code: "invalid", fields: []string{"requester.id_number"}, contains: []string{"NIK harus 16 digit", "Data yang dikirim belum benar"}},
			{name: "bad NIK in English", method: "POST", url: url, body: badNIK, headers: headers("Accept-Language", "en-GB,en;q=0.9"),
				status: http.StatusUnprocessableEntity, fields: []string{"requester.id_number"},
				contains: []string{"The NIK must have 16 digits", "Check the marked fields"}, excludes: []string{"NIK harus"}},
			{name: "NIK with an impossible birth date", method: "POST", url: url, body: strings.Replace(validIntake, nik, "3201013213900001", 1),
				status: http.StatusUnprocessableEntity, fields: []string{"requester.id_number"}},
			{name: "group without representative", method: "POST", url: url, body: group, status: http.StatusUnprocessableEntity,
				fields: []string{"representative"}},
			{name: "group with representative", method: "POST", url: url, status: http.StatusCreated,
				body: strings.Replace(group, `"delivery": "in_person"`, `"delivery": "in_person", "representative": {"name": "Siti", "id_number": "`+nik+`", "mandate": "Surat kuasa 1/2026"}`, 1)},
			{name: "everything missing names every field", method: "POST", url: url, body: `{}`, status: http.StatusUnprocessableEntity,
				fields: []string{"requester.kind", "requester.name", "requester.address", "requester.email", "information", "purpose", "obtain", "delivery"}},
			{name: "unknown choice of delivery", method: "POST", url: url, body: strings.Replace(validIntake, `"delivery": "email"`, `"delivery": "pigeon"`, 1),
				status: http.StatusUnprocessableEntity, fields: []string{"delivery"}},
			{name: "bad e-mail", method: "POST", url: url, body: strings.Replace(validIntake, email, "budi@", 1),
				status: http.StatusUnprocessableEntity, fields: []string{"requester.email"}},
			{name: "unknown body", method: "POST", url: "/api/v1/bodies/tidak-ada/requests", body: validIntake, status: http.StatusNotFound,
				code: "not_found"},
			{name: "invalid bearer is refused, not ignored", method: "POST", url: url, body: validIntake, headers: bearer("tbk_salah"),
				status: http.StatusUnauthorized, code: "unauthorized"},
		})
	})
}

func TestRequest_CreateByStaff(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		const url = "/api/v1/bodies/dinkes-uji/requests"
		var number string
		f.runAll(t, []scenario{
			{name: "paper letter received last Friday afternoon", method: "POST", headers: bearer(f.pelaksana), body: validIntake,
				url:    url + "?channel=letter&received_at=2026-01-09T15:00:00%2B07:00",
				status: http.StatusCreated, contains: []string{`"received_on":"2026-01-09"`, `"due_on":"2026-01-26"`, `"status":"registered"`},
				check: func(t *testing.T, body []byte) { number, _ = decode(t, body)["number"].(string) }},
			{name: "PPID Utama registers for an OPD of its government", method: "POST", url: url + "?channel=in_person", headers: bearer(f.ppid),
				body: validIntake, status: http.StatusCreated},
			{name: "unknown channel", method: "POST", url: url + "?channel=pigeon", headers: bearer(f.pelaksana), body: validIntake,
				status: http.StatusUnprocessableEntity, code: "invalid", fields: []string{"channel"}},
			{name: "the public channels are not staff channels", method: "POST", url: url + "?channel=web", headers: bearer(f.pelaksana),
				body: validIntake, status: http.StatusUnprocessableEntity, fields: []string{"channel"}},
			{name: "received_at not RFC 3339", method: "POST", url: url + "?channel=letter&received_at=2026-01-09",
				headers: bearer(f.pelaksana), body: validIntake, status: http.StatusUnprocessableEntity, fields: []string{"received_at"}},
			{name: "received_at in the future", method: "POST", url: url + "?channel=letter&received_at=2026-02-09T10:00:00%2B07:00",
				headers: bearer(f.pelaksana), body: validIntake, status: http.StatusUnprocessableEntity, fields: []string{"received_at"}},
			{name: "received_at too long ago", method: "POST", url: url + "?channel=letter&received_at=2025-10-01T10:00:00%2B07:00",
				headers: bearer(f.pelaksana), body: validIntake, status: http.StatusUnprocessableEntity, fields: []string{"received_at"}},
			{name: "PPID Pelaksana of another OPD", method: "POST", url: url + "?channel=letter", headers: bearer(f.other),
				body: validIntake, status: http.StatusNotFound},
			{name: "evaluator", method: "POST", url: url + "?channel=letter", headers: bearer(f.evaluator), body: validIntake,
				status: http.StatusNotFound},
		})
		f.runAll(t, []scenario{
			{name: "staff see the channel", method: "GET", url: "/api/v1/requests/" + number, headers: bearer(f.pelaksana),
				status: http.StatusOK, contains: []string{`"channel":"letter"`, `"note":"channel:letter"`, `"actor":"Petugas ppid_pelaksana"`}},
		})
	})
}

func TestRequest_Get(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		number, token := f.file(t, "dinkes-uji", validIntake)
		other, otherToken := f.file(t, "dindik-uji", validIntake)
		url := "/api/v1/requests/" + number
		personal := []string{nik, phoneWritten, phoneE164, "81234567890", email, address, "Merdeka", `"requester"`, `"channel"`}
		f.runAll(t, []scenario{
			{name: "tracking token shows the public view", method: "GET", url: url, headers: headers("X-Tracking-Token", token),
				status: http.StatusOK, excludes: personal,
				contains: []string{`"number":"` + number + `"`, `"body":"dinkes-uji"`, `"status":"registered"`, `"received_on":"2026-01-12"`,
					`"due_on":"2026-01-27"`, `"decision":null`, `"events":[{`, `"kind":"registered"`}},
			{name: "wrong token", method: "GET", url: url, headers: headers("X-Tracking-Token", token+"x"), status: http.StatusNotFound,
				code: "not_found", contains: []string{"Permohonan tidak ditemukan"}, excludes: personal},
			{name: "wrong token in English", method: "GET", url: url, headers: headers("X-Tracking-Token", "salah", "Accept-Language", "en"),
				status: http.StatusNotFound, contains: []string{"Request not found"}},
			{name: "another request's token", method: "GET", url: url, headers: headers("X-Tracking-Token", otherToken), status: http.StatusNotFound},
			{name: "no token", method: "GET", url: url, status: http.StatusNotFound, code: "not_found"},
			{name: "unknown number", method: "GET", url: "/api/v1/requests/DINKES-2026-999999", headers: headers("X-Tracking-Token", token),
				status: http.StatusNotFound},
			{name: "PPID Utama of the same province sees personal data", method: "GET", url: url, headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"id_number":"` + nik + `"`, `"phone":"` + phoneE164 + `"`, `"email":"` + email + `"`, `"channel":"api"`}},
			{name: "PPID Pelaksana of the body", method: "GET", url: url, headers: bearer(f.pelaksana), status: http.StatusOK,
				contains: []string{`"id_number":"` + nik + `"`}},
			{name: "admin of the province", method: "GET", url: url, headers: bearer(f.admin), status: http.StatusOK},
			{name: "atasan PPID reads", method: "GET", url: url, headers: bearer(f.atasan), status: http.StatusOK},
			{name: "PPID Pelaksana of another OPD gets 404, not 403", method: "GET", url: url, headers: bearer(f.other),
				status: http.StatusNotFound, code: "not_found", excludes: personal},
			{name: "but sees its own OPD's request", method: "GET", url: "/api/v1/requests/" + other, headers: bearer(f.other), status: http.StatusOK},
			{name: "evaluator gets 404", method: "GET", url: url, headers: bearer(f.evaluator), status: http.StatusNotFound, excludes: personal},
			{name: "invalid bearer", method: "GET", url: url, headers: bearer("tbk_salah"), status: http.StatusUnauthorized, code: "unauthorized"},
			{name: "not a bearer scheme", method: "GET", url: url, headers: headers("Authorization", "Basic dXNlcjpwYXNz"), status: http.StatusUnauthorized},
			{name: "wrong tracking token with a staff bearer falls back to the staff view", method: "GET", url: url,
				headers: bearer(f.pelaksana, "X-Tracking-Token", "salah"), status: http.StatusOK, contains: []string{`"id_number"`}},
		})
		t.Run("public view has no personal data anywhere", func(t *testing.T) {
			_, _, body := f.do(t, f.url, "GET", url, headers("X-Tracking-Token", token), "")
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"requester", "representative", "channel"} {
				if _, ok := m[k]; ok {
					t.Errorf("public view has %q: %s", k, body)
				}
			}
			for _, e := range m["events"].([]any) {
				if _, ok := e.(map[string]any)["actor"]; ok {
					t.Errorf("public event names its actor: %s", body)
				}
			}
		})
	})
}
