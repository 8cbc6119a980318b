package api_test

import (
	"net/http"
	"testing"
)

func TestCatalogue_Search(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		f.createEntry(t, f.pelaksana, "dinkes-uji", exemptEntry)
		f.createEntry(t, f.pelaksana, "dinkes-uji", berkalaEntry)
		f.createEntry(t, f.ppid, "diskominfo-uji", `{"title": "Rekap permohonan informasi 2025", "summary": "Permohonan yang diterima dan ditolak PPID <b>tahun</b> 2025.", "classification": "setiap_saat", "year": 2025}`)
		const url = "/api/v1/catalogue/search"
		f.runAll(t, []scenario{
			{name: "stemmed match with a marked, escaped snippet", method: "GET", url: url + "?q=penolakan", status: http.StatusOK,
				contains: []string{`"total":1`, `"title":"Rekap permohonan informasi 2025"`, `"body":"diskominfo-uji"`,
					`"classification":"setiap_saat"`, `<mark>ditolak</mark>`, `&lt;b&gt;tahun`},
				excludes: []string{"<b>"}},
			{name: "realisasi anggaran by another inflection", method: "GET", url: url + "?q=merealisasikan+anggaran", status: http.StatusOK,
				contains: []string{`"total":1`, `"title":"Laporan Keuangan Dinas Kesehatan Tahun 2025"`}},
			{name: "filters", method: "GET", url: url + "?q=2025&body=dinkes-uji&classification=berkala&year=2025", status: http.StatusOK,
				contains: []string{`"total":1`, `Laporan Keuangan`}, excludes: []string{"Rekap permohonan"}},
			{name: "exempted content never matches", method: "GET", url: url + "?q=" + exemptPhrase, status: http.StatusOK,
				contains: []string{`"items":[]`, `"total":0`}},
			{name: "exempted entry by its register title, without content", method: "GET", url: url + "?q=rekam+medis", status: http.StatusOK,
				contains: []string{`"total":1`, `"classification":"dikecualikan"`}, excludes: []string{exemptPhrase, "summary"}},
			{name: "stop words only", method: "GET", url: url + "?q=yang+dan", status: http.StatusOK, contains: []string{`"total":0`}},
			{name: "missing q", method: "GET", url: url, status: http.StatusUnprocessableEntity, fields: []string{"q"}},
			{name: "bad filters", method: "GET", url: url + "?q=x&classification=rahasia&year=abc&limit=0&offset=-1",
				status: http.StatusUnprocessableEntity, fields: []string{"classification", "year", "limit", "offset"}},
			{name: "unknown body", method: "GET", url: url + "?q=x&body=tidak-ada", status: http.StatusNotFound},
			{name: "bad token", method: "GET", url: url + "?q=x", headers: bearer("salah"), status: http.StatusUnauthorized},
			{name: "English messages", method: "GET", url: url, headers: headers("Accept-Language", "en"),
				status: http.StatusUnprocessableEntity, contains: []string{`"q":"Required."`}},
		})
	})
}

func TestPublishAnswerAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		number, _ := f.file(t, "dinkes-uji", validIntake)
		denied, _ := f.file(t, "dinkes-uji", validIntake)
		f.denyForObjection(t, denied)
		f.run(t, scenario{method: "POST", url: "/api/v1/requests/" + number + "/decision", headers: bearer(f.pelaksana),
			body: `{"decision": "granted"}`, status: http.StatusOK})
		url := "/api/v1/requests/" + number + "/publish"
		answer := `{"title": "Jadwal vaksinasi puskesmas 2026", "summary": "Jadwal vaksinasi per puskesmas, diberikan atas permohonan."}`
		f.runAll(t, []scenario{
			{name: "not granted", method: "POST", url: "/api/v1/requests/" + denied + "/publish", headers: bearer(f.pelaksana),
				body: answer, status: http.StatusConflict},
			{name: "no token", method: "POST", url: url, body: answer, status: http.StatusUnauthorized},
			{name: "personal data", method: "POST", url: url, headers: bearer(f.pelaksana), status: http.StatusUnprocessableEntity,
				body: `{"title": "Jadwal", "summary": "Untuk NIK 3201011501900001."}`, fields: []string{"summary"}},
			{name: "published", method: "POST", url: url, headers: bearer(f.pelaksana), body: answer, status: http.StatusCreated,
				contains: []string{`"classification":"setiap_saat"`, `"body":"dinkes-uji"`}},
			{name: "then found by everyone", method: "GET", url: "/api/v1/catalogue/search?q=dijadwalkan+vaksinasi", status: http.StatusOK,
				contains: []string{`"total":1`, "Jadwal vaksinasi puskesmas 2026"}},
		})
	})
}
