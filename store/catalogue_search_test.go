package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// searchCorpus is one catalogue for every engine: words in different
// inflections (permohonan/memohon, penolakan/ditolak, membaca/dibaca) so
// a test can tell stemming from exact matching.
var searchCorpus = []struct {
	body  string
	class terbuka.Classification
	year  int
	title string
	text  string
}{
	{"dinkes-uji", terbuka.Berkala, 2025, "Laporan Permohonan Informasi Publik 2025",
		"Rekapitulasi permohonan informasi yang diterima, dikabulkan dan ditolak oleh PPID pada tahun 2025."},
	{"dinkes-uji", terbuka.SetiapSaat, 2025, "Daftar Penolakan Permohonan",
		"Keputusan PPID menolak permohonan beserta alasan penolakan dan pasal pengecualian yang dipakai."},
	{"dindik-uji", terbuka.Berkala, 2025, "Panduan Membaca Anggaran",
		"Cara membaca dokumen anggaran daerah untuk warga; bacaan ringan tentang belanja dan pendapatan."},
	{"dindik-uji", terbuka.Berkala, 2026, "Anggaran Dinas Pendidikan 2026",
		"Rincian anggaran belanja pendidikan tahun 2026 per program dan kegiatan sekolah."},
	{"dinkes-uji", terbuka.SertaMerta, 2026, "Jadwal Imunisasi Anak",
		"Jadwal imunisasi anak di puskesmas; informasi ini dibaca oleh orang tua sebelum datang."},
	{"dinkes-uji", terbuka.Dikecualikan, 2025, "Rekam Medis Pasien",
		"Berisi " + secretPhrase + " dan anggaran perawatan pasien tertentu; dibaca hanya oleh dokter."},
	{"diskominfo-uji", terbuka.SertaMerta, 2026, "Peringatan Dini Banjir",
		"Informasi serta merta tentang peringatan dini banjir dan jalur evakuasi warga."},
	{"diskominfo-uji", terbuka.SetiapSaat, 2024, "Standar Layanan Informasi",
		"Standar layanan permohonan informasi: cara memohon, biaya, dan jangka waktu pelayanan."},
}

// seedSearchCorpus adds searchCorpus in order and returns the IDs by title.
func seedSearchCorpus(t *testing.T, f *fixture) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	for _, c := range searchCorpus {
		in := newEntry(c.class, c.title)
		in.Summary, in.Year = c.text, c.year
		u := f.ppid
		if c.body == "dinkes-uji" {
			u = f.pelaksana
		}
		ids[c.title] = f.addEntry(t, u, c.body, in).ID
	}
	return ids
}

func hitTitles(hits []store.CatalogueHit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.Entry.Title)
	}
	return out
}

var searchCases = []struct {
	name  string
	q     store.CatalogueQuery
	want  []string // titles, best first
	total int
}{
	{"memohon finds permohonan, titles first", store.CatalogueQuery{Text: "memohon"},
		[]string{"Daftar Penolakan Permohonan", "Laporan Permohonan Informasi Publik 2025", "Standar Layanan Informasi"}, 3},
	{"penolakan finds ditolak and menolak", store.CatalogueQuery{Text: "penolakan"},
		[]string{"Daftar Penolakan Permohonan", "Laporan Permohonan Informasi Publik 2025"}, 2},
	{"dibaca finds membaca and bacaan, never the exempted summary", store.CatalogueQuery{Text: "dibaca"},
		[]string{"Panduan Membaca Anggaran", "Jadwal Imunisasi Anak"}, 2},
	{"every word must match, the holding unit's name too", store.CatalogueQuery{Text: "anggaran pendidikan"},
		[]string{"Anggaran Dinas Pendidikan 2026", "Panduan Membaca Anggaran"}, 2},
	{"every word must match", store.CatalogueQuery{Text: "anggaran belanja sekolah"},
		[]string{"Anggaran Dinas Pendidikan 2026"}, 1},
	{"exempted entry found by its title only", store.CatalogueQuery{Text: "rekam medis"},
		[]string{"Rekam Medis Pasien"}, 1},
	{"exempted content never matches", store.CatalogueQuery{Text: secretPhrase}, []string{}, 0},
	{"exempted summary word never matches", store.CatalogueQuery{Text: "perawatan"}, []string{}, 0},
	{"body filter", store.CatalogueQuery{Text: "informasi", BodySlug: "diskominfo-uji"},
		[]string{"Standar Layanan Informasi", "Peringatan Dini Banjir"}, 2},
	{"classification filter", store.CatalogueQuery{Text: "informasi", Classification: terbuka.SertaMerta},
		[]string{"Peringatan Dini Banjir", "Jadwal Imunisasi Anak"}, 2},
	{"year filter", store.CatalogueQuery{Text: "anggaran", Year: 2025},
		[]string{"Panduan Membaca Anggaran"}, 1},
	{"numbers match as written", store.CatalogueQuery{Text: "2026"},
		[]string{"Anggaran Dinas Pendidikan 2026"}, 1},
	{"stop words only match nothing", store.CatalogueQuery{Text: "yang dan di"}, []string{}, 0},
	{"limit and offset page through", store.CatalogueQuery{Text: "informasi", Limit: 2, Offset: 1},
		[]string{"Laporan Permohonan Informasi Publik 2025", "Peringatan Dini Banjir"}, 4},
}

