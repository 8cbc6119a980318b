package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

const jobLease = time.Minute

// jobStore is a store on db with its own controllable clock.
func jobStore(t *testing.T, db *store.DB) (*store.Store, *clock) {
	t.Helper()
	c := &clock{t: wib(2026, 1, 12, 9, 0)}
	return store.New(db, c, fastHasher()), c
}

// instance opens another pool on db's database, as a second app instance
// would, and returns a store on it with clock c.
func instance(t *testing.T, db *store.DB, c *clock) *store.Store {
	t.Helper()
	db2, err := store.Open(context.Background(), db.DSN)
	if err != nil {
		t.Fatalf("open second instance: %v", err)
	}
	t.Cleanup(func() { db2.Close() })
	return store.New(db2, c, fastHasher())
}

func enqueue(t *testing.T, s *store.Store, kind string, runAt time.Time, key string) int64 {
	t.Helper()
	id, created, err := s.EnqueueJob(context.Background(), kind, map[string]int{"n": 1}, runAt, key)
	if err != nil || !created {
		t.Fatalf("EnqueueJob(%s, %q) = %d, %v, %v", kind, key, id, created, err)
	}
	return id
}

func claimJobs(t *testing.T, s *store.Store, worker string, n int) []store.Job {
	t.Helper()
	js, err := s.ClaimJobs(context.Background(), worker, nil, n, jobLease)
	if err != nil {
		t.Fatalf("ClaimJobs: %v", err)
	}
	return js
}

func claimOne(t *testing.T, s *store.Store, worker string) store.Job {
	t.Helper()
	js := claimJobs(t, s, worker, 1)
	if len(js) != 1 {
		t.Fatalf("claimed %d jobs, want 1", len(js))
	}
	return js[0]
}

func claimNoJob(t *testing.T, s *store.Store) {
	t.Helper()
	if js := claimJobs(t, s, "probe", 10); len(js) != 0 {
		t.Fatalf("claimed %d jobs (%+v), want none due", len(js), js[0])
	}
}

