package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Job is a unit of background work as a worker claimed it (package jobs
// runs them). Attempts counts claims including this one, so together with
// ID it identifies the claim: completing or failing a job is fenced on
// both, and a worker whose lease ran out and was taken over can no longer
// record anything.
type Job struct {
	ID          int64
	Kind        string
	Payload     []byte // JSON
	RunAt       time.Time
	Attempts    int
	MaxAttempts int
	Worker      string
	LeaseUntil  time.Time
	UniqueKey   string
	LastError   string
}

// NewJob is a job to enqueue. A zero RunAt means now; MaxAttempts 0 means
// DefaultMaxAttempts. Payload is marshalled to JSON (nil is {}; []byte and
// json.RawMessage must already be JSON). A non-empty UniqueKey is used at
// most once, ever: a second job with the same key is not enqueued.
type NewJob struct {
	Kind        string
	Payload     any
	RunAt       time.Time
	UniqueKey   string
	MaxAttempts int
}

// DefaultMaxAttempts is how often a job is tried before it fails for good.
const DefaultMaxAttempts = 5

// ErrJobLeaseLost is returned when completing or failing a job whose claim
// is no longer the current one: its lease expired and another worker took
// the job over. Whatever the stale claim wrote in the same transaction is
// rolled back.
var ErrJobLeaseLost = errors.New("job lease lost")

// JobBackoff is how long a job waits after its attempt-th failure: 30 s,
// 1 min, 2 min … doubling up to 6 h.
func JobBackoff(attempt int) time.Duration {
	d := 30 * time.Second << min(max(attempt-1, 0), 10)
	return min(d, 6*time.Hour)
}

func jobPayload(p any) (string, error) {
	switch v := p.(type) {
	case nil:
		return "{}", nil
	case []byte:
		if !json.Valid(v) {
			return "", errors.New("payload is not JSON")
		}
		return string(v), nil
	case json.RawMessage:
		if !json.Valid(v) {
			return "", errors.New("payload is not JSON")
		}
		return string(v), nil
	}
	b, err := json.Marshal(p)
	return string(b), err
}

// enqueueJob writes a job in tx, in the same transaction as the change
// that calls for it (outbox style). created is false when UniqueKey was
// used before.
func enqueueJob(ctx context.Context, tx *sql.Tx, j NewJob, now time.Time) (id int64, created bool, err error) {
	if j.Kind == "" {
		return 0, false, errors.New("enqueue job: empty kind")
	}
	payload, err := jobPayload(j.Payload)
	if err != nil {
		return 0, false, fmt.Errorf("enqueue %s: %w", j.Kind, err)
	}
	if j.RunAt.IsZero() {
		j.RunAt = now
	}
	if j.MaxAttempts <= 0 {
		j.MaxAttempts = DefaultMaxAttempts
	}
	var key any
	if j.UniqueKey != "" {
		key = j.UniqueKey
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at, unique_key)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (unique_key) DO NOTHING RETURNING id`,
		j.Kind, payload, j.RunAt.UTC(), j.MaxAttempts, now, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("enqueue %s: %w", j.Kind, err)
	}
	return id, true, nil
}

// EnqueueJob queues one job of kind to run at runAt (zero: now). With a
// uniqueKey that was used before it does nothing and created is false.
func (s *Store) EnqueueJob(ctx context.Context, kind string, payload any, runAt time.Time, uniqueKey string) (id int64, created bool, err error) {
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		id, created, err = enqueueJob(ctx, tx, NewJob{Kind: kind, Payload: payload, RunAt: runAt, UniqueKey: uniqueKey}, s.Now())
		return err
	})
	return id, created, err
}

// EnqueueJobs queues jobs in one transaction and returns how many were
// new (the others had a unique key already used).
func (s *Store) EnqueueJobs(ctx context.Context, jobs []NewJob) (int, error) {
	if len(jobs) == 0 {
		return 0, nil
	}
	created := 0
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		created = 0
		now := s.Now()
		for _, j := range jobs {
			_, ok, err := enqueueJob(ctx, tx, j, now)
			if err != nil {
				return err
			}
			if ok {
				created++
			}
		}
		return nil
	})
	return created, err
}

const jobReturning = ` RETURNING id, kind, payload, run_at, attempts, max_attempts, locked_until, COALESCE(unique_key, ''), last_error`

// ClaimJobs takes up to n due jobs, oldest run_at first, for worker for
// lease, and returns them. kinds limits the claim to the kinds the worker
// can run (an instance of an older version leaves new kinds alone); nil
// claims any kind. A job whose lease has expired (its worker crashed or
// hung) is due again. Several instances may claim at once and never get
// the same job: on PostgreSQL the candidate rows are locked with FOR
// UPDATE SKIP LOCKED, so concurrent claimers pass each other by; on
// SQLite the single writer serialises the claims.
func (s *Store) ClaimJobs(ctx context.Context, worker string, kinds []string, n int, lease time.Duration) ([]Job, error) {
	if n <= 0 {
		return nil, nil
	}
	now := s.Now()
	until := now.Add(lease)
	args := []any{worker, until, now, n}
	kindCond := ""
	if len(kinds) > 0 {
		ph := make([]string, len(kinds))
		for i, k := range kinds {
			args = append(args, k)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		kindCond = " AND kind IN (" + strings.Join(ph, ", ") + ")"
	}
	var out []Job
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		// A job whose worker died on its last attempt would otherwise stay
		// pending for ever: it has no attempt left to be claimed with.
		if _, err := tx.ExecContext(ctx, `UPDATE jobs SET failed_at = $1, locked_by = NULL, locked_until = NULL,
			last_error = 'lease expired on the last attempt'
			WHERE done_at IS NULL AND failed_at IS NULL AND attempts >= max_attempts AND locked_until < $1`, now); err != nil {
			return fmt.Errorf("fail exhausted jobs: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `UPDATE jobs SET locked_by = $1, locked_until = $2, attempts = attempts + 1
			WHERE id IN (SELECT id FROM jobs WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $3
				AND (locked_until IS NULL OR locked_until < $3) AND attempts < max_attempts`+kindCond+`
				ORDER BY run_at, id LIMIT $4`+s.db.skipLocked()+`)`+jobReturning, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			j := Job{Worker: worker}
			if err := rows.Scan(&j.ID, &j.Kind, &j.Payload, &j.RunAt, &j.Attempts, &j.MaxAttempts, &j.LeaseUntil,
				&j.UniqueKey, &j.LastError); err != nil {
				return err
			}
			out = append(out, j)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim jobs: %w", err)
	}
	// RETURNING has no order; hand the jobs out oldest first.
	slices.SortFunc(out, func(a, b Job) int {
		if c := a.RunAt.Compare(b.RunAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// completeJob marks the claim j done in tx and reports whether this call
// did it (false: the same claim was completed before). A handler whose
// effects live in the database calls it in the transaction that writes
// them and writes nothing unless done is true, so the effects commit if
// and only if the job is done, exactly once even when a lease expires
// mid-run or the handler is called twice.
func completeJob(ctx context.Context, tx *sql.Tx, j Job, now time.Time) (done bool, err error) {
	res, err := tx.ExecContext(ctx, `UPDATE jobs SET done_at = $1, locked_until = NULL, last_error = ''
		WHERE id = $2 AND attempts = $3 AND locked_by = $4 AND failed_at IS NULL AND done_at IS NULL`,
		now, j.ID, j.Attempts, j.Worker)
	if err != nil {
		return false, fmt.Errorf("complete job %d: %w", j.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, fmt.Errorf("complete job %d: %w", j.ID, err)
	} else if n == 1 {
		return true, nil
	}
	var again int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE id = $1 AND attempts = $2 AND locked_by = $3
		AND done_at IS NOT NULL`, j.ID, j.Attempts, j.Worker).Scan(&again); err != nil {
		return false, fmt.Errorf("complete job %d: %w", j.ID, err)
	}
	if again == 0 {
		return false, fmt.Errorf("complete job %d (attempt %d by %s): %w", j.ID, j.Attempts, j.Worker, ErrJobLeaseLost)
	}
	return false, nil
}

