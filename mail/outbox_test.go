package mail

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/store"
)

var _ OutboxStore = (*store.Store)(nil)

// fakeOutbox is an OutboxStore test double.
type fakeOutbox struct {
	ClaimMailFn      func(ctx context.Context, worker string, lease time.Duration) (store.Mail, bool, error)
	MarkMailSentFn   func(ctx context.Context, id int64) error
	MarkMailFailedFn func(ctx context.Context, m store.Mail, cause error) error
}

var _ OutboxStore = (*fakeOutbox)(nil)

func (f *fakeOutbox) ClaimMail(ctx context.Context, worker string, lease time.Duration) (store.Mail, bool, error) {
	return f.ClaimMailFn(ctx, worker, lease)
}

func (f *fakeOutbox) MarkMailSent(ctx context.Context, id int64) error {
	return f.MarkMailSentFn(ctx, id)
}

func (f *fakeOutbox) MarkMailFailed(ctx context.Context, m store.Mail, cause error) error {
	return f.MarkMailFailedFn(ctx, m, cause)
}

// queue serves mails once each, in order, and records the outcomes.
type queue struct {
	mu     sync.Mutex
	due    []store.Mail
	sent   []int64
	failed map[int64]error
}

func newQueue(mails ...store.Mail) *queue { return &queue{due: mails, failed: map[int64]error{}} }

func (q *queue) store() *fakeOutbox {
	return &fakeOutbox{
		ClaimMailFn: func(context.Context, string, time.Duration) (store.Mail, bool, error) {
			q.mu.Lock()
			defer q.mu.Unlock()
			if len(q.due) == 0 {
				return store.Mail{}, false, nil
			}
			m := q.due[0]
			q.due = q.due[1:]
			m.Attempts++
			return m, true, nil
		},
		MarkMailSentFn: func(_ context.Context, id int64) error {
			q.mu.Lock()
			defer q.mu.Unlock()
			q.sent = append(q.sent, id)
			return nil
		},
		MarkMailFailedFn: func(_ context.Context, m store.Mail, cause error) error {
			q.mu.Lock()
			defer q.mu.Unlock()
			q.failed[m.ID] = cause
			return nil
		},
	}
}

// render answers every mail with a fixed message, or fails for refs in bad.
func render(bad ...string) func(context.Context, store.Mail) (Message, error) {
	return func(_ context.Context, m store.Mail) (Message, error) {
		for _, b := range bad {
			if m.Ref == b {
				return Message{}, errors.New("request not found")
			}
		}
		return Message{To: "ignored@example.com", Subject: "Permohonan " + m.Ref, Text: "Isi pesan."}, nil
	}
}

func TestOutbox_DrainRecordsEachOutcome(t *testing.T) {
	good := store.Mail{ID: 1, Kind: RequestReceipt, Ref: "A-2026-000001", Recipient: "budi@example.com"}
	refused := store.Mail{ID: 2, Kind: RequestReceipt, Ref: "A-2026-000002", Recipient: "refused@example.com"}
	unrenderable := store.Mail{ID: 3, Kind: RequestDecided, Ref: "GONE", Recipient: "siti@example.com"}
	tests := []struct {
		name       string
		mails      []store.Mail
		wantSent   []int64
		wantFailed []int64
		delivered  []string
	}{
		{"good mail is marked sent", []store.Mail{good}, []int64{1}, nil, []string{"budi@example.com"}},
		{"refused send is marked failed", []store.Mail{refused}, nil, []int64{2}, nil},
		{"render failure is marked failed", []store.Mail{unrenderable}, nil, []int64{3}, nil},
		{"a failure does not stop the rest", []store.Mail{refused, unrenderable, good}, []int64{1}, []int64{2, 3}, []string{"budi@example.com"}},
		{"nothing due sends nothing", nil, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, in := startSMTP(t, func(to string) error {
				if to == refused.Recipient {
					return errors.New("mailbox unavailable")
				}
				return nil
			})
			q := newQueue(tt.mails...)
			o := &Outbox{Store: q.store(), Sender: NewSender(cfg), Render: render("GONE"), Worker: "test"}
			sent, err := o.Drain(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if sent != len(tt.wantSent) {
				t.Errorf("sent = %d, want %d", sent, len(tt.wantSent))
			}
			if !slices.Equal(q.sent, tt.wantSent) {
				t.Errorf("marked sent %v, want %v", q.sent, tt.wantSent)
			}
			for _, id := range tt.wantFailed {
				if q.failed[id] == nil {
					t.Errorf("mail %d not marked failed", id)
				}
			}
			if len(q.failed) != len(tt.wantFailed) {
				t.Errorf("marked failed %v, want %v", q.failed, tt.wantFailed)
			}
			var got []string
			for _, m := range in.messages() {
				got = append(got, m.To...)
			}
			if !slices.Equal(got, tt.delivered) {
				t.Errorf("delivered to %v, want %v (the queued recipient, not the rendered To)", got, tt.delivered)
			}
		})
	}
}

func TestOutbox_DrainStopsOnStoreError(t *testing.T) {
	broken := errors.New("database is locked")
	o := &Outbox{
		Store: &fakeOutbox{ClaimMailFn: func(context.Context, string, time.Duration) (store.Mail, bool, error) {
			return store.Mail{}, false, broken
		}},
		Sender: NewSender(Config{}),
		Render: render(),
	}
	if _, err := o.Drain(context.Background()); !errors.Is(err, broken) {
		t.Fatalf("err = %v, want %v", err, broken)
	}
}

func TestOutbox_RunSendsUntilContextEnds(t *testing.T) {
	cfg, in := startSMTP(t, nil)
	q := newQueue(store.Mail{ID: 7, Kind: RequestReceipt, Ref: "A-2026-000007", Recipient: "budi@example.com"})
	o := &Outbox{Store: q.store(), Sender: NewSender(cfg), Render: render(), Interval: 10 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		o.Run(ctx)
		close(done)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for len(in.messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after ctx was cancelled")
	}
	if len(in.messages()) != 1 || len(q.sent) != 1 {
		t.Errorf("delivered %d, marked sent %v; want one", len(in.messages()), q.sent)
	}
}
