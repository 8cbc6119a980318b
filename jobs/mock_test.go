package jobs_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/store"
)

// mockStore is a JobStore of functions; unset ones do nothing.
type mockStore struct {
	ClaimJobsFn      func(ctx context.Context, worker string, kinds []string, n int, lease time.Duration) ([]store.Job, error)
	CompleteJobFn    func(ctx context.Context, j store.Job) error
	FailJobFn        func(ctx context.Context, j store.Job, cause error) error
	EnsureScheduleFn func(ctx context.Context, sc store.Schedule, first time.Time) (time.Time, error)
	FireScheduleFn   func(ctx context.Context, name string, next time.Time, worker string) (bool, time.Time, error)
}

var _ jobs.JobStore = (*mockStore)(nil)

func (m *mockStore) ClaimJobs(ctx context.Context, worker string, kinds []string, n int, lease time.Duration) ([]store.Job, error) {
	if m.ClaimJobsFn == nil {
		return nil, nil
	}
	return m.ClaimJobsFn(ctx, worker, kinds, n, lease)
}

func (m *mockStore) CompleteJob(ctx context.Context, j store.Job) error {
	if m.CompleteJobFn == nil {
		return nil
	}
	return m.CompleteJobFn(ctx, j)
}

func (m *mockStore) FailJob(ctx context.Context, j store.Job, cause error) error {
	if m.FailJobFn == nil {
		return nil
	}
	return m.FailJobFn(ctx, j, cause)
}

func (m *mockStore) EnsureSchedule(ctx context.Context, sc store.Schedule, first time.Time) (time.Time, error) {
	if m.EnsureScheduleFn == nil {
		return first, nil
	}
	return m.EnsureScheduleFn(ctx, sc, first)
}

func (m *mockStore) FireSchedule(ctx context.Context, name string, next time.Time, worker string) (bool, time.Time, error) {
	if m.FireScheduleFn == nil {
		return false, next, nil
	}
	return m.FireScheduleFn(ctx, name, next, worker)
}

// A handler that overruns Timeout is cancelled and its attempt failed; the
// lease asked for outlasts the timeout; a job of a kind without handler
// fails instead of crashing.
func TestRunner_TimeoutLeaseAndUnknownKind(t *testing.T) {
	var mu sync.Mutex
	failed := map[int64]error{}
	var lease time.Duration
	var kinds []string
	st := &mockStore{
		ClaimJobsFn: func(_ context.Context, _ string, k []string, n int, l time.Duration) ([]store.Job, error) {
			kinds, lease = k, l
			return []store.Job{{ID: 1, Kind: "slow", Attempts: 1, MaxAttempts: 5}, {ID: 2, Kind: "gone", Attempts: 1, MaxAttempts: 5}}, nil
		},
		CompleteJobFn: func(_ context.Context, j store.Job) error {
			t.Errorf("job %d completed", j.ID)
			return nil
		},
		FailJobFn: func(_ context.Context, j store.Job, cause error) error {
			mu.Lock()
			failed[j.ID] = cause
			mu.Unlock()
			return nil
		},
	}
	r := &jobs.Runner{Store: st, Timeout: 20 * time.Millisecond, Handlers: map[string]jobs.Handler{
		"slow": func(ctx context.Context, _ store.Job) error {
			<-ctx.Done()
			return ctx.Err()
		},
		"fast": func(context.Context, store.Job) error { return nil },
	}}
	if n, err := r.RunOnce(context.Background()); err != nil || n != 2 {
		t.Fatalf("RunOnce = %d, %v", n, err)
	}
	if len(kinds) != 2 || kinds[0] != "fast" || kinds[1] != "slow" || lease <= r.Timeout {
		t.Errorf("claimed kinds %v with lease %s (timeout %s)", kinds, lease, r.Timeout)
	}
	if !errors.Is(failed[1], context.DeadlineExceeded) {
		t.Errorf("slow job failed with %v, want the deadline", failed[1])
	}
	if failed[2] == nil || !strings.Contains(failed[2].Error(), "no handler") {
		t.Errorf("unknown kind failed with %v", failed[2])
	}
}