func counts(t *testing.T, s *store.Store) store.JobCounts {
	t.Helper()
	c, err := s.CountJobs(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestJobService_Enqueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := jobStore(t, db)
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			id := enqueue(t, s, "k", time.Time{}, "")
			j := claimOne(t, s, "w")
			if j.ID != id || j.Kind != "k" || string(j.Payload) != `{"n":1}` || j.Attempts != 1 ||
				j.MaxAttempts != store.DefaultMaxAttempts || j.Worker != "w" || !j.LeaseUntil.Equal(s.Now().Add(jobLease)) {
				t.Fatalf("claimed %+v", j)
			}
			if err := s.CompleteJob(ctx, j); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("UniqueKeyOnceEver", func(t *testing.T) {
			first := enqueue(t, s, "k", time.Time{}, "remind:X:3:2026-01-27")
			if id, created, err := s.EnqueueJob(ctx, "k", nil, time.Time{}, "remind:X:3:2026-01-27"); err != nil || created || id != 0 {
				t.Fatalf("second enqueue = %d, %v, %v; want nothing", id, created, err)
			}
			j := claimOne(t, s, "w")
			if j.ID != first || j.UniqueKey != "remind:X:3:2026-01-27" {
				t.Fatalf("claimed %+v", j)
			}
			if err := s.CompleteJob(ctx, j); err != nil {
				t.Fatal(err)
			}
			// Done jobs keep their key: the notice is never queued again.
			n, err := s.EnqueueJobs(ctx, []store.NewJob{{Kind: "k", UniqueKey: "remind:X:3:2026-01-27"}, {Kind: "k", UniqueKey: "remind:X:1:2026-01-27"}})
			if err != nil || n != 1 {
				t.Fatalf("EnqueueJobs = %d, %v; want 1 new", n, err)
			}
			if err := s.CompleteJob(ctx, claimOne(t, s, "w")); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("ErrBadPayload", func(t *testing.T) {
			if _, _, err := s.EnqueueJob(ctx, "k", []byte("{not json"), time.Time{}, ""); err == nil {
				t.Fatal("queued a payload that is not JSON")
			}
			if _, _, err := s.EnqueueJob(ctx, "", nil, time.Time{}, ""); err == nil {
				t.Fatal("queued a job without kind")
			}
			claimNoJob(t, s)
		})
	})
}

func TestJobService_Claim(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, c := jobStore(t, db)
		ctx := context.Background()
		now := s.Now()
		late := enqueue(t, s, "a", now.Add(-time.Minute), "")
		early := enqueue(t, s, "b", now.Add(-time.Hour), "")
		future := enqueue(t, s, "a", now.Add(time.Hour), "")
		t.Run("OldestFirstAndOnlyDue", func(t *testing.T) {
			js := claimJobs(t, s, "w1", 10)
			if len(js) != 2 || js[0].ID != early || js[1].ID != late {
				t.Fatalf("claimed %+v, want jobs %d then %d", js, early, late)
			}
			claimNoJob(t, s) // both leased, the third not due
			for _, j := range js {
				if err := s.CompleteJob(ctx, j); err != nil {
					t.Fatal(err)
				}
			}
		})
		t.Run("KindsFilter", func(t *testing.T) {
			c.t = c.t.Add(2 * time.Hour)
			if js, err := s.ClaimJobs(ctx, "old-version", []string{"b", "c"}, 10, jobLease); err != nil || len(js) != 0 {
				t.Fatalf("claimed %+v, %v; want nothing of kinds b, c", js, err)
			}
			js, err := s.ClaimJobs(ctx, "w", []string{"a"}, 10, jobLease)
			if err != nil || len(js) != 1 || js[0].ID != future {
				t.Fatalf("claimed %+v, %v; want job %d", js, err, future)
			}
			if err := s.CompleteJob(ctx, js[0]); err != nil {
				t.Fatal(err)
			}
			if got := counts(t, s); got != (store.JobCounts{Done: 3}) {
				t.Fatalf("counts %+v", got)
			}
		})
		t.Run("ConcurrentInstancesNeverShare", func(t *testing.T) {
			other := instance(t, db, c)
			const total = 120
			jobs := make([]store.NewJob, total)
			for i := range jobs {
				jobs[i] = store.NewJob{Kind: "c", Payload: map[string]int{"i": i}}
			}
			if n, err := s.EnqueueJobs(ctx, jobs); err != nil || n != total {
				t.Fatalf("EnqueueJobs = %d, %v", n, err)
			}
			var mu sync.Mutex
			seen := map[int64]string{}
			var dup []string
			var wg sync.WaitGroup
			for w := 0; w < 6; w++ {
				st := []*store.Store{s, other}[w%2]
				worker := fmt.Sprintf("w%d", w)
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						js, err := st.ClaimJobs(ctx, worker, []string{"c"}, 4, jobLease)
						if err != nil {
							t.Error(err)
							return
						}
						if len(js) == 0 {
							return
						}
						mu.Lock()
						for _, j := range js {
							if prev, ok := seen[j.ID]; ok {
								dup = append(dup, fmt.Sprintf("job %d: %s and %s", j.ID, prev, worker))
							}
							seen[j.ID] = worker
						}
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			if len(dup) > 0 || len(seen) != total {
				t.Fatalf("claimed %d distinct of %d; duplicates: %v", len(seen), total, dup)
			}
		})
	})
}

