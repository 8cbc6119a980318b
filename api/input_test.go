package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestJSONInput_BadBodies sends the same catalogue of broken bodies to every
// endpoint that reads JSON: each is refused with the status of its kind of
// fault, an error naming the field where there is one, and never a 500.
func TestJSONInput_BadBodies(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		number, _ := f.file(t, "dinkes-uji", validIntake)
		endpoints := []struct {
			name, method, url string
			headers           map[string]string
			// wrongType is a body with one value of the wrong JSON type,
			// and field the path the error must name.
			wrongType, field string
		}{
			{"intake", "POST", "/api/v1/bodies/dinkes-uji/requests", nil, `{"requester": "x"}`, "requester"},
			{"intake nested", "POST", "/api/v1/bodies/dinkes-uji/requests", nil, `{"information": 5}`, "information"},
			{"intake deep", "POST", "/api/v1/bodies/dinkes-uji/requests", nil, `{"requester": {"name": ["a"]}}`, "requester.name"},
			{"extend", "POST", "/api/v1/requests/" + number + "/extend", bearer(f.pelaksana), `{"reason": 5}`, "reason"},
			{"decision", "POST", "/api/v1/requests/" + number + "/decision", bearer(f.pelaksana), `{"decision": "denied", "exemption": "b"}`, "exemption"},
			{"holidays", "POST", "/api/v1/bodies/dindik-uji/holidays", bearer(f.admin), `{"date": 20260120, "name": "x"}`, "date"},
			{"settings", "PUT", "/api/v1/bodies/dindik-uji/settings", bearer(f.admin), `{"cuti_bersama_is_workday": "ya"}`, "cuti_bersama_is_workday"},
		}
		oversized := `{"information": "` + strings.Repeat("a", 70<<10) + `"}`
		for _, ep := range endpoints {
			with := func(kv ...string) map[string]string {
				h := headers(kv...)
				for k, v := range ep.headers {
					h[k] = v
				}
				return h
			}
			f.runAll(t, []scenario{
				{name: ep.name + "/malformed", method: ep.method, url: ep.url, headers: with(), body: `{"reason": `,
					status: http.StatusBadRequest, code: "malformed"},
				{name: ep.name + "/wrong type", method: ep.method, url: ep.url, headers: with(), body: ep.wrongType,
					status: http.StatusUnprocessableEntity, code: "invalid", fields: []string{ep.field}},
				{name: ep.name + "/unknown field", method: ep.method, url: ep.url, headers: with(), body: `{"nomor_rekening": "123"}`,
					status: http.StatusUnprocessableEntity, code: "invalid", fields: []string{"nomor_rekening"}, contains: []string{"nomor_rekening"}},
				{name: ep.name + "/unknown field in English", method: ep.method, url: ep.url, headers: with("Accept-Language", "en"),
					body: `{"nomor_rekening": "123"}`, status: http.StatusUnprocessableEntity, contains: []string{"Unknown field: nomor_rekening"}},
				{name: ep.name + "/not an object", method: ep.method, url: ep.url, headers: with(), body: `["a"]`,
					status: http.StatusUnprocessableEntity, code: "invalid", fields: []string{"body"}},
				{name: ep.name + "/oversized", method: ep.method, url: ep.url, headers: with(), body: oversized,
					status: http.StatusRequestEntityTooLarge, code: "too_large"},
				{name: ep.name + "/invalid UTF-8", method: ep.method, url: ep.url, headers: with(), body: "{\"name\": \"Bud\xffi\"}",
					status: http.StatusBadRequest, code: "malformed"},
				{name: ep.name + "/multipart", method: ep.method, url: ep.url, headers: with("Content-Type", "multipart/form-data; boundary=x"),
					body: "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n", status: http.StatusUnsupportedMediaType,
					code: "unsupported_media_type"},
				{name: ep.name + "/XML", method: ep.method, url: ep.url, headers: with("Content-Type", "application/xml"), body: `<a/>`,
					status: http.StatusUnsupportedMediaType},
				{name: ep.name + "/empty body", method: ep.method, url: ep.url, headers: with(), status: http.StatusBadRequest, code: "malformed"},
				{name: ep.name + "/two objects", method: ep.method, url: ep.url, headers: with(), body: `{} {}`,
					status: http.StatusBadRequest, code: "malformed"},
			})
		}
		// Nothing above may have changed the request.
		f.run(t, scenario{name: "untouched", method: "GET", url: "/api/v1/requests/" + number, headers: bearer(f.pelaksana),
			status: http.StatusOK, contains: []string{`"status":"registered"`, `"extended":false`}})
	})
}
