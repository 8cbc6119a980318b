package jobs_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// dispositionStore is a jobs.DispositionStore of functions.
type dispositionStore struct {
	OpenDispositionsFn   func(ctx context.Context, afterID int64, limit int) ([]store.OpenDisposition, error)
	EnqueueJobsFn        func(ctx context.Context, jobs []store.NewJob) (int, error)
	DispositionForMailFn func(ctx context.Context, id int64) (terbuka.Disposition, error)
	NotifyDispositionFn  func(ctx context.Context, j store.Job, n store.DispositionNotice) (int, error)
}

var _ jobs.DispositionStore = (*dispositionStore)(nil)

func (m *dispositionStore) OpenDispositions(ctx context.Context, afterID int64, limit int) ([]store.OpenDisposition, error) {
	return m.OpenDispositionsFn(ctx, afterID, limit)
}
func (m *dispositionStore) Calendar(context.Context, int64) (*workday.Calendar, error) {
	return workday.New(workday.MustBase(), nil, workday.Options{}), nil
}
func (m *dispositionStore) EnqueueJobs(ctx context.Context, js []store.NewJob) (int, error) {
	return m.EnqueueJobsFn(ctx, js)
}
func (m *dispositionStore) DispositionForMail(ctx context.Context, id int64) (terbuka.Disposition, error) {
	return m.DispositionForMailFn(ctx, id)
}
func (m *dispositionStore) NotifyDisposition(ctx context.Context, j store.Job, n store.DispositionNotice) (int, error) {
	return m.NotifyDispositionFn(ctx, j, n)
}

// Due Mon 19 January 2026 (Fri 16 January is a holiday): the reminder is
// due from Thu 15 January, the last working day before, until the
// deadline itself.
func TestDispositions_Sweep(t *testing.T) {
	due := workday.D(2026, 1, 19)
	for _, c := range []struct {
		today string
		want  bool
	}{{"2026-01-14", false}, {"2026-01-15", true}, {"2026-01-16", true}, {"2026-01-19", true}, {"2026-01-20", false}} {
		var queued []store.NewJob
		st := &dispositionStore{
			OpenDispositionsFn: func(context.Context, int64, int) ([]store.OpenDisposition, error) {
				return []store.OpenDisposition{{ID: 7, Number: "KOMINFO-2026-000001", BodyID: 1, DueOn: due}}, nil
			},
			EnqueueJobsFn: func(_ context.Context, js []store.NewJob) (int, error) {
				queued = append(queued, js...)
				return len(js), nil
			},
		}
		d, _ := workday.ParseDate(c.today)
		dj := &jobs.Dispositions{Store: st, Clock: terbuka.FixedClock{T: d.In(workday.Jakarta).Add(6 * time.Hour)}}
		if err := dj.Sweep(context.Background(), store.Job{}); err != nil {
			t.Fatal(err)
		}
		if got := len(queued) == 1; got != c.want {
			t.Fatalf("%s: queued %+v, want a reminder: %v", c.today, queued, c.want)
		}
		if c.want {
			j := queued[0]
			p := j.Payload.(store.DispositionNoticePayload)
			if j.Kind != jobs.KindDispositionNotice || j.UniqueKey != "disposition-remind:7:2026-01-19" || p.Kind != mail.RoutingDispositionRemind ||
				p.DispositionID != 7 || p.DueOn != "2026-01-19" {
				t.Fatalf("%s: job %+v", c.today, j)
			}
		}
	}
}

func TestDispositions_Notice(t *testing.T) {
	var got store.DispositionNotice
	st := &dispositionStore{
		DispositionForMailFn: func(_ context.Context, id int64) (terbuka.Disposition, error) {
			if id != 7 {
				return terbuka.Disposition{}, terbuka.ErrNotFound("disposition")
			}
			return terbuka.Disposition{ID: 7, RequestNumber: "KOMINFO-2026-000001", RequestBodyID: 1, ToBodyName: "Dinas Kesehatan",
				DueOn: workday.D(2026, 1, 19)}, nil
		},
		NotifyDispositionFn: func(_ context.Context, _ store.Job, n store.DispositionNotice) (int, error) { got = n; return 1, nil },
	}
	d := &jobs.Dispositions{Store: st, Clock: terbuka.FixedClock{T: time.Date(2026, 1, 15, 6, 0, 0, 0, workday.Jakarta)}}
	payload, _ := json.Marshal(store.DispositionNoticePayload{DispositionID: 7, Kind: mail.RoutingDispositionRemind, DueOn: "2026-01-19"})
	if err := d.Notice(context.Background(), store.Job{Payload: payload}); err != nil {
		t.Fatal(err)
	}
	if got.Kind != mail.RoutingDispositionRemind || got.DispositionID != 7 || got.MailRef != "7|1" || got.DueOn != workday.D(2026, 1, 19) ||
		got.Title == "" || got.Body == "" {
		t.Fatalf("notice %+v", got)
	}
	gone, _ := json.Marshal(store.DispositionNoticePayload{DispositionID: 8, Kind: mail.RoutingDisposition, DueOn: "2026-01-19"})
	if err := d.Notice(context.Background(), store.Job{Payload: gone}); err != nil {
		t.Fatalf("a vanished disposition: %v, want nothing to do", err)
	}
	if err := d.Notice(context.Background(), store.Job{Payload: []byte(`{"due_on": "soon"}`)}); err == nil {
		t.Fatal("a bad payload was accepted")
	}
}
