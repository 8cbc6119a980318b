package jobs_test

import (
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

func day(t *testing.T, s string) workday.Date {
	t.Helper()
	d, err := workday.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Due Tue 2026-04-07: Mon 6 April is the last working day before it, Fri
// 3 April is Good Friday and Sun 5 April Easter.
func TestDueNotice(t *testing.T) {
	cal := workday.New(workday.MustBase(), nil, workday.Options{})
	due := day(t, "2026-04-07")
	for _, c := range []struct {
		today string
		kind  string
		step  int
		left  int
	}{
		{"2026-03-16", "", 0, 10},
		{"2026-03-31", "", 0, 4},
		{"2026-04-01", mail.StaffReminder, 3, 3},
		{"2026-04-02", mail.StaffReminder, 3, 2},
		{"2026-04-03", mail.StaffReminder, 3, 2}, // the holiday counts like the day before
		{"2026-04-05", mail.StaffReminder, 3, 2},
		{"2026-04-06", mail.StaffReminder, 1, 1},
		{"2026-04-07", mail.StaffReminder, 1, 0}, // the due date itself
		{"2026-04-08", mail.StaffOverdue, 0, -1},
		{"2026-04-11", mail.StaffOverdue, 0, -3},
	} {
		got := jobs.DueNotice(cal, day(t, c.today), due)
		if got != (jobs.Notice{Kind: c.kind, Step: c.step, DaysLeft: c.left}) {
			t.Errorf("%s: %+v, want kind %q step %d left %d", c.today, got, c.kind, c.step, c.left)
		}
	}
}

func TestDueNotice_CutiBersamaSetting(t *testing.T) {
	// Due Wed 2026-03-25; 18, 20, 23, 24 March are cuti bersama and 19
	// March Nyepi. Counting cuti bersama as days off (the default), the
	// reminders go on Fri 13 and Tue 17 March; counting them as working
	// days, the first one goes on Fri 20 March.
	due := day(t, "2026-03-25")
	off := workday.New(workday.MustBase(), nil, workday.Options{})
	on := workday.New(workday.MustBase(), nil, workday.Options{CutiBersamaIsWorkday: true})
	if n := jobs.DueNotice(off, day(t, "2026-03-12"), due); n.Kind != "" || n.DaysLeft != 4 {
		t.Errorf("cuti bersama off, 12 March: %+v, want nothing yet", n)
	}
	if n := jobs.DueNotice(off, day(t, "2026-03-13"), due); n.Step != 3 || n.DaysLeft != 3 {
		t.Errorf("cuti bersama off, 13 March: %+v, want the first reminder", n)
	}
	if n := jobs.DueNotice(off, day(t, "2026-03-17"), due); n.Step != 1 || n.DaysLeft != 1 {
		t.Errorf("cuti bersama off, 17 March: %+v, want the last reminder (only 25 March left)", n)
	}
	if n := jobs.DueNotice(on, day(t, "2026-03-19"), due); n.Kind != "" || n.DaysLeft != 4 {
		t.Errorf("cuti bersama on, 19 March: %+v, want nothing yet (20, 23, 24, 25 left)", n)
	}
	if n := jobs.DueNotice(on, day(t, "2026-03-20"), due); n.Step != 3 || n.DaysLeft != 3 {
		t.Errorf("cuti bersama on, 20 March: %+v, want the first reminder", n)
	}
}

func TestNotice_Key(t *testing.T) {
	due := day(t, "2026-04-07")
	for _, c := range []struct {
		n    jobs.Notice
		want string
	}{
		{jobs.Notice{Kind: mail.StaffReminder, Step: 3}, "remind:DINKES-2026-000001:3:2026-04-07"},
		{jobs.Notice{Kind: mail.StaffReminder, Step: 1}, "remind:DINKES-2026-000001:1:2026-04-07"},
		{jobs.Notice{Kind: mail.StaffOverdue, DaysLeft: -4}, "overdue:DINKES-2026-000001:2026-04-07"},
	} {
		if got := c.n.Key("DINKES-2026-000001", due); got != c.want {
			t.Errorf("Key = %q, want %q", got, c.want)
		}
	}
	if r := jobs.NoticeRoles(mail.StaffOverdue); len(r) != 3 || r[2] != "atasan_ppid" {
		t.Errorf("overdue roles %v", r)
	}
	if r := jobs.NoticeRoles(mail.StaffReminder); len(r) != 2 {
		t.Errorf("reminder roles %v", r)
	}
}

func TestNextRun(t *testing.T) {
	wit, _ := time.LoadLocation("Asia/Jayapura")
	at := func(y int, m time.Month, d, h, min int, loc *time.Location) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	for _, c := range []struct {
		name  string
		sc    store.Schedule
		after time.Time
		want  time.Time
	}{
		{"DailyLaterToday", jobs.Daily("s", "k", "06:00", nil), at(2026, 1, 12, 5, 59, workday.Jakarta), at(2026, 1, 12, 6, 0, workday.Jakarta)},
		{"DailyAtTheTickIsTomorrow", jobs.Daily("s", "k", "06:00", nil), at(2026, 1, 12, 6, 0, workday.Jakarta), at(2026, 1, 13, 6, 0, workday.Jakarta)},
		{"DailyAcrossMonths", jobs.Daily("s", "k", "06:00", nil), at(2026, 1, 31, 23, 0, workday.Jakarta), at(2026, 2, 1, 6, 0, workday.Jakarta)},
		{"DailyInAnotherZone", jobs.Daily("s", "k", "06:00", nil), at(2026, 1, 12, 7, 30, wit), at(2026, 1, 12, 6, 0, workday.Jakarta)},
		{"EveryHourAligned", jobs.Every("s", "k", time.Hour), time.Date(2026, 1, 12, 3, 17, 5, 0, time.UTC), time.Date(2026, 1, 12, 4, 0, 0, 0, time.UTC)},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := jobs.NextRun(c.sc, c.after)
			if err != nil || !got.Equal(c.want) {
				t.Fatalf("NextRun = %s, %v; want %s", got, err, c.want)
			}
		})
	}
	for _, bad := range []store.Schedule{{Name: "none"}, jobs.Every("s", "k", time.Millisecond), jobs.Daily("s", "k", "6 pagi", nil),
		{Name: "zone", DailyAt: "06:00", TimeZone: "Mars/Olympus"}} {
		if _, err := jobs.NextRun(bad, time.Now()); err == nil {
			t.Errorf("NextRun(%+v) accepted", bad)
		}
	}
}
