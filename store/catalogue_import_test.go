package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// importHeader is the header of the test files: Indonesian, semicolons.
const importHeader = "No;Judul Informasi;Ringkasan Isi Informasi;Klasifikasi;Tahun;Pejabat/Unit yang Menguasai;" +
	"Berlaku Sampai;Dasar Hukum Pengecualian;Uji Konsekuensi\n"

// importFile is a DIP file of rows (already ;-separated) under importHeader.
func importFile(rows ...string) *strings.Reader {
	return strings.NewReader(importHeader + strings.Join(rows, "\n") + "\n")
}

// goodRows are valid rows: berkala, dikecualikan and setiap saat, the
// last held by another unit named by its name.
var goodRows = []string{
	"1;Laporan realisasi anggaran puskesmas;Realisasi belanja puskesmas keliling;Berkala;2025;;;;",
	"2;Rekam medis pasien;Berisi " + secretPhrase + ";Dikecualikan;2024;;31/12/2030;Pasal 17 huruf h;\"" + consequenceTest + "\"",
	"3;Daftar sekolah penerima bantuan;Daftar penerima;Setiap Saat;2025;Dinas Pendidikan Uji;;;",
}

// runImports runs every queued import job as worker w and returns the
// imports as they ended.
func runImports(t *testing.T, s *store.Store) []store.CatalogueImport {
	t.Helper()
	ctx := context.Background()
	jobs, err := s.ClaimJobs(ctx, "w", []string{store.CatalogueImportJob}, 10, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.CatalogueImport
	for _, j := range jobs {
		id, err := store.ImportJobID(j)
		if err != nil {
			t.Fatal(err)
		}
		imp, err := s.RunCatalogueImport(ctx, j, id)
		if err != nil {
			t.Fatalf("run import %d: %v", id, err)
		}
		out = append(out, imp)
	}
	return out
}

// startImport uploads rows as u to slug and runs the job.
func (f *fixture) startImport(t *testing.T, u terbuka.User, slug string, rows ...string) store.CatalogueImport {
	t.Helper()
	imp, err := f.s.StartCatalogueImport(context.Background(), u, slug, "dip.csv", importFile(rows...))
	if err != nil {
		t.Fatalf("start import: %v", err)
	}
	if imp.Status != store.ImportQueued || imp.Total != len(rows) || imp.Done != 0 {
		t.Fatalf("started import = %+v", imp)
	}
	done := runImports(t, f.s)
	if len(done) != 1 || done[0].ID != imp.ID {
		t.Fatalf("ran %+v", done)
	}
	return done[0]
}

func bodyEntries(t *testing.T, f *fixture, slug string) []terbuka.CatalogueEntry {
	t.Helper()
	list, _, err := f.s.ListCatalogue(context.Background(), store.CatalogueFilter{BodySlug: slug, Viewer: &f.admin, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// problem finds the report line of row and field.
func problem(imp store.CatalogueImport, row int, field string) (store.ImportProblem, bool) {
	for _, p := range imp.Report {
		if p.Row == row && p.Field == field {
			return p, true
		}
	}
	return store.ImportProblem{}, false
}

func TestCatalogueImport_Run(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()

		t.Run("OK every row added, audited and searchable", func(t *testing.T) {
			imp := f.startImport(t, f.pelaksana, "dinkes-uji", goodRows...)
			if imp.Status != store.ImportDone || imp.Accepted != 3 || imp.Done != 3 || imp.Total != 3 || imp.FinishedAt.IsZero() ||
				len(imp.Report) != 0 || imp.CreatedByName != f.pelaksana.Name || imp.BodySlug != "dinkes-uji" {
				t.Fatalf("import = %+v", imp)
			}
			list := bodyEntries(t, f, "dinkes-uji")
			if len(list) != 3 {
				t.Fatalf("%d entries: %v", len(list), titles(list))
			}
			for _, e := range list {
				if e.CreatedBy != f.pelaksana.ID {
					t.Errorf("%q created by %d", e.Title, e.CreatedBy)
				}
				switch e.Title {
				case "Rekam medis pasien":
					if e.Exemption == nil || e.Exemption.Letter != "h" || e.Exemption.Until.String() != "2030-12-31" {
						t.Errorf("exemption = %+v", e.Exemption)
					}
				case "Daftar sekolah penerima bantuan":
					if e.UnitSlug != "dindik-uji" {
						t.Errorf("unit by name = %q", e.UnitSlug)
					}
				}
			}
			hits, _, err := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "puskesmas keliling"})
			if err != nil || len(hits) != 1 || hits[0].Entry.Title != "Laporan realisasi anggaran puskesmas" {
				t.Errorf("search = %+v, %v", hits, err)
			}
			if hits, _, _ := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: secretPhrase}); len(hits) != 0 {
				t.Errorf("the exempted summary is searchable: %+v", hits)
			}
			n := 0
			entries, err := f.s.AuditEntries(ctx, 0, 1000)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range entries {
				if a.Action == terbuka.AuditCatalogueCreated && strings.Contains(a.Data, fmt.Sprintf(`"import":%d`, imp.ID)) {
					n++
				}
			}
			if n != 3 {
				t.Errorf("%d audit entries name the import, want 3", n)
			}
			got, err := f.s.CatalogueImport(ctx, f.ppid, imp.ID)
			if err != nil || got.Status != store.ImportDone {
				t.Errorf("PPID Utama reads %+v, %v", got, err)
			}
			list2, err := f.s.CatalogueImports(ctx, f.pelaksana, 10)
			if err != nil || len(list2) != 1 || list2[0].ID != imp.ID {
				t.Errorf("recent imports = %+v, %v", list2, err)
			}
		})

		t.Run("ErrInvalid one bad row imports nothing", func(t *testing.T) {
			before := len(bodyEntries(t, f, "dindik-uji"))
			rows := []string{
				"1;Profil dinas pendidikan;Profil;Berkala;2025;;;;",
				"2;Kurikulum muatan lokal;Kurikulum;Rahasia negara;2025;;;;",
				"3;Data guru;Data;Dikecualikan;2025;;;Perda 5/2020;",
				"4;Renstra;Rencana strategis;Setiap Saat;2025;dinas-tidak-ada;;;",
			}
			imp := f.startImport(t, f.otherPelaksana, "dindik-uji", rows...)
			if imp.Status != store.ImportRejected || imp.Accepted != 0 || imp.Done != 4 || imp.Problems < 4 {
				t.Fatalf("import = %+v", imp)
			}
			for _, w := range []struct {
				row          int
				field, key   string
				column       string
				firstArgLike string
			}{
				{3, "classification", "invalid.import_classification", "Klasifikasi", ""},
				{4, "exemption.basis", "invalid.exemption_statute_only", "Dasar Hukum Pengecualian", ""},
				{4, "exemption.consequence_test", "invalid.required", "Uji Konsekuensi", ""},
				{5, "unit", "invalid.unknown_body", "Pejabat/Unit yang Menguasai", "dinas-tidak-ada"},
			} {
				p, ok := problem(imp, w.row, w.field)
				if !ok || p.Key != w.key || p.Column != w.column || w.firstArgLike != "" && fmt.Sprint(p.Args) != "["+w.firstArgLike+"]" {
					t.Errorf("row %d %s: %+v (found %v), want %s in column %q", w.row, w.field, p, ok, w.key, w.column)
				}
			}
			if after := len(bodyEntries(t, f, "dindik-uji")); after != before {
				t.Errorf("entries %d → %d: a rejected import added some", before, after)
			}
		})

		t.Run("ErrInvalid duplicates in the file and in the catalogue", func(t *testing.T) {
			rows := []string{
				"1;Laporan keuangan;Neraca;Berkala;2025;;;;",
				"2;LAPORAN  Keuangan;Neraca lagi;Berkala;2025;;;;",
				"3;Laporan keuangan;Tahun lain boleh;Berkala;2024;;;;",
				"4;Laporan realisasi anggaran puskesmas;Sudah diimpor;Berkala;2025;;;;",
			}
			imp := f.startImport(t, f.pelaksana, "dinkes-uji", rows...)
			if imp.Status != store.ImportRejected || imp.Problems != 2 {
				t.Fatalf("import = %+v", imp)
			}
			if p, ok := problem(imp, 3, "title"); !ok || p.Key != "invalid.import_duplicate" || fmt.Sprint(p.Args) != "[2]" {
				t.Errorf("duplicate row: %+v", p)
			}
			if p, ok := problem(imp, 5, "title"); !ok || p.Key != "invalid.import_exists" {
				t.Errorf("row already in the catalogue: %+v", p)
			}
		})

		t.Run("ErrForbidden and ErrNotFound", func(t *testing.T) {
			_, err := f.s.StartCatalogueImport(ctx, f.evalUsr, "dinkes-uji", "dip.csv", importFile(goodRows...))
			wantCode(t, err, terbuka.EForbidden)
			_, err = f.s.StartCatalogueImport(ctx, f.otherPelaksana, "dinkes-uji", "dip.csv", importFile(goodRows...))
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.StartCatalogueImport(ctx, f.admin, "ki-uji", "dip.csv", importFile(goodRows...))
			wantCode(t, err, terbuka.ENotFound)
			list, err := f.s.CatalogueImports(ctx, f.pelaksana, 10)
			if err != nil || len(list) == 0 {
				t.Fatalf("imports = %v, %v", list, err)
			}
			_, err = f.s.CatalogueImport(ctx, f.otherPelaksana, list[len(list)-1].ID)
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.CatalogueImport(ctx, f.evalUsr, list[0].ID)
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.CatalogueImport(ctx, f.admin, 999999)
			wantCode(t, err, terbuka.ENotFound)
		})

		t.Run("ErrInvalid unreadable file refused at once", func(t *testing.T) {
			before, _ := f.s.CatalogueImports(ctx, f.admin, 100)
			_, err := f.s.StartCatalogueImport(ctx, f.admin, "dinkes-uji", "dip.csv", strings.NewReader("Judul;Keterangan\nA;B\n"))
			wantField(t, err, "file")
			_, err = f.s.StartCatalogueImport(ctx, f.admin, "dinkes-uji", "dip.xls", strings.NewReader("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
			wantCode(t, err, terbuka.EUnsupported)
			after, _ := f.s.CatalogueImports(ctx, f.admin, 100)
			if len(after) != len(before) {
				t.Errorf("a refused file left an import: %d → %d", len(before), len(after))
			}
		})
	})
}

