package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/store"
)

var _ jobs.LapseStore = (*store.Store)(nil)
var _ jobs.DispositionStore = (*store.Store)(nil)

// mailsOf lists the queued mails of kind as "ref → recipient".
func mailsOf(t *testing.T, f *fixture, kind string) []string {
	t.Helper()
	rows, err := rawDB(t, f.db).Query("SELECT ref, recipient FROM mail_outbox WHERE kind = $1 ORDER BY id", kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var ref, to string
		if err := rows.Scan(&ref, &to); err != nil {
			t.Fatal(err)
		}
		out = append(out, ref+" → "+to)
	}
	return out
}

// lastEvent is the newest event of a request's history.
func lastEvent(t *testing.T, r terbuka.Request) terbuka.Event {
	t.Helper()
	if len(r.Events) == 0 {
		t.Fatalf("%s has no events", r.Number)
	}
	return r.Events[len(r.Events)-1]
}

func TestIncompleteService_Mark(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		r, _ := f.create(t, "dinkes-uji", nil) // Mon 12 January 2026 09:00, due 27 January
		t.Run("ErrNotFound", func(t *testing.T) {
			for _, u := range []terbuka.User{f.otherPelaksana, f.evalUsr} {
				_, err := f.s.MarkIncomplete(ctx, u, r.Number, "fotokopi KTP")
				wantCode(t, err, terbuka.ENotFound)
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			_, err := f.s.MarkIncomplete(ctx, f.atasan, r.Number, "fotokopi KTP")
			wantCode(t, err, terbuka.EForbidden)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := f.s.MarkIncomplete(ctx, f.pelaksana, r.Number, "  ")
			wantField(t, err, "missing")
		})
		seq := lastSeq(t, f.s)
		t.Run("OK", func(t *testing.T) {
			f.at(t, wib(2026, 1, 14, 10, 0))
			got, err := f.s.MarkIncomplete(ctx, f.pelaksana, r.Number, " fotokopi KTP ")
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != terbuka.StatusIncomplete || got.DueOn != r.DueOn {
				t.Fatalf("status %s, due %s", got.Status, got.DueOn)
			}
			if e := lastEvent(t, got); e.Kind != "marked_incomplete" || !e.Public || e.Note != "fotokopi KTP" || e.Actor != f.pelaksana.Name {
				t.Fatalf("event %+v", e)
			}
			incs, err := f.s.Incompletes(ctx, got)
			if err != nil || len(incs) != 1 || !incs[0].Pending() || incs[0].CompleteBy != date(t, "2026-01-20") ||
				incs[0].PrevDueOn != r.DueOn || incs[0].Missing != "fotokopi KTP" {
				t.Fatalf("incompletes %+v, %v (complete by 20 January: 15, 19, 20; 16 January is a holiday)", incs, err)
			}
			if m := mailsOf(t, f, store.MailRoutingIncomplete); len(m) != 1 || m[0] != r.Number+" → budi@example.id" {
				t.Fatalf("mails %q", m)
			}
			wantEntries(t, auditSince(t, f.s, seq), entry{action: terbuka.AuditRequestMarkedIncomplete, entity: "request", ref: r.Number,
				actor: f.pelaksana.Name, actorID: f.pelaksana.ID, data: []string{`"complete_by":"2026-01-20"`, `"missing_sha256":"`}})
			verifyOK(t, f.s)
		})
		t.Run("WaitingRequestIsFrozen", func(t *testing.T) {
			f.at(t, wib(2026, 1, 15, 10, 0))
			_, err := f.s.MarkIncomplete(ctx, f.pelaksana, r.Number, "fotokopi KTP")
			wantCode(t, err, terbuka.EConflict)
			for name, err := range map[string]error{
				"extend": errOf(f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "Perlu waktu.")),
				"decide": errOf(f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted})),
				"dispose": errOf(f.s.DisposeRequest(ctx, f.ppid, r.Number, terbuka.DispositionInput{To: []string{"dindik-uji"},
					Instructions: "Mohon data."})),
			} {
				if e := terbuka.AsError(err); e == nil || e.Code != terbuka.EConflict || e.Msg.Key != "conflict.incomplete_waiting" {
					t.Errorf("%s: %v, want conflict.incomplete_waiting", name, err)
				}
			}
			// Long past the stored due date it is still not overdue.
			f.at(t, wib(2026, 2, 20, 10, 0))
			list, _, err := f.s.ListRequests(ctx, f.ppid, store.RequestFilter{Overdue: true})
			if err != nil || len(list) != 0 {
				t.Fatalf("overdue list %v, %v: an incomplete request's due date is not running", numbers(list), err)
			}
		})
		t.Run("TooLate", func(t *testing.T) {
			late, _ := f.create(t, "dinkes-uji", nil) // received Mon 12 January: flag window ends Thu 15 January
			f.at(t, wib(2026, 1, 19, 8, 0))
			_, err := f.s.MarkIncomplete(ctx, f.ppid, late.Number, "fotokopi KTP")
			if e := terbuka.AsError(err); e == nil || e.Code != terbuka.EConflict || e.Msg.Key != "conflict.incomplete_too_late" {
				t.Fatalf("after the flag window: %v", err)
			}
		})
		t.Run("ConfiguredWindow", func(t *testing.T) {
			if err := f.s.SetRoutingConfig(terbuka.RoutingConfig{IncompleteFlagDays: 5, IncompleteCompleteDays: 1}); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = f.s.SetRoutingConfig(terbuka.RoutingConfig{}) })
			r2, _ := f.create(t, "dinkes-uji", nil)
			f.at(t, wib(2026, 1, 19, 8, 0)) // the 3rd working day after the 12th was the 15th; 5 reach the 20th
			got, err := f.s.MarkIncomplete(ctx, f.ppid, r2.Number, "rincian informasi kurang jelas")
			if err != nil {
				t.Fatal(err)
			}
			incs, _ := f.s.Incompletes(ctx, got)
			if len(incs) != 1 || incs[0].CompleteBy != date(t, "2026-01-20") {
				t.Fatalf("complete by %+v, want 2026-01-20 (one working day)", incs)
			}
			if err := f.s.SetRoutingConfig(terbuka.RoutingConfig{IncompleteFlagDays: 30}); err == nil {
				t.Fatal("a 30-day window was accepted")
			}
		})
	})
}

