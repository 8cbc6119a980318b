package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// Disposition job kinds (issue 3 bullet 1).
const (
	KindDispositionSweep  = "disposition_sweep"        // find dispositions near their internal deadline
	KindDispositionNotice = store.JobDispositionNotice // mail and notify staff about one disposition
)

// DispositionStore is what the disposition jobs read and write.
// *store.Store implements it.
type DispositionStore interface {
	// OpenDispositions pages through unanswered dispositions of open requests.
	OpenDispositions(ctx context.Context, afterID int64, limit int) ([]store.OpenDisposition, error)
	// Calendar is a body's working-day calendar.
	Calendar(ctx context.Context, bodyID int64) (*workday.Calendar, error)
	// EnqueueJobs queues jobs, skipping unique keys already used.
	EnqueueJobs(ctx context.Context, jobs []store.NewJob) (int, error)
	// DispositionForMail reads a disposition on the system's behalf.
	DispositionForMail(ctx context.Context, id int64) (terbuka.Disposition, error)
	// NotifyDisposition mails and notifies its recipients and completes j.
	NotifyDisposition(ctx context.Context, j store.Job, n store.DispositionNotice) (int, error)
}

// Dispositions are the disposition jobs: Sweep (KindDispositionSweep,
// daily) queues a reminder for each open disposition at most
// terbuka.DispositionReminderDays working day before its internal
// deadline, keyed so that it goes out once per disposition and deadline;
// Notice (KindDispositionNotice) sends one notice, the reminders as well
// as those the store queues when a request is forwarded or answered.
// Store is required; Clock defaults to the system clock and Log discards.
type Dispositions struct {
	Store DispositionStore
	Clock terbuka.Clock
	Log   *slog.Logger
}

func (d *Dispositions) now() time.Time {
	if d.Clock == nil {
		return time.Now()
	}
	return d.Clock.Now()
}

func (d *Dispositions) log() *slog.Logger {
	if d.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.Log
}

// ReminderKey is the unique job key of the reminder of disposition id due on due.
func ReminderKey(id int64, due workday.Date) string {
	return "disposition-remind:" + strconv.FormatInt(id, 10) + ":" + due.String()
}

// Sweep is the KindDispositionSweep handler. An internal deadline that
// has passed is shown to staff on the request's page, not mailed.
func (d *Dispositions) Sweep(ctx context.Context, _ store.Job) error {
	now := d.now()
	cals := newCalendars(d.Store.Calendar)
	queued := 0
	open, err := sweep(ctx, func(after int64) ([]store.OpenDisposition, error) {
		return d.Store.OpenDispositions(ctx, after, sweepPage)
	},
		func(o store.OpenDisposition) int64 { return o.ID },
		func(page []store.OpenDisposition) error {
			_, n, err := enqueueEach(ctx, d.Store.EnqueueJobs, page, func(o store.OpenDisposition) (store.NewJob, bool, error) {
				cal, today, err := cals.today(ctx, o.BodyID, now)
				if err != nil {
					return store.NewJob{}, false, err
				}
				due := !today.After(o.DueOn) && WorkingDaysBetween(cal, today, o.DueOn) <= terbuka.DispositionReminderDays
				return store.NewJob{Kind: KindDispositionNotice, RunAt: now, UniqueKey: ReminderKey(o.ID, o.DueOn),
					Payload: store.DispositionNoticePayload{DispositionID: o.ID, Kind: mail.RoutingDispositionRemind,
						DueOn: o.DueOn.String()}}, due, nil
			})
			queued += n
			return err
		})
	if err != nil {
		return err
	}
	d.log().Info("jobs: disposition sweep", "open_dispositions", open, "reminders_queued", queued)
	return nil
}

// Notice is the KindDispositionNotice handler: it words the notice
// (Indonesian, as every staff notice) and lets the store send it with the
// job's completion. A disposition that is gone or no longer calls for the
// notice gets nothing.
func (d *Dispositions) Notice(ctx context.Context, j store.Job) error {
	var p store.DispositionNoticePayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return fmt.Errorf("disposition notice payload: %w", err)
	}
	due, err := workday.ParseDate(p.DueOn)
	if err != nil {
		return fmt.Errorf("disposition notice payload: %w", err)
	}
	disp, err := d.Store.DispositionForMail(ctx, p.DispositionID)
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		return nil // the runner completes the job: nothing to say
	}
	if err != nil {
		return err
	}
	cal, err := d.Store.Calendar(ctx, disp.RequestBodyID)
	if err != nil {
		return err
	}
	n := mail.NewDispositionNotice(p.Kind, disp, WorkingDaysBetween(cal, workday.DateOf(d.now().In(cal.Location())), disp.DueOn))
	sent, err := d.Store.NotifyDisposition(ctx, j, store.DispositionNotice{Kind: p.Kind, DispositionID: disp.ID, DueOn: due,
		MailRef: n.Ref(), Title: n.Title("id"), Body: n.Summary("id")})
	if err != nil {
		return err
	}
	log := d.log().With("kind", p.Kind, "disposition", disp.ID, "request", disp.RequestNumber, "recipients", sent)
	if sent == 0 {
		log.Info("jobs: disposition notice had no recipient (stale, or no active account)")
	} else {
		log.Info("jobs: disposition notice sent")
	}
	return nil
}
