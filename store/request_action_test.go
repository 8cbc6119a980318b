package store_test

import (
	"context"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// The staff actions on a request: the one extension and the decision.

func TestRequestService_Extend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		const reason = "Dokumen berada di arsip puskesmas kabupaten"
		t.Run("OK", func(t *testing.T) {
			r, token := f.create(t, "dinkes-uji", nil)
			got, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "  "+reason+"  ")
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != terbuka.StatusExtended || !got.Extended || got.DueOn.String() != "2026-02-05" ||
				got.OriginalDueOn.String() != "2026-01-27" || got.ExtensionReason != reason {
				t.Fatalf("got status %s due %s original %s reason %q", got.Status, got.DueOn, got.OriginalDueOn, got.ExtensionReason)
			}
			last := got.Events[len(got.Events)-1]
			if last.Kind != "extended" || last.Note != reason || !last.Public || last.Actor != f.pelaksana.Name ||
				last.Status != terbuka.StatusExtended || !last.At.Equal(f.clock.t) {
				t.Fatalf("event %+v", last)
			}
			public, err := f.s.RequestByTracking(ctx, r.Number, token)
			if err != nil || public.DueOn != got.DueOn || public.Events[len(public.Events)-1].Note != reason {
				t.Fatalf("tracking after extension: %+v %v", public, err)
			}
		})
		t.Run("OnTheOriginalDueDate", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			f.at(t, wib(2026, 1, 27, 23, 30)) // the deadline ends at 23:59 WIB
			got, err := f.s.ExtendRequest(ctx, f.ppid, r.Number, reason)
			if err != nil || got.DueOn.String() != "2026-02-05" {
				t.Fatalf("got due %s, %v", got.DueOn, err)
			}
		})
		t.Run("ErrAlreadyExtended", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			if _, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, reason); err != nil {
				t.Fatal(err)
			}
			_, err := f.s.ExtendRequest(ctx, f.ppid, r.Number, "alasan kedua yang lain")
			wantCode(t, err, terbuka.EConflict)
			if got := f.staffView(t, r.Number); got.DueOn.String() != "2026-02-05" || got.ExtensionReason != reason {
				t.Fatalf("second extension changed the request: due %s reason %q", got.DueOn, got.ExtensionReason)
			}
		})
		t.Run("ErrTooLate", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			f.at(t, wib(2026, 1, 28, 8, 0))
			_, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, reason)
			wantCode(t, err, terbuka.EConflict)
			if got := f.staffView(t, r.Number); got.Extended || got.Status != terbuka.StatusRegistered {
				t.Fatalf("late extension stored: %+v", got)
			}
		})
		t.Run("ErrTooLateInBodyZone", func(t *testing.T) {
			f.newOPD(t, "papua-uji", "PAPUA")
			wit := terbuka.BodySettings{TimeZone: "Asia/Jayapura", OfficeOpen: 8 * 60, OfficeClose: 16 * 60}
			if err := f.s.UpdateBodySettings(ctx, f.admin, "papua-uji", wit); err != nil {
				t.Fatal(err)
			}
			east, _ := f.create(t, "papua-uji", nil)
			west, _ := f.create(t, "dinkes-uji", nil)
			if east.DueOn != west.DueOn {
				t.Fatalf("due %s in WIT, %s in WIB", east.DueOn, west.DueOn)
			}
			// 23:00 WIB on the due date is already the next day in WIT.
			f.at(t, wib(2026, 1, 27, 23, 0))
			if _, err := f.s.ExtendRequest(ctx, f.admin, west.Number, reason); err != nil {
				t.Fatalf("WIB body: %v", err)
			}
			_, err := f.s.ExtendRequest(ctx, f.admin, east.Number, reason)
			wantCode(t, err, terbuka.EConflict)
		})
		t.Run("ErrAnswered", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			if _, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted}); err != nil {
				t.Fatal(err)
			}
			_, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, reason)
			wantCode(t, err, terbuka.EConflict)
		})
		t.Run("ErrInvalidReason", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			for _, bad := range []string{"", "   ", "\n\t"} {
				_, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, bad)
				wantField(t, err, "reason")
			}
			if got := f.staffView(t, r.Number); got.Extended {
				t.Fatal("an invalid extension was stored")
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			for _, u := range []terbuka.User{f.evalUsr, f.otherPelaksana} {
				_, err := f.s.ExtendRequest(ctx, u, r.Number, reason)
				wantCode(t, err, terbuka.ENotFound)
			}
			_, err := f.s.ExtendRequest(ctx, f.admin, "DINKES-2026-777777", reason)
			wantCode(t, err, terbuka.ENotFound)
		})
		t.Run("ErrForbiddenAtasan", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			_, err := f.s.ExtendRequest(ctx, f.atasan, r.Number, reason)
			wantCode(t, err, terbuka.EForbidden)
		})
	})
}

