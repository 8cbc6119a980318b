package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// exemptPhrase is in the summary and consequence test of the exempted
// entry; it must never reach a public answer.
const exemptPhrase = "frasa-rahasia-rekam-medis-5521"

const exemptEntry = `{"title": "Rekam medis pasien RSUD", "summary": "Rekam medis atas nama ` + exemptPhrase + `",
	"classification": "dikecualikan", "year": 2025,
	"exemption": {"basis": "Pasal 17 huruf h", "consequence_test": "Membuka rekam medis mengungkap rahasia pribadi pasien ` + exemptPhrase + `."}}`

const berkalaEntry = `{"title": "Laporan Keuangan Dinas Kesehatan Tahun 2025", "summary": "Laporan realisasi anggaran dan neraca.",
	"classification": "berkala", "year": 2025, "responsible": "Sekretaris Dinas", "created_place": "Kota Uji",
	"formats": ["softcopy", "hardcopy"], "retention": "10 tahun"}`

// createEntry adds an entry through the API and returns its ID.
func (f *fixture) createEntry(t *testing.T, token, slug, body string) int64 {
	t.Helper()
	raw := f.run(t, scenario{method: "POST", url: "/api/v1/bodies/" + slug + "/catalogue", headers: bearer(token), body: body,
		status: http.StatusCreated})
	var out struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || out.ID <= 0 {
		t.Fatalf("create entry in %s: %v %s", slug, err, raw)
	}
	return out.ID
}

