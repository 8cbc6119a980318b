package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Schedule is a periodic job: at every tick one instance enqueues a job of
// Kind. A tick comes every Every, or, when Every is zero, daily at DailyAt
// ("HH:MM") in TimeZone. Package jobs computes the ticks; the store keeps
// NextRunAt, shared by every instance.
type Schedule struct {
	Name      string
	Kind      string
	Every     time.Duration
	DailyAt   string
	TimeZone  string
	NextRunAt time.Time
	LastRunAt time.Time
	LastRunBy string
}

// EnsureSchedule stores sc if it is new, with first as its first tick, and
// returns the stored next tick. When sc's timing differs from the stored
// one, the timing is replaced and the next tick becomes first.
func (s *Store) EnsureSchedule(ctx context.Context, sc Schedule, first time.Time) (time.Time, error) {
	if sc.Name == "" || sc.Kind == "" {
		return time.Time{}, errors.New("ensure schedule: name and kind are required")
	}
	var next time.Time
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO schedules (name, kind, every_seconds, daily_at, time_zone, next_run_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, every_seconds = excluded.every_seconds,
				daily_at = excluded.daily_at, time_zone = excluded.time_zone,
				next_run_at = CASE WHEN schedules.every_seconds <> excluded.every_seconds OR schedules.daily_at <> excluded.daily_at
					OR schedules.time_zone <> excluded.time_zone THEN excluded.next_run_at ELSE schedules.next_run_at END
			RETURNING next_run_at`, sc.Name, sc.Kind, int64(sc.Every/time.Second), sc.DailyAt, sc.TimeZone, first.UTC()).Scan(&next)
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("ensure schedule %s: %w", sc.Name, err)
	}
	return next, nil
}

// FireSchedule runs the tick of schedule name that is due now, if no
// instance has run it yet: in one transaction it moves the schedule's next
// tick to next and enqueues a job of the schedule's kind. Of several
// instances calling at once exactly one gets fired == true; the statement
// only matches while next_run_at <= now, and the first to commit moves it
// past now (PostgreSQL re-checks the condition after the row lock is
// released; SQLite runs one writer at a time). nextRunAt is the stored
// next tick afterwards. next must lie after now.
func (s *Store) FireSchedule(ctx context.Context, name string, next time.Time, worker string) (fired bool, nextRunAt time.Time, err error) {
	now := s.Now()
	if !next.After(now) {
		return false, time.Time{}, fmt.Errorf("fire schedule %s: next tick %s is not after now", name, next)
	}
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		var kind string
		err := tx.QueryRowContext(ctx, `UPDATE schedules SET next_run_at = $1, last_run_at = $2, last_run_by = $3
			WHERE name = $4 AND next_run_at <= $2 RETURNING kind`, next.UTC(), now, worker, name).Scan(&kind)
		if errors.Is(err, sql.ErrNoRows) {
			fired = false
			return tx.QueryRowContext(ctx, "SELECT next_run_at FROM schedules WHERE name = $1", name).Scan(&nextRunAt)
		}
		if err != nil {
			return err
		}
		fired, nextRunAt = true, next.UTC()
		// The key is one per tick: a tick can never enqueue twice.
		_, _, err = enqueueJob(ctx, tx, NewJob{Kind: kind, Payload: map[string]any{"schedule": name, "tick": now},
			UniqueKey: "schedule:" + name + ":" + next.UTC().Format(time.RFC3339)}, now)
		return err
	})
	if err != nil {
		return false, time.Time{}, fmt.Errorf("fire schedule %s: %w", name, err)
	}
	return fired, nextRunAt, nil
}

// Schedules lists the stored schedules by name.
func (s *Store) Schedules(ctx context.Context) ([]Schedule, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name, kind, every_seconds, daily_at, time_zone, next_run_at, last_run_at, last_run_by
		FROM schedules ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list schedules: %w", err)
	}
	defer rows.Close()
	var out []Schedule
	for rows.Next() {
		var sc Schedule
		var every int64
		var last sql.NullTime
		if err := rows.Scan(&sc.Name, &sc.Kind, &every, &sc.DailyAt, &sc.TimeZone, &sc.NextRunAt, &last, &sc.LastRunBy); err != nil {
			return nil, fmt.Errorf("scan schedule: %w", err)
		}
		sc.Every = time.Duration(every) * time.Second
		sc.LastRunAt = last.Time
		out = append(out, sc)
	}
	return out, rows.Err()
}
