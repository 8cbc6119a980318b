package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
)

var _ jobs.CatalogueStore = (*store.Store)(nil)

// catalogueRunner is the production stale sweep and its notices on f's
// store and clock.
func (f *fixture) catalogueRunner() *jobs.Runner {
	c := &jobs.Catalogue{Store: f.s, Clock: f.clock}
	return &jobs.Runner{Store: f.s, Worker: "test", Concurrency: 1, Clock: f.clock,
		Handlers: map[string]jobs.Handler{jobs.KindStaleSweep: c.Sweep, jobs.KindCatalogueNotice: c.Notice}}
}

// sweepCatalogue runs the stale sweep on demand at ts and what it queues.
func (f *fixture) sweepCatalogue(t *testing.T, r *jobs.Runner, ts time.Time) {
	t.Helper()
	f.clock.t = ts
	if _, _, err := f.s.EnqueueJob(context.Background(), jobs.KindStaleSweep, nil, time.Time{}, ""); err != nil {
		t.Fatal(err)
	}
	drain(t, r)
}

// queryStrings runs a one-column query on f's database.
func queryStrings(t *testing.T, f *fixture, query string, args ...any) []string {
	t.Helper()
	rows, err := rawDB(t, f.db).Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func catalogueMails(t *testing.T, f *fixture) []string {
	t.Helper()
	return queryStrings(t, f, "SELECT kind || ' ' || ref || ' → ' || recipient FROM mail_outbox WHERE kind LIKE 'catalogue%' ORDER BY id")
}

func catalogueKeys(t *testing.T, f *fixture) []string {
	t.Helper()
	return queryStrings(t, f, "SELECT unique_key FROM jobs WHERE kind = $1 ORDER BY id", jobs.KindCatalogueNotice)
}

// TestCatalogueJobs_StaleAndExpired: the daily stale sweep reminds the
// staff who manage a body's catalogue once of an overdue berkala entry and
// once of an ended exemption, and nobody else, by mail and notification.
func TestCatalogueJobs_StaleAndExpired(t *testing.T) {
	eachFixtureWith(t, reminderFixture, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		// Created Mon 12 January 2026 09:00 WIB.
		monthly := newEntry(terbuka.Berkala, "Laporan bulanan layanan puskesmas")
		monthly.UpdateMonths = 1 // next_due 2026-02-12
		stale := f.addEntry(t, f.pelaksana, "dinkes-uji", monthly)
		fresh := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Berkala, "Laporan keuangan semesteran"))
		in := newEntry(terbuka.Dikecualikan, "Berkas penyelidikan pengadaan alat kesehatan")
		in.Exemption = &terbuka.NewExemption{Basis: "UU 14/2008 Pasal 17 huruf a", ConsequenceTest: consequenceTest, Until: "2026-02-10"}
		expired := f.addEntry(t, f.pelaksana, "dinkes-uji", in)
		permanent := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Dikecualikan, "Rekam medis pasien"))
		f.addEntry(t, f.otherPelaksana, "dindik-uji", newEntry(terbuka.SetiapSaat, "Daftar sekolah"))
		if stale.NextDue.String() != "2026-02-12" || fresh.NextDue.String() != "2026-07-12" ||
			expired.Exemption.Until.String() != "2026-02-10" || !permanent.Exemption.Permanent() {
			t.Fatalf("fixture entries: %s, %s, %+v, %+v", stale.NextDue, fresh.NextDue, expired.Exemption, permanent.Exemption)
		}
		run := f.catalogueRunner()

		// 10 February is the exemption's last day; 11 February at 02:00
		// WIB it has ended; the monthly report is still current.
		f.sweepCatalogue(t, run, wib(2026, 2, 10, 23, 59))
		if got := catalogueKeys(t, f); len(got) != 0 {
			t.Fatalf("before anything is due: %v", got)
		}
		f.sweepCatalogue(t, run, wib(2026, 2, 11, 2, 0))
		exKey := fmt.Sprintf("exemption:%d:2026-02-10", expired.ID)
		if got := catalogueKeys(t, f); !slices.Equal(got, []string{exKey}) {
			t.Fatalf("11 February: notices %v, want %v", got, []string{exKey})
		}
		// 12 February is the report's last day; on 13 February it is stale.
		f.sweepCatalogue(t, run, wib(2026, 2, 12, 2, 0))
		f.sweepCatalogue(t, run, wib(2026, 2, 13, 2, 0))
		staleKey := fmt.Sprintf("stale:%d:2026-02-12", stale.ID)
		wantKeys := []string{exKey, staleKey}
		if got := catalogueKeys(t, f); !slices.Equal(got, wantKeys) {
			t.Fatalf("13 February: notices %v, want %v", got, wantKeys)
		}

		// The PPID Utama, the dinkes PPID Pelaksana and the province's admin
		// manage the dinkes catalogue; the dindik pelaksana, the atasan
		// PPID, the evaluator, the disabled account and the other
		// province's staff do not.
		staff := []string{f.ppid.Email, f.pelaksana.Email, f.admin.Email}
		var wantMails []string
		for _, to := range staff {
			wantMails = append(wantMails, fmt.Sprintf("%s %d|2026-02-10 → %s", mail.CatalogueExpired, expired.ID, to))
			wantMails = append(wantMails, fmt.Sprintf("%s %d|2026-02-12 → %s", mail.CatalogueStale, stale.ID, to))
		}
		if got := catalogueMails(t, f); !sameSet(got, wantMails) {
			t.Fatalf("catalogue mails\n got %q\nwant %q", got, wantMails)
		}
		if got := queryStrings(t, f, "SELECT DISTINCT u.email FROM notifications n JOIN users u ON u.id = n.user_id ORDER BY u.email"); !sameSet(got, staff) {
			t.Fatalf("notified %v, want %v", got, staff)
		}
		for _, u := range []terbuka.User{f.ppid, f.pelaksana, f.admin} {
			list, total, err := f.s.Notifications(ctx, u, true, 0)
			if err != nil || total != 2 {
				t.Fatalf("%s: %d notifications, %v; want 2", u.Email, total, err)
			}
			for _, n := range list {
				var e terbuka.CatalogueEntry
				switch n.Kind {
				case mail.CatalogueStale:
					e = stale
				case mail.CatalogueExpired:
					e = expired
				default:
					t.Fatalf("%s: notification %+v", u.Email, n)
				}
				if n.Ref != store.CatalogueRef(e.ID) || !strings.Contains(n.Title, e.Title) || !strings.Contains(n.Body, "Dinas Kesehatan Uji") {
					t.Fatalf("%s: notification %+v for entry %d", u.Email, n, e.ID)
				}
				if strings.Contains(n.Title+n.Body, secretPhrase) {
					t.Fatalf("notification shows the exempted content: %+v", n)
				}
			}
		}
		if c, err := f.s.CountJobs(ctx, jobs.KindCatalogueNotice); err != nil || c != (store.JobCounts{Done: 2}) {
			t.Fatalf("notice jobs %+v, %v; want 2 done", c, err)
		}

		// Sweeping again, the same day and later, sends nothing new; the
		// fresh entry and the permanent exemption never send anything.
		mails := catalogueMails(t, f)
		f.sweepCatalogue(t, run, wib(2026, 2, 13, 14, 0))
		f.sweepCatalogue(t, run, wib(2026, 3, 2, 2, 0))
		if got := catalogueKeys(t, f); !slices.Equal(got, wantKeys) {
			t.Fatalf("later sweeps queued %v", got[len(wantKeys):])
		}
		if got := catalogueMails(t, f); !slices.Equal(got, mails) {
			t.Fatalf("later sweeps mailed %q", got[len(mails):])
		}
		if n, _ := f.s.UnreadCount(ctx, f.pelaksana); n != 2 {
			t.Fatalf("pelaksana has %d unread notifications after the later sweeps, want 2", n)
		}
	})
}

