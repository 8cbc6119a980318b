package store_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// urlSafe is API.md's rule for registration numbers: letters, digits, "-"
// and "." only, so a number stands in a URL path as it is.
var urlSafe = regexp.MustCompile(`^[A-Za-z0-9.-]+$`)

func TestRequestService_CreateNumber(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		next := func(t *testing.T, slug, want string) {
			t.Helper()
			r, _ := f.create(t, slug, nil)
			if r.Number != want {
				t.Fatalf("number %s, want %s", r.Number, want)
			}
			if !urlSafe.MatchString(r.Number) {
				t.Fatalf("number %q is not URL-safe", r.Number)
			}
		}
		t.Run("PerBodyAndYear", func(t *testing.T) {
			next(t, "dinkes-uji", "DINKES-2026-000001")
			next(t, "dinkes-uji", "DINKES-2026-000002")
			next(t, "dindik-uji", "DINDIK-2026-000001") // each body counts on its own
			next(t, "dinkes-uji", "DINKES-2026-000003")
			next(t, "diskominfo-uji", "KOMINFO-2026-000001")
		})
		t.Run("YearRollover", func(t *testing.T) {
			f.at(t, wib(2027, 1, 4, 10, 0))
			next(t, "dinkes-uji", "DINKES-2027-000001")
			next(t, "dinkes-uji", "DINKES-2027-000002")
			next(t, "dindik-uji", "DINDIK-2027-000001")
		})
		t.Run("LocalNewYear", func(t *testing.T) {
			// 00:30 WIB on 1 January is still 31 December in UTC: the
			// number takes the body's local year.
			f.at(t, wib(2027, 1, 1, 0, 30))
			next(t, "dinkes-uji", "DINKES-2027-000003")
			f.at(t, wib(2026, 12, 31, 23, 30))
			next(t, "dinkes-uji", "DINKES-2026-000004")
		})
		t.Run("EarlierYearKeepsItsSequence", func(t *testing.T) {
			f.at(t, wib(2025, 12, 22, 10, 0))
			next(t, "dinkes-uji", "DINKES-2025-000001")
			f.at(t, wib(2026, 2, 2, 10, 0))
			next(t, "dinkes-uji", "DINKES-2026-000005")
		})
		t.Run("PaperRequestTakesTheYearOfReceipt", func(t *testing.T) {
			f.at(t, wib(2026, 1, 5, 10, 0))
			r, _, err := f.s.CreateRequest(ctx, "dindik-uji", validRequest(), store.CreateOptions{
				Channel: terbuka.ChannelLetter, Staff: &f.otherPelaksana, ReceivedAt: wib(2025, 12, 30, 9, 0)})
			if err != nil || r.Number != "DINDIK-2025-000001" {
				t.Fatalf("number %s, %v", r.Number, err)
			}
		})
		t.Run("InvalidInputUsesNoNumber", func(t *testing.T) {
			bad := validRequest()
			bad.Requester.Email = "bukan surel"
			if _, _, err := f.s.CreateRequest(ctx, "dinkes-uji", bad, store.CreateOptions{}); terbuka.ErrorCode(err) != terbuka.EInvalid {
				t.Fatalf("got %v", err)
			}
			next(t, "dinkes-uji", "DINKES-2026-000006")
		})
	})
}

// TestRequestService_CreateConcurrent keeps the registration-number
// promise under load: four app instances, each with its own connection
// pool on the same database, file 200 requests to one body at once; every
// creation succeeds and the numbers are exactly 1..200.
func TestRequestService_CreateConcurrent(t *testing.T) {
	const instances, perInstance, goroutines = 4, 50, 2 // 200 requests, 8 writers
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t, e.Open(t))
			stores := []*store.Store{f.s}
			for len(stores) < instances {
				db, err := store.Open(ctx, e.DSN())
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				stores = append(stores, store.New(db, f.clock, fastHasher()))
			}
			var (
				wg      sync.WaitGroup
				start   = make(chan struct{})
				results = make(chan string, instances*perInstance)
				errs    = make(chan error, instances*perInstance)
			)
			for _, s := range stores {
				for g := 0; g < goroutines; g++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						<-start
						for i := 0; i < perInstance/goroutines; i++ {
							r, _, err := s.CreateRequest(ctx, "dinkes-uji", validRequest(), store.CreateOptions{})
							if err != nil {
								errs <- err
								continue
							}
							results <- r.Number
						}
					}()
				}
			}
			close(start)
			wg.Wait()
			close(results)
			close(errs)
			for err := range errs {
				t.Errorf("create: %v", err)
			}
			var got []string
			for n := range results {
				got = append(got, n)
			}
			slices.Sort(got)
			want := make([]string, instances*perInstance)
			for i := range want {
				want[i] = fmt.Sprintf("DINKES-2026-%06d", i+1)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("got %d numbers %v…, want exactly DINKES-2026-000001..%06d without duplicates or gaps",
					len(got), got[:min(len(got), 5)], len(want))
			}
			stored, total, err := f.s.ListRequests(ctx, f.pelaksana, store.RequestFilter{Limit: -1})
			if err != nil || total != len(want) || !sameSet(numbers(stored), want) {
				t.Fatalf("stored %d (total %d), %v", len(stored), total, err)
			}
			if n := pending(t, f.s); n != len(want) {
				t.Fatalf("PendingMail = %d, want one receipt per request", n)
			}
			// The counter continues after the burst.
			if r, _ := f.create(t, "dinkes-uji", nil); r.Number != fmt.Sprintf("DINKES-2026-%06d", len(want)+1) {
				t.Fatalf("next number %s", r.Number)
			}
		})
	}
}
