package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// Defaults for unset Runner fields.
const (
	defaultConcurrency = 4
	defaultPoll        = 2 * time.Second
	defaultTimeout     = 2 * time.Minute
	// leaseMargin is how much longer a lease lasts than a handler may run,
	// so a job is never taken over while its handler can still be running.
	leaseMargin = time.Minute
	// markTimeout bounds recording an outcome, also during shutdown.
	markTimeout = 10 * time.Second
)

// Runner claims due jobs in batches and runs them in a pool of at most
// Concurrency goroutines; it also fires the periodic Schedules. Store and
// Handlers are required; the other fields have defaults: Worker (host,
// process and a random suffix), Concurrency 4, Poll 2 s, Timeout 2 min per
// job, Log discards, Clock the system clock. Observe, when set, is called
// after every job with its kind, the outcome ("done", "retry", "failed"
// when it gave up, "lost" when the outcome could not be recorded) and how
// long the handler ran.
//
// Several Runners (in one or many instances) may share a database; each
// job runs on one of them at a time. A Runner is not reusable after Run
// returns.
type Runner struct {
	Store       JobStore
	Handlers    map[string]Handler
	Schedules   []store.Schedule
	Worker      string
	Concurrency int
	Poll        time.Duration
	Timeout     time.Duration
	Log         *slog.Logger
	Clock       terbuka.Clock
	Observe     func(kind, outcome string, took time.Duration)

	once  sync.Once
	kinds []string
	next  []time.Time // per schedule: the stored next tick; zero until ensured
}

func (r *Runner) init() {
	r.once.Do(func() {
		if r.Worker == "" {
			host, _ := os.Hostname()
			b := make([]byte, 3)
			_, _ = rand.Read(b)
			r.Worker = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
		}
		if r.Concurrency <= 0 {
			r.Concurrency = defaultConcurrency
		}
		if r.Poll <= 0 {
			r.Poll = defaultPoll
		}
		if r.Timeout <= 0 {
			r.Timeout = defaultTimeout
		}
		if r.Log == nil {
			r.Log = slog.New(slog.DiscardHandler)
		}
		if r.Clock == nil {
			r.Clock = terbuka.SystemClock{}
		}
		for k := range r.Handlers {
			r.kinds = append(r.kinds, k)
		}
		slices.Sort(r.kinds)
		r.next = make([]time.Time, len(r.Schedules))
	})
}

// Run works until ctx ends, then stops claiming, lets the running jobs
// finish (each within Timeout) and returns. Store errors are logged and
// retried after Poll; they never stop the Runner.
func (r *Runner) Run(ctx context.Context) {
	r.init()
	if len(r.kinds) == 0 {
		r.Log.Warn("jobs: no handlers, runner idle", "worker", r.Worker)
		<-ctx.Done()
		return
	}
	r.Log.Info("jobs: runner started", "worker", r.Worker, "concurrency", r.Concurrency, "kinds", r.kinds)
	slots := make(chan struct{}, r.Concurrency)
	wake := make(chan struct{}, 1)
	var running sync.WaitGroup
	defer func() {
		running.Wait()
		r.Log.Info("jobs: runner stopped", "worker", r.Worker)
	}()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-wake:
		}
		r.tick(ctx)
		free := r.Concurrency - len(slots)
		full := false
		if free > 0 {
			batch, err := r.Store.ClaimJobs(ctx, r.Worker, r.kinds, free, r.Timeout+leaseMargin)
			if err != nil && ctx.Err() == nil {
				r.Log.Error("jobs: claim", "worker", r.Worker, "err", err)
			}
			full = len(batch) == free
			for _, j := range batch {
				slots <- struct{}{}
				running.Add(1)
				go func() {
					defer running.Done()
					r.process(ctx, j)
					<-slots
					if full {
						// The last claim filled every slot: more may be due.
						select {
						case wake <- struct{}{}:
						default:
						}
					}
				}()
			}
		}
		// After a full batch a finishing job wakes the loop sooner. (Since
		// Go 1.23 Reset needs no draining of the timer's channel.)
		timer.Reset(r.Poll)
	}
}

// RunOnce fires the due schedules, claims up to Concurrency due jobs, runs
// them and returns how many it ran. Tests call it until it returns 0.
func (r *Runner) RunOnce(ctx context.Context) (int, error) {
	r.init()
	if err := r.tickErr(ctx); err != nil {
		return 0, err
	}
	batch, err := r.Store.ClaimJobs(ctx, r.Worker, r.kinds, r.Concurrency, r.Timeout+leaseMargin)
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	for _, j := range batch {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.process(ctx, j)
		}()
	}
	wg.Wait()
	return len(batch), nil
}

// Drain calls RunOnce until nothing is due and returns the total.
func (r *Runner) Drain(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := r.RunOnce(ctx)
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
}

func (r *Runner) tick(ctx context.Context) {
	if err := r.tickErr(ctx); err != nil && ctx.Err() == nil {
		r.Log.Error("jobs: schedules", "worker", r.Worker, "err", err)
	}
}

// tickErr fires every schedule whose stored next tick has come. The store
// decides which instance gets a tick; the others learn the new next tick.
func (r *Runner) tickErr(ctx context.Context) error {
	now := r.Clock.Now()
	var errs []error
	for i, sc := range r.Schedules {
		if r.next[i].IsZero() {
			first, err := NextRun(sc, now)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if r.next[i], err = r.Store.EnsureSchedule(ctx, sc, first); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		if now.Before(r.next[i]) {
			continue
		}
		next, err := NextRun(sc, now)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fired, stored, err := r.Store.FireSchedule(ctx, sc.Name, next, r.Worker)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r.next[i] = stored
		if fired {
			r.Log.Info("jobs: schedule fired", "schedule", sc.Name, "kind", sc.Kind, "worker", r.Worker, "next", stored)
		}
	}
	return errors.Join(errs...)
}

// process runs one claimed job and records the outcome. The handler's
// context outlives ctx (shutdown lets running jobs finish) but not Timeout.
func (r *Runner) process(ctx context.Context, j store.Job) {
	log := r.Log.With("worker", r.Worker, "job", j.ID, "kind", j.Kind, "attempt", j.Attempts)
	start := time.Now()
	jctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.Timeout)
	err := r.call(jctx, j)
	cancel()
	took := time.Since(start)
	mctx, mcancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer mcancel()
	outcome := "done"
	if err == nil {
		if cerr := r.Store.CompleteJob(mctx, j); cerr != nil {
			outcome = "lost"
			log.Error("jobs: complete", "err", cerr)
		} else {
			log.Debug("jobs: done", "took", took)
		}
	} else {
		outcome = "retry"
		if j.Attempts >= j.MaxAttempts {
			outcome = "failed"
		}
		log.Warn("jobs: attempt failed", "err", err, "took", took, "gave_up", outcome == "failed")
		if ferr := r.Store.FailJob(mctx, j, err); ferr != nil {
			outcome = "lost"
			log.Error("jobs: record failure", "err", ferr)
		}
	}
	if r.Observe != nil {
		r.Observe(j.Kind, outcome, took)
	}
}

// call runs the handler, turning a panic into an error so one bad job
// cannot take the server down.
func (r *Runner) call(ctx context.Context, j store.Job) (err error) {
	h := r.Handlers[j.Kind]
	if h == nil {
		return fmt.Errorf("no handler for job kind %q", j.Kind)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("job %d (%s) panicked: %v\n%s", j.ID, j.Kind, p, debug.Stack())
		}
	}()
	return h(ctx, j)
}
