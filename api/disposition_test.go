package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
)

// TestRequest_Dispositions: the PPID Utama forwards a request filed with
// it to an OPD, which then sees it, answers with a proposal to deny, and
// the PPID Utama decides. Filed Mon 12 January 2026, due 27 January; the
// 5-working-day internal deadline is Tue 20 January.
func TestRequest_Dispositions(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		n, token := f.file(t, "diskominfo-uji", validIntake)
		dispose := "/api/v1/requests/" + n + "/dispositions"
		body := `{"to": ["dinkes-uji"], "days": 5, "instructions": "Mohon data tenaga kesehatan per puskesmas."}`
		var id int64
		f.runAll(t, []scenario{
			{name: "the OPD does not see it yet", method: "GET", url: "/api/v1/requests/" + n, headers: bearer(f.pelaksana), status: http.StatusNotFound},
			{name: "without token", method: "POST", url: dispose, body: body, status: http.StatusUnauthorized},
			{name: "an OPD may not forward", method: "POST", url: dispose, body: body, headers: bearer(f.pelaksana), status: http.StatusNotFound},
			{name: "atasan PPID", method: "POST", url: dispose, body: body, headers: bearer(f.atasan), status: http.StatusForbidden, code: "forbidden"},
			{name: "not an OPD of the government", method: "POST", url: dispose, headers: bearer(f.ppid),
				body: `{"to": ["ki-uji"], "instructions": "x"}`, status: http.StatusUnprocessableEntity, fields: []string{"to"}},
			{name: "no target", method: "POST", url: dispose, headers: bearer(f.ppid), body: `{"to": [], "instructions": "x"}`,
				status: http.StatusUnprocessableEntity, fields: []string{"to"}},
			{name: "after the request's due date", method: "POST", url: dispose, headers: bearer(f.ppid),
				body: `{"to": ["dinkes-uji"], "days": 11, "instructions": "x"}`, status: http.StatusUnprocessableEntity, fields: []string{"days"},
				contains: []string{"paling lama 10 hari kerja"}},
			{name: "forwarded", method: "POST", url: dispose, body: body, headers: bearer(f.ppid), status: http.StatusCreated,
				contains: []string{`"status":"in_process"`, `"to":"dinkes-uji"`, `"due_on":"2026-01-20"`, `"deadline_state":"ontime"`,
					`"state":"open"`, `"answer":null`, `"kind":"disposed"`},
				check: func(t *testing.T, b []byte) {
					var out struct {
						Dispositions []struct {
							ID int64 `json:"id"`
						} `json:"dispositions"`
					}
					if err := json.Unmarshal(b, &out); err != nil || len(out.Dispositions) != 1 {
						t.Fatalf("dispositions: %v %s", err, b)
					}
					id = out.Dispositions[0].ID
				}},
			{name: "forwarded twice", method: "POST", url: dispose, body: body, headers: bearer(f.ppid), status: http.StatusConflict, code: "conflict"},
			{name: "the OPD sees it", method: "GET", url: "/api/v1/requests/" + n, headers: bearer(f.pelaksana), status: http.StatusOK,
				contains: []string{`"dispositions":[{`, `"instructions":"Mohon data tenaga kesehatan per puskesmas."`}},
			{name: "in its list", method: "GET", url: "/api/v1/requests", headers: bearer(f.pelaksana), status: http.StatusOK, contains: []string{n}},
			{name: "another OPD does not", method: "GET", url: "/api/v1/requests/" + n, headers: bearer(f.other), status: http.StatusNotFound},
			{name: "nor in its list", method: "GET", url: "/api/v1/requests", headers: bearer(f.other), status: http.StatusOK, excludes: []string{n}},
			{name: "the requester sees it in process, not where", method: "GET", url: "/api/v1/requests/" + n,
				headers: headers("X-Tracking-Token", token), status: http.StatusOK, contains: []string{`"status":"in_process"`},
				excludes: []string{"dispositions", "disposed", "dinkes-uji", "Mohon data"}},
			{name: "the OPD may not extend", method: "POST", url: "/api/v1/requests/" + n + "/extend", body: `{"reason": "Perlu waktu."}`,
				headers: bearer(f.pelaksana), status: http.StatusForbidden, contains: []string{"diteruskan kepada OPD Anda"}},
		})
		answer := "/api/v1/dispositions/" + strconv.FormatInt(id, 10) + "/answer"
		deny := `{"kind": "deny_proposal", "text": "Data memuat identitas pasien.",
			"exemption": {"basis": "Pasal 17 huruf h", "consequence_test": "Membuka nama pasien melanggar rahasia pribadi mereka."}}`
		f.runAll(t, []scenario{
			{name: "the PPID Utama does not answer", method: "POST", url: answer, body: deny, headers: bearer(f.ppid), status: http.StatusForbidden},
			{name: "another OPD cannot", method: "POST", url: answer, body: deny, headers: bearer(f.other), status: http.StatusNotFound},
			{name: "unknown disposition", method: "POST", url: "/api/v1/dispositions/999999/answer", body: deny, headers: bearer(f.pelaksana),
				status: http.StatusNotFound},
			{name: "not a number", method: "POST", url: "/api/v1/dispositions/abc/answer", body: deny, headers: bearer(f.pelaksana),
				status: http.StatusNotFound},
			{name: "unknown kind", method: "POST", url: answer, body: `{"kind": "maybe", "text": "x"}`, headers: bearer(f.pelaksana),
				status: http.StatusUnprocessableEntity, fields: []string{"kind"}},
			{name: "deny without grounds", method: "POST", url: answer, body: `{"kind": "deny_proposal", "text": "x"}`, headers: bearer(f.pelaksana),
				status: http.StatusUnprocessableEntity, fields: []string{"exemption"}},
			{name: "unknown catalogue entry", method: "POST", url: answer, body: `{"kind": "information", "text": "x", "catalogue_id": 424242}`,
				headers: bearer(f.pelaksana), status: http.StatusUnprocessableEntity, fields: []string{"catalogue_id"}},
			{name: "answered", method: "POST", url: answer, body: deny, headers: bearer(f.pelaksana), status: http.StatusOK,
				contains: []string{`"state":"answered"`, `"kind":"deny_proposal"`, `"basis":"Pasal 17 huruf h UU 14/2008"`, `"deadline_state":"done"`}},
			{name: "answered twice", method: "POST", url: answer, body: deny, headers: bearer(f.pelaksana), status: http.StatusConflict},
			{name: "an answered disposition is not withdrawn", method: "POST", url: "/api/v1/dispositions/" + strconv.FormatInt(id, 10) + "/withdraw",
				headers: bearer(f.ppid), status: http.StatusConflict},
			{name: "the PPID Utama reads the answer", method: "GET", url: "/api/v1/requests/" + n, headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"answer":{`, `"text":"Data memuat identitas pasien."`, `"kind":"disposition_answered"`}},
			{name: "the requester does not", method: "GET", url: "/api/v1/requests/" + n, headers: headers("X-Tracking-Token", token),
				status: http.StatusOK, excludes: []string{"identitas pasien", "disposition"}},
			{name: "the PPID Utama decides", method: "POST", url: "/api/v1/requests/" + n + "/decision", headers: bearer(f.ppid),
				body:   `{"decision": "denied", "exemption": {"basis": "h", "consequence_test": "Membuka nama pasien melanggar rahasia pribadi mereka."}}`,
				status: http.StatusOK, contains: []string{`"status":"answered"`}},
			{name: "no disposition after the decision", method: "POST", url: dispose, headers: bearer(f.ppid),
				body: `{"to": ["dindik-uji"], "instructions": "x"}`, status: http.StatusConflict},
		})
	})
}

// TestRequest_TransferInDeployment: a transfer to a body of this
// deployment registers the request there; both views show the link, never
// the new tracking code.
func TestRequest_TransferInDeployment(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		n, token := f.file(t, "dinkes-uji", validIntake)
		decide := "/api/v1/requests/" + n + "/decision"
		f.runAll(t, []scenario{
			{name: "to the same body", method: "POST", url: decide, headers: bearer(f.pelaksana),
				body: `{"decision": "transferred", "transferred_to": "dinkes-uji"}`, status: http.StatusUnprocessableEntity, fields: []string{"transferred_to"}},
			{name: "transferred", method: "POST", url: decide, headers: bearer(f.pelaksana),
				body:   `{"decision": "transferred", "transferred_to": "dindik-uji", "note": "Data sekolah dikuasai Dinas Pendidikan."}`,
				status: http.StatusOK, contains: []string{`"status":"transferred"`, `"transfer":{"to":{`, `"number":"DINDIK-2026-000001"`,
					`"code_mailed":true`, `"kind":"transferred_link"`}, excludes: []string{"tracking_token"}},
			{name: "the requester reads the new number", method: "GET", url: "/api/v1/requests/" + n, headers: headers("X-Tracking-Token", token),
				status: http.StatusOK, contains: []string{`"number":"DINDIK-2026-000001"`, `"body_name":"Dinas Pendidikan Uji"`}},
			{name: "the old code does not open the new request", method: "GET", url: "/api/v1/requests/DINDIK-2026-000001",
				headers: headers("X-Tracking-Token", token), status: http.StatusNotFound},
			{name: "the receiving OPD sees where it came from", method: "GET", url: "/api/v1/requests/DINDIK-2026-000001", headers: bearer(f.other),
				status: http.StatusOK, contains: []string{`"channel":"transfer"`, `"transfer":{"from":{"body_name":"Dinas Kesehatan Uji","number":"` + n + `"}}`,
					`"status":"registered"`}},
			{name: "a body outside this deployment stays a plain transfer", method: "POST",
				url: "/api/v1/requests/" + f.numberOf(t) + "/decision", headers: bearer(f.pelaksana),
				body: `{"decision": "transferred", "transferred_to": "Kementerian Kesehatan"}`, status: http.StatusOK,
				contains: []string{`"transferred_to":"Kementerian Kesehatan"`, `"transfer":null`}},
		})
	})
}

// numberOf files a fresh request at dinkes-uji and returns its number.
func (f *fixture) numberOf(t *testing.T) string {
	t.Helper()
	n, _ := f.file(t, "dinkes-uji", validIntake)
	return n
}