func TestRequestService_Decide(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		const test = "Membuka dokumen ini akan mengungkap rahasia dagang rekanan dan merugikan persaingan usaha."
		t.Run("OK", func(t *testing.T) {
			tests := []struct {
				name      string
				in        terbuka.DecisionInput
				status    terbuka.Status
				basis     string
				letter    string
				transfer  string
				exemption bool
			}{
				{name: "granted", in: terbuka.DecisionInput{Decision: terbuka.Granted, Note: "Dikirim lewat surel"},
					status: terbuka.StatusAnswered},
				{name: "granted drops a stray exemption", in: terbuka.DecisionInput{Decision: terbuka.Granted,
					Exemption: &terbuka.Exemption{Basis: "b", ConsequenceTest: test}, TransferredTo: "BPS"}, status: terbuka.StatusAnswered},
				{name: "partially granted", in: terbuka.DecisionInput{Decision: terbuka.PartiallyGranted,
					Exemption: &terbuka.Exemption{Basis: "Ps. 17 b", ConsequenceTest: test}},
					status: terbuka.StatusAnswered, basis: "Pasal 17 huruf b UU 14/2008", letter: "b", exemption: true},
				{name: "denied", in: terbuka.DecisionInput{Decision: terbuka.Denied,
					Exemption: &terbuka.Exemption{Basis: "pasal 17 huruf B", ConsequenceTest: test}},
					status: terbuka.StatusAnswered, basis: "Pasal 17 huruf b UU 14/2008", letter: "b", exemption: true},
				{name: "denied citing the act", in: terbuka.DecisionInput{Decision: terbuka.Denied,
					Exemption: &terbuka.Exemption{Basis: "17(h) UU 14/2008", ConsequenceTest: test}},
					status: terbuka.StatusAnswered, basis: "Pasal 17 huruf h UU 14/2008", letter: "h", exemption: true},
				{name: "not held", in: terbuka.DecisionInput{Decision: terbuka.NotHeld}, status: terbuka.StatusAnswered},
				{name: "not documented", in: terbuka.DecisionInput{Decision: terbuka.NotDocumented}, status: terbuka.StatusAnswered},
				{name: "transferred", in: terbuka.DecisionInput{Decision: terbuka.Transferred, TransferredTo: " BPS Provinsi Uji "},
					status: terbuka.StatusTransferred, transfer: "BPS Provinsi Uji"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					r, token := f.create(t, "dinkes-uji", nil)
					f.at(t, wib(2026, 1, 20, 11, 0))
					got, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, tt.in)
					if err != nil {
						t.Fatal(err)
					}
					d := got.Decision
					if got.Status != tt.status || d == nil || d.Kind != tt.in.Decision || d.TransferredTo != tt.transfer ||
						d.DecidedBy != f.pelaksana.Name || !d.DecidedAt.Equal(f.clock.t) {
						t.Fatalf("got status %s decision %+v", got.Status, d)
					}
					if (d.Exemption != nil) != tt.exemption {
						t.Fatalf("exemption %+v, want present=%v", d.Exemption, tt.exemption)
					}
					if tt.exemption && (d.Exemption.Basis != tt.basis || d.Exemption.Letter != tt.letter || d.Exemption.ConsequenceTest != test) {
						t.Fatalf("exemption %+v, want basis %q letter %q", d.Exemption, tt.basis, tt.letter)
					}
					// What was stored is what came back.
					again := f.staffView(t, r.Number)
					if again.Status != got.Status || again.Decision == nil || (again.Decision.Exemption != nil) != tt.exemption ||
						(tt.exemption && *again.Decision.Exemption != *d.Exemption) {
						t.Fatalf("stored %+v, returned %+v", again.Decision, d)
					}
					last := got.Events[len(got.Events)-1]
					if last.Kind != "decided" || last.Status != tt.status || !last.Public || last.Actor != f.pelaksana.Name {
						t.Fatalf("event %+v", last)
					}
					public, err := f.s.RequestByTracking(ctx, r.Number, token)
					if err != nil || public.Status != tt.status || public.Decision == nil {
						t.Fatalf("tracking after decision: %+v %v", public, err)
					}
				})
			}
		})
		t.Run("ExtendedRequest", func(t *testing.T) {
			r, _ := f.create(t, "dindik-uji", nil)
			if _, err := f.s.ExtendRequest(ctx, f.otherPelaksana, r.Number, "Menunggu data sekolah"); err != nil {
				t.Fatal(err)
			}
			f.at(t, wib(2026, 2, 4, 10, 0))
			got, err := f.s.DecideRequest(ctx, f.ppid, r.Number, terbuka.DecisionInput{Decision: terbuka.NotHeld})
			if err != nil || got.Status != terbuka.StatusAnswered || got.Decision.DecidedBy != f.ppid.Name {
				t.Fatalf("got %+v %v", got, err)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			tests := []struct {
				name  string
				in    terbuka.DecisionInput
				field string
			}{
				{"unknown decision", terbuka.DecisionInput{Decision: "maybe"}, "decision"},
				{"empty decision", terbuka.DecisionInput{}, "decision"},
				{"denied without exemption", terbuka.DecisionInput{Decision: terbuka.Denied}, "exemption"},
				{"partially granted without exemption", terbuka.DecisionInput{Decision: terbuka.PartiallyGranted}, "exemption"},
				{"unknown basis", terbuka.DecisionInput{Decision: terbuka.Denied,
					Exemption: &terbuka.Exemption{Basis: "Pasal 99", ConsequenceTest: test}}, "exemption.basis"},
				{"letter outside a-j", terbuka.DecisionInput{Decision: terbuka.Denied,
					Exemption: &terbuka.Exemption{Basis: "Pasal 17 huruf k", ConsequenceTest: test}}, "exemption.basis"},
				{"short consequence test", terbuka.DecisionInput{Decision: terbuka.Denied,
					Exemption: &terbuka.Exemption{Basis: "b", ConsequenceTest: "rahasia"}}, "exemption.consequence_test"},
				{"transferred without target", terbuka.DecisionInput{Decision: terbuka.Transferred, TransferredTo: "  "}, "transferred_to"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					_, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, tt.in)
					wantField(t, err, tt.field)
				})
			}
			if got := f.staffView(t, r.Number); got.Decision != nil || got.Status != terbuka.StatusRegistered {
				t.Fatalf("an invalid decision was stored: %+v", got.Decision)
			}
		})
		t.Run("ErrConflictDecidedTwice", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			if _, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted}); err != nil {
				t.Fatal(err)
			}
			_, err := f.s.DecideRequest(ctx, f.ppid, r.Number, terbuka.DecisionInput{Decision: terbuka.NotHeld})
			wantCode(t, err, terbuka.EConflict)
			tr, _ := f.create(t, "dinkes-uji", nil)
			if _, err := f.s.DecideRequest(ctx, f.pelaksana, tr.Number, terbuka.DecisionInput{Decision: terbuka.Transferred, TransferredTo: "BPS"}); err != nil {
				t.Fatal(err)
			}
			_, err = f.s.DecideRequest(ctx, f.pelaksana, tr.Number, terbuka.DecisionInput{Decision: terbuka.Granted})
			wantCode(t, err, terbuka.EConflict)
			if got := f.staffView(t, r.Number); got.Decision.Kind != terbuka.Granted || got.Decision.DecidedBy != f.pelaksana.Name {
				t.Fatalf("second decision overwrote the first: %+v", got.Decision)
			}
		})
		t.Run("ErrForbiddenAtasan", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			if _, err := f.s.RequestForStaff(ctx, f.atasan, r.Number); err != nil {
				t.Fatalf("atasan PPID cannot read: %v", err)
			}
			_, err := f.s.DecideRequest(ctx, f.atasan, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted})
			wantCode(t, err, terbuka.EForbidden)
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			for _, u := range []terbuka.User{f.evalUsr, f.otherPelaksana} {
				_, err := f.s.DecideRequest(ctx, u, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted})
				wantCode(t, err, terbuka.ENotFound)
			}
		})
	})
}
