package store_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/store"
)

// routingRunner runs the disposition jobs on f's store and clock.
func (f *fixture) routingRunner() *jobs.Runner {
	d := &jobs.Dispositions{Store: f.s, Clock: f.clock}
	l := &jobs.Lapses{Store: f.s, Clock: f.clock}
	return &jobs.Runner{Store: f.s, Worker: "test", Concurrency: 1, Clock: f.clock, Handlers: map[string]jobs.Handler{
		jobs.KindDispositionSweep: d.Sweep, jobs.KindDispositionNotice: d.Notice, jobs.KindLapseSweep: l.Sweep}}
}

// sees reports whether u can read request number and finds it in its list.
func sees(t *testing.T, f *fixture, u terbuka.User, number string) (read, listed bool) {
	t.Helper()
	_, err := f.s.RequestForStaff(context.Background(), u, number)
	if err != nil && terbuka.ErrorCode(err) != terbuka.ENotFound {
		t.Fatal(err)
	}
	list, _, lerr := f.s.ListRequests(context.Background(), u, store.RequestFilter{Limit: -1})
	if lerr != nil {
		t.Fatal(lerr)
	}
	return err == nil, slices.Contains(numbers(list), number)
}

func dispositionsOf(t *testing.T, f *fixture, number string) []terbuka.Disposition {
	t.Helper()
	ds, err := f.s.Dispositions(context.Background(), f.staffView(t, number))
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

var instructions = "Mohon siapkan data jumlah tenaga kesehatan per puskesmas tahun 2025."

func TestDispositionService(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		// Filed at the PPID Utama: the OPDs do not see it until it is forwarded.
		r, token := f.create(t, "diskominfo-uji", nil) // Mon 12 January, due Tue 27 January
		if read, listed := sees(t, f, f.pelaksana, r.Number); read || listed {
			t.Fatal("the OPD sees a request that was not forwarded to it")
		}
		in := terbuka.DispositionInput{To: []string{"dinkes-uji"}, Days: 5, Instructions: instructions}
		t.Run("ErrForbidden", func(t *testing.T) {
			own, _ := f.create(t, "dinkes-uji", nil)
			_, err := f.s.DisposeRequest(ctx, f.pelaksana, own.Number, terbuka.DispositionInput{To: []string{"dindik-uji"}, Instructions: instructions})
			wantCode(t, err, terbuka.EForbidden) // a PPID Pelaksana does not forward
			_, err = f.s.DisposeRequest(ctx, f.atasan, r.Number, in)
			wantCode(t, err, terbuka.EForbidden)
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := f.s.DisposeRequest(ctx, f.pelaksana, r.Number, in)
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.DisposeRequest(ctx, f.ppid, "KOMINFO-2026-999999", in)
			wantCode(t, err, terbuka.ENotFound)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			for _, to := range [][]string{{"ki-uji"}, {"diskominfo-uji"}, {"tidak-ada"}, {"dinkes-uji", "prov-uji"}, nil} {
				_, err := f.s.DisposeRequest(ctx, f.ppid, r.Number, terbuka.DispositionInput{To: to, Instructions: instructions})
				wantField(t, err, "to")
			}
			// 11 working days end on 28 January, after the due date.
			_, err := f.s.DisposeRequest(ctx, f.ppid, r.Number, terbuka.DispositionInput{To: []string{"dinkes-uji"}, Days: 11, Instructions: instructions})
			wantField(t, err, "days")
			if m := terbuka.AsError(err).Fields["days"]; m.Key != "invalid.disposition_after_due" || m.Args[2] != 10 {
				t.Fatalf("days problem %+v: name the longest possible deadline", m)
			}
			_, err = f.s.DisposeRequest(ctx, f.ppid, r.Number, terbuka.DispositionInput{To: []string{"dinkes-uji"}})
			wantField(t, err, "instructions")
		})
		seq := lastSeq(t, f.s)
		t.Run("OK", func(t *testing.T) {
			got, err := f.s.DisposeRequest(ctx, f.ppid, r.Number, in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != terbuka.StatusInProcess {
				t.Fatalf("status %s, want in_process", got.Status)
			}
			ds := dispositionsOf(t, f, r.Number)
			if len(ds) != 1 || ds[0].ToBodySlug != "dinkes-uji" || ds[0].DueOn != date(t, "2026-01-20") || ds[0].State != terbuka.DispositionOpen ||
				ds[0].Instructions != instructions || ds[0].CreatedBy != f.ppid.Name {
				t.Fatalf("dispositions %+v (5 working days from 12 January: 13, 14, 15, 19, 20)", ds)
			}
			if read, listed := sees(t, f, f.pelaksana, r.Number); !read || !listed {
				t.Fatalf("the OPD it was forwarded to: read %v, listed %v", read, listed)
			}
			if read, listed := sees(t, f, f.otherPelaksana, r.Number); read || listed {
				t.Fatal("another OPD sees the request")
			}
			// Routing is internal; the requester sees only that it is in process.
			tracked, err := f.s.RequestByTracking(ctx, r.Number, token)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range tracked.Events {
				if e.Kind == "disposed" {
					t.Fatalf("the requester sees the disposition: %+v", e)
				}
			}
			if e := lastEvent(t, tracked); e.Kind != "in_process" {
				t.Fatalf("public events end with %+v", e)
			}
			wantEntries(t, auditSince(t, f.s, seq), entry{action: terbuka.AuditRequestDisposed, entity: "request", ref: r.Number,
				actor: f.ppid.Name, actorID: f.ppid.ID, data: []string{`"to":"dinkes-uji"`, `"due_on":"2026-01-20"`, `"status":"in_process"`}})
		})
		t.Run("TheOPDMayNotActOnTheRequest", func(t *testing.T) {
			_, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "Perlu waktu.")
			wantCode(t, err, terbuka.EForbidden) // it reads the request, so not 404
			_, err = f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted})
			wantCode(t, err, terbuka.EForbidden)
			_, err = f.s.MarkIncomplete(ctx, f.pelaksana, r.Number, "fotokopi KTP")
			wantCode(t, err, terbuka.EForbidden)
			if ok, err := f.s.CanActOn(ctx, f.pelaksana, f.staffView(t, r.Number)); ok || err != nil {
				t.Fatalf("CanActOn = %v, %v", ok, err)
			}
		})
		t.Run("ErrConflict", func(t *testing.T) {
			_, err := f.s.DisposeRequest(ctx, f.ppid, r.Number, in)
			wantCode(t, err, terbuka.EConflict) // dinkes has not answered yet
		})
		t.Run("NoticesToTheOPD", func(t *testing.T) {
			if n := drain(t, f.routingRunner()); n != 1 {
				t.Fatalf("ran %d jobs, want the one disposition notice", n)
			}
			ds := dispositionsOf(t, f, r.Number)
			if m := mailsOf(t, f, store.MailRoutingDisposition); len(m) != 1 || m[0] != itoa(ds[0].ID)+"|5 → dinkes@uji.go.id" {
				t.Fatalf("disposition mails %q", m)
			}
			if n, _ := f.s.UnreadCount(ctx, f.pelaksana); n != 1 {
				t.Fatalf("the OPD has %d notifications", n)
			}
			if n, _ := f.s.UnreadCount(ctx, f.otherPelaksana); n != 0 {
				t.Fatalf("another OPD has %d notifications", n)
			}
		})
		var other terbuka.Disposition
		t.Run("Withdraw", func(t *testing.T) {
			if _, err := f.s.DisposeRequest(ctx, f.admin, r.Number, terbuka.DispositionInput{To: []string{"dindik-uji"}, Instructions: instructions}); err != nil {
				t.Fatal(err)
			}
			ds := dispositionsOf(t, f, r.Number)
			other = ds[1]
			if other.Days != terbuka.DefaultDispositionDays {
				t.Fatalf("default days %d", other.Days)
			}
			if read, _ := sees(t, f, f.otherPelaksana, r.Number); !read {
				t.Fatal("dindik does not see the request forwarded to it")
			}
			_, err := f.s.WithdrawDisposition(ctx, f.pelaksana, other.ID)
			wantCode(t, err, terbuka.EForbidden) // the OPD sees it but does not route
			d, err := f.s.WithdrawDisposition(ctx, f.ppid, other.ID)
			if err != nil || d.State != terbuka.DispositionWithdrawn {
				t.Fatalf("withdraw: %+v, %v", d, err)
			}
			if read, listed := sees(t, f, f.otherPelaksana, r.Number); read || listed {
				t.Fatal("dindik still sees the request after the withdrawal")
			}
			_, err = f.s.WithdrawDisposition(ctx, f.ppid, other.ID)
			wantCode(t, err, terbuka.EConflict)
			_, err = f.s.AnswerDisposition(ctx, f.otherPelaksana, other.ID, terbuka.AnswerInput{Kind: terbuka.AnswerInformation, Text: "Data."})
			wantCode(t, err, terbuka.ENotFound)
			if n := drain(t, f.routingRunner()); n != 1 {
				t.Fatalf("ran %d jobs", n)
			}
			if n, _ := f.s.UnreadCount(ctx, f.otherPelaksana); n != 0 {
				t.Fatal("a withdrawn disposition was still announced")
			}
		})
		dinkes := dispositionsOf(t, f, r.Number)[0]
		t.Run("Answer", func(t *testing.T) {
			_, err := f.s.AnswerDisposition(ctx, f.ppid, dinkes.ID, terbuka.AnswerInput{Kind: terbuka.AnswerInformation, Text: "Data."})
			wantCode(t, err, terbuka.EForbidden) // the PPID Utama decides, it does not answer
			_, err = f.s.AnswerDisposition(ctx, f.otherPelaksana, dinkes.ID, terbuka.AnswerInput{Kind: terbuka.AnswerInformation, Text: "Data."})
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.AnswerDisposition(ctx, f.pelaksana, dinkes.ID, terbuka.AnswerInput{Kind: terbuka.AnswerDenyProposal, Text: "Ditolak."})
			wantField(t, err, "exemption")
			_, err = f.s.AnswerDisposition(ctx, f.pelaksana, dinkes.ID, terbuka.AnswerInput{Kind: terbuka.AnswerInformation, Text: "Data.", CatalogueID: 9999})
			wantField(t, err, "catalogue_id")
			_, err = f.s.AnswerDisposition(ctx, f.pelaksana, 999999, terbuka.AnswerInput{Kind: terbuka.AnswerInformation, Text: "Data."})
			wantCode(t, err, terbuka.ENotFound)
			entry := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Berkala, "Data tenaga kesehatan 2025"))
			seq := lastSeq(t, f.s)
			d, err := f.s.AnswerDisposition(ctx, f.pelaksana, dinkes.ID, terbuka.AnswerInput{Kind: terbuka.AnswerDenyProposal,
				Text: "Sebagian data memuat identitas pasien.", CatalogueID: entry.ID,
				Exemption: &terbuka.Exemption{Basis: "h", ConsequenceTest: "Membuka nama pasien melanggar rahasia pribadi mereka."}})
			if err != nil {
				t.Fatal(err)
			}
			if d.State != terbuka.DispositionAnswered || d.Answer == nil || d.Answer.Kind != terbuka.AnswerDenyProposal ||
				d.Answer.Exemption == nil || d.Answer.Exemption.Basis != "Pasal 17 huruf h UU 14/2008" || d.Answer.CatalogueID != 0 ||
				d.Answer.AnsweredBy != f.pelaksana.Name {
				t.Fatalf("answered disposition %+v / %+v", d, d.Answer)
			}
			entries := auditSince(t, f.s, seq)
			if len(entries) != 1 || entries[0].Action != terbuka.AuditDispositionAnswered {
				t.Fatalf("audit %+v", entries)
			}
			_, err = f.s.AnswerDisposition(ctx, f.pelaksana, dinkes.ID, terbuka.AnswerInput{Kind: terbuka.AnswerInformation, Text: "Lagi."})
			wantCode(t, err, terbuka.EConflict)
			// The PPID Utama officer who forwarded it hears of the answer.
			drain(t, f.routingRunner())
			if m := mailsOf(t, f, store.MailRoutingDispositionAnswer); len(m) != 1 || m[0] != itoa(dinkes.ID)+"|5 → ppid@uji.go.id" {
				t.Fatalf("answer mails %q", m)
			}
			tracked, _ := f.s.RequestByTracking(ctx, r.Number, token)
			for _, e := range tracked.Events {
				if e.Kind == "disposition_answered" {
					t.Fatal("the requester sees the OPD's answer")
				}
			}
			// The OPD still reads the request after answering.
			if read, _ := sees(t, f, f.pelaksana, r.Number); !read {
				t.Fatal("the OPD lost the request after answering")
			}
		})
		t.Run("TheUtamaDecides", func(t *testing.T) {
			got, err := f.s.DecideRequest(ctx, f.ppid, r.Number, terbuka.DecisionInput{Decision: terbuka.Denied,
				Exemption: &terbuka.Exemption{Basis: "h", ConsequenceTest: "Membuka nama pasien melanggar rahasia pribadi mereka."}})
			if err != nil || got.Status != terbuka.StatusAnswered {
				t.Fatalf("decide: %v %s", err, got.Status)
			}
			_, err = f.s.DisposeRequest(ctx, f.ppid, r.Number, terbuka.DispositionInput{To: []string{"dindik-uji"}, Instructions: instructions})
			wantCode(t, err, terbuka.EConflict)
			verifyOK(t, f.s)
		})
	})
}