func errOf[T any](_ T, err error) error { return err }

// TestIncompleteService_Complete: completing restarts the clock. Flagged
// on Wed 14 January 2026, completed on Thu 15 January at 17:00, after
// office hours: the next working day is Mon 19 January (16 January is Isra
// Mikraj), so the request counts as received then and is due 10 working
// days later, on Mon 2 February.
func TestIncompleteService_Complete(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		r, token := f.create(t, "dinkes-uji", nil)
		f.at(t, wib(2026, 1, 14, 10, 0))
		if _, err := f.s.MarkIncomplete(ctx, f.pelaksana, r.Number, "rincian informasi kurang jelas"); err != nil {
			t.Fatal(err)
		}
		in := terbuka.Completion{Information: "Laporan realisasi anggaran Dinas Kesehatan tahun 2025 per program dan kegiatan",
			Note: "Termasuk belanja modal.", Requester: &terbuka.CompletionRequester{Phone: "0813-1111-2222"}}
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := f.s.CompleteRequest(ctx, r.Number, "salah", in)
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.CompleteRequest(ctx, "DINKES-2026-999999", token, in)
			wantCode(t, err, terbuka.ENotFound)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := f.s.CompleteRequest(ctx, r.Number, token, terbuka.Completion{Information: "kurang"})
			wantField(t, err, "information")
		})
		seq := lastSeq(t, f.s)
		t.Run("OK", func(t *testing.T) {
			f.at(t, wib(2026, 1, 15, 17, 0))
			got, err := f.s.CompleteRequest(ctx, r.Number, token, in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != terbuka.StatusRegistered || got.ReceivedOn != date(t, "2026-01-19") || got.DueOn != date(t, "2026-02-02") ||
				got.OriginalDueOn != got.DueOn || got.CalendarVersion == "" || got.Information != in.Information {
				t.Fatalf("after completion: %s received %s due %s (orig %s) %q", got.Status, got.ReceivedOn, got.DueOn, got.OriginalDueOn, got.CalendarVersion)
			}
			e := lastEvent(t, got)
			if e.Kind != "completed" || !strings.Contains(e.Note, "2026-01-12 → 2026-01-19") || !strings.Contains(e.Note, "2026-01-27 → 2026-02-02") {
				t.Fatalf("event %+v: the earlier dates stay in the history", e)
			}
			staff := f.staffView(t, r.Number)
			if staff.Requester.Phone != "+6281311112222" || staff.Requester.Email != "budi@example.id" {
				t.Fatalf("requester after completion %+v", staff.Requester)
			}
			incs, _ := f.s.Incompletes(ctx, staff)
			if len(incs) != 1 || incs[0].Pending() || incs[0].CompletionNote != "Termasuk belanja modal." ||
				incs[0].PrevReceivedOn != date(t, "2026-01-12") || incs[0].PrevDueOn != date(t, "2026-01-27") {
				t.Fatalf("incomplete record %+v", incs)
			}
			if m := mailsOf(t, f, store.MailRoutingCompleted); len(m) != 1 {
				t.Fatalf("completion mails %q", m)
			}
			wantEntries(t, auditSince(t, f.s, seq), entry{action: terbuka.AuditRequestCompleted, entity: "request", ref: r.Number,
				actor: terbuka.ActorPublic, data: []string{`"received_on":"2026-01-19"`, `"due_on":"2026-02-02"`,
					`"due_on_before":"2026-01-27"`, `"changed":["information","requester.phone"]`}})
			verifyOK(t, f.s)
			// Now it runs again: it can be extended from its new dates.
			ext, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "Data tersebar di beberapa bidang.")
			if err != nil || ext.DueOn != date(t, "2026-02-11") {
				t.Fatalf("extension after completion: %v, due %s", err, ext.DueOn)
			}
		})
		t.Run("ErrConflict", func(t *testing.T) {
			_, err := f.s.CompleteRequest(ctx, r.Number, token, in)
			if e := terbuka.AsError(err); e == nil || e.Code != terbuka.EConflict || e.Msg.Key != "conflict.not_incomplete" {
				t.Fatalf("completing twice: %v", err)
			}
		})
		t.Run("TooLate", func(t *testing.T) {
			f.at(t, wib(2026, 1, 12, 11, 0))
			late, lateToken := f.create(t, "dinkes-uji", nil)
			if _, err := f.s.MarkIncomplete(ctx, f.pelaksana, late.Number, "fotokopi KTP"); err != nil {
				t.Fatal(err)
			}
			f.at(t, wib(2026, 1, 16, 9, 0)) // the window ended on Thu 15 January
			_, err := f.s.CompleteRequest(ctx, late.Number, lateToken, in)
			if e := terbuka.AsError(err); e == nil || e.Code != terbuka.EConflict || e.Msg.Key != "conflict.completion_too_late" {
				t.Fatalf("completing after the window: %v", err)
			}
		})
	})
}

