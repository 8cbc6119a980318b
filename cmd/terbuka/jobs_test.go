package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// The wired runner sweeps on demand, queues the staff reminder and the
// outbox renders it with the staff link and without the requester's data.
func TestJobs_WiredSweepAndStaffMail(t *testing.T) {
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
	if _, err := st.CreateBody(ctx, terbuka.Body{Slug: "dinkes", Code: "DINKES", Name: "Dinas Kesehatan", Kind: terbuka.KindOPD,
		PPID: terbuka.PPIDPelaksana}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, terbuka.NewUser{Email: "ppid@dinkes.go.id", Name: "Petugas", Role: terbuka.RolePPIDPelaksana,
		BodySlug: "dinkes", Password: "kata-sandi-42"}); err != nil {
		t.Fatal(err)
	}
	r, _, err := st.CreateRequest(ctx, "dinkes", terbuka.NewRequest{
		Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Budi Santoso", IDNumber: "3201011501900001",
			Address: "Jl. Merdeka 1", Email: "budi@example.id", Phone: "081234567890"},
		Information: "Laporan realisasi anggaran 2025", Purpose: "Penelitian", Obtain: "softcopy", Delivery: "email",
	}, store.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c.set(time.Date(2026, 1, 22, 6, 30, 0, 0, workday.Jakarta)) // Thu: 23, 26, 27 January left
	run := newRunner(st, c, slog.New(slog.DiscardHandler))
	if _, _, err := st.EnqueueJob(ctx, jobs.KindDeadlineSweep, nil, time.Time{}, ""); err != nil {
		t.Fatal(err)
	}
	if n, err := run.Drain(ctx); err != nil || n != 2 {
		t.Fatalf("Drain = %d, %v; want the sweep and one notice", n, err)
	}
	render := renderMail(st, "https://ppid.example.go.id")
	var staff []string
	for {
		m, ok, err := st.ClaimMail(ctx, "test", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		if m.Kind == "request_receipt" {
			continue
		}
		msg, err := render(ctx, m)
		if err != nil {
			t.Fatalf("render %s %s: %v", m.Kind, m.Ref, err)
		}
		staff = append(staff, m.Recipient)
		if !strings.Contains(msg.Subject, r.Number+" jatuh tempo 3 hari kerja lagi") ||
			!strings.Contains(msg.Text, "https://ppid.example.go.id/staf/permohonan/"+r.Number) ||
			!strings.Contains(msg.Text, "Selasa, 27 Januari 2026") {
			t.Fatalf("staff mail:\n%s\n%s", msg.Subject, msg.Text)
		}
		for _, secret := range []string{"3201011501900001", "budi@example.id", "81234567890", "Merdeka", "Budi"} {
			if strings.Contains(msg.Subject+msg.Text, secret) {
				t.Fatalf("staff mail shows %q", secret)
			}
		}
	}
	if len(staff) != 1 || staff[0] != "ppid@dinkes.go.id" {
		t.Fatalf("staff mail went to %v", staff)
	}
	for _, bad := range []struct{ kind, ref string }{{"staff_reminder", "garbage"}, {"staff_unknown", r.Number + "|2026-01-27|3"},
		{"staff_reminder", "TIDAK-ADA|2026-01-27|3"}} {
		if _, err := render(ctx, store.Mail{Kind: bad.kind, Ref: bad.ref}); err == nil {
			t.Errorf("rendered %s %q", bad.kind, bad.ref)
		}
	}
}

func TestJobsFlag(t *testing.T) {
	for _, c := range []struct {
		env  string
		args []string
		want bool
	}{
		{"", nil, true},
		{"false", nil, false},
		{"0", []string{"--jobs"}, true},
		{"", []string{"--jobs=false"}, false},
		{"banana", nil, true},
	} {
		t.Setenv("TERBUKA_JOBS", c.env)
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		on := jobsFlag(fs)
		if err := fs.Parse(c.args); err != nil || *on != c.want {
			t.Errorf("TERBUKA_JOBS=%q %v: jobs = %v, %v; want %v", c.env, c.args, *on, err, c.want)
		}
	}
}

func TestServe_WebOnlyInstance(t *testing.T) {
	_, _, stop := startServe(t, "--db", t.TempDir()+"/t.db", "--jobs=false")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}
