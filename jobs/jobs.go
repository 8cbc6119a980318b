// Package jobs runs Terbuka's background work: durable job rows in the
// database (store.Job) pulled in batches by a Runner into a bounded worker
// pool, and periodic schedules that enqueue a job at every tick. Several
// app instances may run a Runner on one database: the store's atomic claim
// gives each job to one worker at a time, and a crashed worker's job is
// taken up again when its lease expires.
//
// The jobs Terbuka runs are the deadline sweep and its staff reminders and
// escalations (deadline.go, reminder.go), the stale sweep of the catalogue
// and its staff reminders (stale.go) and the purge of finished jobs.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// Handler runs one claimed job. Returning nil completes it; an error
// fails the attempt and the job is retried with backoff until it runs out
// of attempts. A handler must finish within the Runner's Timeout (its ctx
// says so). A handler whose effects are database writes should commit them
// together with the job's completion (see store.NotifyStaff), which makes
// them happen exactly once even across crashes and lease expiry.
type Handler func(ctx context.Context, j store.Job) error

// JobStore is the durable queue. *store.Store implements it.
type JobStore interface {
	// ClaimJobs takes up to n due jobs of kinds for worker for lease.
	ClaimJobs(ctx context.Context, worker string, kinds []string, n int, lease time.Duration) ([]store.Job, error)
	// CompleteJob records success of the claim j.
	CompleteJob(ctx context.Context, j store.Job) error
	// FailJob records failure of the claim j: retry later or give up.
	FailJob(ctx context.Context, j store.Job, cause error) error
	// EnsureSchedule stores a schedule and returns its next tick.
	EnsureSchedule(ctx context.Context, sc store.Schedule, first time.Time) (time.Time, error)
	// FireSchedule runs the due tick of schedule name on one instance only.
	FireSchedule(ctx context.Context, name string, next time.Time, worker string) (bool, time.Time, error)
}

// Job kinds Terbuka runs.
const (
	KindDeadlineSweep  = "deadline_sweep"  // find requests near or past their due date
	KindDeadlineNotice = "deadline_notice" // send one reminder or escalation to staff
	KindStaleSweep     = "stale_sweep"     // mark stale periodic work: catalogue reminders (stale.go, issue 4)
	KindPurge          = "jobs_purge"      // delete finished jobs
)

// Every is a schedule that enqueues kind every d, at multiples of d since
// the Unix epoch, so every instance computes the same ticks.
func Every(name, kind string, d time.Duration) store.Schedule {
	return store.Schedule{Name: name, Kind: kind, Every: d}
}

// Daily is a schedule that enqueues kind once a day at hhmm ("06:00") in
// loc (nil: WIB).
func Daily(name, kind, hhmm string, loc *time.Location) store.Schedule {
	if loc == nil {
		loc = workday.Jakarta
	}
	return store.Schedule{Name: name, Kind: kind, DailyAt: hhmm, TimeZone: loc.String()}
}

// NextRun is the first tick of sc strictly after t.
func NextRun(sc store.Schedule, t time.Time) (time.Time, error) {
	if sc.Every > 0 {
		if sc.Every < time.Second {
			return time.Time{}, fmt.Errorf("schedule %s: interval %s is shorter than a second", sc.Name, sc.Every)
		}
		return t.Truncate(sc.Every).Add(sc.Every), nil
	}
	if sc.DailyAt == "" {
		return time.Time{}, errors.New("schedule " + sc.Name + ": neither an interval nor a daily time")
	}
	minutes, err := workday.ParseClock(sc.DailyAt)
	if err != nil {
		return time.Time{}, fmt.Errorf("schedule %s: %w", sc.Name, err)
	}
	loc, err := time.LoadLocation(sc.TimeZone)
	if err != nil {
		return time.Time{}, fmt.Errorf("schedule %s: %w", sc.Name, err)
	}
	local := t.In(loc)
	at := time.Date(local.Year(), local.Month(), local.Day(), minutes/60, minutes%60, 0, 0, loc)
	if !at.After(t) {
		at = time.Date(local.Year(), local.Month(), local.Day()+1, minutes/60, minutes%60, 0, 0, loc)
	}
	return at, nil
}