// TestLapseJob: an incomplete request lapses exactly once, the day after
// its window, however often and on however many instances the sweep runs.
func TestLapseJob(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		waiting, _ := f.create(t, "dinkes-uji", nil)
		completed, completedToken := f.create(t, "dindik-uji", nil)
		noMail, _ := f.create(t, "dinkes-uji", withoutEmail)
		for _, n := range []string{waiting.Number, completed.Number, noMail.Number} {
			if _, err := f.s.MarkIncomplete(ctx, f.ppid, n, "fotokopi KTP"); err != nil {
				t.Fatal(err)
			}
		}
		// Flagged Mon 12 January: the window ends Thu 15 January.
		f.at(t, wib(2026, 1, 13, 9, 0))
		if _, err := f.s.CompleteRequest(ctx, completed.Number, completedToken, terbuka.Completion{Information: "Laporan realisasi anggaran 2025"}); err != nil {
			t.Fatal(err)
		}
		second := secondInstance(t, f)
		sweep := func(s *store.Store) {
			t.Helper()
			l := &jobs.Lapses{Store: s, Clock: f.clock}
			if err := l.Sweep(ctx, store.Job{}); err != nil {
				t.Fatal(err)
			}
		}
		f.at(t, wib(2026, 1, 15, 23, 30))
		sweep(f.s)
		if got := f.staffView(t, waiting.Number); got.Status != terbuka.StatusIncomplete {
			t.Fatalf("on the last day of the window: %s", got.Status)
		}
		f.at(t, wib(2026, 1, 16, 0, 30)) // a holiday, but the window has ended
		seq := lastSeq(t, f.s)
		var wg sync.WaitGroup
		for _, s := range []*store.Store{f.s, second, f.s, second} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l := &jobs.Lapses{Store: s, Clock: f.clock}
				if err := l.Sweep(ctx, store.Job{}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		sweep(f.s)
		for _, n := range []string{waiting.Number, noMail.Number} {
			got := f.staffView(t, n)
			if got.Status != terbuka.StatusLapsed {
				t.Fatalf("%s: %s, want lapsed", n, got.Status)
			}
			lapses := 0
			for _, e := range got.Events {
				if e.Kind == "lapsed" {
					lapses++
					if !e.Public || e.Note != "2026-01-15" {
						t.Errorf("lapse event %+v", e)
					}
				}
			}
			if lapses != 1 {
				t.Fatalf("%s lapsed %d times", n, lapses)
			}
		}
		if got := f.staffView(t, completed.Number); got.Status != terbuka.StatusRegistered {
			t.Fatalf("the completed request is %s", got.Status)
		}
		if m := mailsOf(t, f, store.MailRoutingLapsed); len(m) != 1 || m[0] != waiting.Number+" → budi@example.id" {
			t.Fatalf("lapse mails %q: one, to the requester with an e-mail", m)
		}
		entries := auditSince(t, f.s, seq)
		if len(entries) != 2 || entries[0].Action != terbuka.AuditRequestLapsed || entries[0].Actor != terbuka.ActorSystem {
			t.Fatalf("audit %+v", entries)
		}
		verifyOK(t, f.s)
		// A lapsed request stays lapsed.
		_, err := f.s.DecideRequest(ctx, f.ppid, waiting.Number, terbuka.DecisionInput{Decision: terbuka.Granted})
		wantCode(t, err, terbuka.EConflict)
	})
}
