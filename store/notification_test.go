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
	"github.com/terbuka-id/terbuka/store/storetest"
)

var _ jobs.JobStore = (*store.Store)(nil)
var _ jobs.DeadlineStore = (*store.Store)(nil)
var _ jobs.Purger = (*store.Store)(nil)

// reminderFixture adds, beside newFixture's province, staff who must never
// hear of its requests: a disabled PPID account and another province's
// PPID and atasan PPID.
func reminderFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := newFixture(t, db)
	for _, b := range []terbuka.Body{
		{Slug: "prov-lain", Code: "LAIN", Name: "Pemerintah Provinsi Lain", Kind: terbuka.KindProvince},
		{Slug: "diskominfo-lain", Code: "KOMINFO-LAIN", Name: "Diskominfo Lain", Kind: terbuka.KindOPD, ParentSlug: "prov-lain", PPID: terbuka.PPIDUtama},
	} {
		if _, err := f.s.CreateBody(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []terbuka.NewUser{
		{Email: "ppid@lain.go.id", Role: terbuka.RolePPID, BodySlug: "diskominfo-lain"},
		{Email: "atasan@lain.go.id", Role: terbuka.RoleAtasanPPID, BodySlug: "prov-lain"},
		{Email: "nonaktif@uji.go.id", Role: terbuka.RolePPID, BodySlug: "diskominfo-uji"},
	} {
		u.Name, u.Password = u.Email, staffPassword
		if _, err := f.s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := rawDB(t, db).Exec("UPDATE users SET disabled = TRUE WHERE email = 'nonaktif@uji.go.id'"); err != nil {
		t.Fatal(err)
	}
	return f
}

// runner is the production set of deadline jobs on f's store and clock,
// one job at a time so a test can stop between them.
func (f *fixture) runner() *jobs.Runner {
	dl := &jobs.Deadlines{Store: f.s, Clock: f.clock}
	return &jobs.Runner{Store: f.s, Worker: "test", Concurrency: 1, Clock: f.clock,
		Handlers:  map[string]jobs.Handler{jobs.KindDeadlineSweep: dl.Sweep, jobs.KindDeadlineNotice: dl.Notice},
		Schedules: []store.Schedule{jobs.Daily("deadline_sweep", jobs.KindDeadlineSweep, "06:00", nil)}}
}

// noticeKeys lists the unique keys of the deadline notices queued so far.
func noticeKeys(t *testing.T, f *fixture) []string {
	t.Helper()
	rows, err := rawDB(t, f.db).Query("SELECT unique_key FROM jobs WHERE kind = $1 ORDER BY id", jobs.KindDeadlineNotice)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		out = append(out, k)
	}
	return out
}

// staffMails lists the queued staff e-mails as "kind ref → recipient".
func staffMails(t *testing.T, f *fixture) []string {
	t.Helper()
	rows, err := rawDB(t, f.db).Query("SELECT kind, ref, recipient FROM mail_outbox WHERE kind LIKE 'staff%' ORDER BY id")
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

func drain(t *testing.T, r *jobs.Runner) int {
	t.Helper()
	n, err := r.Drain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDeadlineJobs_RemindersAndEscalation runs the daily sweep at 06:00 WIB
// every day from registration to past the due date (DOMAIN.md worked
// example 2: registered Mon 2026-03-16, due Tue 2026-04-07 after cuti
// bersama and holidays, Good Friday 3 April among them).
func TestDeadlineJobs_RemindersAndEscalation(t *testing.T) {
	eachFixtureWith(t, reminderFixture, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.clock.t = wib(2026, 3, 16, 9, 0)
		r1, _ := f.create(t, "dinkes-uji", nil)
		r4, _ := f.create(t, "dindik-uji", nil)
		answered, _ := f.create(t, "dinkes-uji", nil)
		if _, err := f.s.DecideRequest(ctx, f.pelaksana, answered.Number, terbuka.DecisionInput{Decision: terbuka.Granted}); err != nil {
			t.Fatal(err)
		}
		if r1.DueOn.String() != "2026-04-07" || r4.DueOn.String() != "2026-04-07" {
			t.Fatalf("due %s and %s, want 2026-04-07", r1.DueOn, r4.DueOn)
		}
		run := f.runner()
		firstSeen := map[string]string{}
		for day := wib(2026, 3, 17, 6, 0); !day.After(wib(2026, 4, 17, 6, 0)); day = day.AddDate(0, 0, 1) {
			f.clock.t = day.Add(30 * time.Second)
			today := day.Format(time.DateOnly)
			if today == "2026-04-06" {
				// The sweep queues the last reminders; before they go out
				// dindik extends r4, so its reminder for 7 April is stale.
				if n, err := run.RunOnce(ctx); err != nil || n != 1 {
					t.Fatalf("RunOnce = %d, %v; want the sweep", n, err)
				}
				if _, err := f.s.ExtendRequest(ctx, f.otherPelaksana, r4.Number, "Data di UPT"); err != nil {
					t.Fatal(err)
				}
			}
			drain(t, run)
			if today == "2026-04-01" {
				// Running the sweep again the same day queues nothing new.
				before, mails := noticeKeys(t, f), staffMails(t, f)
				if _, _, err := f.s.EnqueueJob(ctx, jobs.KindDeadlineSweep, nil, time.Time{}, ""); err != nil {
					t.Fatal(err)
				}
				if n := drain(t, run); n != 1 {
					t.Fatalf("on-demand sweep ran %d jobs, want 1 (the sweep, no notices)", n)
				}
				if after := noticeKeys(t, f); !slices.Equal(after, before) || !slices.Equal(staffMails(t, f), mails) {
					t.Fatalf("second sweep queued %v", after[len(before):])
				}
			}
			for _, k := range noticeKeys(t, f) {
				if _, ok := firstSeen[k]; !ok {
					firstSeen[k] = today
				}
			}
		}
		want := map[string]string{
			"remind:" + r1.Number + ":3:2026-04-07": "2026-04-01", // Wed: Thu 2, Mon 6, Tue 7 left (Fri 3 is Good Friday)
			"remind:" + r1.Number + ":1:2026-04-07": "2026-04-06",
			"overdue:" + r1.Number + ":2026-04-07":  "2026-04-08", // once, although it stays overdue
			"remind:" + r4.Number + ":3:2026-04-07": "2026-04-01",
			"remind:" + r4.Number + ":1:2026-04-07": "2026-04-06", // queued, then stale: nothing sent
			"remind:" + r4.Number + ":3:2026-04-16": "2026-04-13", // the extended date has reminders of its own
			"remind:" + r4.Number + ":1:2026-04-16": "2026-04-15",
			"overdue:" + r4.Number + ":2026-04-16":  "2026-04-17",
		}
		if fmt.Sprint(firstSeen) != fmt.Sprint(want) {
			t.Fatalf("notices queued (key: first day)\n got %v\nwant %v", firstSeen, want)
		}

		ppid, dinkes, dindik, atasan := f.ppid.Email, f.pelaksana.Email, f.otherPelaksana.Email, f.atasan.Email
		var wantMails []string
		add := func(kind, number, due string, days int, to ...string) {
			for _, e := range to {
				wantMails = append(wantMails, fmt.Sprintf("%s %s|%s|%d → %s", kind, number, due, days, e))
			}
		}
		add(mail.StaffReminder, r1.Number, "2026-04-07", 3, ppid, dinkes)
		add(mail.StaffReminder, r4.Number, "2026-04-07", 3, ppid, dindik)
		add(mail.StaffReminder, r1.Number, "2026-04-07", 1, ppid, dinkes)
		add(mail.StaffOverdue, r1.Number, "2026-04-07", -1, ppid, dinkes, atasan)
		add(mail.StaffReminder, r4.Number, "2026-04-16", 3, ppid, dindik)
		add(mail.StaffReminder, r4.Number, "2026-04-16", 1, ppid, dindik)
		add(mail.StaffOverdue, r4.Number, "2026-04-16", -1, ppid, dindik, atasan)
		if got := staffMails(t, f); !sameSet(got, wantMails) {
			t.Fatalf("staff mails\n got %q\nwant %q", got, wantMails)
		}
		if c, err := f.s.CountJobs(ctx, jobs.KindDeadlineNotice); err != nil || c != (store.JobCounts{Done: len(want)}) {
			t.Fatalf("notice jobs %+v, %v; want all %d done", c, err, len(want))
		}

		t.Run("NotificationsMirrorTheMails", func(t *testing.T) {
			for _, c := range []struct {
				u    terbuka.User
				want int
			}{{f.ppid, 7}, {f.pelaksana, 3}, {f.otherPelaksana, 4}, {f.atasan, 2}, {f.admin, 0}, {f.evalUsr, 0}} {
				list, total, err := f.s.Notifications(ctx, c.u, false, 0)
				if err != nil || total != c.want || len(list) != c.want {
					t.Fatalf("%s: %d notifications (total %d), %v; want %d", c.u.Email, len(list), total, err, c.want)
				}
				for _, n := range list {
					if n.Read() || !strings.Contains(n.Title, n.Ref) || !strings.HasPrefix(n.Kind, "staff_") {
						t.Fatalf("%s: notification %+v", c.u.Email, n)
					}
					for _, secret := range []string{"3201011501900001", "budi@example.id", "0812", "3456", "Merdeka", "Budi"} {
						if strings.Contains(n.Title+n.Body, secret) {
							t.Fatalf("notification shows the requester's %q: %+v", secret, n)
						}
					}
				}
			}
			list, _, _ := f.s.Notifications(ctx, f.atasan, true, 10)
			if len(list) != 2 || list[0].Kind != mail.StaffOverdue || list[0].Ref != r4.Number ||
				!strings.Contains(list[0].Body, "16 April 2026") || !strings.Contains(list[0].Body, "terlambat 1 hari kerja") {
				t.Fatalf("atasan's newest notification %+v", list)
			}
		})
		t.Run("ReadOnlyByTheirUser", func(t *testing.T) {
			list, _, _ := f.s.Notifications(ctx, f.atasan, true, 10)
			id := list[0].ID
			for _, other := range []terbuka.User{f.ppid, f.admin, f.evalUsr} {
				wantCode(t, f.s.MarkNotificationRead(ctx, other, id), terbuka.ENotFound)
			}
			wantCode(t, f.s.MarkNotificationRead(ctx, f.atasan, 1<<40), terbuka.ENotFound)
			if n, _ := f.s.UnreadCount(ctx, f.atasan); n != 2 {
				t.Fatalf("UnreadCount = %d after others tried, want 2", n)
			}
			for i := 0; i < 2; i++ {
				if err := f.s.MarkNotificationRead(ctx, f.atasan, id); err != nil {
					t.Fatalf("mark read #%d: %v", i+1, err)
				}
			}
			if n, _ := f.s.UnreadCount(ctx, f.atasan); n != 1 {
				t.Fatalf("UnreadCount = %d, want 1", n)
			}
			unread, total, err := f.s.Notifications(ctx, f.atasan, true, 10)
			if err != nil || total != 1 || len(unread) != 1 || unread[0].ID == id {
				t.Fatalf("unread %+v (total %d), %v", unread, total, err)
			}
			all, _, _ := f.s.Notifications(ctx, f.atasan, false, 10)
			if !all[0].Read() || all[0].ID != id || all[0].ReadAt.IsZero() {
				t.Fatalf("read notification %+v", all[0])
			}
			if n, _ := f.s.UnreadCount(ctx, f.ppid); n != 7 {
				t.Fatalf("PPID's UnreadCount = %d, want 7 (the atasan's read is the atasan's)", n)
			}
		})
	})
}

// eachFixtureWith runs fn on a fresh fixture built by mk on each engine.
func eachFixtureWith(t *testing.T, mk func(*testing.T, *store.DB) *fixture, fn func(*testing.T, *fixture)) {
	storetest.Each(t, func(t *testing.T, db *store.DB) { fn(t, mk(t, db)) })
}

// A notice whose claim was taken over writes nothing; the current claim
// writes it once, however often it is run.
func TestStaffNotice_ExactlyOnce(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		r, _ := f.create(t, "dinkes-uji", nil)
		if _, _, err := f.s.EnqueueJob(ctx, jobs.KindDeadlineNotice, nil, time.Time{}, "test"); err != nil {
			t.Fatal(err)
		}
		notice := store.StaffNotice{Kind: mail.StaffReminder, Number: r.Number, DueOn: r.DueOn, Roles: jobs.NoticeRoles(mail.StaffReminder),
			MailRef: r.Number + "|" + r.DueOn.String() + "|3", Title: "Pengingat " + r.Number, Body: "Batas waktu"}
		stale := claimOne(t, f.s, "hung")
		f.at(t, f.clock.t.Add(jobLease+time.Second))
		current := claimOne(t, f.s, "other")
		if n, err := f.s.NotifyStaff(ctx, stale, notice); !errors.Is(err, store.ErrJobLeaseLost) || n != 0 {
			t.Fatalf("NotifyStaff with a lost lease = %d, %v; want ErrJobLeaseLost", n, err)
		}
		if got := staffMails(t, f); len(got) != 0 {
			t.Fatalf("a lost claim queued %q", got)
		}
		for i, want := range []int{2, 0} {
			if n, err := f.s.NotifyStaff(ctx, current, notice); err != nil || n != want {
				t.Fatalf("NotifyStaff #%d = %d, %v; want %d", i+1, n, err, want)
			}
		}
		if got := staffMails(t, f); len(got) != 2 {
			t.Fatalf("staff mails %q, want one each for the PPID and the pelaksana", got)
		}
		if n, _ := f.s.UnreadCount(ctx, f.pelaksana); n != 1 {
			t.Fatalf("pelaksana has %d notifications, want 1", n)
		}
		if err := f.s.CompleteJob(ctx, current); err != nil {
			t.Fatalf("the runner's CompleteJob after NotifyStaff: %v", err)
		}
	})
}

// The requester is told of every step by the store's own mail, now also
// when a calendar change moves the due date.
func TestRequesterMail_DeadlineChanged(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		r, _ := f.create(t, "dinkes-uji", nil)
		phoneOnly, _ := f.create(t, "dinkes-uji", withoutEmail)
		if err := f.s.AddRegionalHoliday(ctx, f.admin, "prov-uji", date(t, "2026-01-20"), "Hari Jadi Provinsi Uji"); err != nil {
			t.Fatal(err)
		}
		rows, err := rawDB(t, f.db).Query("SELECT kind, ref, recipient FROM mail_outbox ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var kind, ref, to string
			if err := rows.Scan(&kind, &ref, &to); err != nil {
				t.Fatal(err)
			}
			got = append(got, kind+" "+ref+" "+to)
		}
		want := []string{"request_receipt " + r.Number + " budi@example.id", mail.RequestDeadlineChanged + " " + r.Number + " budi@example.id"}
		if !slices.Equal(got, want) {
			t.Fatalf("mail %q, want %q (%s has no e-mail address)", got, want, phoneOnly.Number)
		}
	})
}
