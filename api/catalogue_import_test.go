package api_test

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/dipimport"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/store"
)

const goodDIP = "Jenis Informasi;Ringkasan Isi Informasi;Kategori;Tahun\n" +
	"Laporan keuangan dinas;Neraca dan realisasi;Berkala;2025\n" +
	"Rencana strategis;Renstra 2025-2029;Setiap Saat;2025\n" +
	"Peringatan dini banjir;Jalur evakuasi;Serta Merta;2026\n"

const badDIP = "title,summary,classification,year\n" +
	"Profil,Profil dinas,berkala,2025\n" +
	"Kurikulum,Kurikulum lokal,rahasia,2025\n"

// runImportJobs runs the queued import jobs as the job runner would.
func (f *fixture) runImportJobs(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	jobs, err := f.st.ClaimJobs(ctx, "test", []string{store.CatalogueImportJob}, 10, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		id, err := store.ImportJobID(j)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.RunCatalogueImport(ctx, j, id); err != nil {
			t.Fatal(err)
		}
	}
}

// startImport uploads data as the holder of token and returns the
// import's status URL from Location.
func (f *fixture) startImport(t *testing.T, token, name, data string) string {
	t.Helper()
	body, ctype := multipartBody(t, "file", name, []byte(data))
	status, hdr, raw := f.do(t, f.url, "POST", "/api/v1/bodies/dinkes-uji/catalogue/imports",
		bearer(token, "Content-Type", ctype), body)
	loc := hdr.Get("Location")
	if status != http.StatusAccepted || !strings.HasPrefix(loc, "/api/v1/bodies/dinkes-uji/catalogue/imports/") {
		t.Fatalf("start import: %d, Location %q: %s", status, loc, raw)
	}
	return loc
}

func TestCatalogueImport_API(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		const url = "/api/v1/bodies/dinkes-uji/catalogue/imports"
		good, goodType := multipartBody(t, "file", "dip.csv", []byte(goodDIP))
		cols, colsType := multipartBody(t, "file", "dip.csv", []byte("Judul;Ringkasan;Keterangan\nA;B;C\n"))
		xls, xlsType := multipartBody(t, "file", "dip.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
		big, bigType := multipartBody(t, "file", "dip.csv", []byte(strings.Repeat("x", dipimport.MaxBytes+10)))
		noFile, noFileType := multipartBody(t, "", "", nil)
		f.runAll(t, []scenario{
			{name: "needs a token", method: "POST", url: url, headers: headers("Content-Type", goodType), body: good,
				status: http.StatusUnauthorized},
			{name: "roles without the catalogue", method: "POST", url: url, headers: bearer(f.evaluator, "Content-Type", goodType),
				body: good, status: http.StatusForbidden},
			{name: "another unit", method: "POST", url: url, headers: bearer(f.other, "Content-Type", goodType), body: good,
				status: http.StatusNotFound},
			{name: "not multipart", method: "POST", url: url, headers: bearer(f.pelaksana), body: `{"file": "x"}`,
				status: http.StatusUnsupportedMediaType},
			{name: "no file", method: "POST", url: url, headers: bearer(f.pelaksana, "Content-Type", noFileType), body: noFile,
				status: http.StatusUnprocessableEntity, fields: []string{"file"}},
			{name: "missing columns", method: "POST", url: url, headers: bearer(f.pelaksana, "Content-Type", colsType, "Accept-Language", "en"),
				body: cols, status: http.StatusUnprocessableEntity, fields: []string{"file", "columns.missing", "columns.unknown"},
				contains: []string{"Required columns are missing: Klasifikasi, Tahun."}},
			{name: "old xls", method: "POST", url: url, headers: bearer(f.pelaksana, "Content-Type", xlsType), body: xls,
				status: http.StatusUnsupportedMediaType, fields: []string{"file"}},
			{name: "too large", method: "POST", url: url, headers: bearer(f.pelaksana, "Content-Type", bigType), body: big,
				status: http.StatusRequestEntityTooLarge},
			{name: "template", method: "GET", url: "/api/v1/catalogue/imports/template.xlsx", status: http.StatusOK, notJSON: true,
				check: func(t *testing.T, body []byte) {
					if _, err := dipimport.Parse(body, "template.xlsx"); err != nil {
						t.Errorf("template does not parse: %v", err)
					}
				}},
		})

		loc := f.startImport(t, f.pelaksana, "dip.csv", goodDIP)
		f.runAll(t, []scenario{
			{name: "queued", method: "GET", url: loc, headers: bearer(f.pelaksana), status: http.StatusOK,
				contains: []string{`"status":"queued"`, `"total":3`, `"done":0`, `"rejected":[]`, `"finished_at":null`,
					`"filename":"dip.csv"`}},
			{name: "under another body", method: "GET", url: strings.Replace(loc, "dinkes-uji", "dindik-uji", 1),
				headers: bearer(f.ppid), status: http.StatusNotFound},
			{name: "outside the scope", method: "GET", url: loc, headers: bearer(f.other), status: http.StatusNotFound},
			{name: "needs a token", method: "GET", url: loc, status: http.StatusUnauthorized},
		})
		f.runImportJobs(t)
		f.run(t, scenario{name: "done", method: "GET", url: loc, headers: bearer(f.ppid), status: http.StatusOK,
			contains: []string{`"status":"done"`, `"accepted":3`, `"done":3`}})
		f.run(t, scenario{name: "entries listed", method: "GET", url: "/api/v1/bodies/dinkes-uji/catalogue", status: http.StatusOK,
			contains: []string{`"total":3`, "Peringatan dini banjir"}})

		bad := f.startImport(t, f.pelaksana, "dip.csv", badDIP)
		f.runImportJobs(t)
		f.runAll(t, []scenario{
			{name: "rejected in English", method: "GET", url: bad, headers: bearer(f.pelaksana, "Accept-Language", "en"),
				status: http.StatusOK, contains: []string{`"status":"rejected"`, `"accepted":0`, `"problems":1`,
					`{"column":"classification","field":"classification","message":"Write Berkala, Serta Merta, Setiap Saat or Dikecualikan.","row":3}`}},
			{name: "rejected in Indonesian", method: "GET", url: bad, headers: bearer(f.pelaksana), status: http.StatusOK,
				contains: []string{`"message":"Tulis Berkala, Serta Merta, Setiap Saat atau Dikecualikan."`}},
		})
	})
}

// The parser's message keys are translated too: the API answers with
// them (the store passes them on) but TestMessages scans other folders.
func TestMessages_ImportKeysTranslated(t *testing.T) {
	keys := messageKeys(t, "../dipimport")
	keys["import.failed"] = "store/catalogue_import_run.go"
	if len(keys) < 15 {
		t.Fatalf("found only %d keys in dipimport", len(keys))
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !locale.Has(locale.ID, k) || !locale.Has(locale.EN, k) {
			t.Errorf("%s: key %q lacks Indonesian or English text (locale/import_*.go)", keys[k], k)
		}
	}
}
