package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

func TestPublishAnswer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		answer := terbuka.NewPublishedAnswer{Title: "Realisasi anggaran imunisasi 2025",
			Summary: "Rincian realisasi anggaran program imunisasi per puskesmas, diberikan atas permohonan informasi."}

		t.Run("OK: a setiap saat entry, linked, searchable", func(t *testing.T) {
			r, token := f.granted(t, terbuka.Granted)
			e, err := f.s.PublishAnswer(ctx, f.pelaksana, r.Number, answer)
			if err != nil {
				t.Fatal(err)
			}
			if e.Classification != terbuka.SetiapSaat || e.BodySlug != "dinkes-uji" || e.UnitSlug != "dinkes-uji" ||
				e.Title != answer.Title || e.Year != 2026 {
				t.Fatalf("entry %+v", e)
			}
			hits, _, err := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "merealisasikan imunisasi"})
			if err != nil || len(hits) != 1 || hits[0].Entry.ID != e.ID {
				t.Fatalf("search: %v, %v", hitTitles(hits), err)
			}
			docs, err := f.s.DocumentsByTracking(ctx, r.Number, token)
			if err != nil || !slices.ContainsFunc(docs.Links, func(l terbuka.CatalogueLink) bool { return l.Entry.ID == e.ID }) {
				t.Fatalf("requester's links %+v, %v", docs.Links, err)
			}
			v := f.staffView(t, r.Number)
			if last := v.Events[len(v.Events)-1]; last.Kind != "answer_published" || !last.Public {
				t.Errorf("last event %+v", last)
			}
		})
		t.Run("refused", func(t *testing.T) {
			open, _ := f.create(t, "dinkes-uji", nil)
			denied, _ := f.granted(t, terbuka.NotHeld)
			granted, _ := f.granted(t, terbuka.PartiallyGranted)
			cases := []struct {
				name   string
				u      terbuka.User
				number string
				in     terbuka.NewPublishedAnswer
				code   terbuka.Code
				field  string
			}{
				{"undecided request", f.pelaksana, open.Number, answer, terbuka.EConflict, ""},
				{"not granted", f.pelaksana, denied.Number, answer, terbuka.EConflict, ""},
				{"evaluator", f.evalUsr, granted.Number, answer, terbuka.EForbidden, ""},
				{"another OPD", f.otherPelaksana, granted.Number, answer, terbuka.ENotFound, ""},
				{"empty title", f.pelaksana, granted.Number, terbuka.NewPublishedAnswer{Summary: answer.Summary}, terbuka.EInvalid, "title"},
				{"requester's name", f.pelaksana, granted.Number, terbuka.NewPublishedAnswer{Title: answer.Title,
					Summary: "Diberikan kepada budi santoso."}, terbuka.EInvalid, "summary"},
				{"requester's NIK", f.pelaksana, granted.Number, terbuka.NewPublishedAnswer{Title: "Data 3201011501900001",
					Summary: answer.Summary}, terbuka.EInvalid, "title"},
				{"requester's phone written otherwise", f.pelaksana, granted.Number, terbuka.NewPublishedAnswer{Title: answer.Title,
					Summary: "Hubungi +62 812 3456 7890."}, terbuka.EInvalid, "summary"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					_, err := f.s.PublishAnswer(ctx, c.u, c.number, c.in)
					wantCode(t, err, c.code)
					if c.field != "" {
						wantField(t, err, c.field)
					}
				})
			}
			if hits, _, _ := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "budi santoso"}); len(hits) != 0 {
				t.Errorf("a refused answer was written: %v", hitTitles(hits))
			}
		})
	})
}
