package store_test

import (
	"context"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// newOPD adds an OPD under prov-uji for a test that changes its settings.
func (f *fixture) newOPD(t *testing.T, slug, code string) terbuka.Body {
	t.Helper()
	b, err := f.s.CreateBody(context.Background(), terbuka.Body{Slug: slug, Code: code, Name: "OPD " + code,
		Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDPelaksana})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBodyService_Create(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			b, err := f.s.CreateBody(ctx, terbuka.Body{Slug: "dpupr-uji", Code: "DPUPR", Name: "Dinas PUPR Uji",
				Kind: terbuka.KindOPD, ParentSlug: "prov-uji"})
			if err != nil {
				t.Fatal(err)
			}
			got, err := f.s.BodyBySlug(ctx, "dpupr-uji")
			if err != nil || got.ID != b.ID || got.ParentSlug != "prov-uji" || got.PPID != terbuka.PPIDNone ||
				got.Settings != terbuka.DefaultSettings() || got.Code != "DPUPR" {
				t.Fatalf("stored %+v, %v", got, err)
			}
			if byID, err := f.s.BodyByID(ctx, b.ID); err != nil || byID.Slug != "dpupr-uji" {
				t.Fatalf("BodyByID = %+v, %v", byID, err)
			}
			all, err := f.s.Bodies(ctx)
			if err != nil || len(all) != 6 {
				t.Fatalf("Bodies = %d, %v", len(all), err)
			}
			seen := map[string]bool{}
			for _, x := range all {
				if x.ParentSlug != "" && !seen[x.ParentSlug] {
					t.Fatalf("%s listed before its parent %s", x.Slug, x.ParentSlug)
				}
				seen[x.Slug] = true
			}
			if n, err := f.s.CountBodies(ctx); err != nil || n != 6 {
				t.Fatalf("CountBodies = %d, %v", n, err)
			}
		})
		t.Run("ErrConflict", func(t *testing.T) {
			_, err := f.s.CreateBody(ctx, terbuka.Body{Slug: "dinkes-uji", Code: "DINKES2", Name: "Dinkes lagi", Kind: terbuka.KindOPD})
			wantCode(t, err, terbuka.EConflict)
			_, err = f.s.CreateBody(ctx, terbuka.Body{Slug: "dinkes-dua", Code: "DINKES", Name: "Dinkes lagi", Kind: terbuka.KindOPD})
			wantCode(t, err, terbuka.EConflict)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			ok := terbuka.Body{Slug: "baru-uji", Code: "BARU", Name: "Badan Baru", Kind: terbuka.KindOPD}
			tests := []struct {
				name  string
				edit  func(*terbuka.Body)
				field string
			}{
				{"unknown parent", func(b *terbuka.Body) { b.ParentSlug = "tidak-ada" }, "parent"},
				{"slug with spaces", func(b *terbuka.Body) { b.Slug = "Badan Baru" }, "slug"},
				{"lower-case code", func(b *terbuka.Body) { b.Code = "baru" }, "code"},
				{"no name", func(b *terbuka.Body) { b.Name = "" }, "name"},
				{"unknown kind", func(b *terbuka.Body) { b.Kind = "desa" }, "kind"},
				{"unknown PPID role", func(b *terbuka.Body) { b.PPID = "kepala" }, "ppid"},
				{"foreign zone", func(b *terbuka.Body) {
					b.Settings = terbuka.BodySettings{TimeZone: "Asia/Tokyo", OfficeOpen: 480, OfficeClose: 960}
				}, "time_zone"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					b := ok
					tt.edit(&b)
					_, err := f.s.CreateBody(ctx, b)
					wantField(t, err, tt.field)
				})
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := f.s.BodyBySlug(ctx, "tidak-ada")
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.BodyByID(ctx, 987654)
			wantCode(t, err, terbuka.ENotFound)
		})
	})
}

