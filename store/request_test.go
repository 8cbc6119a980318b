package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

func TestRequestService_Create(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			r, token, err := f.s.CreateRequest(ctx, "dinkes-uji", validRequest(), store.CreateOptions{Channel: terbuka.ChannelWeb})
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != terbuka.StatusRegistered || r.Channel != terbuka.ChannelWeb || r.BodySlug != "dinkes-uji" || r.Lang != "id" {
				t.Fatalf("got %+v", r)
			}
			if len(token) < 20 {
				t.Fatalf("token %q too short", token)
			}
			got, err := f.s.RequestByTracking(ctx, r.Number, token)
			if err != nil || got.Requester.Phone != "+6281234567890" || len(got.Events) != 1 || got.Events[0].Kind != "registered" {
				t.Fatalf("tracking: %+v %v", got, err)
			}
			if !got.SubmittedAt.Equal(f.clock.t) || got.ID != r.ID || got.Information != r.Information {
				t.Fatalf("stored %+v, created %+v", got, r)
			}
		})
		t.Run("Deadlines", func(t *testing.T) {
			// DOMAIN.md worked examples and the receipt rules, through the
			// service with the clock at the moment of submission.
			tests := []struct {
				name           string
				at             time.Time
				received, due  string
				extended, year string
			}{
				{"monday in hours (example 1)", wib(2026, 1, 12, 10, 0), "2026-01-12", "2026-01-27", "2026-02-05", "2026"},
				{"saturday before lebaran (example 2)", wib(2026, 3, 14, 10, 0), "2026-03-16", "2026-04-07", "2026-04-16", "2026"},
				{"year end 2025 (example 3)", wib(2025, 12, 22, 10, 0), "2025-12-22", "2026-01-08", "2026-01-20", "2025"},
				{"after hours counts the next working day", wib(2026, 1, 12, 17, 0), "2026-01-13", "2026-01-28", "2026-02-06", "2026"},
				{"at closing time counts the next working day", wib(2026, 1, 12, 16, 0), "2026-01-13", "2026-01-28", "2026-02-06", "2026"},
				{"before opening counts that day", wib(2026, 1, 12, 6, 45), "2026-01-12", "2026-01-27", "2026-02-05", "2026"},
				{"on a national holiday", wib(2026, 1, 16, 10, 0), "2026-01-19", "2026-02-02", "2026-02-11", "2026"},
				{"thursday evening before a holiday", wib(2026, 1, 15, 20, 0), "2026-01-19", "2026-02-02", "2026-02-11", "2026"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					f.at(t, tt.at)
					r, _ := f.create(t, "dinkes-uji", nil)
					if r.ReceivedOn.String() != tt.received || r.DueOn.String() != tt.due || r.OriginalDueOn != r.DueOn {
						t.Fatalf("received %s due %s (original %s), want %s and %s", r.ReceivedOn, r.DueOn, r.OriginalDueOn, tt.received, tt.due)
					}
					if !strings.HasPrefix(r.Number, "DINKES-"+tt.year+"-") {
						t.Fatalf("number %s, want year %s", r.Number, tt.year)
					}
					if r.CalendarVersion != "ID-2026.1" {
						t.Fatalf("calendar version %q", r.CalendarVersion)
					}
					stored := f.staffView(t, r.Number)
					if stored.ReceivedOn != r.ReceivedOn || stored.DueOn != r.DueOn || stored.OriginalDueOn != r.DueOn ||
						stored.CalendarVersion != r.CalendarVersion || !stored.SubmittedAt.Equal(tt.at) || stored.Extended {
						t.Fatalf("stored %+v differs from created %+v", stored, r)
					}
					// The one extension reaches the date the calculator promises.
					f.at(t, tt.at.Add(time.Hour))
					ext, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "Informasi tersebar di beberapa bidang")
					if err != nil || ext.DueOn.String() != tt.extended {
						t.Fatalf("extended due %s (%v), want %s", ext.DueOn, err, tt.extended)
					}
				})
			}
		})
		t.Run("StaffPaperRequest", func(t *testing.T) {
			received := wib(2026, 1, 2, 10, 0) // a letter that came ten days ago
			r, token, err := f.s.CreateRequest(ctx, "dinkes-uji", validRequest(),
				store.CreateOptions{Channel: terbuka.ChannelLetter, Staff: &f.pelaksana, ReceivedAt: received})
			if err != nil {
				t.Fatal(err)
			}
			if r.Channel != terbuka.ChannelLetter || !r.SubmittedAt.Equal(received) ||
				r.ReceivedOn.String() != "2026-01-02" || r.DueOn.String() != "2026-01-19" {
				t.Fatalf("got channel %s submitted %s received %s due %s", r.Channel, r.SubmittedAt, r.ReceivedOn, r.DueOn)
			}
			staff, err := f.s.RequestForStaff(ctx, f.pelaksana, r.Number)
			if err != nil || len(staff.Events) != 1 || staff.Events[0].Actor != f.pelaksana.Name ||
				staff.Events[0].Note != "channel:letter" || !staff.SubmittedAt.Equal(received) {
				t.Fatalf("staff view %+v %v", staff.Events, err)
			}
			public, err := f.s.RequestByTracking(ctx, r.Number, token)
			if err != nil || len(public.Events) != 1 || public.Events[0].Actor != "" {
				t.Fatalf("tracking shows %+v %v", public.Events, err)
			}
		})
		t.Run("StaffWithoutReceivedAtUsesNow", func(t *testing.T) {
			r, _, err := f.s.CreateRequest(ctx, "dindik-uji", validRequest(),
				store.CreateOptions{Channel: terbuka.ChannelInPerson, Staff: &f.ppid})
			if err != nil || !r.SubmittedAt.Equal(f.clock.t) || r.BodySlug != "dindik-uji" {
				t.Fatalf("got %+v %v", r, err)
			}
		})
		t.Run("ReceivedAtLimits", func(t *testing.T) {
			now := f.clock.t
			tests := []struct {
				name string
				at   time.Time
				ok   bool
			}{
				{"30 seconds ahead is clock skew", now.Add(30 * time.Second), true},
				{"59 days ago", now.Add(-59 * 24 * time.Hour), true},
				{"an hour in the future", now.Add(time.Hour), false},
				{"tomorrow", now.Add(24 * time.Hour), false},
				{"61 days ago", now.Add(-61 * 24 * time.Hour), false},
				{"last year", now.AddDate(-1, 0, 0), false},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					_, _, err := f.s.CreateRequest(ctx, "dinkes-uji", validRequest(),
						store.CreateOptions{Channel: terbuka.ChannelLetter, Staff: &f.pelaksana, ReceivedAt: tt.at})
					if tt.ok && err != nil {
						t.Fatal(err)
					}
					if !tt.ok {
						wantField(t, err, "received_at")
					}
				})
			}
		})
		t.Run("ErrNotFoundStaffOutsideScope", func(t *testing.T) {
			tests := []struct {
				name string
				u    terbuka.User
				slug string
			}{
				{"pelaksana for another OPD", f.pelaksana, "dindik-uji"},
				{"other pelaksana for dinkes", f.otherPelaksana, "dinkes-uji"},
				{"evaluator", f.evalUsr, "dinkes-uji"},
				{"atasan PPID cannot register", f.atasan, "dinkes-uji"},
				{"admin for a body outside the province", f.admin, "ki-uji"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					_, _, err := f.s.CreateRequest(ctx, tt.slug, validRequest(),
						store.CreateOptions{Channel: terbuka.ChannelLetter, Staff: &tt.u, ReceivedAt: f.clock.t.Add(-time.Hour)})
					wantCode(t, err, terbuka.ENotFound)
				})
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			in := validRequest()
			in.Requester.IDNumber = "123"
			_, _, err := f.s.CreateRequest(ctx, "dinkes-uji", in, store.CreateOptions{})
			e := terbuka.AsError(err)
			if e == nil || e.Code != terbuka.EInvalid || e.Fields["requester.id_number"].Key != "invalid.nik_length" {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("ErrNotFoundBody", func(t *testing.T) {
			_, _, err := f.s.CreateRequest(ctx, "tidak-ada", validRequest(), store.CreateOptions{})
			wantCode(t, err, terbuka.ENotFound)
		})
	})
}

