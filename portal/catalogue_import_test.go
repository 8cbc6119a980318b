package portal_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/store"
)

// The bulk import of a DIP (portal/catalogue_import.go).

const importCSV = "Judul Informasi;Ringkasan Isi Informasi;Klasifikasi;Tahun\n" +
	"Laporan realisasi anggaran 2025;Realisasi belanja;Berkala;2025\n" +
	"Rencana strategis;Renstra dinas;Setiap Saat;2024\n"

const badImportCSV = "Judul Informasi;Ringkasan Isi Informasi;Klasifikasi;Tahun\n" +
	"Profil dinas;Profil;Berkala;2025\n" +
	"Kurikulum;Kurikulum lokal;Rahasia negara;2025\n"

// runImportJobs runs the queued import jobs as the job runner would.
func (e *env) runImportJobs(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	jobs, err := e.store.ClaimJobs(ctx, "test", []string{store.CatalogueImportJob}, 10, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		id, err := store.ImportJobID(j)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.RunCatalogueImport(ctx, j, id); err != nil {
			t.Fatal(err)
		}
	}
}

// upload posts a DIP file as pelaksana and returns the import page's URL.
func (e *env) upload(t *testing.T, data string) string {
	t.Helper()
	rec := e.do(t, scenario{method: "POST", url: "/staf/katalog/impor", as: "pelaksana",
		body: multipartForm([]string{"badan", "dinkes-uji"}, "dip.csv", []byte(data))})
	loc := rec.Header().Get("Location")
	if c := cookie(rec, "terbuka_flash"); c == nil || c.Value != "import_started" {
		t.Errorf("flash cookie = %v", c)
	}
	if rec.Code != 303 || !strings.HasPrefix(loc, "/staf/katalog/impor/") {
		t.Fatalf("upload: %d to %q: %s", rec.Code, loc, snippet(rec.Body.String()))
	}
	return loc
}

func TestCatalogueImportPages(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		const refresh = `<meta http-equiv="refresh" content="2">`
		e.run(t, []scenario{
			{name: "upload form", url: "/staf/katalog/impor", as: "pelaksana", status: 200,
				want: []string{`enctype="multipart/form-data"`, `href="/staf/katalog/impor/templat-dip.xlsx"`,
					`<option value="dinkes-uji" selected>`, `type="file" id="file" name="file"`, "Belum ada impor.",
					`href="/staf/katalog/impor">Impor DIP</a>`},
				notWant: []string{refresh, `<option value="dindik-uji"`}},
			{name: "roles without the catalogue", url: "/staf/katalog/impor", as: "eval", status: 403},
			{name: "template", url: "/staf/katalog/impor/templat-dip.xlsx", as: "pelaksana", status: 200,
				wantHeader: map[string]string{"Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					"Content-Disposition": "attachment"}},
			{name: "missing columns shown at the file input", method: "POST", url: "/staf/katalog/impor", as: "pelaksana",
				body:   multipartForm([]string{"badan", "dinkes-uji"}, "dip.csv", []byte("Judul;Ringkasan;Keterangan\nA;B;C\n")),
				status: 422, want: []string{`id="file-error"`, "Kolom wajib tidak ada: Klasifikasi, Tahun.", "Kolom tidak dikenal"}},
			{name: "old xls", method: "POST", url: "/staf/katalog/impor", as: "pelaksana", lang: "en",
				body:   multipartForm([]string{"badan", "dinkes-uji"}, "dip.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")),
				status: 415, want: []string{`id="file-error"`, "Old Excel files (.xls)"}},
			{name: "no file", method: "POST", url: "/staf/katalog/impor", as: "pelaksana",
				body: multipartForm([]string{"badan", "dinkes-uji"}, "", nil), status: 422, want: []string{`id="file-error"`}},
			{name: "a body outside the scope", method: "POST", url: "/staf/katalog/impor", as: "pelaksana",
				body:   multipartForm([]string{"badan", "dindik-uji"}, "dip.csv", []byte(importCSV)),
				status: 422, want: []string{`id="badan-error"`}},
			{name: "another site's form", method: "POST", url: "/staf/katalog/impor", as: "pelaksana",
				header: map[string]string{"Sec-Fetch-Site": "cross-site"},
				body:   multipartForm([]string{"badan", "dinkes-uji"}, "dip.csv", []byte(importCSV)), status: 403},
		})

		good := e.upload(t, importCSV)
		e.run(t, []scenario{
			{name: "queued: progress and refresh", url: good, as: "pelaksana", status: 200,
				want: []string{refresh, `<progress id="import-progress" value="0" max="2">`, "0 dari 2 baris diperiksa.",
					"Menunggu"}},
			{name: "another unit's staff", url: good, as: "other", status: 404},
			{name: "listed", url: "/staf/katalog/impor", as: "pelaksana", status: 200, want: []string{`href="` + good + `">dip.csv</a>`}},
		})
		e.runImportJobs(t)
		e.run(t, []scenario{
			{name: "done", url: good, as: "pelaksana", status: 200,
				want:    []string{"2 entri ditambahkan ke katalog.", `href="/staf/katalog?body=dinkes-uji"`, `value="2" max="2"`},
				notWant: []string{refresh}},
		})

		bad := e.upload(t, badImportCSV)
		e.runImportJobs(t)
		e.run(t, []scenario{
			{name: "rejected: the report", url: bad, as: "pelaksana", status: 200,
				want: []string{"Tidak ada yang diimpor: 1 masalah ditemukan.", `<td data-label="Baris">3</td>`,
					`<td data-label="Kolom">Klasifikasi</td>`, "Tulis Berkala, Serta Merta, Setiap Saat atau Dikecualikan."},
				notWant: []string{refresh}},
			{name: "rejected in English", url: bad, as: "pelaksana", lang: "en", status: 200,
				want: []string{"Nothing was imported: 1 problems were found.", "Write Berkala, Serta Merta, Setiap Saat or Dikecualikan."}},
			{name: "unknown import", url: "/staf/katalog/impor/999999", as: "pelaksana", status: 404},
		})
		list, _, err := e.store.ListCatalogue(context.Background(), store.CatalogueFilter{BodySlug: "dinkes-uji"})
		if err != nil || len(list) != 2 {
			t.Errorf("catalogue after a good and a rejected import: %d entries, %v", len(list), err)
		}
	})
}
