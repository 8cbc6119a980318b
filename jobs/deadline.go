package jobs

import (
	"fmt"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/workday"
)

// The reminder rules of issue 3 (bullet 5), pure: no clock, no store.

// Reminder steps: working days before a request's due date on which the
// staff responsible for it are reminded.
const (
	FirstReminder = 3
	LastReminder  = 1
)

// Notice is what a request's deadline calls for on one day.
type Notice struct {
	Kind     string // mail.StaffReminder, mail.StaffOverdue, or "" for nothing
	Step     int    // FirstReminder or LastReminder; 0 for the escalation
	DaysLeft int    // see WorkingDaysBetween: negative once overdue
}

// DueNotice decides what a request due on due calls for on day today,
// counting working days with the body's calendar:
//   - after the due date: the escalation to the PPID and the atasan PPID;
//   - at most LastReminder working day left (the last working day before
//     the due date, or the due date itself): the last reminder;
//   - at most FirstReminder left: the first reminder;
//   - otherwise nothing.
//
// "At most" rather than "exactly" lets a sweep that did not run on the day
// catch up the next time it runs, and only the most urgent notice is due.
// A notice's Key makes it go out once per request and due date, however
// often the sweep runs; days off after a reminder day keep the same count
// and so send nothing new.
func DueNotice(cal *workday.Calendar, today, due workday.Date) Notice {
	left := WorkingDaysBetween(cal, today, due)
	switch {
	case today.After(due):
		return Notice{Kind: mail.StaffOverdue, DaysLeft: left}
	case left <= LastReminder:
		return Notice{Kind: mail.StaffReminder, Step: LastReminder, DaysLeft: left}
	case left <= FirstReminder:
		return Notice{Kind: mail.StaffReminder, Step: FirstReminder, DaysLeft: left}
	}
	return Notice{DaysLeft: left}
}

// WorkingDaysBetween counts the working days d with from < d <= to: the
// working days left from day from until the end of due date to. When to
// is before from it is minus the working days d with to < d <= from, i.e.
// how many working days late.
func WorkingDaysBetween(cal *workday.Calendar, from, to workday.Date) int {
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if cal.IsWorkingDay(d) {
			n++
		}
	}
	return sign * n
}

// Key is the unique job key of notice n for request number due on due:
// remind:<number>:<step>:<due> or overdue:<number>:<due>. A due date that
// moves (an extension, a new holiday) gets reminders of its own.
func (n Notice) Key(number string, due workday.Date) string {
	if n.Kind == mail.StaffOverdue {
		return "overdue:" + number + ":" + due.String()
	}
	return fmt.Sprintf("remind:%s:%d:%s", number, n.Step, due.String())
}

// NoticeRoles are who receives a notice of kind: the PPID staff who can
// handle the request for a reminder, and the atasan PPID as well once it
// is overdue.
func NoticeRoles(kind string) []terbuka.Role {
	if kind == mail.StaffOverdue {
		return []terbuka.Role{terbuka.RolePPID, terbuka.RolePPIDPelaksana, terbuka.RoleAtasanPPID}
	}
	return []terbuka.Role{terbuka.RolePPID, terbuka.RolePPIDPelaksana}
}
