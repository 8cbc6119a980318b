package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// openDataSeed adds, an hour apart from 12 January 2026 09:00 WIB:
// dinkes berkala 2025, dinkes dikecualikan 2025, dinkes setiap saat 2024,
// dindik serta merta 2025. It returns them in creation (ID) order.
func openDataSeed(t *testing.T, f *fixture) []terbuka.CatalogueEntry {
	t.Helper()
	var out []terbuka.CatalogueEntry
	for i, s := range []struct {
		slug string
		c    terbuka.Classification
		year int
	}{{"dinkes-uji", terbuka.Berkala, 2025}, {"dinkes-uji", terbuka.Dikecualikan, 2025},
		{"dinkes-uji", terbuka.SetiapSaat, 2024}, {"dindik-uji", terbuka.SertaMerta, 2025}} {
		f.clock.t = wib(2026, 1, 12, 9+i, 0)
		in := newEntry(s.c, fmt.Sprintf("Entri %d %s", i, s.c))
		in.Year = s.year
		u := f.pelaksana
		if s.slug == "dindik-uji" {
			u = f.otherPelaksana
		}
		out = append(out, f.addEntry(t, u, s.slug, in))
	}
	return out
}

func ids(es []terbuka.CatalogueEntry) []int64 {
	out := make([]int64, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func walk(t *testing.T, seq func(func(terbuka.CatalogueEntry, error) bool)) []terbuka.CatalogueEntry {
	t.Helper()
	var out []terbuka.CatalogueEntry
	for e, err := range seq {
		if err != nil {
			t.Fatalf("walk: %v", err)
		}
		out = append(out, e)
	}
	return out
}

// wantPublic fails unless every entry is a public view and none carries
// the content of an exempted entry.
func wantPublic(t *testing.T, es []terbuka.CatalogueEntry) {
	t.Helper()
	for _, e := range es {
		if !e.Public || strings.Contains(fmt.Sprintf("%+v", e), secretPhrase) {
			t.Errorf("entry %d is not a public view or leaks the exempted content: %+v", e.ID, e)
		}
		if e.Classification == terbuka.Dikecualikan && (e.Summary != "" || e.Exemption == nil || e.Exemption.ConsequenceTest != "" ||
			e.Exemption.Basis == "") {
			t.Errorf("exempted entry %d is not its register row: %+v", e.ID, e)
		}
	}
}

func TestOpenData_Entries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		seed := openDataSeed(t, f)
		all := ids(seed)

		t.Run("every entry in ID order as the public sees it", func(t *testing.T) {
			got := walk(t, f.s.OpenDataEntries(ctx, store.OpenDataFilter{}, 0, 0))
			if !slices.Equal(ids(got), all) {
				t.Fatalf("ids = %v, want %v", ids(got), all)
			}
			wantPublic(t, got)
		})
		t.Run("batches, offset and limit", func(t *testing.T) {
			for _, batch := range []int{1, 2, 3, 4, 10} {
				for _, c := range []struct{ offset, limit int }{{0, 0}, {1, 0}, {0, 2}, {1, 2}, {2, 5}, {3, 1}, {4, 0}, {9, 0}} {
					got := walk(t, store.OpenDataWalk(f.s, ctx, store.OpenDataFilter{}, c.offset, c.limit, batch))
					want := all[min(c.offset, len(all)):]
					if c.limit > 0 {
						want = want[:min(c.limit, len(want))]
					}
					if !slices.Equal(ids(got), want) {
						t.Errorf("batch %d offset %d limit %d: ids = %v, want %v", batch, c.offset, c.limit, ids(got), want)
					}
				}
			}
		})
		t.Run("stops when the caller stops", func(t *testing.T) {
			n := 0
			for _, err := range store.OpenDataWalk(f.s, ctx, store.OpenDataFilter{}, 0, 0, 1) {
				if err != nil {
					t.Fatal(err)
				}
				if n++; n == 2 {
					break
				}
			}
			if n != 2 {
				t.Fatalf("read %d entries, want 2", n)
			}
		})
		for _, c := range []struct {
			name string
			f    store.OpenDataFilter
			want []int64
		}{
			{"body", store.OpenDataFilter{Bodies: []string{"dindik-uji"}}, all[3:]},
			{"several bodies", store.OpenDataFilter{Bodies: []string{"dindik-uji", "dinkes-uji"}}, all},
			{"unknown body matches nothing", store.OpenDataFilter{Bodies: []string{"tidak-ada"}}, nil},
			{"excluded body", store.OpenDataFilter{ExcludeBodies: []string{"dinkes-uji"}}, all[3:]},
			{"classification", store.OpenDataFilter{Classifications: []terbuka.Classification{terbuka.SetiapSaat}}, all[2:3]},
			{"year", store.OpenDataFilter{Year: 2024}, all[2:3]},
			{"open only", store.OpenDataFilter{OpenOnly: true}, []int64{all[0], all[2], all[3]}},
			{"open only leaves out asked-for exempted entries", store.OpenDataFilter{OpenOnly: true,
				Classifications: []terbuka.Classification{terbuka.Dikecualikan}}, nil},
			{"modified since", store.OpenDataFilter{ModifiedSince: wib(2026, 1, 12, 11, 0)}, all[2:]},
		} {
			t.Run(c.name, func(t *testing.T) {
				got := walk(t, f.s.OpenDataEntries(ctx, c.f, 0, 0))
				if !slices.Equal(ids(got), c.want) {
					t.Errorf("ids = %v, want %v", ids(got), c.want)
				}
				n, err := f.s.OpenDataCount(ctx, c.f)
				if err != nil || n != len(c.want) {
					t.Errorf("count = %d, %v; want %d", n, err, len(c.want))
				}
			})
		}
	})
}