func TestCatalogue_Create(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		const url = "/api/v1/bodies/dinkes-uji/catalogue"
		var location string
		f.runAll(t, []scenario{
			{name: "dikecualikan", method: "POST", url: url, headers: bearer(f.pelaksana), body: exemptEntry, status: http.StatusCreated,
				contains: []string{`"title":"Rekam medis pasien RSUD"`, `"classification":"dikecualikan"`, exemptPhrase,
					`"basis":"Pasal 17 huruf h UU 14/2008"`, `"letter":"h"`, `"until":null`, `"permanent":true`, `"decided_by":"Petugas ppid_pelaksana"`},
				check: func(t *testing.T, body []byte) {
					m := decode(t, body)
					if id, ok := m["id"].(float64); !ok || id < 1 {
						t.Errorf("id = %#v, want a positive number", m["id"])
					}
					location = fmt.Sprintf("/api/v1/catalogue/%d", int64(m["id"].(float64)))
					wantField(t, m, "body", "dinkes-uji")
					wantField(t, m, "unit", "dinkes-uji")
					wantField(t, m, "next_due", nil)
				}},
			{name: "berkala", method: "POST", url: url, headers: bearer(f.pelaksana), body: berkalaEntry, status: http.StatusCreated,
				contains: []string{`"formats":["softcopy","hardcopy"]`, `"update_months":6`, `"published_on":"2026-01-12"`,
					`"next_due":"2026-07-12"`, `"stale":false`, `"exemption":null`, `"valid_until":null`}},
			{name: "serta merta by the PPID Utama", method: "POST", url: url, headers: bearer(f.ppid), status: http.StatusCreated,
				body: `{"title": "Peringatan dini banjir di Kecamatan Uji", "summary": "Siaga banjir; jalur evakuasi ke balai desa.",
					"classification": "serta_merta", "year": 2026}`, contains: []string{`"classification":"serta_merta"`}},
			{name: "setiap saat held by another unit", method: "POST", url: "/api/v1/bodies/dindik-uji/catalogue", headers: bearer(f.admin),
				status: http.StatusCreated, body: `{"title": "SOP layanan informasi", "summary": "Prosedur pelayanan informasi publik.",
					"classification": "setiap_saat", "year": 2026, "unit": "diskominfo-uji", "valid_from": "2026-01-01", "valid_until": "2026-12-31"}`,
				contains: []string{`"unit":"diskominfo-uji"`, `"valid_until":"2026-12-31"`}},
			{name: "another statute", method: "POST", url: url, headers: bearer(f.pelaksana), status: http.StatusCreated,
				body: `{"title": "Data pasien HIV", "summary": "Data pasien.", "classification": "dikecualikan", "year": 2025,
					"exemption": {"basis": "UU 36/2009 Pasal 57", "consequence_test": "Membuka data mengungkap status kesehatan pribadi.", "until": "2031-01-01"}}`,
				contains: []string{`"basis":"Pasal 17 huruf j UU 14/2008 jo. UU 36/2009 Pasal 57"`, `"until":"2031-01-01"`}},

			{name: "dikecualikan without exemption", method: "POST", url: url, headers: bearer(f.pelaksana), status: http.StatusUnprocessableEntity,
				body: `{"title": "Data", "summary": "Data.", "classification": "dikecualikan", "year": 2025}`, code: "invalid", fields: []string{"exemption"}},
			{name: "exemption on berkala", method: "POST", url: url, headers: bearer(f.pelaksana), status: http.StatusUnprocessableEntity,
				body: `{"title": "Data", "summary": "Data.", "classification": "berkala", "year": 2025,
					"exemption": {"basis": "h", "consequence_test": "Membuka data mengungkap rahasia pribadi pasien."}}`, fields: []string{"exemption"}},
			{name: "exemption problems by path", method: "POST", url: url, headers: bearer(f.pelaksana), status: http.StatusUnprocessableEntity,
				body: `{"title": "Data", "summary": "Data.", "classification": "dikecualikan", "year": 2025,
					"exemption": {"basis": "Peraturan Gubernur 5/2020 Pasal 3", "consequence_test": "rahasia", "until": "kapan-kapan"}}`,
				fields: []string{"exemption.basis", "exemption.consequence_test", "exemption.until"}},
			{name: "letter a needs an end", method: "POST", url: url, headers: bearer(f.pelaksana), status: http.StatusUnprocessableEntity,
				body: `{"title": "Dokumen penyelidikan", "summary": "Data.", "classification": "dikecualikan", "year": 2025,
					"exemption": {"basis": "Pasal 17 huruf a", "consequence_test": "Membuka dokumen menghambat penyidikan yang sedang berjalan."}}`,
				fields: []string{"exemption.until"}, contains: []string{"Pasal 20"}},
			{name: "missing columns", method: "POST", url: url, headers: bearer(f.pelaksana), body: `{}`, status: http.StatusUnprocessableEntity,
				fields: []string{"title", "summary", "classification", "year"}},
			{name: "unknown classification and format", method: "POST", url: url, headers: bearer(f.pelaksana), status: http.StatusUnprocessableEntity,
				body:   `{"title": "Data", "summary": "Data.", "classification": "rahasia", "year": 2025, "formats": ["pdf"]}`,
				fields: []string{"classification", "formats"}},
			{name: "unit outside the government", method: "POST", url: url, headers: bearer(f.pelaksana), status: http.StatusUnprocessableEntity,
				body: `{"title": "Data", "summary": "Data.", "classification": "setiap_saat", "year": 2025, "unit": "ki-uji"}`, fields: []string{"unit"}},
			{name: "year as text", method: "POST", url: url, headers: bearer(f.pelaksana), body: `{"year": "2025"}`,
				status: http.StatusUnprocessableEntity, fields: []string{"year"}},
			{name: "unknown field", method: "POST", url: url, headers: bearer(f.pelaksana), body: `{"title": "Data", "kategori": "x"}`,
				status: http.StatusUnprocessableEntity, fields: []string{"kategori"}},
			{name: "malformed", method: "POST", url: url, headers: bearer(f.pelaksana), body: `{"title": `, status: http.StatusBadRequest, code: "malformed"},
			{name: "not JSON", method: "POST", url: url, headers: bearer(f.pelaksana, "Content-Type", "application/xml"), body: `<a/>`,
				status: http.StatusUnsupportedMediaType},
			{name: "oversized", method: "POST", url: url, headers: bearer(f.pelaksana), body: `{"summary": "` + strings.Repeat("a", 70<<10) + `"}`,
				status: http.StatusRequestEntityTooLarge, code: "too_large"},
			{name: "English message", method: "POST", url: url, headers: bearer(f.pelaksana, "Accept-Language", "en"), status: http.StatusUnprocessableEntity,
				body:   `{"title": "Data", "summary": "Data.", "classification": "berkala", "year": 2025, "update_months": 12}`,
				fields: []string{"update_months"}, contains: []string{"at least every 6 months"}},

			{name: "without token", method: "POST", url: url, body: berkalaEntry, status: http.StatusUnauthorized, code: "unauthorized"},
			{name: "bad token", method: "POST", url: url, headers: bearer("tbk_salah"), body: berkalaEntry, status: http.StatusUnauthorized},
			{name: "pelaksana of another OPD", method: "POST", url: url, headers: bearer(f.other), body: berkalaEntry, status: http.StatusNotFound, code: "not_found"},
			{name: "unknown body", method: "POST", url: "/api/v1/bodies/tidak-ada/catalogue", headers: bearer(f.admin), body: berkalaEntry,
				status: http.StatusNotFound},
			{name: "evaluator", method: "POST", url: url, headers: bearer(f.evaluator), body: berkalaEntry, status: http.StatusForbidden, code: "forbidden"},
			{name: "atasan PPID", method: "POST", url: url, headers: bearer(f.atasan), body: berkalaEntry, status: http.StatusForbidden, code: "forbidden"},
		})
		if location == "" {
			t.Fatal("no entry created")
		}
		f.run(t, scenario{name: "Location", method: "GET", url: location, headers: bearer(f.pelaksana), status: http.StatusOK,
			contains: []string{exemptPhrase}})
	})
}

