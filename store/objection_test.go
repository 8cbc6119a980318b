package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

const (
	statement      = "Informasi anggaran tidak memuat rahasia pribadi siapa pun."
	upheldReasons  = "Dokumen memuat nama dan diagnosis pasien; uji konsekuensi PPID tepat."
	consequenceTxt = "Membuka dokumen ini mengungkap rahasia pribadi pasien yang dirawat."
)

// denied files a request at dinkes-uji on Monday 12 January 2026 09:00 WIB
// (due 27 January) and has the PPID Pelaksana deny it under Pasal 17
// huruf h at that moment.
func (f *fixture) denied(t *testing.T) (terbuka.Request, string) {
	t.Helper()
	r, token := f.create(t, "dinkes-uji", nil)
	_, err := f.s.DecideRequest(context.Background(), f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.Denied,
		Exemption: &terbuka.Exemption{Basis: "h", ConsequenceTest: consequenceTxt}})
	if err != nil {
		t.Fatalf("deny %s: %v", r.Number, err)
	}
	return r, token
}

// object files an objection on reason at the clock's time or fails.
func (f *fixture) object(t *testing.T, number, token string, reason terbuka.ObjectionReason) terbuka.Objection {
	t.Helper()
	o, err := f.s.CreateObjection(context.Background(), number, token, terbuka.NewObjection{Reason: reason, Statement: statement}, store.ObjectionOptions{})
	if err != nil {
		t.Fatalf("object to %s on %s: %v", number, reason, err)
	}
	return o
}

// uphold has the atasan PPID uphold objection number or fails.
func (f *fixture) uphold(t *testing.T, number string) terbuka.Objection {
	t.Helper()
	o, err := f.s.DecideObjection(context.Background(), f.atasan, number, terbuka.ObjectionDecisionInput{
		Decision: terbuka.Upheld, Reasons: upheldReasons, Position: "Sekretaris Daerah Provinsi Uji"})
	if err != nil {
		t.Fatalf("uphold %s: %v", number, err)
	}
	return o
}

// queued lists the queued mails whose kind starts with prefix as
// "kind ref → recipient".
func queued(t *testing.T, f *fixture, prefix string) []string {
	t.Helper()
	rows, err := rawDB(t, f.db).Query("SELECT kind, ref, recipient FROM mail_outbox WHERE kind LIKE $1 ORDER BY id", prefix+"%")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var kind, ref, to string
		if err := rows.Scan(&kind, &ref, &to); err != nil {
			t.Fatal(err)
		}
		out = append(out, kind+" "+ref+" → "+to)
	}
	return out
}

