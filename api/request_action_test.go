package api_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

func TestRequest_Extend(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		a, token := f.file(t, "dinkes-uji", validIntake)
		b, _ := f.file(t, "dinkes-uji", validIntake)
		c, _ := f.file(t, "dinkes-uji", validIntake)
		extend := func(n string) string { return "/api/v1/requests/" + n + "/extend" }
		reason := `{"reason": "Informasi tersebar di beberapa bidang dan perlu dihimpun."}`
		f.runAll(t, []scenario{
			{name: "without token", method: "POST", url: extend(a), body: reason, status: http.StatusUnauthorized, code: "unauthorized"},
			{name: "tracking token is not staff", method: "POST", url: extend(a), body: reason, headers: headers("X-Tracking-Token", token),
				status: http.StatusUnauthorized},
			{name: "PPID Pelaksana of another OPD", method: "POST", url: extend(a), body: reason, headers: bearer(f.other), status: http.StatusNotFound},
			{name: "evaluator", method: "POST", url: extend(a), body: reason, headers: bearer(f.evaluator), status: http.StatusNotFound},
			{name: "atasan PPID sees it but may not act", method: "POST", url: extend(a), body: reason, headers: bearer(f.atasan),
				status: http.StatusForbidden, code: "forbidden"},
			{name: "reason required", method: "POST", url: extend(a), body: `{"reason": "  "}`, headers: bearer(f.pelaksana),
				status: http.StatusUnprocessableEntity, fields: []string{"reason"}},
			{name: "unknown number", method: "POST", url: extend("DINKES-2026-999999"), body: reason, headers: bearer(f.pelaksana),
				status: http.StatusNotFound},
			{name: "7 working days after the original due date", method: "POST", url: extend(a), body: reason, headers: bearer(f.pelaksana),
				status: http.StatusOK, contains: []string{`"status":"extended"`, `"due_on":"2026-02-05"`, `"original_due_on":"2026-01-27"`,
					`"extended":true`, `"extension_reason":"Informasi tersebar`, `"kind":"extended"`, `"requester":{`}},
			{name: "the requester sees the new date", method: "GET", url: "/api/v1/requests/" + a, headers: headers("X-Tracking-Token", token),
				status: http.StatusOK, contains: []string{`"due_on":"2026-02-05"`, `"status":"extended"`}},
			{name: "only once", method: "POST", url: extend(a), body: reason, headers: bearer(f.pelaksana), status: http.StatusConflict,
				code: "conflict", contains: []string{"hanya boleh satu kali"}},
			{name: "only once, in English", method: "POST", url: extend(a), body: reason, headers: bearer(f.pelaksana, "Accept-Language", "en"),
				status: http.StatusConflict, contains: []string{"only one extension is allowed"}},
		})
		f.clock.Set(time.Date(2026, 1, 27, 23, 30, 0, 0, workday.Jakarta))
		f.runAll(t, []scenario{
			{name: "still possible late on the due date", method: "POST", url: extend(b), body: reason, headers: bearer(f.ppid),
				status: http.StatusOK, contains: []string{`"due_on":"2026-02-05"`}},
		})
		f.clock.Set(time.Date(2026, 1, 28, 8, 0, 0, 0, workday.Jakarta))
		f.runAll(t, []scenario{
			{name: "too late after the due date", method: "POST", url: extend(c), body: reason, headers: bearer(f.pelaksana),
				status: http.StatusConflict, code: "conflict", contains: []string{"2026-01-27"}},
		})
	})
}

