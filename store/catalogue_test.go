package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/workday"
)

// secretPhrase is in the summary and consequence test of every exempted
// test entry; no public view may carry it.
const secretPhrase = "catatan-rahasia-pasien-8841"

const consequenceTest = "Membuka rekam medis mengungkap rahasia pribadi pasien (" + secretPhrase + "); kepentingan publik tidak lebih besar."

// newEntry is a valid entry of classification c.
func newEntry(c terbuka.Classification, title string) terbuka.NewCatalogueEntry {
	in := terbuka.NewCatalogueEntry{Title: title, Summary: "Ringkasan isi: " + title, Classification: c, Year: 2025}
	if c == terbuka.Dikecualikan {
		in.Summary = "Berisi " + secretPhrase
		in.Exemption = &terbuka.NewExemption{Basis: "Pasal 17 huruf h", ConsequenceTest: consequenceTest}
	}
	return in
}

// addEntry creates an entry as u or fails the test.
func (f *fixture) addEntry(t *testing.T, u terbuka.User, slug string, in terbuka.NewCatalogueEntry) terbuka.CatalogueEntry {
	t.Helper()
	e, err := f.s.CreateCatalogueEntry(context.Background(), u, slug, in)
	if err != nil {
		t.Fatalf("create catalogue entry %q in %s: %v", in.Title, slug, err)
	}
	return e
}