// CompleteJob records that the claim j succeeded; completing the same
// claim again is a no-op. It returns an error wrapping ErrJobLeaseLost
// when another worker has taken the job over.
func (s *Store) CompleteJob(ctx context.Context, j Job) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := completeJob(ctx, tx, j, s.Now())
		return err
	})
}

// FailJob records that the claim j failed with cause: the job runs again
// after JobBackoff(j.Attempts), or fails for good once it has had
// MaxAttempts. It returns an error wrapping ErrJobLeaseLost when another
// worker has taken the job over.
func (s *Store) FailJob(ctx context.Context, j Job, cause error) error {
	now := s.Now()
	msg := "failed"
	if cause != nil {
		msg = cause.Error()
	}
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		var res sql.Result
		var err error
		if j.Attempts >= j.MaxAttempts {
			res, err = tx.ExecContext(ctx, `UPDATE jobs SET failed_at = $1, last_error = $2, locked_until = NULL
				WHERE id = $3 AND attempts = $4 AND locked_by = $5 AND done_at IS NULL AND failed_at IS NULL`,
				now, "gave up: "+msg, j.ID, j.Attempts, j.Worker)
		} else {
			res, err = tx.ExecContext(ctx, `UPDATE jobs SET run_at = $1, last_error = $2, locked_by = NULL, locked_until = NULL
				WHERE id = $3 AND attempts = $4 AND locked_by = $5 AND done_at IS NULL AND failed_at IS NULL`,
				now.Add(JobBackoff(j.Attempts)), msg, j.ID, j.Attempts, j.Worker)
		}
		if err != nil {
			return fmt.Errorf("fail job %d: %w", j.ID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("fail job %d: %w", j.ID, err)
		} else if n == 0 {
			return fmt.Errorf("fail job %d (attempt %d by %s): %w", j.ID, j.Attempts, j.Worker, ErrJobLeaseLost)
		}
		return nil
	})
}

// JobCounts are the jobs in each state (for metrics and tests).
type JobCounts struct {
	Pending int // waiting for run_at or a worker, including retries
	Running int // claimed, lease not yet expired
	Done    int
	Failed  int
}

// CountJobs counts the jobs of kind (all kinds when empty) by state.
func (s *Store) CountJobs(ctx context.Context, kind string) (JobCounts, error) {
	var c JobCounts
	err := s.read.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL AND (locked_until IS NULL OR locked_until < $1) THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL AND locked_until >= $1 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN done_at IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0)
		FROM jobs WHERE ($2 = '' OR kind = $2)`, s.Now(), kind).Scan(&c.Pending, &c.Running, &c.Done, &c.Failed)
	if err != nil {
		return c, fmt.Errorf("count jobs: %w", err)
	}
	return c, nil
}

// PurgeJobs deletes jobs that finished (done or failed) before before and
// returns how many. Jobs whose unique key guards against sending a notice
// twice (remind:…, overdue:…) are kept; schedule ticks and keyless jobs go.
func (s *Store) PurgeJobs(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM jobs WHERE COALESCE(done_at, failed_at) < $1
			AND (unique_key IS NULL OR unique_key LIKE 'schedule:%')`, before.UTC())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("purge jobs: %w", err)
	}
	return int(n), nil
}
