package jobs_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// catalogueMock is a CatalogueStore over a fixed list of entries.
type catalogueMock struct {
	entries  []terbuka.CatalogueEntry
	cutoff   workday.Date
	queued   []store.NewJob
	notified []store.CatalogueNotice
}

func (m *catalogueMock) DueCatalogue(_ context.Context, cutoff workday.Date, afterID int64, limit int) ([]terbuka.CatalogueEntry, error) {
	m.cutoff = cutoff
	var out []terbuka.CatalogueEntry
	for _, e := range m.entries {
		if e.ID > afterID && len(out) < limit {
			out = append(out, e)
		}
	}
	return out, nil
}

func (m *catalogueMock) CatalogueEntry(_ context.Context, id int64) (terbuka.CatalogueEntry, error) {
	for _, e := range m.entries {
		if e.ID == id {
			return e, nil
		}
	}
	return terbuka.CatalogueEntry{}, terbuka.ErrNotFound("catalogue")
}

func (m *catalogueMock) EnqueueJobs(_ context.Context, js []store.NewJob) (int, error) {
	m.queued = append(m.queued, js...)
	return len(js), nil
}

func (m *catalogueMock) NotifyCatalogueStaff(_ context.Context, _ store.Job, n store.CatalogueNotice) (int, error) {
	m.notified = append(m.notified, n)
	return 1, nil
}

// The sweep judges each entry on today in its body's zone: at 00:30 WIT on
// 13 February (22:30 WIB on the 12th) Jayapura's report due on the 12th is
// stale, Jakarta's is not yet.
func TestCatalogueSweep_BodyZone(t *testing.T) {
	d := func(s string) workday.Date {
		v, err := workday.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	m := &catalogueMock{entries: []terbuka.CatalogueEntry{
		{ID: 1, Title: "Jakarta", BodyTZ: "Asia/Jakarta", Classification: terbuka.Berkala, NextDue: d("2026-02-12")},
		{ID: 2, Title: "Jayapura", BodyTZ: "Asia/Jayapura", Classification: terbuka.Berkala, NextDue: d("2026-02-12")},
		{ID: 3, Title: "Ended", BodyTZ: "Asia/Jakarta", Classification: terbuka.Dikecualikan,
			Exemption: &terbuka.CatalogueExemption{Letter: "a", Until: d("2026-02-01")}},
		{ID: 4, Title: "Permanent", BodyTZ: "Asia/Jakarta", Classification: terbuka.Dikecualikan,
			Exemption: &terbuka.CatalogueExemption{Letter: "h"}},
		{ID: 5, Title: "Later", BodyTZ: "Asia/Jakarta", Classification: terbuka.Dikecualikan,
			Exemption: &terbuka.CatalogueExemption{Letter: "a", Until: d("2026-02-12")}},
	}}
	now := time.Date(2026, 2, 12, 22, 30, 0, 0, workday.Jakarta)
	c := &jobs.Catalogue{Store: m, Clock: fixedClock(now)}
	if err := c.Sweep(context.Background(), store.Job{}); err != nil {
		t.Fatal(err)
	}
	if m.cutoff.Before(d("2026-02-13")) {
		t.Fatalf("cutoff %s misses Jayapura's today", m.cutoff)
	}
	var keys []string
	for _, j := range m.queued {
		if j.Kind != jobs.KindCatalogueNotice {
			t.Fatalf("queued %+v", j)
		}
		keys = append(keys, j.UniqueKey)
	}
	if want := []string{"stale:2:2026-02-12", "exemption:3:2026-02-01"}; !slices.Equal(keys, want) {
		t.Fatalf("keys %v, want %v", keys, want)
	}

	// The notices carry the entry's title, body and date, never its content.
	m.entries[2].Summary, m.entries[2].BodyName = "isi rahasia", "Polda Uji"
	m.entries[2].Exemption.ConsequenceTest = "uji rahasia"
	for _, j := range m.queued {
		payload, err := json.Marshal(j.Payload)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Notice(context.Background(), store.Job{Payload: payload}); err != nil {
			t.Fatal(err)
		}
	}
	if len(m.notified) != 2 {
		t.Fatalf("notified %+v", m.notified)
	}
	ex := m.notified[1]
	if ex.Kind != mail.CatalogueExpired || ex.EntryID != 3 || ex.Due != d("2026-02-01") || ex.MailRef != "3|2026-02-01" ||
		!slices.Equal(ex.Roles, jobs.CatalogueRoles) || !strings.Contains(ex.Title, "Ended") ||
		!strings.Contains(ex.Body, "Polda Uji") || !strings.Contains(ex.Body, "1 Februari 2026") ||
		strings.Contains(ex.Title+ex.Body, "rahasia") {
		t.Fatalf("exemption notice %+v", ex)
	}
	if m.notified[0].Kind != mail.CatalogueStale || m.notified[0].Need != store.CatalogueStale {
		t.Fatalf("stale notice %+v", m.notified[0])
	}

	// A deleted entry completes without a notice.
	m.entries = nil
	payload, _ := json.Marshal(m.queued[0].Payload)
	if err := c.Notice(context.Background(), store.Job{Payload: payload}); err != nil || len(m.notified) != 2 {
		t.Fatalf("notice for a deleted entry: %v, %d notices", err, len(m.notified))
	}
}