func TestObjectionService_Create(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			r, token := f.denied(t)
			f.at(t, wib(2026, 1, 14, 10, 0))
			seq := lastSeq(t, f.s)
			o := f.object(t, r.Number, token, "a")
			if o.Number != "KEB-DINKES-2026-000001" || o.Status != terbuka.ObjectionRegistered || o.ReceivedOn.String() != "2026-01-14" ||
				o.DueOn.String() != "2026-03-02" || o.GroundOn.String() != "2026-01-12" || o.WindowCloses.String() != "2026-02-26" {
				t.Fatalf("got %s %s received %s due %s window %s–%s", o.Number, o.Status, o.ReceivedOn, o.DueOn, o.GroundOn, o.WindowCloses)
			}
			got, err := f.s.ObjectionByTracking(ctx, o.Number, token)
			if err != nil || got.Statement != statement || got.Reason != "a" || got.RequestNumber != r.Number || got.Dispute != nil ||
				got.DueOn != o.DueOn || !got.SubmittedAt.Equal(f.clock.t) || got.Information != r.Information {
				t.Fatalf("tracked %+v, %v", got, err)
			}
			tracked, err := f.s.RequestByTracking(ctx, r.Number, token)
			if err != nil {
				t.Fatal(err)
			}
			last := tracked.Events[len(tracked.Events)-1]
			if last.Kind != "objection" || last.Note != o.Number+": a" || last.Status != terbuka.StatusAnswered {
				t.Fatalf("request event %+v", last)
			}
			if r.Status = f.staffView(t, r.Number).Status; r.Status != terbuka.StatusAnswered {
				t.Fatalf("the request's status changed to %s", r.Status)
			}
			wantEntries(t, auditSince(t, f.s, seq), entry{action: terbuka.AuditObjectionCreated, entity: terbuka.AuditEntityObjection,
				ref: o.Number, actor: terbuka.ActorPublic, data: []string{`"reason":"a"`, `"request":"` + r.Number + `"`,
					`"due_on":"2026-03-02"`, `"statement_sha256":"` + terbuka.TextDigest(statement) + `"`}})
			for _, e := range auditSince(t, f.s, seq) {
				if strings.Contains(e.Data, "Budi") || strings.Contains(e.Data, "rahasia") {
					t.Fatalf("audit entry holds personal data or free text: %s", e.Data)
				}
			}
			mails := queued(t, f, "objection_")
			if !slices.Contains(mails, "objection_receipt "+o.Number+" → budi@example.id") ||
				!slices.Contains(mails, "objection_staff_filed "+o.Number+" → atasan@uji.go.id") || len(mails) != 2 {
				t.Fatalf("mails %q", mails)
			}
			notes, _, err := f.s.Notifications(ctx, f.atasan, true, 0)
			if err != nil || len(notes) != 1 || notes[0].Ref != o.Number || !strings.Contains(notes[0].Body, "huruf a") ||
				strings.Contains(notes[0].Body, "Budi") {
				t.Fatalf("atasan notifications %+v, %v", notes, err)
			}
			verifyOK(t, f.s)
		})
		t.Run("NumbersPerBodyAndYear", func(t *testing.T) {
			f.newOPD(t, "dishub-uji", "DISHUB")
			f.at(t, wib(2026, 1, 14, 10, 0))
			r1, t1 := f.denied(t)
			r2, t2 := f.create(t, "dishub-uji", nil)
			if _, err := f.s.DecideRequest(ctx, f.ppid, r2.Number, terbuka.DecisionInput{Decision: terbuka.Granted}); err != nil {
				t.Fatal(err)
			}
			a := f.object(t, r1.Number, t1, "a")
			b := f.object(t, r2.Number, t2, "d")
			if !strings.HasPrefix(a.Number, "KEB-DINKES-2026-") || b.Number != "KEB-DISHUB-2026-000001" {
				t.Fatalf("numbers %s %s", a.Number, b.Number)
			}
		})
		t.Run("AfterHoursCountsNextWorkingDay", func(t *testing.T) {
			r, token := f.denied(t)
			f.at(t, wib(2026, 1, 15, 17, 30)) // Thursday evening; Friday 16 January is Isra Mikraj
			o := f.object(t, r.Number, token, "e")
			if o.ReceivedOn.String() != "2026-01-19" || o.DueOn.String() != "2026-03-04" {
				t.Fatalf("received %s due %s", o.ReceivedOn, o.DueOn)
			}
		})
		t.Run("ErrOpenObjection", func(t *testing.T) {
			r, token := f.denied(t)
			f.at(t, wib(2026, 1, 14, 10, 0))
			o := f.object(t, r.Number, token, "a")
			_, err := f.s.CreateObjection(ctx, r.Number, token, terbuka.NewObjection{Reason: "e", Statement: statement}, store.ObjectionOptions{})
			wantCode(t, err, terbuka.EConflict)
			f.uphold(t, o.Number)
			second := f.object(t, r.Number, token, "e")
			if second.Number == o.Number {
				t.Fatal("the second objection reused the number")
			}
		})
		t.Run("ErrOutsideWindow", func(t *testing.T) {
			r, token := f.create(t, "dinkes-uji", nil)
			f.at(t, wib(2026, 1, 27, 12, 0))
			_, err := f.s.CreateObjection(ctx, r.Number, token, terbuka.NewObjection{Reason: "c", Statement: statement}, store.ObjectionOptions{})
			wantField(t, err, "reason")
			msg := terbuka.AsError(err).Fields["reason"]
			if msg.Key != "invalid.objection_not_overdue" || msg.Args[2] != "2026-01-28" {
				t.Fatalf("message %+v", msg)
			}
			f.at(t, wib(2026, 1, 28, 8, 0))
			o := f.object(t, r.Number, token, "c")
			if o.GroundOn.String() != "2026-01-28" || o.WindowCloses.String() != "2026-03-13" {
				t.Fatalf("window %s–%s", o.GroundOn, o.WindowCloses)
			}
		})
		t.Run("ErrWindowClosed", func(t *testing.T) {
			r, token := f.denied(t)
			before := len(queued(t, f, "objection_"))
			f.at(t, wib(2026, 2, 27, 8, 0)) // the window of 12 January closed on 26 February
			_, err := f.s.CreateObjection(ctx, r.Number, token, terbuka.NewObjection{Reason: "a", Statement: statement}, store.ObjectionOptions{})
			wantField(t, err, "reason")
			if e := terbuka.AsError(err); e.Fields["reason"].Key != "invalid.objection_window_closed" {
				t.Fatalf("error %v", err)
			}
			if got := queued(t, f, "objection_"); len(got) != before {
				t.Fatal("a refused objection queued mail")
			}
		})
		t.Run("ErrReasonANeedsRefusal", func(t *testing.T) {
			r, token := f.create(t, "dinkes-uji", nil)
			if _, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted}); err != nil {
				t.Fatal(err)
			}
			_, err := f.s.CreateObjection(ctx, r.Number, token, terbuka.NewObjection{Reason: "a", Statement: statement}, store.ObjectionOptions{})
			wantField(t, err, "reason")
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			r, token := f.denied(t)
			for _, c := range []struct{ number, token string }{{r.Number, "salah"}, {r.Number, ""}, {"DINKES-2026-999999", token}} {
				_, err := f.s.CreateObjection(ctx, c.number, c.token, terbuka.NewObjection{Reason: "a", Statement: statement}, store.ObjectionOptions{})
				wantCode(t, err, terbuka.ENotFound)
			}
			o := f.object(t, r.Number, token, "a")
			_, err := f.s.ObjectionByTracking(ctx, o.Number, "salah")
			wantCode(t, err, terbuka.ENotFound)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			r, token := f.denied(t)
			_, err := f.s.CreateObjection(ctx, r.Number, token, terbuka.NewObjection{Reason: "z"}, store.ObjectionOptions{})
			wantField(t, err, "reason")
			wantField(t, err, "statement")
		})
	})
}