func TestJobService_FailAndRetry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, c := jobStore(t, db)
		ctx := context.Background()
		t.Run("ExponentialBackoff", func(t *testing.T) {
			id := enqueue(t, s, "flaky", time.Time{}, "")
			for attempt, wait := range []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute} {
				j := claimOne(t, s, "w")
				if j.ID != id || j.Attempts != attempt+1 {
					t.Fatalf("claimed %+v, want job %d attempt %d", j, id, attempt+1)
				}
				if err := s.FailJob(ctx, j, errors.New("smtp down")); err != nil {
					t.Fatal(err)
				}
				c.t = c.t.Add(wait - time.Second)
				claimNoJob(t, s)
				c.t = c.t.Add(time.Second)
			}
			j := claimOne(t, s, "w")
			if j.LastError != "smtp down" || j.Attempts != 4 {
				t.Fatalf("claimed %+v", j)
			}
			if err := s.CompleteJob(ctx, j); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("GiveUpAfterMaxAttempts", func(t *testing.T) {
			enqueue(t, s, "broken", time.Time{}, "")
			for i := 1; i <= store.DefaultMaxAttempts; i++ {
				j := claimOne(t, s, "w")
				if err := s.FailJob(ctx, j, fmt.Errorf("attempt %d", i)); err != nil {
					t.Fatal(err)
				}
				c.t = c.t.Add(store.JobBackoff(i))
			}
			c.t = c.t.Add(24 * time.Hour)
			claimNoJob(t, s)
			if got, err := s.CountJobs(ctx, "broken"); err != nil || got != (store.JobCounts{Failed: 1}) {
				t.Fatalf("counts %+v, %v; want one failed", got, err)
			}
		})
		t.Run("BackoffCapped", func(t *testing.T) {
			if got := store.JobBackoff(30); got != 6*time.Hour {
				t.Fatalf("JobBackoff(30) = %s", got)
			}
		})
	})
}

// A worker that crashes (or hangs) after claiming loses the job when its
// lease expires; the next claim, on any instance, takes it over, and the
// crashed worker can no longer record an outcome.
func TestJobService_LeaseExpiry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, c := jobStore(t, db)
		ctx := context.Background()
		t.Run("TakenOverAfterRestart", func(t *testing.T) {
			id := enqueue(t, s, "k", time.Time{}, "")
			crashed := claimOne(t, s, "crashed")
			restarted := instance(t, db, c) // a new process on the same database
			c.t = c.t.Add(jobLease - time.Second)
			claimNoJob(t, restarted)
			c.t = c.t.Add(2 * time.Second)
			j := claimOne(t, restarted, "restarted")
			if j.ID != id || j.Attempts != 2 {
				t.Fatalf("claimed %+v, want job %d attempt 2", j, id)
			}
			if err := s.CompleteJob(ctx, crashed); !errors.Is(err, store.ErrJobLeaseLost) {
				t.Fatalf("stale CompleteJob = %v, want ErrJobLeaseLost", err)
			}
			if err := s.FailJob(ctx, crashed, errors.New("late")); !errors.Is(err, store.ErrJobLeaseLost) {
				t.Fatalf("stale FailJob = %v, want ErrJobLeaseLost", err)
			}
			if err := restarted.CompleteJob(ctx, j); err != nil {
				t.Fatal(err)
			}
			if err := restarted.CompleteJob(ctx, j); err != nil {
				t.Fatalf("completing the same claim twice: %v", err)
			}
		})
		t.Run("CrashOnLastAttemptFails", func(t *testing.T) {
			enqueue(t, s, "dies", time.Time{}, "")
			for i := 1; i <= store.DefaultMaxAttempts; i++ {
				j := claimOne(t, s, "crasher")
				if j.Attempts != i {
					t.Fatalf("attempt %d, want %d", j.Attempts, i)
				}
				c.t = c.t.Add(jobLease + time.Second)
			}
			claimNoJob(t, s)
			if got, err := s.CountJobs(ctx, "dies"); err != nil || got != (store.JobCounts{Failed: 1}) {
				t.Fatalf("counts %+v, %v; want one failed", got, err)
			}
		})
		t.Run("Purge", func(t *testing.T) {
			enqueue(t, s, "old", time.Time{}, "remind:Y:1:2026-01-27")
			if err := s.CompleteJob(ctx, claimOne(t, s, "w")); err != nil {
				t.Fatal(err)
			}
			c.t = c.t.Add(48 * time.Hour)
			n, err := s.PurgeJobs(ctx, s.Now().Add(-time.Hour))
			if err != nil || n != 2 {
				t.Fatalf("PurgeJobs = %d, %v; want the 2 keyless jobs", n, err)
			}
			if _, created, _ := s.EnqueueJob(ctx, "old", nil, time.Time{}, "remind:Y:1:2026-01-27"); created {
				t.Fatal("purge dropped a reminder key")
			}
		})
	})
}