func TestCatalogueService_Search(t *testing.T) {
	got := map[string][][]string{}
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) {
			f := newFixture(t, eng.Open(t))
			seedSearchCorpus(t, f)
			ctx := context.Background()
			for _, c := range searchCases {
				t.Run(c.name, func(t *testing.T) {
					hits, total, err := f.s.SearchCatalogue(ctx, c.q)
					if err != nil {
						t.Fatal(err)
					}
					if ts := hitTitles(hits); !reflect.DeepEqual(ts, c.want) || total != c.total {
						t.Errorf("got %q (total %d), want %q (total %d)", ts, total, c.want, c.total)
					}
					got[c.name] = append(got[c.name], hitTitles(hits))
					for _, h := range hits {
						if h.Entry.Classification == terbuka.Dikecualikan && (h.Entry.Summary != "" ||
							strings.Contains(store.SnippetHTML(h.Snippet), secretPhrase)) {
							t.Errorf("public hit shows exempted content: %+v", h)
						}
					}
				})
			}
			t.Run("bad input", func(t *testing.T) {
				for _, q := range []store.CatalogueQuery{{Text: " "}, {Text: "x", Classification: "rahasia"}} {
					if _, _, err := f.s.SearchCatalogue(ctx, q); terbuka.ErrorCode(err) != terbuka.EInvalid {
						t.Errorf("%+v: err = %v, want EInvalid", q, err)
					}
				}
				if _, _, err := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "x", BodySlug: "tidak-ada"}); terbuka.ErrorCode(err) != terbuka.ENotFound {
					t.Errorf("unknown body: err = %v, want ENotFound", err)
				}
			})
			t.Run("snippet marks the inflected words", func(t *testing.T) {
				hits, _, err := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "penolakan"})
				if err != nil || len(hits) < 2 {
					t.Fatalf("hits %v, err %v", hits, err)
				}
				if s := store.SnippetHTML(hits[1].Snippet); !strings.Contains(s, "<mark>ditolak</mark>") {
					t.Errorf("snippet %q lacks <mark>ditolak</mark>", s)
				}
				if s := store.SnippetHTML(hits[0].Snippet); !strings.Contains(s, "<mark>menolak</mark>") ||
					!strings.Contains(s, "<mark>penolakan</mark>") {
					t.Errorf("snippet %q lacks the marked words", s)
				}
			})
		})
	}
	// One corpus, the same top results in the same order on both engines.
	for name, runs := range got {
		if len(runs) == 2 && !reflect.DeepEqual(runs[0], runs[1]) {
			t.Errorf("%s: sqlite %q, postgres %q", name, runs[0], runs[1])
		}
	}
}

func TestCatalogueService_Reindex(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		seedSearchCorpus(t, f)
		// A fresh catalogue is indexed by the current analyser: nothing to do.
		if n, err := f.s.ReindexCatalogue(ctx); err != nil || n != 0 {
			t.Fatalf("reindex fresh catalogue: %d, %v", n, err)
		}
		// Rows written by an older analyser (or before search existed)
		// are re-analysed, and then found.
		tamper(t, rawDB(t, db), "UPDATE catalogue_entries SET search_title = '', search_text = '', search_version = 0")
		if hits, _, _ := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "memohon"}); len(hits) != 0 {
			t.Fatalf("unindexed rows matched: %q", hitTitles(hits))
		}
		if n, err := f.s.ReindexCatalogue(ctx); err != nil || n != len(searchCorpus) {
			t.Fatalf("reindex: %d, %v; want %d", n, err, len(searchCorpus))
		}
		if hits, _, _ := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "memohon"}); len(hits) != 3 {
			t.Fatalf("after reindex: %q", hitTitles(hits))
		}
	})
}

func TestCatalogueService_SearchOpenOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		seedSearchCorpus(t, f)
		ctx := context.Background()
		for _, c := range []struct {
			q     store.CatalogueQuery
			want  []string
			total int
		}{
			{store.CatalogueQuery{Text: "rekam medis"}, []string{"Rekam Medis Pasien"}, 1},
			{store.CatalogueQuery{Text: "rekam medis", OpenOnly: true}, []string{}, 0},
			{store.CatalogueQuery{Text: "pasien", OpenOnly: true, Classification: terbuka.Dikecualikan}, []string{}, 0},
			{store.CatalogueQuery{Text: "dibaca", OpenOnly: true}, []string{"Panduan Membaca Anggaran", "Jadwal Imunisasi Anak"}, 2},
		} {
			hits, total, err := f.s.SearchCatalogue(ctx, c.q)
			if got := hitTitles(hits); err != nil || !reflect.DeepEqual(got, c.want) || total != c.total {
				t.Errorf("%+v: %q (total %d), %v; want %q (total %d)", c.q, got, total, err, c.want, c.total)
			}
		}
	})
}