func TestObjectionService_Decide(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			r, token := f.denied(t)
			o := f.object(t, r.Number, token, "a")
			f.at(t, wib(2026, 2, 10, 9, 30))
			seq := lastSeq(t, f.s)
			got := f.uphold(t, o.Number)
			d := got.Decision
			if got.Status != terbuka.ObjectionDecided || d == nil || d.Kind != terbuka.Upheld || d.Reasons != upheldReasons ||
				d.DecidedBy != f.atasan.Name || d.Position != "Sekretaris Daerah Provinsi Uji" || !d.DecidedAt.Equal(f.clock.t) {
				t.Fatalf("decided %+v %+v", got, d)
			}
			if k := eventKinds(f.staffView(t, r.Number).Events); k[len(k)-1] != "objection_decided" {
				t.Fatalf("events %v", k)
			}
			wantEntries(t, auditSince(t, f.s, seq), entry{action: terbuka.AuditObjectionDecided, entity: terbuka.AuditEntityObjection,
				ref: o.Number, actor: f.atasan.Name, actorID: f.atasan.ID,
				data: []string{`"decision":"upheld"`, `"status":"decided"`, `"reasons_sha256":"` + terbuka.TextDigest(upheldReasons) + `"`}})
			if !slices.Contains(queued(t, f, "objection_decided"), "objection_decided "+o.Number+" → budi@example.id") {
				t.Fatalf("decision mail not queued: %q", queued(t, f, "objection_"))
			}
			_, err := f.s.DecideObjection(ctx, f.atasan, o.Number, terbuka.ObjectionDecisionInput{Decision: terbuka.ReleaseOrdered, Position: "Sekda"})
			wantCode(t, err, terbuka.EConflict)
		})
		t.Run("ReleaseOrderedTellsThePPID", func(t *testing.T) {
			r, token := f.denied(t)
			o := f.object(t, r.Number, token, "a")
			got, err := f.s.DecideObjection(ctx, f.atasan, o.Number, terbuka.ObjectionDecisionInput{Decision: terbuka.ReleaseOrdered,
				Release: terbuka.ReleasePartial, Reasons: "Nama pasien tetap dihitamkan.", Position: "Sekda"})
			if err != nil || got.Decision.Release != terbuka.ReleasePartial {
				t.Fatalf("%+v, %v", got.Decision, err)
			}
			mails := queued(t, f, "objection_staff_ordered")
			if !slices.Contains(mails, "objection_staff_ordered "+o.Number+" → ppid@uji.go.id") ||
				!slices.Contains(mails, "objection_staff_ordered "+o.Number+" → dinkes@uji.go.id") || len(mails) != 2 {
				t.Fatalf("mails %q", mails)
			}
		})
		t.Run("ErrForbiddenForStaffWhoSeeIt", func(t *testing.T) {
			r, token := f.denied(t)
			o := f.object(t, r.Number, token, "a")
			in := terbuka.ObjectionDecisionInput{Decision: terbuka.Upheld, Reasons: upheldReasons, Position: "Sekda"}
			for _, u := range []terbuka.User{f.pelaksana, f.ppid, f.admin} {
				_, err := f.s.DecideObjection(ctx, u, o.Number, in)
				wantCode(t, err, terbuka.EForbidden)
			}
			for _, u := range []terbuka.User{f.otherPelaksana, f.evalUsr} {
				_, err := f.s.DecideObjection(ctx, u, o.Number, in)
				wantCode(t, err, terbuka.ENotFound)
				_, err = f.s.ObjectionForStaff(ctx, u, o.Number)
				wantCode(t, err, terbuka.ENotFound)
			}
			if got, err := f.s.ObjectionForStaff(ctx, f.pelaksana, o.Number); err != nil || got.Status != terbuka.ObjectionRegistered {
				t.Fatalf("after refused decisions: %+v, %v", got, err)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			r, token := f.denied(t)
			o := f.object(t, r.Number, token, "a")
			_, err := f.s.DecideObjection(ctx, f.atasan, o.Number, terbuka.ObjectionDecisionInput{Decision: terbuka.Upheld, Position: "Sekda"})
			wantField(t, err, "reasons")
			_, err = f.s.DecideObjection(ctx, f.atasan, "KEB-DINKES-2026-999999", terbuka.ObjectionDecisionInput{Decision: terbuka.ReleaseOrdered, Position: "Sekda"})
			wantCode(t, err, terbuka.ENotFound)
		})
	})
}