// TestDispositionJobs_Reminder: the OPD is reminded once, one working day
// before its internal deadline, and not after answering.
func TestDispositionJobs_Reminder(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		r, _ := f.create(t, "diskominfo-uji", nil)
		answered, _ := f.create(t, "diskominfo-uji", nil)
		for _, n := range []string{r.Number, answered.Number} {
			if _, err := f.s.DisposeRequest(ctx, f.ppid, n, terbuka.DispositionInput{To: []string{"dinkes-uji"}, Days: 3, Instructions: instructions}); err != nil {
				t.Fatal(err)
			}
		}
		// Due Thu 15 January (13, 14, 15).
		d := dispositionsOf(t, f, r.Number)[0]
		if d.DueOn != date(t, "2026-01-15") {
			t.Fatalf("due %s", d.DueOn)
		}
		entry := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Berkala, "Data tenaga kesehatan 2025"))
		a, err := f.s.AnswerDisposition(ctx, f.pelaksana, dispositionsOf(t, f, answered.Number)[0].ID,
			terbuka.AnswerInput{Kind: terbuka.AnswerInformation, Text: "Terlampir.", CatalogueID: entry.ID})
		if err != nil || a.Answer == nil || a.Answer.CatalogueID != entry.ID {
			t.Fatalf("information answer with a catalogue entry: %+v, %v", a, err)
		}
		sweep := func() {
			t.Helper()
			if _, _, err := f.s.EnqueueJob(ctx, jobs.KindDispositionSweep, nil, f.clock.t, ""); err != nil {
				t.Fatal(err)
			}
			drain(t, f.routingRunner())
		}
		sweep() // the notices of the two new dispositions and of the answer go out
		base := len(mailsOf(t, f, store.MailRoutingDispositionRemind))
		for _, day := range []int{12, 13} {
			f.at(t, wib(2026, 1, day, 6, 0))
			sweep()
		}
		if m := mailsOf(t, f, store.MailRoutingDispositionRemind); len(m) != base {
			t.Fatalf("reminded too early: %q", m)
		}
		for _, day := range []int{14, 14, 15} {
			f.at(t, wib(2026, 1, day, 6, 0))
			sweep()
		}
		if m := mailsOf(t, f, store.MailRoutingDispositionRemind); len(m) != 1 || m[0] != itoa(d.ID)+"|1 → dinkes@uji.go.id" {
			t.Fatalf("reminders %q, want one, on Wed 14 January, for the unanswered disposition", m)
		}
		f.at(t, wib(2026, 1, 16, 6, 0))
		sweep()
		if m := mailsOf(t, f, store.MailRoutingDispositionRemind); len(m) != 1 {
			t.Fatalf("reminders after the deadline %q", m)
		}
		cal, _ := f.s.Calendar(ctx, r.BodyID)
		if got := dispositionsOf(t, f, r.Number)[0].DeadlineState(cal, date(t, "2026-01-19"), terbuka.StatusInProcess); got != terbuka.DispositionOverdue {
			t.Fatalf("deadline state %s, want overdue", got)
		}
	})
}