// A catalogue notice whose claim was taken over writes nothing; the
// current claim writes it once; a notice whose entry has a new date since
// the sweep (published again) completes without sending.
func TestCatalogueNotice_ExactlyOnce(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		in := newEntry(terbuka.Berkala, "Laporan bulanan")
		in.UpdateMonths = 1
		e := f.addEntry(t, f.pelaksana, "dinkes-uji", in)
		notice := store.CatalogueNotice{Kind: mail.CatalogueStale, Need: store.CatalogueStale, EntryID: e.ID, Due: e.NextDue,
			Roles: jobs.CatalogueRoles, MailRef: "x", Title: "Usang", Body: "Perbarui"}
		if _, _, err := f.s.EnqueueJob(ctx, jobs.KindCatalogueNotice, nil, time.Time{}, "test"); err != nil {
			t.Fatal(err)
		}
		lost := claimOne(t, f.s, "hung")
		f.at(t, f.clock.t.Add(jobLease+time.Second))
		current := claimOne(t, f.s, "other")
		if n, err := f.s.NotifyCatalogueStaff(ctx, lost, notice); !errors.Is(err, store.ErrJobLeaseLost) || n != 0 {
			t.Fatalf("NotifyCatalogueStaff with a lost lease = %d, %v; want ErrJobLeaseLost", n, err)
		}
		for i, want := range []int{3, 0} { // PPID, pelaksana, admin
			if n, err := f.s.NotifyCatalogueStaff(ctx, current, notice); err != nil || n != want {
				t.Fatalf("NotifyCatalogueStaff #%d = %d, %v; want %d", i+1, n, err, want)
			}
		}
		if got := catalogueMails(t, f); len(got) != 3 {
			t.Fatalf("catalogue mails %q, want 3", got)
		}

		if _, _, err := f.s.EnqueueJob(ctx, jobs.KindCatalogueNotice, nil, time.Time{}, "moved"); err != nil {
			t.Fatal(err)
		}
		j := claimOne(t, f.s, "other")
		moved := notice
		moved.Due = e.NextDue.AddDays(-30)
		if n, err := f.s.NotifyCatalogueStaff(ctx, j, moved); err != nil || n != 0 {
			t.Fatalf("NotifyCatalogueStaff for an old date = %d, %v; want 0", n, err)
		}
		if c, _ := f.s.CountJobs(ctx, jobs.KindCatalogueNotice); c.Done != 2 {
			t.Fatalf("notice jobs %+v, want both done", c)
		}
		if got := catalogueMails(t, f); len(got) != 3 {
			t.Fatalf("catalogue mails %q after a stale notice, want still 3", got)
		}
	})
}