func TestRequestService_Track(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		r, token, err := f.s.CreateRequest(ctx, "dinkes-uji", validRequest(),
			store.CreateOptions{Channel: terbuka.ChannelLetter, Staff: &f.pelaksana})
		if err != nil {
			t.Fatal(err)
		}
		other, otherToken := f.create(t, "dindik-uji", nil)
		if _, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "Perlu koordinasi dengan puskesmas"); err != nil {
			t.Fatal(err)
		}
		// An internal note: no service writes one yet, so put it in the way
		// a staff-only event is stored.
		_, err = rawDB(t, db).ExecContext(ctx, `INSERT INTO request_events (request_id, at, kind, status, note, public, actor_id, actor_name)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, r.ID, f.s.Now(), "note", "extended", "catatan internal", false, f.pelaksana.ID, f.pelaksana.Name)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("OK", func(t *testing.T) {
			got, err := f.s.RequestByTracking(ctx, r.Number, token)
			if err != nil {
				t.Fatal(err)
			}
			if got.Number != r.Number || got.Status != terbuka.StatusExtended || got.DueOn.String() != "2026-02-05" {
				t.Fatalf("got %s %s %s", got.Number, got.Status, got.DueOn)
			}
			if kinds := eventKinds(got.Events); strings.Join(kinds, ",") != "registered,extended" {
				t.Fatalf("public events %v", kinds)
			}
			for _, e := range got.Events {
				if !e.Public || e.Actor != "" || e.Note == "catatan internal" {
					t.Fatalf("tracking leaks %+v", e)
				}
			}
			if got.Events[1].Note != "Perlu koordinasi dengan puskesmas" {
				t.Fatalf("extension reason not shown: %+v", got.Events[1])
			}
		})
		t.Run("StaffSeeEverything", func(t *testing.T) {
			got, err := f.s.RequestForStaff(ctx, f.pelaksana, r.Number)
			if err != nil {
				t.Fatal(err)
			}
			if kinds := eventKinds(got.Events); strings.Join(kinds, ",") != "registered,extended,note" {
				t.Fatalf("staff events %v", kinds)
			}
			for _, e := range got.Events {
				if e.Actor != f.pelaksana.Name {
					t.Fatalf("staff event without actor: %+v", e)
				}
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			tests := []struct{ name, number, token string }{
				{"wrong token", r.Number, token + "x"},
				{"another request's token", r.Number, otherToken},
				{"wrong number", other.Number, token},
				{"unknown number", "DINKES-2026-999999", token},
				{"empty token", r.Number, ""},
				{"empty number", "", token},
				{"both empty", "", ""},
				{"token of different case", r.Number, strings.ToUpper(token)},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					_, err := f.s.RequestByTracking(ctx, tt.number, tt.token)
					wantCode(t, err, terbuka.ENotFound)
				})
			}
		})
	})
}

func TestRequestService_ReadForStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		dinkes, _ := f.create(t, "dinkes-uji", nil)
		dindik, _ := f.create(t, "dindik-uji", nil)
		tests := []struct {
			name       string
			u          terbuka.User
			seesDinkes bool
			seesDindik bool
		}{
			{"ppid utama sees every OPD", f.ppid, true, true},
			{"admin of the province sees every OPD", f.admin, true, true},
			{"atasan PPID reads every OPD", f.atasan, true, true},
			{"pelaksana sees its own body only", f.pelaksana, true, false},
			{"other pelaksana", f.otherPelaksana, false, true},
			{"evaluator of the commission", f.evalUsr, false, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for _, c := range []struct {
					r    terbuka.Request
					sees bool
				}{{dinkes, tt.seesDinkes}, {dindik, tt.seesDindik}} {
					got, err := f.s.RequestForStaff(ctx, tt.u, c.r.Number)
					if c.sees {
						if err != nil || got.Number != c.r.Number || got.Requester.IDNumber == "" {
							t.Fatalf("%s: %v", c.r.Number, err)
						}
						continue
					}
					// Never forbidden: a number must not be probed.
					wantCode(t, err, terbuka.ENotFound)
				}
			})
		}
		t.Run("ErrNotFoundUnknownNumber", func(t *testing.T) {
			_, err := f.s.RequestForStaff(ctx, f.admin, "DINKES-2026-424242")
			wantCode(t, err, terbuka.ENotFound)
		})
	})
}
