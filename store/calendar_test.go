package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/workday"
)

// bodyID returns the ID of body slug.
func (f *fixture) bodyID(t *testing.T, slug string) int64 {
	t.Helper()
	b, err := f.s.BodyBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return b.ID
}

// calendar returns the working-day calendar of body slug ("" for national).
func (f *fixture) calendar(t *testing.T, s *store.Store, slug string) *workday.Calendar {
	t.Helper()
	var id int64
	if slug != "" {
		id = f.bodyID(t, slug)
	}
	c, err := s.Calendar(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// holidayID finds the stored regional holiday of body slug on day.
func (f *fixture) holidayID(t *testing.T, slug, day string) int64 {
	t.Helper()
	list, err := f.s.RegionalHolidays(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range list {
		if h.Date.String() == day {
			return h.ID
		}
	}
	t.Fatalf("no regional holiday of %s on %s in %+v", slug, day, list)
	return 0
}

// due returns the current and original due dates of number as strings.
func (f *fixture) due(t *testing.T, number string) (string, string) {
	t.Helper()
	r := f.staffView(t, number)
	return r.DueOn.String(), r.OriginalDueOn.String()
}

func TestCalendarService_AddRegionalHoliday(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("AppliesToOPDs", func(t *testing.T) {
			if err := f.s.AddRegionalHoliday(ctx, f.admin, "prov-uji", date(t, "2026-07-01"), "Hari Jadi Provinsi Uji"); err != nil {
				t.Fatal(err)
			}
			if err := f.s.AddRegionalHoliday(ctx, f.admin, "dindik-uji", date(t, "2026-07-02"), "Hari Guru Daerah"); err != nil {
				t.Fatal(err)
			}
			for _, slug := range []string{"prov-uji", "diskominfo-uji", "dinkes-uji", "dindik-uji"} {
				skip, off := f.calendar(t, f.s, slug).DayOff(date(t, "2026-07-01"))
				if !off || skip.Kind != string(workday.Regional) || skip.Name != "Hari Jadi Provinsi Uji" {
					t.Fatalf("%s: 2026-07-01 = %+v, %v; want the provincial holiday", slug, skip, off)
				}
			}
			for _, slug := range []string{"ki-uji", ""} {
				if !f.calendar(t, f.s, slug).IsWorkingDay(date(t, "2026-07-01")) {
					t.Fatalf("%q: a provincial holiday closes a body outside the province", slug)
				}
			}
			dinkes := f.calendar(t, f.s, "dinkes-uji")
			span := dinkes.AddWorkingDays(date(t, "2026-06-30"), 1)
			if span.Date.String() != "2026-07-02" || len(span.Skipped) != 1 || span.Skipped[0].Kind != string(workday.Regional) {
				t.Fatalf("AddWorkingDays = %+v, want 2026-07-02 skipping the regional day", span)
			}
			if !strings.Contains(dinkes.Version(), "+R") {
				t.Fatalf("version %q does not name the regional table", dinkes.Version())
			}
			if !dinkes.IsWorkingDay(date(t, "2026-07-02")) || f.calendar(t, f.s, "dindik-uji").IsWorkingDay(date(t, "2026-07-02")) {
				t.Fatal("an OPD's own holiday must close that OPD only")
			}
			found := false
			for _, h := range dinkes.Holidays(2026) {
				found = found || (h.Date.String() == "2026-07-01" && h.Kind == workday.Regional)
			}
			if !found {
				t.Fatal("Holidays(2026) of dinkes lacks the provincial holiday")
			}
			own, err := f.s.RegionalHolidays(ctx, "prov-uji")
			if err != nil || len(own) != 1 || own[0].Name != "Hari Jadi Provinsi Uji" || own[0].BodySlug != "prov-uji" {
				t.Fatalf("RegionalHolidays(prov-uji) = %+v, %v", own, err)
			}
			if inherited, err := f.s.RegionalHolidays(ctx, "dinkes-uji"); err != nil || len(inherited) != 0 {
				t.Fatalf("RegionalHolidays(dinkes-uji) lists inherited days: %+v, %v", inherited, err)
			}
		})
		t.Run("SecondInstanceSeesItImmediately", func(t *testing.T) {
			s2 := secondInstance(t, f)
			if !f.calendar(t, s2, "dinkes-uji").IsWorkingDay(date(t, "2026-07-08")) {
				t.Fatal("2026-07-08 is a working day before the change")
			}
			if err := f.s.AddRegionalHoliday(ctx, f.admin, "prov-uji", date(t, "2026-07-08"), "Hari Jadi Provinsi Uji (pindahan)"); err != nil {
				t.Fatal(err)
			}
			if f.calendar(t, s2, "dinkes-uji").IsWorkingDay(date(t, "2026-07-08")) {
				t.Fatal("the second instance still serves its cached calendar")
			}
			f.at(t, wib(2026, 7, 7, 10, 0))
			r, _, err := s2.CreateRequest(ctx, "dinkes-uji", validRequest(), store.CreateOptions{})
			if err != nil || r.DueOn.String() != "2026-07-22" || !strings.Contains(r.CalendarVersion, "+R") {
				t.Fatalf("second instance: due %s version %q, %v; want 2026-07-22", r.DueOn, r.CalendarVersion, err)
			}
			if err := f.s.DeleteRegionalHoliday(ctx, f.admin, "prov-uji", f.holidayID(t, "prov-uji", "2026-07-08")); err != nil {
				t.Fatal(err)
			}
			if !f.calendar(t, s2, "dinkes-uji").IsWorkingDay(date(t, "2026-07-08")) {
				t.Fatal("the second instance missed the deletion")
			}
			r2, _, err := s2.CreateRequest(ctx, "dinkes-uji", validRequest(), store.CreateOptions{})
			if err != nil || r2.DueOn.String() != "2026-07-21" {
				t.Fatalf("after deletion: due %s, %v; want 2026-07-21", r2.DueOn, err)
			}
			if due, _ := f.due(t, r.Number); due != "2026-07-22" {
				t.Fatalf("deletion shortened a given deadline to %s", due)
			}
		})
		t.Run("LengthensOpenDeadlines", func(t *testing.T) {
			x, token := f.create(t, "dinkes-uji", nil)
			y, _ := f.create(t, "dindik-uji", nil)
			z, _ := f.create(t, "dinkes-uji", nil)
			w, _ := f.create(t, "dinkes-uji", nil)
			k, kToken := f.create(t, "ki-uji", nil)
			if _, err := f.s.ExtendRequest(ctx, f.pelaksana, z.Number, "Menunggu data"); err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.DecideRequest(ctx, f.pelaksana, w.Number, terbuka.DecisionInput{Decision: terbuka.NotHeld}); err != nil {
				t.Fatal(err)
			}
			answeredEvents := len(f.staffView(t, w.Number).Events)

			if err := f.s.AddRegionalHoliday(ctx, f.admin, "prov-uji", date(t, "2026-01-20"), "Hari Jadi Provinsi Uji"); err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct{ number, due, orig string }{
				{x.Number, "2026-01-28", "2026-01-28"},
				{y.Number, "2026-01-28", "2026-01-28"},
				{z.Number, "2026-02-06", "2026-01-28"}, // extension recounted from the new original date
				{w.Number, "2026-01-27", "2026-01-27"}, // answered: untouched
			} {
				if due, orig := f.due(t, c.number); due != c.due || orig != c.orig {
					t.Fatalf("%s: due %s original %s, want %s and %s", c.number, due, orig, c.due, c.orig)
				}
			}
			if outside, err := f.s.RequestByTracking(ctx, k.Number, kToken); err != nil || outside.DueOn.String() != "2026-01-27" {
				t.Fatalf("a provincial holiday moved a commission's request: %s, %v", outside.DueOn, err)
			}
			if n := len(f.staffView(t, w.Number).Events); n != answeredEvents {
				t.Fatalf("answered request got %d new events", n-answeredEvents)
			}
			staff := f.staffView(t, x.Number)
			last := staff.Events[len(staff.Events)-1]
			if last.Kind != "deadline_recomputed" || !last.Public || last.Actor != f.admin.Name ||
				!strings.Contains(last.Note, "2026-01-27") || !strings.Contains(last.Note, "2026-01-28") {
				t.Fatalf("event %+v", last)
			}
			if !strings.Contains(staff.CalendarVersion, "+R") {
				t.Fatalf("calendar version %q not updated", staff.CalendarVersion)
			}
			public, err := f.s.RequestByTracking(ctx, x.Number, token)
			if err != nil || public.DueOn.String() != "2026-01-28" || eventKinds(public.Events)[len(public.Events)-1] != "deadline_recomputed" ||
				public.Events[len(public.Events)-1].Actor != "" {
				t.Fatalf("the requester does not see the new date: %+v %v", public.Events, err)
			}

			// An OPD's own holiday moves its requests only.
			if err := f.s.AddRegionalHoliday(ctx, f.admin, "dindik-uji", date(t, "2026-01-21"), "Hari Pendidikan Daerah"); err != nil {
				t.Fatal(err)
			}
			if due, _ := f.due(t, y.Number); due != "2026-01-29" {
				t.Fatalf("dindik request due %s, want 2026-01-29", due)
			}
			xEvents := len(f.staffView(t, x.Number).Events)
			if due, _ := f.due(t, x.Number); due != "2026-01-28" {
				t.Fatalf("dinkes request moved to %s by a dindik holiday", due)
			}

			// Deleting never shortens a deadline already given.
			if err := f.s.DeleteRegionalHoliday(ctx, f.admin, "prov-uji", f.holidayID(t, "prov-uji", "2026-01-20")); err != nil {
				t.Fatal(err)
			}
			for number, want := range map[string]string{x.Number: "2026-01-28", z.Number: "2026-02-06", y.Number: "2026-01-29"} {
				if due, _ := f.due(t, number); due != want {
					t.Fatalf("%s: deletion changed due to %s, want %s", number, due, want)
				}
			}
			if n := len(f.staffView(t, x.Number).Events); n != xEvents {
				t.Fatalf("deletion recorded %d events", n-xEvents)
			}
			if fresh, _ := f.create(t, "dinkes-uji", nil); fresh.DueOn.String() != "2026-01-27" {
				t.Fatalf("a new request after deletion is due %s, want 2026-01-27", fresh.DueOn)
			}
		})
		t.Run("SameDateRenames", func(t *testing.T) {
			if err := f.s.AddRegionalHoliday(ctx, f.admin, "dinkes-uji", date(t, "2026-09-01"), "Nama lama"); err != nil {
				t.Fatal(err)
			}
			if err := f.s.AddRegionalHoliday(ctx, f.admin, "dinkes-uji", date(t, "2026-09-01"), "Nama baru"); err != nil {
				t.Fatal(err)
			}
			list, err := f.s.RegionalHolidays(ctx, "dinkes-uji")
			if err != nil || len(list) != 1 || list[0].Name != "Nama baru" {
				t.Fatalf("got %+v, %v", list, err)
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			id := f.holidayID(t, "prov-uji", "2026-07-01")
			for _, u := range []terbuka.User{f.ppid, f.pelaksana, f.atasan, f.evalUsr} {
				wantCode(t, f.s.AddRegionalHoliday(ctx, u, "dinkes-uji", date(t, "2026-10-01"), "Libur"), terbuka.EForbidden)
				wantCode(t, f.s.DeleteRegionalHoliday(ctx, u, "prov-uji", id), terbuka.EForbidden)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			wantCode(t, f.s.AddRegionalHoliday(ctx, f.admin, "ki-uji", date(t, "2026-10-01"), "Libur"), terbuka.ENotFound)
			wantCode(t, f.s.AddRegionalHoliday(ctx, f.admin, "tidak-ada", date(t, "2026-10-01"), "Libur"), terbuka.ENotFound)
			wantCode(t, f.s.DeleteRegionalHoliday(ctx, f.admin, "prov-uji", 987654), terbuka.ENotFound)
			// An id belongs to one body: not deletable through another.
			wantCode(t, f.s.DeleteRegionalHoliday(ctx, f.admin, "dinkes-uji", f.holidayID(t, "dindik-uji", "2026-07-02")), terbuka.ENotFound)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			wantField(t, f.s.AddRegionalHoliday(ctx, f.admin, "dinkes-uji", date(t, "2026-10-01"), "  "), "name")
			wantField(t, f.s.AddRegionalHoliday(ctx, f.admin, "dinkes-uji", date(t, "2026-10-01"), strings.Repeat("x", 201)), "name")
			wantField(t, f.s.AddRegionalHoliday(ctx, f.admin, "dinkes-uji", workday.Date{}, "Libur"), "date")
			wantField(t, f.s.AddRegionalHoliday(ctx, f.admin, "dinkes-uji", date(t, "1999-10-01"), "Libur"), "date")
		})
	})
}

const amendment2026 = `{"id": "skb-uji-2026-1", "source": "SKB uji perubahan 2026", "effective": "2026-01-13",
	"add": [{"date": "2026-01-20", "name": "Cuti bersama uji", "kind": "cuti_bersama"}]}`

func TestCalendarService_LoadAmendment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		x, _ := f.create(t, "dinkes-uji", nil)
		z, _ := f.create(t, "dinkes-uji", nil)
		w, _ := f.create(t, "dindik-uji", nil)
		k, kToken := f.create(t, "ki-uji", nil)
		if _, err := f.s.ExtendRequest(ctx, f.pelaksana, z.Number, "Menunggu data"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.DecideRequest(ctx, f.otherPelaksana, w.Number, terbuka.DecisionInput{Decision: terbuka.Granted}); err != nil {
			t.Fatal(err)
		}
		t.Run("OK", func(t *testing.T) {
			changed, err := f.s.LoadAmendment(ctx, f.admin, []byte(amendment2026))
			if err != nil || changed != 3 {
				t.Fatalf("LoadAmendment = %d, %v; want 3 open requests moved", changed, err)
			}
			for number, want := range map[string][2]string{
				x.Number: {"2026-01-28", "2026-01-28"},
				z.Number: {"2026-02-06", "2026-01-28"},
				w.Number: {"2026-01-27", "2026-01-27"}, // answered: untouched
			} {
				if due, orig := f.due(t, number); due != want[0] || orig != want[1] {
					t.Fatalf("%s: due %s original %s, want %v", number, due, orig, want)
				}
			}
			// National: bodies outside every province move too.
			if outside, err := f.s.RequestByTracking(ctx, k.Number, kToken); err != nil || outside.DueOn.String() != "2026-01-28" {
				t.Fatalf("commission request due %s, %v; want 2026-01-28", outside.DueOn, err)
			}
			r := f.staffView(t, x.Number)
			last := r.Events[len(r.Events)-1]
			if r.CalendarVersion != "ID-2026.1+A1" || last.Kind != "deadline_recomputed" || !last.Public ||
				!strings.HasPrefix(last.Note, "calendar_amendment") {
				t.Fatalf("version %q event %+v", r.CalendarVersion, last)
			}
			if len(f.staffView(t, w.Number).Events) != 2 {
				t.Fatal("the answered request got an event")
			}
			skip, off := f.calendar(t, f.s, "").DayOff(date(t, "2026-01-20"))
			if !off || skip.Kind != string(workday.CutiBersama) || skip.Name != "Cuti bersama uji" {
				t.Fatalf("2026-01-20 = %+v, %v", skip, off)
			}
			list, err := f.s.Amendments(ctx)
			if err != nil || len(list) != 1 || list[0] != (store.AmendmentInfo{Ref: "skb-uji-2026-1", Source: "SKB uji perubahan 2026",
				Effective: "2026-01-13", Days: 1}) {
				t.Fatalf("Amendments = %+v, %v", list, err)
			}
			fresh, _ := f.create(t, "dinkes-uji", nil)
			if fresh.DueOn.String() != "2026-01-28" || fresh.CalendarVersion != "ID-2026.1+A1" {
				t.Fatalf("new request due %s version %q", fresh.DueOn, fresh.CalendarVersion)
			}
		})
		t.Run("RemovalNeverShortens", func(t *testing.T) {
			changed, err := f.s.LoadAmendment(ctx, f.admin, []byte(`{"id": "skb-uji-2026-2", "source": "SKB uji pembatalan",
				"effective": "2026-01-14", "remove": ["2026-01-20"]}`))
			if err != nil || changed != 0 {
				t.Fatalf("LoadAmendment = %d, %v; want 0", changed, err)
			}
			if due, orig := f.due(t, x.Number); due != "2026-01-28" || orig != "2026-01-28" {
				t.Fatalf("removal shortened a given deadline: due %s original %s", due, orig)
			}
			if due, _ := f.due(t, z.Number); due != "2026-02-06" {
				t.Fatalf("removal shortened an extended deadline to %s", due)
			}
			if !f.calendar(t, f.s, "dinkes-uji").IsWorkingDay(date(t, "2026-01-20")) {
				t.Fatal("2026-01-20 is still off after its removal")
			}
			fresh, _ := f.create(t, "dinkes-uji", nil)
			if fresh.DueOn.String() != "2026-01-27" || fresh.CalendarVersion != "ID-2026.1+A2" {
				t.Fatalf("new request due %s version %q", fresh.DueOn, fresh.CalendarVersion)
			}
		})
		t.Run("ErrConflictDuplicateID", func(t *testing.T) {
			_, err := f.s.LoadAmendment(ctx, f.admin, []byte(amendment2026))
			wantCode(t, err, terbuka.EConflict)
			if list, _ := f.s.Amendments(ctx); len(list) != 2 {
				t.Fatalf("%d amendments stored, want 2", len(list))
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			tests := []struct{ name, file string }{
				{"not JSON", `{"id": `},
				{"empty", ``},
				{"unknown field", `{"id": "a", "source": "s", "effective": "2026-01-01", "add": [], "remove": ["2026-02-02"], "note": "x"}`},
				{"trailing data", `{"id": "a", "source": "s", "effective": "2026-01-01", "remove": ["2026-02-02"]} {}`},
				{"no id", `{"source": "s", "effective": "2026-01-01", "remove": ["2026-02-02"]}`},
				{"no source", `{"id": "a", "effective": "2026-01-01", "remove": ["2026-02-02"]}`},
				{"bad effective date", `{"id": "a", "source": "s", "effective": "13-01-2026", "remove": ["2026-02-02"]}`},
				{"impossible date", `{"id": "a", "source": "s", "effective": "2026-01-01", "add": [{"date": "2026-02-30", "name": "n", "kind": "national"}]}`},
				{"year out of range", `{"id": "a", "source": "s", "effective": "2026-01-01", "add": [{"date": "1999-02-01", "name": "n", "kind": "national"}]}`},
				{"regional kind", `{"id": "a", "source": "s", "effective": "2026-01-01", "add": [{"date": "2026-02-02", "name": "n", "kind": "regional"}]}`},
				{"no name", `{"id": "a", "source": "s", "effective": "2026-01-01", "add": [{"date": "2026-02-02", "name": " ", "kind": "national"}]}`},
				{"bad removal", `{"id": "a", "source": "s", "effective": "2026-01-01", "remove": ["kemarin"]}`},
				{"nothing to change", `{"id": "a", "source": "s", "effective": "2026-01-01"}`},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					_, err := f.s.LoadAmendment(ctx, f.admin, []byte(tt.file))
					wantCode(t, err, terbuka.EInvalid)
				})
			}
			if list, _ := f.s.Amendments(ctx); len(list) != 2 {
				t.Fatalf("%d amendments stored, want 2", len(list))
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			file := []byte(`{"id": "skb-uji-2026-3", "source": "s", "effective": "2026-01-01", "remove": ["2026-02-16"]}`)
			for _, u := range []terbuka.User{f.ppid, f.pelaksana, f.atasan, f.evalUsr} {
				_, err := f.s.LoadAmendment(ctx, u, file)
				wantCode(t, err, terbuka.EForbidden)
			}
		})
	})
}