func TestCatalogue_PublicNeverSeesExemptedContent(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		exempt := f.createEntry(t, f.pelaksana, "dinkes-uji", exemptEntry)
		open := f.createEntry(t, f.pelaksana, "dinkes-uji", berkalaEntry)
		other := f.createEntry(t, f.other, "dindik-uji", strings.Replace(exemptEntry, "Rekam medis pasien RSUD", "Data pribadi guru", 1))
		item := func(id int64) string { return fmt.Sprintf("/api/v1/catalogue/%d", id) }

		// Every public answer about the catalogue, with no token, with a
		// token of a role outside the catalogue, and with staff of another
		// OPD (for dinkes-uji's entries).
		var public []scenario
		for _, h := range []map[string]string{nil, bearer(f.evaluator)} {
			for _, u := range []string{"/api/v1/bodies/dinkes-uji/catalogue", "/api/v1/bodies/dindik-uji/catalogue",
				"/api/v1/bodies/dinkes-uji/catalogue?classification=dikecualikan", "/api/v1/bodies/dinkes-uji/catalogue?year=2025",
				item(exempt), item(open), item(other)} {
				public = append(public, scenario{name: "public " + u, method: "GET", url: u, headers: h, status: http.StatusOK})
			}
		}
		public = append(public,
			scenario{name: "other OPD list", method: "GET", url: "/api/v1/bodies/dinkes-uji/catalogue", headers: bearer(f.other), status: http.StatusOK},
			scenario{name: "other OPD item", method: "GET", url: item(exempt), headers: bearer(f.other), status: http.StatusOK})
		for _, sc := range public {
			t.Run(sc.name, func(t *testing.T) {
				sc.excludes = []string{exemptPhrase, "consequence_test", "decided_by", `"stale"`}
				f.run(t, sc)
			})
		}

		f.runAll(t, []scenario{
			{name: "the register row of an exempted entry", method: "GET", url: item(exempt), status: http.StatusOK,
				check: func(t *testing.T, body []byte) {
					var m map[string]json.RawMessage
					if err := json.Unmarshal(body, &m); err != nil {
						t.Fatal(err)
					}
					want := []string{"body", "body_name", "classification", "exemption", "id", "title", "year"}
					var got []string
					for k := range m {
						got = append(got, k)
					}
					if !sameKeys(got, want) {
						t.Errorf("public keys %v, want exactly %v", got, want)
					}
					if string(m["exemption"]) != `{"basis":"Pasal 17 huruf h UU 14/2008","until":null}` {
						t.Errorf("exemption = %s", m["exemption"])
					}
				}},
			{name: "an open entry in full", method: "GET", url: item(open), status: http.StatusOK,
				contains: []string{`"summary":"Laporan realisasi anggaran dan neraca."`, `"next_due":"2026-07-12"`, `"responsible":"Sekretaris Dinas"`}},
			{name: "public list with both", method: "GET", url: "/api/v1/bodies/dinkes-uji/catalogue", status: http.StatusOK,
				contains: []string{`"total":2`, `"title":"Rekam medis pasien RSUD"`, `"basis":"Pasal 17 huruf h UU 14/2008"`, "Laporan realisasi anggaran"}},
			{name: "staff of the body see everything", method: "GET", url: "/api/v1/bodies/dinkes-uji/catalogue", headers: bearer(f.pelaksana),
				status: http.StatusOK, contains: []string{exemptPhrase, `"consequence_test":`, `"stale":false`}},
			{name: "PPID Utama sees every OPD", method: "GET", url: item(other), headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{exemptPhrase, `"decided_by":"Petugas ppid_pelaksana"`}},
			{name: "admin too", method: "GET", url: item(exempt), headers: bearer(f.admin), status: http.StatusOK, contains: []string{exemptPhrase}},
			{name: "a bad token is not the public", method: "GET", url: item(exempt), headers: bearer("tbk_salah"), status: http.StatusUnauthorized},
		})
	})
}

