package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Mail is a queued e-mail: what to say (Kind about Ref) and to whom. The
// body is rendered when it is sent, so the queue holds no copies of
// personal data beyond the address.
type Mail struct {
	ID        int64
	Kind      string
	Ref       string
	Recipient string
	Lang      string
	Attempts  int
}

// enqueueMail writes the mail in the same transaction as the change it
// reports (an outbox): it is sent if and only if the change committed.
func enqueueMail(ctx context.Context, tx *sql.Tx, kind, ref, to, lang string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO mail_outbox (kind, ref, recipient, lang, next_attempt_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, kind, ref, to, lang, now, now)
	if err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}

// ClaimMail takes the oldest due unsent mail for worker for lease; several
// instances can call it at once and never get the same row.
func (s *Store) ClaimMail(ctx context.Context, worker string, lease time.Duration) (Mail, bool, error) {
	var m Mail
	now := s.Now()
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `UPDATE mail_outbox SET locked_by = $1, locked_until = $2, attempts = attempts + 1
			WHERE id = (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $3
				AND (locked_until IS NULL OR locked_until < $3) ORDER BY next_attempt_at, id LIMIT 1`+s.db.skipLocked()+`)
			RETURNING id, kind, ref, recipient, lang, attempts`, worker, now.Add(lease), now).
			Scan(&m.ID, &m.Kind, &m.Ref, &m.Recipient, &m.Lang, &m.Attempts)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("claim mail: %w", err)
	}
	return m, true, nil
}

// MarkMailSent records delivery.
func (s *Store) MarkMailSent(ctx context.Context, id int64) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE mail_outbox SET sent_at = $1, locked_by = NULL, locked_until = NULL, last_error = '' WHERE id = $2", s.Now(), id)
		return err
	})
}

// MaxMailAttempts is when the outbox gives up on a message.
const MaxMailAttempts = 8

// MarkMailFailed schedules a retry with exponential backoff (1 min, 2, 4 …),
// or gives up after MaxMailAttempts.
func (s *Store) MarkMailFailed(ctx context.Context, m Mail, cause error) error {
	next := s.Now().Add(time.Minute << min(max(m.Attempts-1, 0), 10))
	msg := cause.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		if m.Attempts >= MaxMailAttempts {
			_, err := tx.ExecContext(ctx, "UPDATE mail_outbox SET failed_at = $1, last_error = $2, locked_by = NULL, locked_until = NULL WHERE id = $3",
				s.Now(), "gave up: "+msg, m.ID)
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE mail_outbox SET next_attempt_at = $1, last_error = $2, locked_by = NULL, locked_until = NULL WHERE id = $3",
			next, msg, m.ID)
		return err
	})
}

// PendingMail counts unsent messages (for metrics and tests).
func (s *Store) PendingMail(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL").Scan(&n)
	return n, err
}