func TestOpenData_Page(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		seed := openDataSeed(t, f)
		all := ids(seed)
		// A document uploaded later makes the first entry the most
		// recently modified: harvesters must fetch it again.
		bumped := wib(2026, 1, 13, 8, 0)
		if _, err := rawDB(t, db).ExecContext(ctx, `INSERT INTO catalogue_documents (entry_id, title, created_at, updated_at)
			VALUES ($1, 'Lampiran', $2, $2)`, all[0], bumped.UTC()); err != nil {
			t.Fatal(err)
		}
		open := store.OpenDataFilter{OpenOnly: true}
		for _, c := range []struct {
			name          string
			f             store.OpenDataFilter
			order         store.OpenDataOrder
			offset, limit int
			want          []int64
			total         int
		}{
			{"id ascending", open, store.OrderIDAsc, 0, 10, []int64{all[0], all[2], all[3]}, 3},
			{"id descending", open, store.OrderIDDesc, 0, 10, []int64{all[3], all[2], all[0]}, 3},
			{"modified descending counts documents", open, store.OrderModifiedDesc, 0, 10, []int64{all[0], all[3], all[2]}, 3},
			{"modified ascending", open, store.OrderModifiedAsc, 0, 10, []int64{all[2], all[3], all[0]}, 3},
			{"created descending", open, store.OrderCreatedDesc, 0, 10, []int64{all[3], all[2], all[0]}, 3},
			{"created ascending", open, store.OrderCreatedAsc, 0, 10, []int64{all[0], all[2], all[3]}, 3},
			{"second page", open, store.OrderIDAsc, 1, 1, []int64{all[2]}, 3},
			{"past the end", open, store.OrderIDAsc, 5, 10, nil, 3},
			{"limit below one reads one", open, store.OrderIDAsc, 0, 0, all[:1], 3},
			{"modified since finds the document", store.OpenDataFilter{OpenOnly: true, ModifiedSince: bumped}, store.OrderIDAsc, 0, 10, all[:1], 1},
			{"modified since is inclusive", store.OpenDataFilter{ModifiedSince: wib(2026, 1, 12, 12, 0)}, store.OrderIDAsc, 0, 10,
				[]int64{all[0], all[3]}, 2},
			{"with exempted entries", store.OpenDataFilter{}, store.OrderIDAsc, 0, 10, all, 4},
		} {
			t.Run(c.name, func(t *testing.T) {
				got, total, err := f.s.OpenDataPage(ctx, c.f, c.order, c.offset, c.limit)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(ids(got), c.want) || total != c.total {
					t.Errorf("ids = %v, total %d; want %v, %d", ids(got), total, c.want, c.total)
				}
				wantPublic(t, got)
			})
		}
	})
}

func TestOpenData_BodyCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		openDataSeed(t, f)
		got, err := f.s.OpenDataBodyCounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// The exempted entry is no dataset; bodies without entries are absent.
		if len(got) != 2 || got["dinkes-uji"] != 2 || got["dindik-uji"] != 1 {
			t.Fatalf("counts = %v, want dinkes-uji 2, dindik-uji 1", got)
		}
	})
}
