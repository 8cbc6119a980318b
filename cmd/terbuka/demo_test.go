package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

func TestSeedDemo_Catalogue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := store.New(db, nil, password.NewHasher(password.Fast, 2))
		var out bytes.Buffer
		if err := seedDemo(ctx, s, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "Demo catalogue: ") {
			t.Errorf("seeding does not say it loaded the catalogue:\n%s", out.String())
		}
		ppid, err := s.UserByEmail(ctx, "ppid@contoh.go.id")
		if err != nil {
			t.Fatal(err)
		}
		staff, total, err := s.ListCatalogue(ctx, store.CatalogueFilter{Limit: 500, Viewer: &ppid})
		if err != nil {
			t.Fatal(err)
		}
		if total != len(demoCatalogue) || len(staff) != total {
			t.Fatalf("%d entries (%d listed), want %d", total, len(staff), len(demoCatalogue))
		}
		perClass := map[terbuka.Classification]int{}
		perBody := map[string]int{}
		for _, e := range staff {
			perClass[e.Classification]++
			perBody[e.BodySlug]++
			if e.Public || e.Summary == "" || (e.Classification == terbuka.Dikecualikan && e.Exemption.ConsequenceTest == "") {
				t.Errorf("the PPID Utama gets %q incomplete: %+v", e.Title, e)
			}
		}
		for _, c := range terbuka.Classifications {
			if perClass[c] < 2 {
				t.Errorf("%d %s entries, want at least 2", perClass[c], c)
			}
		}
		for _, b := range []string{"dinkes-contoh", "dindik-contoh", "dpupr-contoh"} {
			if perBody[b] == 0 {
				t.Errorf("no catalogue entry in %s", b)
			}
		}

		public, _, err := s.ListCatalogue(ctx, store.CatalogueFilter{Limit: 500, Classification: terbuka.Dikecualikan})
		if err != nil {
			t.Fatal(err)
		}
		var permanent, dated int
		for _, e := range public {
			if !e.Public || e.Summary != "" || e.Exemption == nil || e.Exemption.ConsequenceTest != "" || e.Exemption.Basis == "" {
				t.Errorf("public register row of %q: %+v", e.Title, e)
			}
			if e.Exemption != nil && e.Exemption.Permanent() {
				permanent++
			} else {
				dated++
			}
		}
		if permanent == 0 || dated == 0 {
			t.Errorf("want both a permanent (Pasal 17 g/h) and a dated exemption, got %d and %d", permanent, dated)
		}

		// Documents: found by their text, with versions; the exempted
		// entry's document is hidden from the public and its text unsearchable.
		if !strings.Contains(out.String(), fmt.Sprintf("%d documents", len(demoDocuments))) {
			t.Errorf("seeding does not count its documents:\n%s", out.String())
		}
		hits, _, err := s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "imunisasi kejar"})
		if err != nil || len(hits) != 1 || hits[0].Entry.Title != demoDocuments[0].entry {
			t.Errorf("search by the second version's text: %+v, %v", hits, err)
		} else if snip := store.SnippetHTML(hits[0].Snippet); !strings.Contains(snip, "<mark>Imunisasi</mark> rutin dan <mark>kejar</mark>") {
			t.Errorf("snippet %q is not from the document's text", snip)
		}
		if hits, _, _ := s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "kuota jalur zonasi"}); len(hits) != 0 {
			t.Errorf("the exempted document's text is searchable: %+v", hits)
		}
		for _, e := range public {
			if docs, err := s.CatalogueDocuments(ctx, nil, e.ID); err != nil || len(docs) != 0 {
				t.Errorf("public documents of exempted %q: %d, %v", e.Title, len(docs), err)
			}
		}

		// A second start finds bodies and seeds nothing.
		if err := seedDemo(ctx, s, &out); err != nil {
			t.Fatal(err)
		}
		if _, again, _ := s.ListCatalogue(ctx, store.CatalogueFilter{}); again != total {
			t.Errorf("reseeding changed the catalogue: %d → %d entries", total, again)
		}
	})
}