func TestCatalogueImport_RetrySafety(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		imp, err := f.s.StartCatalogueImport(ctx, f.pelaksana, "dinkes-uji", "dip.csv", importFile(goodRows...))
		if err != nil {
			t.Fatal(err)
		}
		first, err := f.s.ClaimJobs(ctx, "a", []string{store.CatalogueImportJob}, 1, time.Minute)
		if err != nil || len(first) != 1 {
			t.Fatalf("claim = %v, %v", first, err)
		}
		// Worker a hangs past its lease; worker b takes the job over.
		f.at(t, f.clock.t.Add(2*time.Minute))
		second, err := f.s.ClaimJobs(ctx, "b", []string{store.CatalogueImportJob}, 1, time.Minute)
		if err != nil || len(second) != 1 {
			t.Fatalf("take over = %v, %v", second, err)
		}
		if _, err := f.s.RunCatalogueImport(ctx, first[0], imp.ID); !errors.Is(err, store.ErrJobLeaseLost) {
			t.Fatalf("stale claim: %v, want ErrJobLeaseLost", err)
		}
		if n := len(bodyEntries(t, f, "dinkes-uji")); n != 0 {
			t.Fatalf("the stale claim added %d entries", n)
		}
		got, err := f.s.RunCatalogueImport(ctx, second[0], imp.ID)
		if err != nil || got.Status != store.ImportDone || got.Accepted != 3 {
			t.Fatalf("current claim: %+v, %v", got, err)
		}
		// The same claim again, and a second job for the same import (a
		// duplicate delivery): nothing more is added.
		if got, err := f.s.RunCatalogueImport(ctx, second[0], imp.ID); err != nil || got.Status != store.ImportDone {
			t.Fatalf("same claim again: %+v, %v", got, err)
		}
		if _, _, err := f.s.EnqueueJob(ctx, store.CatalogueImportJob, map[string]int64{"import_id": imp.ID}, time.Time{}, ""); err != nil {
			t.Fatal(err)
		}
		if again := runImports(t, f.s); len(again) != 1 || again[0].Status != store.ImportDone {
			t.Fatalf("duplicate job: %+v", again)
		}
		if n := len(bodyEntries(t, f, "dinkes-uji")); n != 3 {
			t.Errorf("%d entries after retries, want 3", n)
		}
		if c, _ := f.s.CountJobs(ctx, store.CatalogueImportJob); c.Pending != 0 || c.Running != 0 {
			t.Errorf("jobs left: %+v", c)
		}
		// A job that gives up marks its import failed; a finished one stays.
		if err := f.s.FailCatalogueImport(ctx, imp.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.s.CatalogueImport(ctx, f.pelaksana, imp.ID); got.Status != store.ImportDone {
			t.Errorf("a done import became %s", got.Status)
		}
	})
}

