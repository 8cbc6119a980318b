package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// KindLapseSweep lapses incomplete requests whose completion window has
// ended (issue 3 bullet 0) and clears the tracking codes of transferred
// requests once their e-mail is out.
const KindLapseSweep = "lapse_sweep"

// transferCodeKeep bounds how long a transferred request's tracking code
// waits in the database for its e-mail, even if the mail never resolves.
const transferCodeKeep = 14 * 24 * time.Hour

// LapseStore is what the lapse sweep reads and writes. *store.Store
// implements it.
type LapseStore interface {
	// LapseCandidates pages through incomplete requests whose window may have ended.
	LapseCandidates(ctx context.Context, afterID int64, limit int) ([]store.LapseCandidate, error)
	// Calendar is a body's working-day calendar.
	Calendar(ctx context.Context, bodyID int64) (*workday.Calendar, error)
	// LapseRequest lapses one request, exactly once.
	LapseRequest(ctx context.Context, number string, incompleteID int64) (bool, error)
	// ClearTransferTokens forgets delivered (or too old) transfer codes.
	ClearTransferTokens(ctx context.Context, before time.Time) (int, error)
}

// Lapses is the lapse sweep. Store is required; Clock defaults to the
// system clock and Log discards.
type Lapses struct {
	Store LapseStore
	Clock terbuka.Clock
	Log   *slog.Logger
}

// Sweep is the KindLapseSweep handler. Every incomplete request whose
// completion window ended before today in its body's zone lapses, with a
// notice to the requester (queued by the store with the change). The
// store re-checks each request under its lock, so a sweep that runs
// twice, on two instances at once, or is retried after a crash lapses each
// request exactly once; running it again lapses nothing new.
func (l *Lapses) Sweep(ctx context.Context, _ store.Job) error {
	now := time.Now()
	if l.Clock != nil {
		now = l.Clock.Now()
	}
	log := l.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cals := newCalendars(l.Store.Calendar)
	lapsed := 0
	seen, err := sweep(ctx, func(after int64) ([]store.LapseCandidate, error) {
		return l.Store.LapseCandidates(ctx, after, sweepPage)
	},
		func(c store.LapseCandidate) int64 { return c.IncompleteID },
		func(page []store.LapseCandidate) error {
			for _, c := range page {
				_, today, err := cals.today(ctx, c.BodyID, now)
				if err != nil {
					return err
				}
				if !today.After(c.CompleteBy) {
					continue // the window still runs in this body's zone
				}
				done, err := l.Store.LapseRequest(ctx, c.Number, c.IncompleteID)
				if err != nil {
					return err
				}
				if done {
					lapsed++
					log.Info("jobs: request lapsed", "request", c.Number, "complete_by", c.CompleteBy.String())
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	cleared, err := l.Store.ClearTransferTokens(ctx, now.Add(-transferCodeKeep))
	if err != nil {
		return err
	}
	log.Info("jobs: lapse sweep", "candidates", seen, "lapsed", lapsed, "transfer_codes_cleared", cleared)
	return nil
}

// RoutingSchedules are the periodic jobs of routing: the lapse sweep every
// hour (a window ends at 23:59 in the body's zone, so a request lapses
// within an hour of midnight there), and the disposition reminder sweep
// daily at 06:00 WIB, with the deadline sweep.
func RoutingSchedules() []store.Schedule {
	return []store.Schedule{
		Every("lapse_sweep", KindLapseSweep, time.Hour),
		Daily("disposition_sweep", KindDispositionSweep, "06:00", workday.Jakarta),
	}
}