func TestCatalogueService_Create(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		today := workday.D(2026, 1, 12)

		t.Run("OK", func(t *testing.T) {
			for _, c := range terbuka.Classifications {
				t.Run(string(c), func(t *testing.T) {
					e := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(c, "Entri "+string(c)))
					if e.ID == 0 || e.BodySlug != "dinkes-uji" || e.UnitSlug != "dinkes-uji" || e.Classification != c ||
						e.Year != 2025 || e.CreatedBy != f.pelaksana.ID || e.ValidFrom != today || e.PublishedOn != today || e.Public {
						t.Fatalf("entry = %+v", e)
					}
					switch c {
					case terbuka.Berkala:
						if e.UpdateMonths != 6 || e.NextDue != workday.D(2026, 7, 12) {
							t.Errorf("berkala: update %d, next due %s", e.UpdateMonths, e.NextDue)
						}
					case terbuka.Dikecualikan:
						x := e.Exemption
						if x == nil || x.Letter != "h" || x.Basis != "Pasal 17 huruf h UU 14/2008" || x.ConsequenceTest != consequenceTest ||
							!x.Permanent() || x.DecidedBy != f.pelaksana.Name || x.DecidedByID != f.pelaksana.ID || x.DecidedAt.IsZero() {
							t.Errorf("exemption = %+v", x)
						}
					default:
						if e.Exemption != nil || !e.NextDue.IsZero() || e.UpdateMonths != 0 {
							t.Errorf("entry = %+v", e)
						}
					}
					got, err := f.s.CatalogueEntry(ctx, e.ID)
					if err != nil || got.Title != e.Title || got.Summary != e.Summary {
						t.Fatalf("CatalogueEntry(%d) = %+v, %v", e.ID, got, err)
					}
				})
			}
		})
		t.Run("OK every column", func(t *testing.T) {
			in := newEntry(terbuka.Dikecualikan, "Dokumen penyelidikan dugaan korupsi pengadaan")
			in.Exemption = &terbuka.NewExemption{Basis: "UU 14/2008 Pasal 17 huruf a", ConsequenceTest: consequenceTest, Until: "2031-12-31"}
			in.Unit, in.Responsible, in.CreatedPlace, in.Retention = "dinkes-uji", "Inspektur Pembantu", "Kota Uji", "10 tahun"
			in.Formats, in.ValidFrom, in.ValidUntil = []terbuka.Format{terbuka.Hardcopy, terbuka.Softcopy}, "2026-01-01", "2031-12-31"
			e := f.addEntry(t, f.ppid, "dindik-uji", in)
			if e.BodySlug != "dindik-uji" || e.UnitSlug != "dinkes-uji" || e.UnitName != "Dinas Kesehatan Uji" ||
				e.Responsible != "Inspektur Pembantu" || e.CreatedPlace != "Kota Uji" || e.Retention != "10 tahun" ||
				len(e.Formats) != 2 || e.Formats[0] != terbuka.Softcopy || e.ValidFrom != workday.D(2026, 1, 1) ||
				e.ValidUntil != workday.D(2031, 12, 31) || e.Exemption.Letter != "a" || e.Exemption.Until != workday.D(2031, 12, 31) {
				t.Fatalf("entry = %+v, exemption %+v", e, e.Exemption)
			}
		})
		t.Run("OK another statute and the admin", func(t *testing.T) {
			in := newEntry(terbuka.Dikecualikan, "Data pasien HIV")
			in.Exemption = &terbuka.NewExemption{Basis: "UU 36/2009 Pasal 57", ConsequenceTest: consequenceTest, Until: "2030-06-30"}
			e := f.addEntry(t, f.admin, "prov-uji", in)
			if e.Exemption.Letter != "j" || e.Exemption.Basis != "Pasal 17 huruf j UU 14/2008 jo. UU 36/2009 Pasal 57" {
				t.Fatalf("exemption = %+v", e.Exemption)
			}
		})

		before := count(t, f.s, store.CatalogueFilter{Viewer: &f.admin})
		t.Run("ErrInvalid", func(t *testing.T) {
			for _, tt := range []struct {
				name, field string
				mutate      func(in *terbuka.NewCatalogueEntry)
			}{
				{"no exemption", "exemption", func(in *terbuka.NewCatalogueEntry) { in.Exemption = nil }},
				{"exemption on setiap saat", "exemption", func(in *terbuka.NewCatalogueEntry) { in.Classification = terbuka.SetiapSaat }},
				{"no end for letter a", "exemption.until", func(in *terbuka.NewCatalogueEntry) { in.Exemption.Basis = "a" }},
				{"thin consequence test", "exemption.consequence_test", func(in *terbuka.NewCatalogueEntry) { in.Exemption.ConsequenceTest = "rahasia" }},
				{"unknown unit", "unit", func(in *terbuka.NewCatalogueEntry) { in.Unit = "tidak-ada" }},
				{"unit of another government", "unit", func(in *terbuka.NewCatalogueEntry) { in.Unit = "ki-uji" }},
				{"no title", "title", func(in *terbuka.NewCatalogueEntry) { in.Title = "" }},
				{"no year", "year", func(in *terbuka.NewCatalogueEntry) { in.Year = 0 }},
			} {
				t.Run(tt.name, func(t *testing.T) {
					in := newEntry(terbuka.Dikecualikan, "Entri tidak sah")
					tt.mutate(&in)
					_, err := f.s.CreateCatalogueEntry(ctx, f.pelaksana, "dinkes-uji", in)
					wantField(t, err, tt.field)
				})
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			for _, tt := range []struct {
				name string
				u    terbuka.User
				slug string
			}{
				{"pelaksana of another OPD", f.otherPelaksana, "dinkes-uji"},
				{"pelaksana above its unit", f.pelaksana, "prov-uji"},
				{"PPID Utama outside its government", f.ppid, "ki-uji"},
				{"unknown body", f.admin, "tidak-ada"},
			} {
				t.Run(tt.name, func(t *testing.T) {
					_, err := f.s.CreateCatalogueEntry(ctx, tt.u, tt.slug, newEntry(terbuka.SetiapSaat, "SOP layanan informasi"))
					wantCode(t, err, terbuka.ENotFound)
				})
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			for _, u := range []terbuka.User{f.evalUsr, f.atasan} {
				_, err := f.s.CreateCatalogueEntry(ctx, u, "dinkes-uji", newEntry(terbuka.SetiapSaat, "SOP layanan informasi"))
				wantCode(t, err, terbuka.EForbidden)
			}
		})
		if after := count(t, f.s, store.CatalogueFilter{Viewer: &f.admin}); after != before {
			t.Errorf("failed creations stored entries: %d before, %d after", before, after)
		}

		t.Run("Audit", func(t *testing.T) {
			e := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Dikecualikan, "Rekam medis pasien RSUD"))
			all, err := f.s.AuditEntries(ctx, 0, 1000)
			if err != nil {
				t.Fatal(err)
			}
			last := all[len(all)-1]
			if last.Action != terbuka.AuditCatalogueCreated || last.Entity != terbuka.AuditEntityCatalogue ||
				last.EntityRef != strconv.FormatInt(e.ID, 10) || last.ActorID != f.pelaksana.ID {
				t.Fatalf("last audit entry = %+v", last)
			}
			for _, want := range []string{`"classification":"dikecualikan"`, `"exemption_letter":"h"`, `"body":"dinkes-uji"`, `"consequence_test_sha256":"`} {
				if !strings.Contains(last.Data, want) {
					t.Errorf("audit data %s lacks %s", last.Data, want)
				}
			}
			if strings.Contains(last.Data, secretPhrase) || strings.Contains(last.Data, "Rekam medis") {
				t.Errorf("audit data holds free text: %s", last.Data)
			}
			if _, broken, err := f.s.VerifyAudit(ctx); err != nil || broken != 0 {
				t.Fatalf("VerifyAudit: broken at %d, %v", broken, err)
			}
		})
	})
}

