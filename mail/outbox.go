package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/terbuka-id/terbuka/store"
)

// OutboxStore is the queue of mail the store writes in the same
// transaction as the change it reports. *store.Store implements it.
type OutboxStore interface {
	// ClaimMail takes the oldest due mail for worker for lease; ok is
	// false when none is due.
	ClaimMail(ctx context.Context, worker string, lease time.Duration) (m store.Mail, ok bool, err error)
	// MarkMailSent records delivery of mail id.
	MarkMailSent(ctx context.Context, id int64) error
	// MarkMailFailed schedules a retry of m, or gives up on it.
	MarkMailFailed(ctx context.Context, m store.Mail, cause error) error
}

// Defaults for unset Outbox fields.
const (
	defaultInterval = 15 * time.Second
	defaultWorker   = "mail"
	// mailLease must outlast one render and send (sendTimeout per SMTP step).
	mailLease = 5 * time.Minute
	// markTimeout bounds recording an outcome after ctx has ended.
	markTimeout = 10 * time.Second
)

// Outbox sends queued mail: it claims a row, renders it, sends it to the
// row's recipient and records the outcome. Several Outboxes (in one or
// more instances) may run at once; the store's claim keeps them apart.
// Set Store, Sender and Render; Logger (default: discard), Worker (default
// "mail") and Interval (default 15 s) are optional.
type Outbox struct {
	Store  OutboxStore
	Sender *Sender
	// Render builds the message for a queued mail; the Outbox sends it to
	// m.Recipient whatever To it returns.
	Render   func(ctx context.Context, m store.Mail) (Message, error)
	Logger   *slog.Logger
	Worker   string
	Interval time.Duration
}

// Run sends mail until ctx ends, sleeping Interval whenever nothing is
// due. Store errors are logged and retried after Interval.
func (o *Outbox) Run(ctx context.Context) {
	interval := o.Interval
	if interval <= 0 {
		interval = defaultInterval
	}
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		if _, err := o.Drain(ctx); err != nil && ctx.Err() == nil {
			o.logger().Error("mail outbox", "worker", o.worker(), "err", err)
		}
		timer.Reset(interval)
	}
}

// Drain sends mail until none is due and returns how many were sent. A
// mail that cannot be rendered or sent is marked failed (the store retries
// it later) and does not stop the drain; a store error or the end of ctx
// does.
func (o *Outbox) Drain(ctx context.Context) (sent int, err error) {
	for {
		if err := ctx.Err(); err != nil {
			return sent, fmt.Errorf("drain mail: %w", err)
		}
		m, ok, err := o.Store.ClaimMail(ctx, o.worker(), mailLease)
		if err != nil {
			return sent, fmt.Errorf("drain mail: %w", err)
		}
		if !ok {
			return sent, nil
		}
		ok, err = o.deliver(ctx, m)
		if err != nil {
			return sent, fmt.Errorf("drain mail: %w", err)
		}
		if ok {
			sent++
		}
	}
}

// deliver renders and sends one claimed mail and records the outcome. It
// reports whether the mail went out; err is only a failure to record.
func (o *Outbox) deliver(ctx context.Context, m store.Mail) (bool, error) {
	log := o.logger().With("worker", o.worker(), "mail_id", m.ID, "kind", m.Kind, "ref", m.Ref, "attempt", m.Attempts)
	cause := o.send(ctx, m)
	// The outcome is recorded even when ctx ended mid-send: a mail that
	// went out must not be sent again.
	markCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	if cause != nil {
		log.Warn("mail not sent", "err", cause)
		if err := o.Store.MarkMailFailed(markCtx, m, cause); err != nil {
			return false, fmt.Errorf("mark mail %d failed: %w", m.ID, err)
		}
		return false, nil
	}
	if err := o.Store.MarkMailSent(markCtx, m.ID); err != nil {
		return true, fmt.Errorf("mark mail %d sent: %w", m.ID, err)
	}
	log.Info("mail sent")
	return true, nil
}

// send renders m and hands it to the Sender.
func (o *Outbox) send(ctx context.Context, m store.Mail) error {
	if o.Render == nil || o.Sender == nil {
		return errors.New("mail outbox: Render and Sender must be set")
	}
	msg, err := o.Render(ctx, m)
	if err != nil {
		return fmt.Errorf("render %s %s: %w", m.Kind, m.Ref, err)
	}
	msg.To = m.Recipient
	if err := o.Sender.Send(ctx, msg); err != nil {
		return fmt.Errorf("%s %s: %w", m.Kind, m.Ref, err)
	}
	return nil
}

func (o *Outbox) logger() *slog.Logger {
	if o.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Logger
}

func (o *Outbox) worker() string {
	if o.Worker == "" {
		return defaultWorker
	}
	return o.Worker
}