func TestRequest_Decide(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		decide := func(n string) string { return "/api/v1/requests/" + n + "/decision" }
		const test = "Membuka dokumen ini akan mengungkap strategi penawaran peserta tender kepada pesaingnya."
		exemption := `"exemption": {"basis": "Pasal 17 huruf b", "consequence_test": "` + test + `"}`
		cases := []struct {
			decision, extra, status string
		}{
			{"granted", `"note": "Salinan dikirim lewat email."`, "answered"},
			{"partially_granted", exemption, "answered"},
			{"denied", exemption, "answered"},
			{"not_held", `"note": "Informasi dikuasai Bappeda."`, "answered"},
			{"not_documented", `"note": "Belum didokumentasikan."`, "answered"},
			{"transferred", `"transferred_to": "bappeda-uji"`, "transferred"},
		}
		var scenarios []scenario
		numbers, tokens := map[string]string{}, map[string]string{}
		for _, c := range cases {
			n, tok := f.file(t, "dinkes-uji", validIntake)
			numbers[c.decision], tokens[c.decision] = n, tok
			scenarios = append(scenarios, scenario{
				name: c.decision, method: "POST", url: decide(n), headers: bearer(f.pelaksana), status: http.StatusOK,
				body:     `{"decision": "` + c.decision + `", ` + c.extra + `}`,
				contains: []string{`"status":"` + c.status + `"`, `"decision":"` + c.decision + `"`, `"kind":"decided"`},
			})
		}
		scenarios[1].contains = append(scenarios[1].contains, `"basis":"Pasal 17 huruf b UU 14/2008"`)
		scenarios[5].contains = append(scenarios[5].contains, `"transferred_to":"bappeda-uji"`)
		f.runAll(t, scenarios)

		open, token := f.file(t, "dinkes-uji", validIntake)
		f.runAll(t, []scenario{
			{name: "denied without exemption", method: "POST", url: decide(open), headers: bearer(f.pelaksana), body: `{"decision": "denied"}`,
				status: http.StatusUnprocessableEntity, code: "invalid", fields: []string{"exemption"}},
			{name: "partially granted with an empty exemption", method: "POST", url: decide(open), headers: bearer(f.pelaksana),
				body: `{"decision": "partially_granted", "exemption": {"basis": "", "consequence_test": ""}}`, status: http.StatusUnprocessableEntity,
				fields: []string{"exemption"}},
			{name: "basis that is no letter of Pasal 17", method: "POST", url: decide(open), headers: bearer(f.pelaksana),
				body:   `{"decision": "denied", "exemption": {"basis": "Pasal 99 huruf z", "consequence_test": "` + test + `"}}`,
				status: http.StatusUnprocessableEntity, fields: []string{"exemption.basis"}},
			{name: "consequence test too short", method: "POST", url: decide(open), headers: bearer(f.pelaksana),
				body:   `{"decision": "denied", "exemption": {"basis": "b", "consequence_test": "rahasia"}}`,
				status: http.StatusUnprocessableEntity, fields: []string{"exemption.consequence_test"}},
			{name: "transferred without transferred_to", method: "POST", url: decide(open), headers: bearer(f.pelaksana),
				body: `{"decision": "transferred"}`, status: http.StatusUnprocessableEntity, fields: []string{"transferred_to"}},
			{name: "unknown decision", method: "POST", url: decide(open), headers: bearer(f.pelaksana), body: `{"decision": "maybe"}`,
				status: http.StatusUnprocessableEntity, fields: []string{"decision"}},
			{name: "atasan PPID may not decide", method: "POST", url: decide(open), headers: bearer(f.atasan), body: `{"decision": "granted"}`,
				status: http.StatusForbidden, code: "forbidden"},
			{name: "PPID Pelaksana of another OPD", method: "POST", url: decide(open), headers: bearer(f.other), body: `{"decision": "granted"}`,
				status: http.StatusNotFound},
			{name: "evaluator", method: "POST", url: decide(open), headers: bearer(f.evaluator), body: `{"decision": "granted"}`,
				status: http.StatusNotFound},
			{name: "without token", method: "POST", url: decide(open), body: `{"decision": "granted"}`, status: http.StatusUnauthorized},
			{name: "the request is still open", method: "GET", url: "/api/v1/requests/" + open, headers: headers("X-Tracking-Token", token),
				status: http.StatusOK, contains: []string{`"status":"registered"`, `"decision":null`}},
			{name: "second decision", method: "POST", url: decide(numbers["granted"]), headers: bearer(f.pelaksana), body: `{"decision": "denied", ` + exemption + `}`,
				status: http.StatusConflict, code: "conflict"},
			{name: "no extension after the decision", method: "POST", url: "/api/v1/requests/" + numbers["granted"] + "/extend",
				headers: bearer(f.pelaksana), body: `{"reason": "Perlu waktu."}`, status: http.StatusConflict},
			{name: "the requester sees the decision", method: "GET", url: "/api/v1/requests/" + numbers["granted"],
				headers: headers("X-Tracking-Token", tokens["granted"]), status: http.StatusOK,
				contains: []string{`"status":"answered"`, `"decision":"granted"`, `"decision_note":"Salinan dikirim lewat email."`, `"kind":"decided"`},
				excludes: []string{`"actor"`}},
		})
	})
}
