package jobs

import (
	"context"
	"time"

	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// sweepPage is how many rows a sweep reads and enqueues for at a time:
// memory stays bounded however large the tables grow.
const sweepPage = 500

// calendars reads each body's calendar once per sweep.
type calendars struct {
	read func(ctx context.Context, bodyID int64) (*workday.Calendar, error)
	m    map[int64]*workday.Calendar
}

func newCalendars(read func(ctx context.Context, bodyID int64) (*workday.Calendar, error)) *calendars {
	return &calendars{read: read, m: map[int64]*workday.Calendar{}}
}

// today returns body's calendar and the date of now in its zone.
func (c *calendars) today(ctx context.Context, bodyID int64, now time.Time) (*workday.Calendar, workday.Date, error) {
	cal, ok := c.m[bodyID]
	if !ok {
		var err error
		if cal, err = c.read(ctx, bodyID); err != nil {
			return nil, workday.Date{}, err
		}
		c.m[bodyID] = cal
	}
	return cal, workday.DateOf(now.In(cal.Location())), nil
}

// sweep reads rows page by page — read(after) returns up to sweepPage
// rows with IDs above after, id gives a row's ID — and hands each page to
// each. It returns how many rows it read.
func sweep[T any](ctx context.Context, read func(after int64) ([]T, error), id func(T) int64, each func([]T) error) (int, error) {
	var after int64
	rows := 0
	for {
		page, err := read(after)
		if err != nil {
			return rows, err
		}
		if len(page) > 0 {
			after = id(page[len(page)-1])
		}
		if err := each(page); err != nil {
			return rows, err
		}
		rows += len(page)
		if len(page) < sweepPage {
			return rows, nil
		}
	}
}

// enqueueEach queues the job plan makes of each row that needs one (ok)
// in one call, and returns how many it planned and how many were new
// (unique keys already used are skipped by the store).
func enqueueEach[T any](ctx context.Context, enqueue func(context.Context, []store.NewJob) (int, error), page []T,
	plan func(T) (job store.NewJob, ok bool, err error)) (planned, queued int, err error) {
	var batch []store.NewJob
	for _, row := range page {
		j, ok, err := plan(row)
		if err != nil {
			return 0, 0, err
		}
		if ok {
			batch = append(batch, j)
		}
	}
	queued, err = enqueue(ctx, batch)
	return len(batch), queued, err
}
