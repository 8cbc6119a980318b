package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// DeadlineStore is what the deadline jobs read and write. *store.Store
// implements it.
type DeadlineStore interface {
	// OpenDeadlines pages through the open requests by ID.
	OpenDeadlines(ctx context.Context, afterID int64, limit int) ([]store.OpenDeadline, error)
	// Calendar is a body's working-day calendar.
	Calendar(ctx context.Context, bodyID int64) (*workday.Calendar, error)
	// EnqueueJobs queues jobs, skipping unique keys already used.
	EnqueueJobs(ctx context.Context, jobs []store.NewJob) (int, error)
	// RequestForMail reads a request on the system's behalf.
	RequestForMail(ctx context.Context, number string) (terbuka.Request, error)
	// NotifyStaff mails and notifies the responsible staff and completes j.
	NotifyStaff(ctx context.Context, j store.Job, n store.StaffNotice) (int, error)
}

// Deadlines are the reminder and escalation jobs: Sweep (KindDeadlineSweep,
// daily and on demand) finds what each open request's deadline calls for
// and queues one Notice job (KindDeadlineNotice) per notice, keyed so that
// each goes out once per request and due date. Store is required; Clock
// defaults to the system clock and Log discards.
//
// The requester hears of every step from the store itself, which queues
// request_receipt, request_extended, request_decided and
// request_deadline_changed with the change; these jobs write to staff only.
type Deadlines struct {
	Store DeadlineStore
	Clock terbuka.Clock
	Log   *slog.Logger
}

type noticePayload struct {
	Number string `json:"number"`
	Kind   string `json:"kind"`
	Step   int    `json:"step"`
	DueOn  string `json:"due_on"`
}

func (d *Deadlines) now() time.Time {
	if d.Clock == nil {
		return time.Now()
	}
	return d.Clock.Now()
}

func (d *Deadlines) log() *slog.Logger {
	if d.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.Log
}

// Sweep is the KindDeadlineSweep handler. For every open request it takes
// today in the body's zone and the body's calendar, and queues the notice
// DueNotice calls for. Running it again the same day queues nothing new.
func (d *Deadlines) Sweep(ctx context.Context, _ store.Job) error {
	now := d.now()
	cals := newCalendars(d.Store.Calendar)
	queued := 0
	open, err := sweep(ctx, func(after int64) ([]store.OpenDeadline, error) { return d.Store.OpenDeadlines(ctx, after, sweepPage) },
		func(r store.OpenDeadline) int64 { return r.ID },
		func(page []store.OpenDeadline) error {
			_, n, err := enqueueEach(ctx, d.Store.EnqueueJobs, page, func(r store.OpenDeadline) (store.NewJob, bool, error) {
				cal, today, err := cals.today(ctx, r.BodyID, now)
				if err != nil {
					return store.NewJob{}, false, err
				}
				n := DueNotice(cal, today, r.DueOn)
				return store.NewJob{Kind: KindDeadlineNotice, RunAt: now, UniqueKey: n.Key(r.Number, r.DueOn),
					Payload: noticePayload{Number: r.Number, Kind: n.Kind, Step: n.Step, DueOn: r.DueOn.String()}}, n.Kind != "", nil
			})
			queued += n
			return err
		})
	if err != nil {
		return err
	}
	d.log().Info("jobs: deadline sweep", "open_requests", open, "notices_queued", queued)
	return nil
}

// Notice is the KindDeadlineNotice handler: it mails and notifies the
// staff NoticeRoles names for the request, in one transaction with the
// job's completion. A request that was answered, or whose due date moved,
// since the sweep gets nothing (a moved date has notices of its own).
func (d *Deadlines) Notice(ctx context.Context, j store.Job) error {
	var p noticePayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return fmt.Errorf("deadline notice payload: %w", err)
	}
	due, err := workday.ParseDate(p.DueOn)
	if err != nil {
		return fmt.Errorf("deadline notice payload: %w", err)
	}
	r, err := d.Store.RequestForMail(ctx, p.Number)
	if terbuka.ErrorCode(err) == terbuka.ENotFound || (err == nil && (!r.Status.Open() || r.DueOn != due)) {
		return nil
	}
	if err != nil {
		return err
	}
	cal, err := d.Store.Calendar(ctx, r.BodyID)
	if err != nil {
		return err
	}
	today := workday.DateOf(d.now().In(cal.Location()))
	sn := mail.StaffNotice{Kind: p.Kind, Number: r.Number, BodyName: r.BodyName, DueOn: due,
		DaysLeft: WorkingDaysBetween(cal, today, due)}
	sent, err := d.Store.NotifyStaff(ctx, j, store.StaffNotice{Kind: p.Kind, Number: r.Number, DueOn: due,
		Roles: NoticeRoles(p.Kind), MailRef: sn.Ref(), Title: sn.Title("id"), Body: sn.Summary("id")})
	if err != nil {
		return err
	}
	log := d.log().With("kind", p.Kind, "request", r.Number, "due_on", p.DueOn, "recipients", sent)
	if sent == 0 {
		log.Warn("jobs: deadline notice reached no staff: no active PPID account covers the body")
	} else {
		log.Info("jobs: deadline notice sent")
	}
	return nil
}

// Purger deletes finished jobs. *store.Store implements it.
type Purger interface {
	PurgeJobs(ctx context.Context, before time.Time) (int, error)
}

// Purge is the KindPurge handler: it deletes jobs that finished more than
// keep ago (the notice keys that prevent duplicate reminders stay).
func Purge(st Purger, clock terbuka.Clock, keep time.Duration, log *slog.Logger) Handler {
	return func(ctx context.Context, _ store.Job) error {
		n, err := st.PurgeJobs(ctx, clock.Now().Add(-keep))
		if err == nil && log != nil {
			log.Info("jobs: purged finished jobs", "deleted", n)
		}
		return err
	}
}

// DefaultSchedules are Terbuka's periodic jobs. The deadline sweep runs
// daily at 06:00 WIB, when the day has begun in every Indonesian zone
// (07:00 WITA, 08:00 WIT); the stale sweep and the purge run at night.
func DefaultSchedules() []store.Schedule {
	return []store.Schedule{
		Daily("deadline_sweep", KindDeadlineSweep, "06:00", workday.Jakarta),
		Daily("stale_sweep", KindStaleSweep, "02:00", workday.Jakarta),
		Daily("jobs_purge", KindPurge, "03:00", workday.Jakarta),
	}
}