func TestBodyService_UpdateSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("OfficeHours", func(t *testing.T) {
			f.newOPD(t, "dishub-uji", "DISHUB")
			s2 := secondInstance(t, f)
			f.at(t, wib(2026, 1, 12, 15, 30))
			before, _ := f.create(t, "dishub-uji", nil)
			if before.ReceivedOn.String() != "2026-01-12" {
				t.Fatalf("15:30 with default hours received %s", before.ReceivedOn)
			}
			st := terbuka.BodySettings{TimeZone: "Asia/Jakarta", OfficeOpen: 7 * 60, OfficeClose: 15 * 60}
			if err := f.s.UpdateBodySettings(ctx, f.admin, "dishub-uji", st); err != nil {
				t.Fatal(err)
			}
			if b, err := f.s.BodyBySlug(ctx, "dishub-uji"); err != nil || b.Settings != st {
				t.Fatalf("stored settings %+v, %v", b.Settings, err)
			}
			after, _ := f.create(t, "dishub-uji", nil)
			if after.ReceivedOn.String() != "2026-01-13" || after.DueOn.String() != "2026-01-28" {
				t.Fatalf("15:30 after closing at 15:00: received %s due %s", after.ReceivedOn, after.DueOn)
			}
			// Another instance sees the new hours at once.
			other, _, err := s2.CreateRequest(ctx, "dishub-uji", validRequest(), store.CreateOptions{})
			if err != nil || other.ReceivedOn.String() != "2026-01-13" {
				t.Fatalf("second instance: received %s, %v", other.ReceivedOn, err)
			}
			if due, _ := f.due(t, before.Number); due != "2026-01-27" {
				t.Fatalf("settings change moved a given deadline to %s", due)
			}
			f.at(t, wib(2026, 1, 12, 7, 30))
			if early, _ := f.create(t, "dishub-uji", nil); early.ReceivedOn.String() != "2026-01-12" {
				t.Fatalf("07:30 with opening at 07:00: received %s", early.ReceivedOn)
			}
			f.at(t, wib(2026, 1, 12, 15, 30))
			if elsewhere, _ := f.create(t, "dinkes-uji", nil); elsewhere.ReceivedOn.String() != "2026-01-12" {
				t.Fatalf("another OPD's hours changed too: received %s", elsewhere.ReceivedOn)
			}
		})
		t.Run("TimeZone", func(t *testing.T) {
			f.newOPD(t, "papua-uji", "PAPUA")
			st := terbuka.BodySettings{TimeZone: "Asia/Jayapura", OfficeOpen: 8 * 60, OfficeClose: 16 * 60}
			if err := f.s.UpdateBodySettings(ctx, f.admin, "papua-uji", st); err != nil {
				t.Fatal(err)
			}
			if loc := f.calendar(t, f.s, "papua-uji").Location().String(); loc != "Asia/Jayapura" {
				t.Fatalf("calendar zone %s", loc)
			}
			f.at(t, wib(2026, 1, 12, 14, 30)) // 16:30 WIT: closed
			if r, _ := f.create(t, "papua-uji", nil); r.ReceivedOn.String() != "2026-01-13" {
				t.Fatalf("14:30 WIB = 16:30 WIT: received %s, want the next day", r.ReceivedOn)
			}
			f.at(t, wib(2026, 12, 31, 23, 30)) // already 2027 in WIT
			if r, _ := f.create(t, "papua-uji", nil); r.Number != "PAPUA-2027-000001" {
				t.Fatalf("number %s: the year is the body's local year", r.Number)
			}
		})
		t.Run("CutiBersamaIsWorkday", func(t *testing.T) {
			f.newOPD(t, "disnaker-uji", "DISNAKER")
			f.at(t, wib(2026, 3, 14, 10, 0))
			given, _ := f.create(t, "disnaker-uji", nil)
			if given.DueOn.String() != "2026-04-07" {
				t.Fatalf("default due %s", given.DueOn)
			}
			st := terbuka.DefaultSettings()
			st.CutiBersamaIsWorkday = true
			if err := f.s.UpdateBodySettings(ctx, f.admin, "disnaker-uji", st); err != nil {
				t.Fatal(err)
			}
			cal := f.calendar(t, f.s, "disnaker-uji")
			if !cal.IsWorkingDay(date(t, "2026-03-18")) || cal.IsWorkingDay(date(t, "2026-03-19")) {
				t.Fatal("cuti bersama must count, Nyepi itself must not")
			}
			r, _ := f.create(t, "disnaker-uji", nil)
			if r.ReceivedOn.String() != "2026-03-16" || r.DueOn.String() != "2026-03-31" {
				t.Fatalf("received %s due %s, want 2026-03-16 and 2026-03-31", r.ReceivedOn, r.DueOn)
			}
			if due, _ := f.due(t, given.Number); due != "2026-04-07" {
				t.Fatalf("the option shortened a given deadline to %s", due)
			}
			if other, _ := f.create(t, "dinkes-uji", nil); other.DueOn.String() != "2026-04-07" {
				t.Fatalf("another OPD follows the option: due %s", other.DueOn)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			tests := []struct {
				name  string
				st    terbuka.BodySettings
				field string
			}{
				{"foreign zone", terbuka.BodySettings{TimeZone: "Asia/Tokyo", OfficeOpen: 480, OfficeClose: 960}, "time_zone"},
				{"UTC", terbuka.BodySettings{TimeZone: "UTC", OfficeOpen: 480, OfficeClose: 960}, "time_zone"},
				{"no zone", terbuka.BodySettings{OfficeOpen: 480, OfficeClose: 960}, "time_zone"},
				{"closes before opening", terbuka.BodySettings{TimeZone: "Asia/Jakarta", OfficeOpen: 900, OfficeClose: 420}, "office_hours"},
				{"empty window", terbuka.BodySettings{TimeZone: "Asia/Jakarta", OfficeOpen: 480, OfficeClose: 480}, "office_hours"},
				{"past midnight", terbuka.BodySettings{TimeZone: "Asia/Jakarta", OfficeOpen: 480, OfficeClose: 25 * 60}, "office_hours"},
				{"negative", terbuka.BodySettings{TimeZone: "Asia/Jakarta", OfficeOpen: -60, OfficeClose: 960}, "office_hours"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					wantField(t, f.s.UpdateBodySettings(ctx, f.admin, "dinkes-uji", tt.st), tt.field)
				})
			}
			if b, _ := f.s.BodyBySlug(ctx, "dinkes-uji"); b.Settings != terbuka.DefaultSettings() {
				t.Fatalf("invalid settings stored: %+v", b.Settings)
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			for _, u := range []terbuka.User{f.ppid, f.pelaksana, f.atasan, f.evalUsr} {
				wantCode(t, f.s.UpdateBodySettings(ctx, u, "dinkes-uji", terbuka.DefaultSettings()), terbuka.EForbidden)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			wantCode(t, f.s.UpdateBodySettings(ctx, f.admin, "ki-uji", terbuka.DefaultSettings()), terbuka.ENotFound)
			wantCode(t, f.s.UpdateBodySettings(ctx, f.admin, "tidak-ada", terbuka.DefaultSettings()), terbuka.ENotFound)
		})
	})
}