func TestScheduleService_Fire(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, c := jobStore(t, db)
		ctx := context.Background()
		sc := store.Schedule{Name: "sweep", Kind: "deadline_sweep", DailyAt: "06:00", TimeZone: "Asia/Jakarta"}
		first := wib(2026, 1, 13, 6, 0)
		t.Run("EnsureKeepsTheStoredTick", func(t *testing.T) {
			for i := 0; i < 2; i++ {
				next, err := s.EnsureSchedule(ctx, sc, first.Add(time.Duration(i)*time.Hour))
				if err != nil || !next.Equal(first) {
					t.Fatalf("EnsureSchedule #%d = %s, %v; want %s", i+1, next, err, first)
				}
			}
		})
		t.Run("NotBeforeTheTick", func(t *testing.T) {
			fired, next, err := s.FireSchedule(ctx, "sweep", first.Add(24*time.Hour), "w")
			if err != nil || fired || !next.Equal(first) {
				t.Fatalf("FireSchedule = %v, %s, %v; want not fired, next %s", fired, next, err, first)
			}
		})
		t.Run("OncePerTickAcrossInstances", func(t *testing.T) {
			other := instance(t, db, c)
			for tick := 0; tick < 3; tick++ {
				c.t = first.Add(time.Duration(tick)*24*time.Hour + time.Second)
				next := first.Add(time.Duration(tick+1) * 24 * time.Hour)
				var wg sync.WaitGroup
				var mu sync.Mutex
				fired := 0
				for w := 0; w < 6; w++ {
					st := []*store.Store{s, other}[w%2]
					wg.Add(1)
					go func() {
						defer wg.Done()
						ok, stored, err := st.FireSchedule(ctx, "sweep", next, fmt.Sprintf("w%d", w))
						if err != nil || !stored.Equal(next) {
							t.Errorf("FireSchedule = %v, %s, %v", ok, stored, err)
						}
						if ok {
							mu.Lock()
							fired++
							mu.Unlock()
						}
					}()
				}
				wg.Wait()
				if fired != 1 {
					t.Fatalf("tick %d fired %d times, want once", tick, fired)
				}
				got, err := s.CountJobs(ctx, "deadline_sweep")
				if err != nil || got.Pending != tick+1 {
					t.Fatalf("after tick %d: %+v, %v; want %d sweeps queued", tick, got, err, tick+1)
				}
			}
		})
		t.Run("ChangedTimingResetsTheTick", func(t *testing.T) {
			sc.DailyAt = "07:00"
			want := wib(2026, 1, 16, 7, 0)
			next, err := s.EnsureSchedule(ctx, sc, want)
			if err != nil || !next.Equal(want) {
				t.Fatalf("EnsureSchedule = %s, %v; want %s", next, err, want)
			}
			list, err := s.Schedules(ctx)
			if err != nil || len(list) != 1 || list[0].DailyAt != "07:00" || list[0].LastRunBy == "" {
				t.Fatalf("Schedules = %+v, %v", list, err)
			}
		})
		t.Run("ErrNextNotAfterNow", func(t *testing.T) {
			if _, _, err := s.FireSchedule(ctx, "sweep", s.Now(), "w"); err == nil {
				t.Fatal("fired with a next tick that is not in the future")
			}
		})
	})
}
