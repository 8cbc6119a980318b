package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// collect walks a sitemap sequence into "entry/doc" keys.
func collect(t *testing.T, seq func(func(store.SitemapItem, error) bool)) []store.SitemapItem {
	t.Helper()
	var out []store.SitemapItem
	for it, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, it)
	}
	return out
}

func TestSitemapService_PublicEntriesAndDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		var public []int64
		for i, c := range []terbuka.Classification{terbuka.Berkala, terbuka.Dikecualikan, terbuka.SetiapSaat, terbuka.SertaMerta,
			terbuka.Dikecualikan, terbuka.SetiapSaat} {
			e := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(c, "Entri peta situs "+string(rune('A'+i))))
			if c != terbuka.Dikecualikan {
				public = append(public, e.ID)
			}
			if _, err := f.s.AddCatalogueDocument(ctx, f.pelaksana, e.ID, store.DocumentUpload{Title: "Dokumen " + string(rune('A'+i)),
				Filename: "isi.txt", Body: strings.NewReader("Isi dokumen " + secretPhrase + "\n")}); err != nil {
				t.Fatal(err)
			}
		}
		entries, docs, err := f.s.SitemapCounts(ctx)
		if err != nil || entries != 4 || docs != 4 {
			t.Fatalf("counts %d entries, %d documents, %v; want 4 and 4", entries, docs, err)
		}
		t.Run("every public entry once, in ID order", func(t *testing.T) {
			got := collect(t, f.s.SitemapEntries(ctx, 0, 100))
			if len(got) != len(public) {
				t.Fatalf("%d entries, want %d", len(got), len(public))
			}
			for i, it := range got {
				if it.EntryID != public[i] || it.DocumentID != 0 || it.LastMod.IsZero() || it.LastMod.Location().String() != "UTC" {
					t.Errorf("item %d = %+v, want entry %d", i, it, public[i])
				}
			}
		})
		t.Run("pages by offset and limit", func(t *testing.T) {
			for _, tc := range []struct {
				offset, limit int
				want          []int64
			}{{0, 2, public[:2]}, {2, 2, public[2:]}, {3, 5, public[3:]}, {4, 2, nil}, {1, 0, nil}} {
				var ids []int64
				for _, it := range collect(t, f.s.SitemapEntries(ctx, tc.offset, tc.limit)) {
					ids = append(ids, it.EntryID)
				}
				if len(ids) != len(tc.want) || (len(ids) > 0 && (ids[0] != tc.want[0] || ids[len(ids)-1] != tc.want[len(tc.want)-1])) {
					t.Errorf("offset %d limit %d: %v, want %v", tc.offset, tc.limit, ids, tc.want)
				}
			}
		})
		t.Run("documents of public entries only", func(t *testing.T) {
			got := collect(t, f.s.SitemapDocuments(ctx, 0, 100))
			if len(got) != 4 {
				t.Fatalf("%d documents, want 4", len(got))
			}
			for i, it := range got {
				if it.EntryID != public[i] || it.DocumentID == 0 {
					t.Errorf("document %d = %+v, want one of entry %d", i, it, public[i])
				}
			}
		})
		t.Run("stopping early ends the walk", func(t *testing.T) {
			n := 0
			for range f.s.SitemapEntries(ctx, 0, 100) {
				n++
				break
			}
			if n != 1 {
				t.Errorf("walked %d", n)
			}
		})
		t.Run("newest first, as the public sees them", func(t *testing.T) {
			got, err := f.s.NewestCatalogue(ctx, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 3 || got[0].ID != public[3] || got[2].ID != public[1] {
				t.Fatalf("newest = %d entries from %d", len(got), got[0].ID)
			}
			for _, e := range got {
				if !e.Public || e.Exemption != nil || e.CreatedBy != 0 || e.Classification == terbuka.Dikecualikan {
					t.Errorf("entry %d not a public view: %+v", e.ID, e)
				}
			}
		})
	})
}

// TestSitemapService_WalksPastOneBatch crosses the store's batch size, so
// the keyset continuation is exercised, not only the first query.
func TestSitemapService_WalksPastOneBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("creates more than a thousand entries")
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		const n = 1010
		for i := range n {
			in := newEntry(terbuka.SetiapSaat, "Entri massal")
			in.Summary = "Ringkasan " + strings.Repeat("x", i%7)
			f.addEntry(t, f.pelaksana, "dinkes-uji", in)
		}
		f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Dikecualikan, "Tertutup"))
		all := collect(t, f.s.SitemapEntries(ctx, 0, 5000))
		if len(all) != n {
			t.Fatalf("walked %d entries, want %d", len(all), n)
		}
		for i := 1; i < len(all); i++ {
			if all[i].EntryID <= all[i-1].EntryID {
				t.Fatalf("not in ID order at %d: %d after %d", i, all[i].EntryID, all[i-1].EntryID)
			}
		}
		tail := collect(t, f.s.SitemapEntries(ctx, 1000, 1000))
		if len(tail) != 10 || tail[0].EntryID != all[1000].EntryID {
			t.Fatalf("tail from offset 1000: %d entries", len(tail))
		}
		part := collect(t, f.s.SitemapEntries(ctx, 5, 1002))
		if len(part) != 1002 || part[0].EntryID != all[5].EntryID || part[1001].EntryID != all[1006].EntryID {
			t.Fatalf("offset 5 limit 1002: %d entries", len(part))
		}
	})
}
