package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

func TestRoutingFlags(t *testing.T) {
	t.Setenv("TERBUKA_INCOMPLETE_COMPLETE_DAYS", "5")
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c := routingFlags(fs)
	if err := fs.Parse([]string{"--incomplete-flag-days", "2"}); err != nil {
		t.Fatal(err)
	}
	if *c != (terbuka.RoutingConfig{IncompleteFlagDays: 2, IncompleteCompleteDays: 5, DispositionDays: terbuka.DefaultDispositionDays}) {
		t.Fatalf("config %+v", *c)
	}
	if err := (terbuka.RoutingConfig{IncompleteFlagDays: 40}).WithDefaults().Validate(); err == nil {
		t.Fatal("a 40-day window is valid")
	}
}

// The wired routing jobs lapse a request and send the OPD's notice, and
// the outbox renders every routing mail from its ref: the transfer's with
// the new tracking code, the others without any.
func TestRouting_WiredJobsAndMail(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, t.TempDir()+"/t.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	c := &testClock{t: time.Date(2026, 1, 12, 9, 0, 0, 0, workday.Jakarta)}
	st := store.New(db, c, password.NewHasher(password.Fast, 1))
	if err := applyRouting(st, &terbuka.RoutingConfig{IncompleteFlagDays: 50}); err == nil {
		t.Fatal("a 50-day window was applied")
	} else if _, ok := err.(usageError); !ok || !strings.Contains(err.Error(), "incomplete_flag_days") {
		t.Fatalf("bad window: %v, want a usage error naming it", err)
	}
	if err := applyRouting(st, &terbuka.RoutingConfig{}); err != nil {
		t.Fatal(err)
	}
	for _, b := range []terbuka.Body{
		{Slug: "prov", Code: "PROV", Name: "Provinsi", Kind: terbuka.KindProvince},
		{Slug: "kominfo", Code: "KOMINFO", Name: "Diskominfo", Kind: terbuka.KindOPD, ParentSlug: "prov", PPID: terbuka.PPIDUtama},
		{Slug: "dinkes", Code: "DINKES", Name: "Dinas Kesehatan", Kind: terbuka.KindOPD, ParentSlug: "prov", PPID: terbuka.PPIDPelaksana},
	} {
		if _, err := st.CreateBody(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	users := map[string]terbuka.User{}
	for _, u := range []terbuka.NewUser{{Email: "ppid@kominfo.go.id", Role: terbuka.RolePPID, BodySlug: "kominfo"},
		{Email: "ppid@dinkes.go.id", Role: terbuka.RolePPIDPelaksana, BodySlug: "dinkes"}} {
		u.Name, u.Password = "Petugas "+u.BodySlug, "kata-sandi-42"
		got, err := st.CreateUser(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		users[u.BodySlug] = got
	}
	file := func(slug string) string {
		r, _, err := st.CreateRequest(ctx, slug, terbuka.NewRequest{
			Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Budi Santoso", IDNumber: "3201011501900001",
				Address: "Jl. Merdeka 1", Email: "budi@example.id", Phone: "081234567890"},
			Information: "Laporan realisasi anggaran 2025", Purpose: "Penelitian", Obtain: "softcopy", Delivery: "email",
		}, store.CreateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return r.Number
	}
	incomplete, forwarded, transferred := file("dinkes"), file("kominfo"), file("kominfo")
	if _, err := st.MarkIncomplete(ctx, users["kominfo"], incomplete, "fotokopi KTP"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DisposeRequest(ctx, users["kominfo"], forwarded, terbuka.DispositionInput{To: []string{"dinkes"}, Instructions: "Mohon data."}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DecideRequest(ctx, users["kominfo"], transferred, terbuka.DecisionInput{Decision: terbuka.Transferred, TransferredTo: "dinkes"}); err != nil {
		t.Fatal(err)
	}
	c.set(time.Date(2026, 1, 16, 6, 0, 0, 0, workday.Jakarta)) // the completion window ended on the 15th
	run := newRunner(st, c, slog.New(slog.DiscardHandler))
	addRoutingJobs(run, st, c, slog.New(slog.DiscardHandler))
	if _, _, err := st.EnqueueJob(ctx, jobs.KindLapseSweep, nil, time.Time{}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := run.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if r, _ := st.RequestForMail(ctx, incomplete); r.Status != terbuka.StatusLapsed {
		t.Fatalf("%s is %s after the lapse sweep", incomplete, r.Status)
	}
	render := renderMail(st, "https://terbuka.example")
	seen := map[string]string{}
	for {
		m, ok, err := st.ClaimMail(ctx, "test", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		msg, err := render(ctx, m)
		if err != nil {
			t.Fatalf("render %s %s: %v", m.Kind, m.Ref, err)
		}
		seen[m.Kind] = msg.Subject + "\n" + msg.Text
		if err := st.MarkMailSent(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, kind := range []string{mail.RoutingIncomplete, mail.RoutingLapsed, mail.RoutingDisposition, mail.RoutingTransferred} {
		if seen[kind] == "" {
			t.Errorf("no %s mail was rendered (%d kinds seen)", kind, len(seen))
		}
	}
	if !strings.Contains(seen[mail.RoutingTransferred], "Kode pelacakan baru: ") || !strings.Contains(seen[mail.RoutingTransferred], "DINKES-2026-") {
		t.Errorf("the transfer mail lacks the new number or code:\n%s", seen[mail.RoutingTransferred])
	}
	if !strings.Contains(seen[mail.RoutingDisposition], "https://terbuka.example/staf/permohonan/"+forwarded) {
		t.Errorf("the disposition mail lacks its link:\n%s", seen[mail.RoutingDisposition])
	}
	// Delivered, the transfer's code is cleared by the next sweep.
	if n, err := st.ClearTransferTokens(ctx, c.Now().Add(-time.Hour)); err != nil || n != 1 {
		t.Fatalf("cleared %d codes, %v", n, err)
	}
}
