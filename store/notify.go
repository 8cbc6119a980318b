package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/terbuka-id/terbuka"
)

// Notify writes one in-app notification for the account userID, at the
// store clock, in its own transaction. The jobs write notifications inside
// the transaction of their work (NotifyStaff); Notify is for callers that
// have nothing else to commit with it, such as tests and the terbuka
// command. Title and body must not carry a requester's personal data.
func (s *Store) Notify(ctx context.Context, userID int64, kind, ref, title, body string) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		return addNotification(ctx, tx, userID, kind, ref, title, body, s.Now())
	})
}

// MarkAllNotificationsRead marks every unread notification of u read at
// the store clock and returns how many it marked. It never touches another
// user's notifications.
func (s *Store) MarkAllNotificationsRead(ctx context.Context, u terbuka.User) (int, error) {
	var n int64
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL", s.Now(), u.ID)
		if err != nil {
			return fmt.Errorf("mark notifications read: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
