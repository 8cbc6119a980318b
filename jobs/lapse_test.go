package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// lapseStore is a jobs.LapseStore of functions.
type lapseStore struct {
	LapseCandidatesFn     func(ctx context.Context, afterID int64, limit int) ([]store.LapseCandidate, error)
	CalendarFn            func(ctx context.Context, bodyID int64) (*workday.Calendar, error)
	LapseRequestFn        func(ctx context.Context, number string, incompleteID int64) (bool, error)
	ClearTransferTokensFn func(ctx context.Context, before time.Time) (int, error)
}

var _ jobs.LapseStore = (*lapseStore)(nil)

func (m *lapseStore) LapseCandidates(ctx context.Context, afterID int64, limit int) ([]store.LapseCandidate, error) {
	return m.LapseCandidatesFn(ctx, afterID, limit)
}
func (m *lapseStore) Calendar(ctx context.Context, bodyID int64) (*workday.Calendar, error) {
	return m.CalendarFn(ctx, bodyID)
}
func (m *lapseStore) LapseRequest(ctx context.Context, number string, incompleteID int64) (bool, error) {
	return m.LapseRequestFn(ctx, number, incompleteID)
}
func (m *lapseStore) ClearTransferTokens(ctx context.Context, before time.Time) (int, error) {
	return m.ClearTransferTokensFn(ctx, before)
}

// The sweep lapses a request only once its window has ended in its own
// body's zone, and clears transfer codes older than two weeks.
func TestLapses_Sweep(t *testing.T) {
	wib := workday.New(workday.MustBase(), nil, workday.Options{})
	papua, err := time.LoadLocation("Asia/Jayapura")
	if err != nil {
		t.Fatal(err)
	}
	wit := workday.New(workday.MustBase(), nil, workday.Options{Location: papua})
	// 23:30 WIB on Thu 15 January is already Fri 16 January 01:30 in WIT.
	now := time.Date(2026, 1, 15, 23, 30, 0, 0, workday.Jakarta)
	var lapsed []string
	var clearedBefore time.Time
	st := &lapseStore{
		LapseCandidatesFn: func(_ context.Context, after int64, _ int) ([]store.LapseCandidate, error) {
			if after > 0 {
				t.Fatalf("paged after %d with a short first page", after)
			}
			return []store.LapseCandidate{
				{IncompleteID: 1, Number: "JKT-1", BodyID: 1, CompleteBy: workday.D(2026, 1, 15)},
				{IncompleteID: 2, Number: "PAPUA-1", BodyID: 2, CompleteBy: workday.D(2026, 1, 15)},
				{IncompleteID: 3, Number: "JKT-2", BodyID: 1, CompleteBy: workday.D(2026, 1, 14)},
			}, nil
		},
		CalendarFn: func(_ context.Context, id int64) (*workday.Calendar, error) {
			if id == 2 {
				return wit, nil
			}
			return wib, nil
		},
		LapseRequestFn: func(_ context.Context, number string, _ int64) (bool, error) {
			lapsed = append(lapsed, number)
			return number != "JKT-2", nil // JKT-2 was completed meanwhile: the store says no
		},
		ClearTransferTokensFn: func(_ context.Context, before time.Time) (int, error) { clearedBefore = before; return 0, nil },
	}
	l := &jobs.Lapses{Store: st, Clock: terbuka.FixedClock{T: now}}
	if err := l.Sweep(context.Background(), store.Job{}); err != nil {
		t.Fatal(err)
	}
	if len(lapsed) != 2 || lapsed[0] != "PAPUA-1" || lapsed[1] != "JKT-2" {
		t.Fatalf("lapsed %v: the WIB request's window still runs until midnight WIB", lapsed)
	}
	if !clearedBefore.Equal(now.Add(-14 * 24 * time.Hour)) {
		t.Fatalf("cleared codes before %s", clearedBefore)
	}
	st.LapseRequestFn = func(context.Context, string, int64) (bool, error) { return false, errors.New("database gone") }
	if err := l.Sweep(context.Background(), store.Job{}); err == nil {
		t.Fatal("a store failure did not fail the sweep (it must be retried)")
	}
	sc := jobs.RoutingSchedules()
	if len(sc) != 2 || sc[0].Kind != jobs.KindLapseSweep || sc[0].Every != time.Hour || sc[1].Kind != jobs.KindDispositionSweep {
		t.Fatalf("schedules %+v", sc)
	}
}