// sameKeys reports whether a and b hold the same strings in any order.
func sameKeys(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		if seen[s]--; seen[s] < 0 {
			return false
		}
	}
	return true
}

func TestCatalogue_List(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		f.createEntry(t, f.pelaksana, "dinkes-uji", berkalaEntry)
		f.createEntry(t, f.pelaksana, "dinkes-uji", strings.Replace(berkalaEntry, `"year": 2025`, `"year": 2024`, 1))
		f.createEntry(t, f.pelaksana, "dinkes-uji", exemptEntry)
		const url = "/api/v1/bodies/dinkes-uji/catalogue"
		f.runAll(t, []scenario{
			{name: "newest year first", method: "GET", url: url, status: http.StatusOK, contains: []string{`"total":3`},
				check: func(t *testing.T, body []byte) {
					var out struct {
						Items []struct {
							Year           int    `json:"year"`
							Classification string `json:"classification"`
						} `json:"items"`
					}
					if err := json.Unmarshal(body, &out); err != nil || len(out.Items) != 3 || out.Items[2].Year != 2024 {
						t.Errorf("items = %+v, %v", out.Items, err)
					}
				}},
			{name: "by classification", method: "GET", url: url + "?classification=berkala", status: http.StatusOK,
				contains: []string{`"total":2`}, excludes: []string{"dikecualikan"}},
			{name: "by year", method: "GET", url: url + "?year=2024", status: http.StatusOK, contains: []string{`"total":1`, `"year":2024`}},
			{name: "a page", method: "GET", url: url + "?limit=1&offset=1", status: http.StatusOK, contains: []string{`"total":3`},
				check: func(t *testing.T, body []byte) {
					if n := bytes.Count(body, []byte(`"id":`)); n != 1 {
						t.Errorf("%d items on a page of 1", n)
					}
				}},
			{name: "past the end", method: "GET", url: url + "?offset=10", status: http.StatusOK, contains: []string{`"items":[]`, `"total":3`}},
			{name: "an empty catalogue", method: "GET", url: "/api/v1/bodies/ki-uji/catalogue", status: http.StatusOK,
				contains: []string{`"items":[]`, `"total":0`}},
			{name: "bad filters", method: "GET", url: url + "?classification=rahasia&year=1800&limit=0&offset=-1",
				status: http.StatusUnprocessableEntity, fields: []string{"classification", "year", "limit", "offset"}},
			{name: "unknown body", method: "GET", url: "/api/v1/bodies/tidak-ada/catalogue", status: http.StatusNotFound, code: "not_found"},
			{name: "unknown entry", method: "GET", url: "/api/v1/catalogue/999999", status: http.StatusNotFound, code: "not_found"},
			{name: "entry ID not a number", method: "GET", url: "/api/v1/catalogue/abc", status: http.StatusNotFound, code: "not_found"},
			{name: "entry ID zero", method: "GET", url: "/api/v1/catalogue/0", status: http.StatusNotFound},
			{name: "not found in English", method: "GET", url: "/api/v1/catalogue/999999", headers: headers("Accept-Language", "en"),
				status: http.StatusNotFound, contains: []string{"Catalogue entry not found."}},
			{name: "wrong method", method: "DELETE", url: "/api/v1/catalogue/1", status: http.StatusMethodNotAllowed},
		})
	})
}
