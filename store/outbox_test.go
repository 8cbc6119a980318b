package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// eachFixture runs fn on a fresh fixture of each engine; for scenarios
// that need the outbox to themselves.
func eachFixture(t *testing.T, fn func(t *testing.T, f *fixture)) {
	storetest.Each(t, func(t *testing.T, db *store.DB) { fn(t, newFixture(t, db)) })
}

const lease = 5 * time.Minute

func pending(t *testing.T, s *store.Store) int {
	t.Helper()
	n, err := s.PendingMail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// claim takes the next due mail, failing the test if there is none.
func claim(t *testing.T, s *store.Store, worker string) store.Mail {
	t.Helper()
	m, ok, err := s.ClaimMail(context.Background(), worker, lease)
	if err != nil || !ok {
		t.Fatalf("ClaimMail = %+v, %v, %v; want a mail", m, ok, err)
	}
	return m
}

// claimNone fails the test if a mail can be claimed.
func claimNone(t *testing.T, s *store.Store) {
	t.Helper()
	m, ok, err := s.ClaimMail(context.Background(), "probe", lease)
	if err != nil || ok {
		t.Fatalf("ClaimMail = %+v, %v, %v; want nothing due", m, ok, err)
	}
}

func TestOutboxService_Enqueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("ReceiptWithEmail", func(t *testing.T) {
			before := pending(t, f.s)
			f.create(t, "dinkes-uji", nil)
			if n := pending(t, f.s); n != before+1 {
				t.Fatalf("PendingMail = %d, want %d", n, before+1)
			}
		})
		t.Run("NothingWithoutEmail", func(t *testing.T) {
			before := pending(t, f.s)
			r, _ := f.create(t, "dinkes-uji", withoutEmail)
			if _, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "Menunggu data"); err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.NotHeld}); err != nil {
				t.Fatal(err)
			}
			if n := pending(t, f.s); n != before {
				t.Fatalf("PendingMail = %d, want %d: no address, no mail", n, before)
			}
		})
		t.Run("ExtendAndDecideQueueMail", func(t *testing.T) {
			before := pending(t, f.s)
			r, _ := f.create(t, "dinkes-uji", nil)
			if _, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "Menunggu data"); err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted}); err != nil {
				t.Fatal(err)
			}
			if n := pending(t, f.s); n != before+3 {
				t.Fatalf("PendingMail = %d, want %d", n, before+3)
			}
		})
		t.Run("NothingWhenTheChangeFails", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			if _, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted}); err != nil {
				t.Fatal(err)
			}
			before := pending(t, f.s)
			if _, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "Terlambat"); terbuka.ErrorCode(err) != terbuka.EConflict {
				t.Fatalf("extend answered: %v", err)
			}
			if _, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.NotHeld}); terbuka.ErrorCode(err) != terbuka.EConflict {
				t.Fatalf("decide twice: %v", err)
			}
			if _, _, err := f.s.CreateRequest(ctx, "tidak-ada", validRequest(), store.CreateOptions{}); err == nil {
				t.Fatal("created for an unknown body")
			}
			if n := pending(t, f.s); n != before {
				t.Fatalf("PendingMail = %d, want %d: a failed change sends nothing", n, before)
			}
		})
	})
}

