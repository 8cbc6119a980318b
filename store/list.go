package store

import (
	"context"
	"fmt"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// RequestFilter narrows a staff request list. Zero values mean "any".
type RequestFilter struct {
	Status    terbuka.Status
	Overdue   bool
	DueWithin int // working days from today, e.g. 3
	BodySlug  string
	Text      string
	Year      int
	Offset    int
	Limit     int // 0 means 50; -1 means no limit (exports)
}

// ListRequests returns the requests u may see that match f, newest first,
// and how many match in all.
func (s *Store) ListRequests(ctx context.Context, u terbuka.User, f RequestFilter) ([]terbuka.Request, int, error) {
	root, ok, err := requestScope(ctx, s.read, u)
	if err != nil {
		return nil, 0, err
	}
	if !ok {
		return nil, 0, nil
	}
	w := &where{args: []any{root}} // $1, the scope's root, in subtreeSQL and disposedSQL (disposition.go)
	w.and("(r.body_id IN (" + subtreeSQL + ") OR " + disposedSQL + ")")
	if f.Status != "" {
		w.and("r.status = " + w.arg(f.Status))
	}
	if f.BodySlug != "" {
		w.and("b.slug = " + w.arg(f.BodySlug))
	}
	if f.Year != 0 {
		w.and("r.year = " + w.arg(f.Year))
	}
	w.contains(f.Text, "r.number", "r.requester_name", "r.information")
	if f.Overdue || f.DueWithin > 0 {
		national, err := s.Calendar(ctx, 0)
		if err != nil {
			return nil, 0, err
		}
		w.and(fmt.Sprintf("r.status IN ('%s', '%s', '%s')", terbuka.StatusRegistered, terbuka.StatusInProcess, terbuka.StatusExtended))
		// Only bind what the query uses: PostgreSQL rejects a parameter it
		// cannot type.
		w.perZone(s.clock, "b.time_zone", func(today workday.Date) string {
			if f.DueWithin > 0 {
				limit := national.AddWorkingDays(today, f.DueWithin).Date
				return "r.due_on >= " + w.arg(today.String()) + " AND r.due_on <= " + w.arg(limit.String())
			}
			return "r.due_on < " + w.arg(today.String())
		})
	}
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*)"+requestFrom+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count requests: %w", err)
	}
	query := "SELECT " + requestColumns + requestFrom + w.sql() + " ORDER BY r.submitted_at DESC, r.id DESC"
	if f.Limit >= 0 { // a negative limit lists everything (the register)
		query += w.page(f.Limit, f.Offset, 50, 500)
	}
	rows, err := s.read.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list requests: %w", err)
	}
	defer rows.Close()
	var out []terbuka.Request
	for rows.Next() {
		r, _, err := scanRequest(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan request: %w", err)
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// Today is the current date in body's zone; lists use it to show overdue.
func (s *Store) Today(b terbuka.Body) workday.Date {
	return workday.DateOf(s.clock.Now().In(b.Settings.Location()))
}
