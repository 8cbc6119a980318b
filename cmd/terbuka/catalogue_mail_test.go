package main

import (
	"context"
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

// The wired runner's stale sweep queues a catalogue reminder and the
// outbox renders it with the staff link.
func TestJobs_WiredStaleSweepAndCatalogueMail(t *testing.T) {
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
	u, err := st.CreateUser(ctx, terbuka.NewUser{Email: "ppid@dinkes.go.id", Name: "Petugas", Role: terbuka.RolePPIDPelaksana,
		BodySlug: "dinkes", Password: "kata-sandi-42"})
	if err != nil {
		t.Fatal(err)
	}
	e, err := st.CreateCatalogueEntry(ctx, u, "dinkes", terbuka.NewCatalogueEntry{Title: "Laporan bulanan layanan",
		Summary: "Ringkasan", Classification: terbuka.Berkala, Year: 2025, UpdateMonths: 1})
	if err != nil {
		t.Fatal(err)
	}
	c.set(time.Date(2026, 2, 13, 2, 0, 0, 0, workday.Jakarta))
	run := newRunner(st, c, slog.New(slog.DiscardHandler))
	if _, _, err := st.EnqueueJob(ctx, jobs.KindStaleSweep, nil, time.Time{}, ""); err != nil {
		t.Fatal(err)
	}
	if n, err := run.Drain(ctx); err != nil || n != 2 {
		t.Fatalf("Drain = %d, %v; want the sweep and one notice", n, err)
	}
	m, ok, err := st.ClaimMail(ctx, "test", time.Minute)
	if err != nil || !ok || m.Kind != mail.CatalogueStale || m.Recipient != u.Email {
		t.Fatalf("ClaimMail = %+v, %v, %v", m, ok, err)
	}
	msg, err := renderMail(st, "https://ppid.example.go.id")(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg.Subject, e.Title) || !strings.Contains(msg.Text, "https://ppid.example.go.id/staf\n") ||
		!strings.Contains(msg.Text, "Kamis, 12 Februari 2026") || !strings.Contains(msg.Text, "Dinas Kesehatan") {
		t.Fatalf("catalogue mail:\n%s\n%s", msg.Subject, msg.Text)
	}
	if _, err := renderMail(st, "https://ppid.example.go.id")(ctx, store.Mail{Kind: mail.CatalogueStale, Ref: "999|2026-02-12"}); err == nil {
		t.Error("rendered a mail for a missing entry")
	}
}