func TestOutboxService_ClaimMail(t *testing.T) {
	ctx := context.Background()
	t.Run("OnceWhileLeased", func(t *testing.T) {
		eachFixture(t, func(t *testing.T, f *fixture) {
			r, _, err := f.s.CreateRequest(ctx, "dinkes-uji", validRequest(), store.CreateOptions{Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if n := pending(t, f.s); n != 1 {
				t.Fatalf("PendingMail = %d, want 1", n)
			}
			m := claim(t, f.s, "worker-1")
			if m.Kind != "request_receipt" || m.Ref != r.Number || m.Recipient != "budi@example.id" || m.Lang != "en" || m.Attempts != 1 {
				t.Fatalf("claimed %+v", m)
			}
			claimNone(t, f.s) // leased to worker-1
			if n := pending(t, f.s); n != 1 {
				t.Fatalf("a leased mail is still pending: %d", n)
			}
			if err := f.s.MarkMailSent(ctx, m.ID); err != nil {
				t.Fatal(err)
			}
			if n := pending(t, f.s); n != 0 {
				t.Fatalf("PendingMail after sending = %d", n)
			}
			f.at(t, f.clock.t.Add(time.Hour))
			claimNone(t, f.s)
		})
	})
	t.Run("LeaseExpires", func(t *testing.T) {
		eachFixture(t, func(t *testing.T, f *fixture) {
			f.create(t, "dinkes-uji", nil)
			m := claim(t, f.s, "worker-crashed")
			start := f.clock.t
			f.at(t, start.Add(lease-time.Second))
			claimNone(t, f.s)
			f.at(t, start.Add(lease+time.Second))
			again := claim(t, f.s, "worker-2")
			if again.ID != m.ID || again.Attempts != 2 {
				t.Fatalf("reclaimed %+v, want mail %d at attempt 2", again, m.ID)
			}
		})
	})
	t.Run("RetryWithBackoff", func(t *testing.T) {
		eachFixture(t, func(t *testing.T, f *fixture) {
			f.create(t, "dinkes-uji", nil)
			m := claim(t, f.s, "worker-1")
			if err := f.s.MarkMailFailed(ctx, m, errors.New("smtp: 451 coba lagi")); err != nil {
				t.Fatal(err)
			}
			claimNone(t, f.s)
			if n := pending(t, f.s); n != 1 {
				t.Fatalf("a mail to retry is pending: %d", n)
			}
			// A mail waiting for its retry does not block newer ones.
			other, _ := f.create(t, "dindik-uji", nil)
			if next := claim(t, f.s, "worker-2"); next.Ref != other.Number {
				t.Fatalf("claimed %+v, want the new receipt", next)
			} else if err := f.s.MarkMailSent(ctx, next.ID); err != nil {
				t.Fatal(err)
			}
			for m.Attempts < store.MaxMailAttempts {
				backoff := time.Minute << (m.Attempts - 1) // 1, 2, 4 … minutes
				failedAt := f.clock.t
				f.clock.t = failedAt.Add(backoff - time.Second)
				claimNone(t, f.s)
				f.clock.t = failedAt.Add(backoff)
				next := claim(t, f.s, "worker-1")
				if next.ID != m.ID || next.Attempts != m.Attempts+1 {
					t.Fatalf("after %v: claimed %+v, want mail %d at attempt %d", backoff, next, m.ID, m.Attempts+1)
				}
				m = next
				if err := f.s.MarkMailFailed(ctx, m, errors.New("smtp: 451 coba lagi")); err != nil {
					t.Fatal(err)
				}
			}
			if n := pending(t, f.s); n != 0 {
				t.Fatalf("PendingMail = %d after %d attempts, want it given up", n, m.Attempts)
			}
			f.clock.t = f.clock.t.AddDate(1, 0, 0)
			claimNone(t, f.s)
		})
	})
	t.Run("ExtendAndDecideInOrder", func(t *testing.T) {
		eachFixture(t, func(t *testing.T, f *fixture) {
			r, _ := f.create(t, "dinkes-uji", nil)
			if _, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "Menunggu data"); err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.DecideRequest(ctx, f.ppid, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted}); err != nil {
				t.Fatal(err)
			}
			for _, kind := range []string{"request_receipt", "request_extended", "request_decided"} {
				m := claim(t, f.s, "worker-1")
				if m.Kind != kind || m.Ref != r.Number || m.Recipient != r.Requester.Email {
					t.Fatalf("claimed %+v, want %s for %s", m, kind, r.Number)
				}
				if err := f.s.MarkMailSent(ctx, m.ID); err != nil {
					t.Fatal(err)
				}
			}
			claimNone(t, f.s)
		})
	})
	t.Run("ConcurrentClaimsNeverOverlap", func(t *testing.T) {
		eachFixture(t, func(t *testing.T, f *fixture) {
			const mails = 40
			for i := 0; i < mails; i++ {
				f.create(t, "dinkes-uji", nil)
			}
			stores := []*store.Store{f.s, secondInstance(t, f)}
			var (
				mu      sync.Mutex
				claimed = map[int64]string{}
				dupes   []int64
				wg      sync.WaitGroup
				errs    = make(chan error, 4)
			)
			for w := 0; w < 4; w++ {
				s := stores[w%2]
				worker := []string{"a", "b", "c", "d"}[w]
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						m, ok, err := s.ClaimMail(ctx, worker, time.Hour)
						if err != nil {
							errs <- err
							return
						}
						if !ok {
							return
						}
						mu.Lock()
						if _, seen := claimed[m.ID]; seen {
							dupes = append(dupes, m.ID)
						}
						claimed[m.ID] = worker
						mu.Unlock()
						if err := s.MarkMailSent(ctx, m.ID); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			if len(dupes) > 0 || len(claimed) != mails {
				t.Fatalf("claimed %d distinct mails of %d; claimed twice: %v", len(claimed), mails, dupes)
			}
			if n := pending(t, f.s); n != 0 {
				t.Fatalf("PendingMail = %d", n)
			}
		})
	})
}