func TestObjectionService_Respond(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		r, token := f.denied(t)
		o := f.object(t, r.Number, token, "a")
		_, err := f.s.RespondToObjection(ctx, o.Number, token, "Saya tidak setuju.")
		wantCode(t, err, terbuka.EConflict)
		f.uphold(t, o.Number)
		_, err = f.s.RespondToObjection(ctx, o.Number, "salah", "Saya tidak setuju.")
		wantCode(t, err, terbuka.ENotFound)
		_, err = f.s.RespondToObjection(ctx, o.Number, token, "   ")
		wantField(t, err, "response")
		got, err := f.s.RespondToObjection(ctx, o.Number, token, "  Saya akan mengajukan sengketa.  ")
		if err != nil || got.Response != "Saya akan mengajukan sengketa." || !got.RespondedAt.Equal(f.clock.t) {
			t.Fatalf("%+v, %v", got, err)
		}
		_, err = f.s.RespondToObjection(ctx, o.Number, token, "Lagi.")
		wantCode(t, err, terbuka.EConflict)
		if k := eventKinds(f.staffView(t, r.Number).Events); k[len(k)-1] != "objection_response" {
			t.Fatalf("events %v", k)
		}
	})
}

func TestObjectionService_List(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		r1, t1 := f.denied(t)
		o1 := f.object(t, r1.Number, t1, "a")
		r2, t2 := f.create(t, "dindik-uji", nil)
		f.at(t, wib(2026, 1, 28, 9, 0))
		o2 := f.object(t, r2.Number, t2, "c")
		f.uphold(t, o1.Number)
		numbers := func(u terbuka.User, flt store.ObjectionFilter) []string {
			t.Helper()
			list, total, err := f.s.ListObjections(ctx, u, flt)
			if err != nil || total != len(list) {
				t.Fatalf("list: %d of %d, %v", len(list), total, err)
			}
			var out []string
			for _, o := range list {
				out = append(out, o.Number)
			}
			return out
		}
		all := []string{o2.Number, o1.Number}
		for _, c := range []struct {
			name string
			u    terbuka.User
			f    store.ObjectionFilter
			want []string
		}{
			{"atasan sees the government", f.atasan, store.ObjectionFilter{}, all},
			{"PPID Utama sees the government", f.ppid, store.ObjectionFilter{}, all},
			{"pelaksana sees its unit", f.pelaksana, store.ObjectionFilter{}, []string{o1.Number}},
			{"other pelaksana", f.otherPelaksana, store.ObjectionFilter{}, []string{o2.Number}},
			{"evaluator sees none", f.evalUsr, store.ObjectionFilter{}, nil},
			{"status", f.atasan, store.ObjectionFilter{Status: terbuka.ObjectionDecided}, []string{o1.Number}},
			{"request", f.atasan, store.ObjectionFilter{RequestNumber: r2.Number}, []string{o2.Number}},
			{"text", f.atasan, store.ObjectionFilter{Text: "keb-dindik"}, []string{o2.Number}},
			{"body", f.atasan, store.ObjectionFilter{BodySlug: "dinkes-uji"}, []string{o1.Number}},
			{"year", f.atasan, store.ObjectionFilter{Year: 2025}, nil},
			{"not yet overdue", f.atasan, store.ObjectionFilter{Overdue: true}, nil},
		} {
			t.Run(c.name, func(t *testing.T) {
				if got := numbers(c.u, c.f); !slices.Equal(got, c.want) {
					t.Fatalf("got %q, want %q", got, c.want)
				}
			})
		}
		t.Run("overdue after the due date", func(t *testing.T) {
			f.at(t, wib(2026, 3, 20, 9, 0)) // o2 received 28 January, due 11 March
			if got := numbers(f.atasan, store.ObjectionFilter{Overdue: true}); !slices.Equal(got, []string{o2.Number}) {
				t.Fatalf("overdue %q (due %s)", got, o2.DueOn)
			}
			list, err := f.s.ObjectionsForRequest(ctx, r2)
			if err != nil || len(list) != 1 || !list[0].Overdue(f.s.ObjectionToday(list[0])) {
				t.Fatalf("%+v %v", list, err)
			}
		})
	})
}

