package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// Notification is an entry in a staff member's in-app notification list.
// Ref is what it is about (a request number).
type Notification struct {
	ID        int64
	Kind      string
	Ref       string
	Title     string
	Body      string
	CreatedAt time.Time
	ReadAt    time.Time // zero while unread
}

// Read reports whether the user has marked n read.
func (n Notification) Read() bool { return !n.ReadAt.IsZero() }

func addNotification(ctx context.Context, tx *sql.Tx, userID int64, kind, ref, title, body string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO notifications (user_id, kind, ref, title, body, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, userID, kind, ref, title, body, now)
	if err != nil {
		return fmt.Errorf("insert notification: %w", err)
	}
	return nil
}

// Notifications returns u's notifications, newest first (only unread ones
// when unreadOnly), at most limit (0 means 50, at most 200), and how many
// match in all. Nobody can list another user's notifications.
func (s *Store) Notifications(ctx context.Context, u terbuka.User, unreadOnly bool, limit int) ([]Notification, int, error) {
	switch {
	case limit <= 0:
		limit = 50
	case limit > 200:
		limit = 200
	}
	cond := " WHERE user_id = $1"
	if unreadOnly {
		cond += " AND read_at IS NULL"
	}
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM notifications"+cond, u.ID).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count notifications: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, "SELECT id, kind, ref, title, body, created_at, read_at FROM notifications"+
		cond+" ORDER BY id DESC LIMIT $2", u.ID, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("list notifications: %w", err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.Kind, &n.Ref, &n.Title, &n.Body, &n.CreatedAt, &read); err != nil {
			return nil, 0, fmt.Errorf("scan notification: %w", err)
		}
		n.ReadAt = read.Time
		out = append(out, n)
	}
	return out, total, rows.Err()
}

// UnreadCount is how many of u's notifications are unread.
func (s *Store) UnreadCount(ctx context.Context, u terbuka.User) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", u.ID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count unread notifications: %w", err)
	}
	return n, nil
}

// MarkNotificationRead marks u's notification id read; marking it again
// keeps the first time. Another user's notification is not found.
func (s *Store) MarkNotificationRead(ctx context.Context, u terbuka.User, id int64) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3`,
			s.Now(), id, u.ID)
		if err != nil {
			return fmt.Errorf("mark notification read: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("mark notification read: %w", err)
		} else if n == 0 {
			return terbuka.ErrNotFound("notification")
		}
		return nil
	})
}

// OpenDeadline is an unanswered request's due date, for the deadline sweep.
type OpenDeadline struct {
	ID     int64
	Number string
	BodyID int64
	DueOn  workday.Date
}

// OpenDeadlines pages through the open requests (registered, in process,
// extended) by ID: up to limit of them with an ID above afterID.
func (s *Store) OpenDeadlines(ctx context.Context, afterID int64, limit int) ([]OpenDeadline, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, number, body_id, due_on FROM requests
		WHERE status IN ($1, $2, $3) AND id > $4 ORDER BY id LIMIT $5`,
		terbuka.StatusRegistered, terbuka.StatusInProcess, terbuka.StatusExtended, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("list open deadlines: %w", err)
	}
	defer rows.Close()
	var out []OpenDeadline
	for rows.Next() {
		var d OpenDeadline
		var due string
		if err := rows.Scan(&d.ID, &d.Number, &d.BodyID, &due); err != nil {
			return nil, fmt.Errorf("scan open deadline: %w", err)
		}
		if d.DueOn, err = workday.ParseDate(due); err != nil {
			return nil, fmt.Errorf("request %s: %w", d.Number, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// StaffNotice is a deadline reminder or escalation about one request for
// the staff responsible for it. The jobs decide who (Roles) and what it
// says; the store finds the accounts and writes it.
type StaffNotice struct {
	Kind   string       // mail and notification kind, e.g. "staff_reminder"
	Number string       // the request
	DueOn  workday.Date // the due date it is about; once the date moves the notice is stale
	Roles  []terbuka.Role
	// MailRef is the ref of the queued e-mail, rendered when it is sent.
	MailRef string
	// Title and Body are the in-app notification. They must not carry the
	// requester's personal data.
	Title, Body string
}

// NotifyStaff runs notice n as job j: for every active account with one
// of n.Roles whose request scope (terbuka.RequestScope) covers the
// request's body it queues an e-mail and writes an in-app notification,
// and it completes j, all in one transaction, so the notice goes out once
// even if the job is retried or taken over. It returns the number of
// recipients; 0 when the request is no longer open or its due date is no
// longer n.DueOn (the notice is stale and j is completed). It fails with
// ErrJobLeaseLost when j's claim is no longer current, writing nothing.
func (s *Store) NotifyStaff(ctx context.Context, j Job, n StaffNotice) (int, error) {
	if len(n.Roles) == 0 || n.Kind == "" {
		return 0, errors.New("notify staff: kind and roles are required")
	}
	sent := 0
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		sent = 0
		now := s.Now()
		var bodyID int64
		var status, due string
		err := tx.QueryRowContext(ctx, "SELECT body_id, status, due_on FROM requests WHERE number = $1"+s.db.forUpdate(), n.Number).
			Scan(&bodyID, &status, &due)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("notify staff: %w", err)
		}
		stale := err != nil || !terbuka.Status(status).Open() || due != n.DueOn.String()
		// Complete first: a claim that is no longer current, or that has
		// already done its work, writes nothing.
		if done, err := completeJob(ctx, tx, j, now); err != nil || !done || stale {
			return err
		}
		staff, err := responsibleStaff(ctx, tx, bodyID, n.Roles)
		if err != nil {
			return err
		}
		for _, u := range staff {
			if err := enqueueMail(ctx, tx, n.Kind, n.MailRef, u.Email, "id", now); err != nil {
				return err
			}
			if err := addNotification(ctx, tx, u.ID, n.Kind, n.Number, n.Title, n.Body, now); err != nil {
				return err
			}
		}
		sent = len(staff)
		return nil
	})
	return sent, err
}

// responsibleStaff returns the active accounts with one of roles whose
// request scope covers body bodyID. A scope's root is the user's own body
// or its parent, so the candidates are users of the body's ancestors and
// of their children; the domain rule then decides.
func responsibleStaff(ctx context.Context, q queryer, bodyID int64, roles []terbuka.Role) ([]terbuka.User, error) {
	args := []any{bodyID, false}
	ph := make([]string, len(roles))
	for i, r := range roles {
		args = append(args, string(r))
		ph[i] = fmt.Sprintf("$%d", len(args))
	}
	rows, err := q.QueryContext(ctx, "SELECT "+userColumns+userFrom+` WHERE u.disabled = $2 AND u.role IN (`+strings.Join(ph, ", ")+`)
		AND (u.body_id IN (`+ancestorsSQL+`) OR b.parent_id IN (`+ancestorsSQL+`)) ORDER BY u.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list responsible staff: %w", err)
	}
	var candidates []terbuka.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan staff: %w", err)
		}
		candidates = append(candidates, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []terbuka.User
	for _, u := range candidates {
		root, ok, err := requestScope(ctx, q, u)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if in, err := inSubtree(ctx, q, root, bodyID); err != nil {
			return nil, err
		} else if in {
			out = append(out, u)
		}
	}
	return out, nil
}