// count returns the total of ListCatalogue for f.
func count(t *testing.T, s *store.Store, f store.CatalogueFilter) int {
	t.Helper()
	_, total, err := s.ListCatalogue(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return total
}

func titles(es []terbuka.CatalogueEntry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Title
	}
	return out
}

func TestCatalogueService_List(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		year := func(in terbuka.NewCatalogueEntry, y int) terbuka.NewCatalogueEntry { in.Year = y; return in }
		f.addEntry(t, f.pelaksana, "dinkes-uji", year(newEntry(terbuka.Berkala, "Laporan Keuangan 2024"), 2024))
		f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Berkala, "Laporan Keuangan 2025"))
		f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.SertaMerta, "Peringatan dini demam berdarah"))
		f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Dikecualikan, "Rekam medis pasien RSUD"))
		f.addEntry(t, f.otherPelaksana, "dindik-uji", year(newEntry(terbuka.SetiapSaat, "SOP layanan informasi"), 2026))
		f.addEntry(t, f.otherPelaksana, "dindik-uji", newEntry(terbuka.Dikecualikan, "Data pribadi guru"))

		t.Run("Filters", func(t *testing.T) {
			for _, tt := range []struct {
				name string
				f    store.CatalogueFilter
				want []string
			}{
				{"everything, newest year first", store.CatalogueFilter{}, []string{"SOP layanan informasi", "Data pribadi guru",
					"Rekam medis pasien RSUD", "Peringatan dini demam berdarah", "Laporan Keuangan 2025", "Laporan Keuangan 2024"}},
				{"one body", store.CatalogueFilter{BodySlug: "dindik-uji"}, []string{"SOP layanan informasi", "Data pribadi guru"}},
				{"one classification", store.CatalogueFilter{Classification: terbuka.Berkala}, []string{"Laporan Keuangan 2025", "Laporan Keuangan 2024"}},
				{"one year", store.CatalogueFilter{Year: 2024}, []string{"Laporan Keuangan 2024"}},
				{"body and classification", store.CatalogueFilter{BodySlug: "dinkes-uji", Classification: terbuka.Dikecualikan}, []string{"Rekam medis pasien RSUD"}},
				{"nothing", store.CatalogueFilter{BodySlug: "ki-uji"}, []string{}},
			} {
				t.Run(tt.name, func(t *testing.T) {
					got, total, err := f.s.ListCatalogue(ctx, tt.f)
					if err != nil {
						t.Fatal(err)
					}
					if total != len(tt.want) || strings.Join(titles(got), "|") != strings.Join(tt.want, "|") {
						t.Fatalf("got %d %q, want %q", total, titles(got), tt.want)
					}
				})
			}
		})
		t.Run("Pagination", func(t *testing.T) {
			got, total, err := f.s.ListCatalogue(ctx, store.CatalogueFilter{Limit: 2, Offset: 2})
			if err != nil {
				t.Fatal(err)
			}
			if total != 6 || strings.Join(titles(got), "|") != "Rekam medis pasien RSUD|Peringatan dini demam berdarah" {
				t.Fatalf("page 2 = %d %q", total, titles(got))
			}
			got, total, _ = f.s.ListCatalogue(ctx, store.CatalogueFilter{Limit: 4, Offset: 4})
			if total != 6 || len(got) != 2 {
				t.Fatalf("last page = %d %q", total, titles(got))
			}
		})
		t.Run("Visibility", func(t *testing.T) {
			for _, tt := range []struct {
				name   string
				viewer *terbuka.User
				full   []string // bodies whose exempted content the viewer sees
			}{
				{"public", nil, nil},
				{"evaluator", &f.evalUsr, nil},
				{"pelaksana", &f.pelaksana, []string{"dinkes-uji"}},
				{"other pelaksana", &f.otherPelaksana, []string{"dindik-uji"}},
				{"PPID Utama", &f.ppid, []string{"dinkes-uji", "dindik-uji"}},
				{"atasan PPID", &f.atasan, []string{"dinkes-uji", "dindik-uji"}},
			} {
				t.Run(tt.name, func(t *testing.T) {
					list, _, err := f.s.ListCatalogue(ctx, store.CatalogueFilter{Viewer: tt.viewer})
					if err != nil {
						t.Fatal(err)
					}
					for _, e := range list {
						full := false
						for _, b := range tt.full {
							full = full || b == e.BodySlug
						}
						one, err := f.s.CatalogueEntryFor(ctx, tt.viewer, e.ID)
						if err != nil {
							t.Fatal(err)
						}
						for _, got := range []terbuka.CatalogueEntry{e, one} {
							if got.Public == full {
								t.Errorf("%s: Public = %v, want %v", got.Title, got.Public, !full)
							}
							if got.Classification == terbuka.Dikecualikan {
								shown := strings.Contains(got.Summary, secretPhrase) ||
									(got.Exemption != nil && strings.Contains(got.Exemption.ConsequenceTest, secretPhrase))
								if shown != full {
									t.Errorf("%s: content shown = %v, want %v", got.Title, shown, full)
								}
								if got.Exemption == nil || got.Exemption.Basis == "" {
									t.Errorf("%s: the register must show the basis", got.Title)
								}
							}
							if got.Classification != terbuka.Dikecualikan && got.Summary == "" {
								t.Errorf("%s: an open entry must show its summary", got.Title)
							}
						}
					}
				})
			}
		})
		t.Run("Stale", func(t *testing.T) {
			list, _, err := f.s.ListCatalogue(ctx, store.CatalogueFilter{Classification: terbuka.Berkala, Viewer: &f.pelaksana})
			if err != nil || len(list) != 2 {
				t.Fatalf("berkala = %v, %v", titles(list), err)
			}
			e := list[0]
			if e.Stale(f.s.CatalogueToday(e)) {
				t.Errorf("fresh entry is stale (next due %s)", e.NextDue)
			}
			f.at(t, wib(2026, 7, 13, 0, 30)) // after 12 July in Jakarta, still 12 July in UTC
			if !e.Stale(f.s.CatalogueToday(e)) {
				t.Errorf("entry due %s is not stale on %s", e.NextDue, f.s.CatalogueToday(e))
			}
		})
		t.Run("Errors", func(t *testing.T) {
			_, _, err := f.s.ListCatalogue(ctx, store.CatalogueFilter{BodySlug: "tidak-ada"})
			wantCode(t, err, terbuka.ENotFound)
			_, _, err = f.s.ListCatalogue(ctx, store.CatalogueFilter{Classification: "rahasia"})
			wantField(t, err, "classification")
			_, err = f.s.CatalogueEntry(ctx, 999999)
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.CatalogueEntryFor(ctx, nil, 999999)
			wantCode(t, err, terbuka.ENotFound)
		})
	})
}