func TestObjectionService_RecomputedOnCalendarChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		r, token := f.denied(t)
		f.at(t, wib(2026, 1, 14, 10, 0))
		o := f.object(t, r.Number, token, "a") // due 2 March
		decided, dt := f.denied(t)
		done := f.object(t, decided.Number, dt, "a")
		f.uphold(t, done.Number)
		if err := f.s.AddRegionalHoliday(ctx, f.admin, "dinkes-uji", date(t, "2026-02-02"), "Hari jadi daerah"); err != nil {
			t.Fatal(err)
		}
		got, err := f.s.ObjectionForStaff(ctx, f.atasan, o.Number)
		if err != nil || got.DueOn.String() != "2026-03-03" || !strings.Contains(got.CalendarVersion, "+R") {
			t.Fatalf("due %s (%s), %v", got.DueOn, got.CalendarVersion, err)
		}
		if k := eventKinds(f.staffView(t, r.Number).Events); k[len(k)-1] != "objection_deadline_recomputed" {
			t.Fatalf("events %v", k)
		}
		if d, _ := f.s.ObjectionForStaff(ctx, f.atasan, done.Number); d.DueOn != done.DueOn {
			t.Fatalf("a decided objection moved: %s", d.DueOn)
		}
		hist, err := f.s.AuditFor(ctx, f.atasan, terbuka.AuditEntityObjection, o.Number)
		if err != nil || hist[len(hist)-1].Action != terbuka.AuditObjectionDeadlineRecompute {
			t.Fatalf("history %+v, %v", hist, err)
		}
		verifyOK(t, f.s)
	})
}