func TestCatalogueImport_ManyRowsAndFailure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		var rows []string
		for i := 1; i <= 600; i++ {
			rows = append(rows, fmt.Sprintf("%d;Dokumen nomor %d;Ringkasan dokumen %d;Setiap Saat;2025;;;;", i, i, i))
		}
		imp := f.startImport(t, f.ppid, "diskominfo-uji", rows...)
		if imp.Status != store.ImportDone || imp.Accepted != 600 || imp.Done != 600 {
			t.Fatalf("import = %+v", imp)
		}
		if n := count(t, f.s, store.CatalogueFilter{BodySlug: "diskominfo-uji"}); n != 600 {
			t.Errorf("%d entries", n)
		}
		// A queued import whose job gives up is failed, with a report.
		queued, err := f.s.StartCatalogueImport(ctx, f.ppid, "diskominfo-uji", "dip.csv", importFile(goodRows[0]))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.s.FailCatalogueImport(ctx, queued.ID); err != nil {
			t.Fatal(err)
		}
		got, err := f.s.CatalogueImport(ctx, f.ppid, queued.ID)
		if err != nil || got.Status != store.ImportFailed || len(got.Report) != 1 || got.Report[0].Key != "import.failed" {
			t.Fatalf("failed import = %+v, %v", got, err)
		}
		if again := runImports(t, f.s); len(again) != 1 || again[0].Status != store.ImportFailed {
			t.Errorf("a failed import ran again: %+v", again)
		}
	})
}
