package api_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

// denyForObjection has the PPID Pelaksana deny request number under Pasal 17 huruf h.
func (f *fixture) denyForObjection(t *testing.T, number string) {
	t.Helper()
	f.run(t, scenario{method: "POST", url: "/api/v1/requests/" + number + "/decision", headers: bearer(f.pelaksana),
		body:   `{"decision": "denied", "exemption": {"basis": "Pasal 17 huruf h", "consequence_test": "Membuka data ini mengungkap rahasia pribadi pasien puskesmas."}}`,
		status: http.StatusOK})
}

const objectionBody = `{"reason": "a", "statement": "Anggaran imunisasi bukan rahasia pribadi siapa pun."}`

func objectionClock(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, workday.Jakarta)
}

func TestObjectionAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		number, token := f.file(t, "dinkes-uji", validIntake)
		f.denyForObjection(t, number)
		open, openToken := f.file(t, "dinkes-uji", validIntake)
		f.clock.Set(objectionClock(2026, 1, 14, 10, 0))
		const keb = "KEB-DINKES-2026-000001"
		objections := "/api/v1/requests/" + number + "/objections"
		f.runAll(t, []scenario{
			{name: "201 with exactly the contract's fields", method: "POST", url: objections, headers: headers("X-Tracking-Token", token),
				body: objectionBody, status: http.StatusCreated, check: func(t *testing.T, body []byte) {
					m := decode(t, body)
					for k, v := range map[string]any{"number": keb, "status": "registered", "received_on": "2026-01-14", "due_on": "2026-03-02"} {
						wantField(t, m, k, v)
					}
				}},
			{name: "409 for a second open objection", method: "POST", url: objections, headers: headers("X-Tracking-Token", token),
				body: `{"reason": "e", "statement": "Informasi tidak dipenuhi sama sekali."}`, status: http.StatusConflict, code: "conflict",
				contains: []string{keb}},
			{name: "404 on a wrong token", method: "POST", url: objections, headers: headers("X-Tracking-Token", "salah"),
				body: objectionBody, status: http.StatusNotFound, code: "not_found"},
			{name: "404 without a token", method: "POST", url: objections, body: objectionBody, status: http.StatusNotFound},
			{name: "422 before the ground arises, saying why", method: "POST", url: "/api/v1/requests/" + open + "/objections",
				headers: headers("X-Tracking-Token", openToken), body: `{"reason": "c", "statement": "Permohonan belum dijawab."}`,
				status: http.StatusUnprocessableEntity, fields: []string{"reason"},
				contains: []string{"2026-01-27", "2026-01-28", "2026-03-13", "huruf c"}},
			{name: "422 in English", method: "POST", url: "/api/v1/requests/" + open + "/objections",
				headers: headers("X-Tracking-Token", openToken, "Accept-Language", "en"), body: `{"reason": "a", "statement": "Permohonan ditolak."}`,
				status: http.StatusUnprocessableEntity, fields: []string{"reason"}, contains: []string{"Ground a arises only once"}},
			{name: "422 on an unknown reason", method: "POST", url: objections, headers: headers("X-Tracking-Token", token),
				body: `{"reason": "z", "statement": ""}`, status: http.StatusUnprocessableEntity, fields: []string{"reason", "statement"}},
			{name: "the request shows the objection event", method: "GET", url: "/api/v1/requests/" + number,
				headers: headers("X-Tracking-Token", token), status: http.StatusOK, contains: []string{`"kind":"objection"`, keb + ": a"}},
			{name: "requester reads it", method: "GET", url: "/api/v1/objections/" + keb, headers: headers("X-Tracking-Token", token),
				status: http.StatusOK, contains: []string{`"reason":"a"`, `"status":"registered"`, "penolakan atas permintaan informasi"},
				excludes: []string{"requester_name", nik}},
			{name: "atasan reads it with the name", method: "GET", url: "/api/v1/objections/" + keb, headers: bearer(f.atasan),
				status: http.StatusOK, contains: []string{`"requester_name":"Budi Santoso"`}},
			{name: "another OPD cannot see it", method: "GET", url: "/api/v1/objections/" + keb, headers: bearer(f.other), status: http.StatusNotFound},
			{name: "nobody without a token", method: "GET", url: "/api/v1/objections/" + keb, status: http.StatusNotFound},
			{name: "atasan lists it", method: "GET", url: "/api/v1/objections?status=registered", headers: bearer(f.atasan),
				status: http.StatusOK, contains: []string{`"total":1`, keb}},
			{name: "pelaksana lists its own", method: "GET", url: "/api/v1/objections", headers: bearer(f.pelaksana), status: http.StatusOK,
				contains: []string{`"total":1`}},
			{name: "other pelaksana lists none", method: "GET", url: "/api/v1/objections", headers: bearer(f.other), status: http.StatusOK,
				contains: []string{`"total":0`}},
			{name: "list filter checked", method: "GET", url: "/api/v1/objections?status=open", headers: bearer(f.atasan),
				status: http.StatusUnprocessableEntity, fields: []string{"status"}},
			{name: "list needs a token", method: "GET", url: "/api/v1/objections", status: http.StatusUnauthorized},
			{name: "pelaksana may see but not decide: 403", method: "POST", url: "/api/v1/objections/" + keb + "/decision",
				headers: bearer(f.pelaksana), body: `{"decision": "upheld", "reasons": "Uji konsekuensi PPID sudah tepat.", "position": "Kepala Dinas"}`,
				status: http.StatusForbidden, code: "forbidden"},
			{name: "another OPD may not see: 404", method: "POST", url: "/api/v1/objections/" + keb + "/decision",
				headers: bearer(f.other), body: `{"decision": "upheld", "reasons": "Uji konsekuensi PPID sudah tepat.", "position": "Kepala Dinas"}`,
				status: http.StatusNotFound},
			{name: "upholding needs reasons", method: "POST", url: "/api/v1/objections/" + keb + "/decision",
				headers: bearer(f.atasan), body: `{"decision": "upheld", "position": "Sekretaris Daerah"}`,
				status: http.StatusUnprocessableEntity, fields: []string{"reasons"}},
			{name: "the letter before the decision: 409", method: "GET", url: "/api/v1/objections/" + keb + "/decision.pdf",
				headers: headers("X-Tracking-Token", token), status: http.StatusConflict},
			{name: "response before the decision: 409", method: "POST", url: "/api/v1/objections/" + keb + "/response",
				headers: headers("X-Tracking-Token", token), body: `{"response": "Terima kasih."}`, status: http.StatusConflict},
			{name: "dispute before the answer is due: 422", method: "POST", url: "/api/v1/objections/" + keb + "/dispute",
				headers: headers("X-Tracking-Token", token), body: `{"lodged_on": "2026-01-14", "ki_number": "1/KI/2026", "commission": "KI Provinsi Uji"}`,
				status: http.StatusUnprocessableEntity, fields: []string{"lodged_on"}, contains: []string{"2026-03-02"}},
			{name: "atasan upholds: 200", method: "POST", url: "/api/v1/objections/" + keb + "/decision", headers: bearer(f.atasan),
				body:   `{"decision": "upheld", "reasons": "Dokumen memuat nama pasien; uji konsekuensi PPID tepat.", "position": "Sekretaris Daerah Provinsi Uji"}`,
				status: http.StatusOK, contains: []string{`"status":"decided"`, `"decision":"upheld"`, `"position":"Sekretaris Daerah Provinsi Uji"`,
					`"decided_by":"Petugas atasan_ppid"`, "/decision.pdf"}},
			{name: "a second decision: 409", method: "POST", url: "/api/v1/objections/" + keb + "/decision", headers: bearer(f.atasan),
				body: `{"decision": "release_ordered", "position": "Sekretaris Daerah"}`, status: http.StatusConflict},
			{name: "the requester's response", method: "POST", url: "/api/v1/objections/" + keb + "/response",
				headers: headers("X-Tracking-Token", token), body: `{"response": "Saya akan mengajukan sengketa."}`,
				status: http.StatusOK, contains: []string{`"text":"Saya akan mengajukan sengketa."`}},
			{name: "a second response: 409", method: "POST", url: "/api/v1/objections/" + keb + "/response",
				headers: headers("X-Tracking-Token", token), body: `{"response": "Lagi."}`, status: http.StatusConflict},
		})

		t.Run("the letter", func(t *testing.T) {
			for _, h := range []map[string]string{headers("X-Tracking-Token", token), bearer(f.ppid)} {
				status, hdr, body := f.do(t, f.url, "GET", "/api/v1/objections/"+keb+"/decision.pdf", h, "")
				if status != http.StatusOK || hdr.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(body), "%PDF-") {
					t.Fatalf("status %d %q %.20q", status, hdr.Get("Content-Type"), body)
				}
			}
		})

		var disputeID string
		t.Run("dispute lodged: 201", func(t *testing.T) {
			status, hdr, body := f.do(t, f.url, "POST", "/api/v1/objections/"+keb+"/dispute", headers("X-Tracking-Token", token),
				`{"lodged_on": "2026-01-14", "ki_number": "001/I/KIP-PS/2026", "commission": "Komisi Informasi Provinsi Uji"}`)
			if status != http.StatusCreated {
				t.Fatalf("status %d: %s", status, body)
			}
			var d struct {
				ID     int64  `json:"id"`
				Stage  any    `json:"stage"`
				Lodged string `json:"lodged_on"`
			}
			if err := json.Unmarshal(body, &d); err != nil || d.ID == 0 || d.Stage != nil || d.Lodged != "2026-01-14" {
				t.Fatalf("%s %v", body, err)
			}
			disputeID = strings.TrimPrefix(hdr.Get("Location"), "/api/v1/disputes/")
			if disputeID == "" || strings.Contains(disputeID, "/") {
				t.Fatalf("Location %q", hdr.Get("Location"))
			}
		})
		f.runAll(t, []scenario{
			{name: "a second dispute: 409", method: "POST", url: "/api/v1/objections/" + keb + "/dispute", headers: headers("X-Tracking-Token", token),
				body: `{"lodged_on": "2026-01-14", "ki_number": "002/I/KIP-PS/2026", "commission": "KI"}`, status: http.StatusConflict},
			{name: "staff read the dispute", method: "GET", url: "/api/v1/disputes/" + disputeID, headers: bearer(f.ppid),
				status: http.StatusOK, contains: []string{"001/I/KIP-PS/2026", `"closed":false`}},
			{name: "another OPD cannot", method: "GET", url: "/api/v1/disputes/" + disputeID, headers: bearer(f.other), status: http.StatusNotFound},
			{name: "not a number", method: "GET", url: "/api/v1/disputes/abc", headers: bearer(f.ppid), status: http.StatusNotFound},
			{name: "registration recorded", method: "POST", url: "/api/v1/disputes/" + disputeID + "/stages", headers: bearer(f.ppid),
				body: `{"stage": "registrasi", "date": "2026-01-14", "note": "Register KI."}`, status: http.StatusCreated,
				contains: []string{`"stage":"registrasi"`, `"recorded_by":"Petugas ppid"`}},
			{name: "no mediation of a Pasal 17 refusal", method: "POST", url: "/api/v1/disputes/" + disputeID + "/stages", headers: bearer(f.atasan),
				body: `{"stage": "mediasi", "date": "2026-01-14"}`, status: http.StatusUnprocessableEntity, fields: []string{"stage"}},
			{name: "a putusan needs an outcome", method: "POST", url: "/api/v1/disputes/" + disputeID + "/stages", headers: bearer(f.atasan),
				body: `{"stage": "putusan", "date": "2026-01-14"}`, status: http.StatusUnprocessableEntity, fields: []string{"outcome"}},
			{name: "the putusan", method: "POST", url: "/api/v1/disputes/" + disputeID + "/stages", headers: bearer(f.atasan),
				body: `{"stage": "putusan", "date": "2026-01-14", "outcome": "ditolak"}`, status: http.StatusCreated,
				contains: []string{`"outcome":"ditolak"`}},
			{name: "backwards: 409", method: "POST", url: "/api/v1/disputes/" + disputeID + "/stages", headers: bearer(f.atasan),
				body: `{"stage": "ajudikasi", "date": "2026-01-14"}`, status: http.StatusConflict},
			{name: "the requester sees the stages", method: "GET", url: "/api/v1/objections/" + keb, headers: headers("X-Tracking-Token", token),
				status: http.StatusOK, contains: []string{`"stage":"putusan"`, `"ki_number":"001/I/KIP-PS/2026"`}, excludes: []string{"recorded_by"}},
			{name: "the request's history", method: "GET", url: "/api/v1/requests/" + number, headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"kind":"objection_decided"`, `"kind":"objection_response"`, `"kind":"dispute"`, `"kind":"dispute_stage"`}},
		})
		t.Run("register", func(t *testing.T) {
			status, hdr, body := f.do(t, f.url, "GET", "/api/v1/objection-register?format=csv&year=2026", bearer(f.atasan), "")
			if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") ||
				!strings.Contains(hdr.Get("Content-Disposition"), "register-keberatan-2026.csv") {
				t.Fatalf("status %d %v", status, hdr)
			}
			for _, want := range []string{keb, number, "Budi Santoso", "Menguatkan putusan PPID", "Saya akan mengajukan sengketa."} {
				if !strings.Contains(string(body), want) {
					t.Errorf("register lacks %q", want)
				}
			}
			status, hdr, body = f.do(t, f.url, "GET", "/api/v1/objection-register", bearer(f.other), "")
			if status != http.StatusOK || !strings.Contains(hdr.Get("Content-Type"), "spreadsheetml") || strings.Contains(string(body), keb) {
				t.Fatalf("other OPD's register: %d %q", status, hdr.Get("Content-Type"))
			}
			f.runAll(t, []scenario{
				{name: "bad format", method: "GET", url: "/api/v1/objection-register?format=pdf", headers: bearer(f.atasan),
					status: http.StatusUnprocessableEntity, fields: []string{"format"}},
				{name: "needs a token", method: "GET", url: "/api/v1/objection-register", status: http.StatusUnauthorized},
			})
		})
		t.Run("objection numbers are gap-free", func(t *testing.T) {
			f.clock.Set(objectionClock(2026, 1, 28, 9, 0))
			raw := f.run(t, scenario{method: "POST", url: "/api/v1/requests/" + open + "/objections",
				headers: headers("X-Tracking-Token", openToken), body: `{"reason": "c", "statement": "Permohonan belum dijawab."}`,
				status: http.StatusCreated})
			if got := decode(t, raw)["number"]; got != "KEB-DINKES-2026-000002" {
				t.Fatalf("number %v", got)
			}
			if !slices.Contains([]string{"2026-01-28"}, decode(t, raw)["ground_on"].(string)) {
				t.Fatalf("ground %v", decode(t, raw)["ground_on"])
			}
		})
	})
}
