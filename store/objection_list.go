package store

import (
	"context"
	"fmt"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// ObjectionFilter narrows a staff objection list. Zero values mean "any".
type ObjectionFilter struct {
	Status        terbuka.ObjectionStatus
	Overdue       bool // registered and past its due date (tidak ditanggapi)
	BodySlug      string
	RequestNumber string
	Text          string // in the objection or request number, the requester's name or the statement
	Year          int
	Offset        int
	Limit         int // 0 means 50; -1 means no limit (the register)
}

// ListObjections returns the objections u may see that match f, newest
// first, and how many match in all. The atasan PPID and the PPID Utama see
// every objection of their government, a PPID Pelaksana those on its own
// unit's requests (terbuka.RequestScope); other roles see none.
func (s *Store) ListObjections(ctx context.Context, u terbuka.User, f ObjectionFilter) ([]terbuka.Objection, int, error) {
	root, ok, err := requestScope(ctx, s.read, u)
	if err != nil {
		return nil, 0, err
	}
	if !ok {
		return nil, 0, nil
	}
	w := &where{args: []any{root}} // $1, the scope's root, in subtreeSQL
	w.and("o.body_id IN (" + subtreeSQL + ")")
	if f.Status != "" {
		w.and("o.status = " + w.arg(f.Status))
	}
	if f.BodySlug != "" {
		w.and("b.slug = " + w.arg(f.BodySlug))
	}
	if f.RequestNumber != "" {
		w.and("r.number = " + w.arg(f.RequestNumber))
	}
	if f.Year != 0 {
		w.and("o.year = " + w.arg(f.Year))
	}
	w.contains(f.Text, "o.number", "r.number", "r.requester_name", "o.statement")
	if f.Overdue {
		w.and(objectionStatusOpenSQL)
		w.perZone(s.clock, "b.time_zone", func(today workday.Date) string { return "o.due_on < " + w.arg(today.String()) })
	}
	cond := w.sql()
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*)"+objectionFrom+cond, w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count objections: %w", err)
	}
	query := "SELECT " + objectionColumns + objectionFrom + cond + " ORDER BY o.submitted_at DESC, o.id DESC"
	if f.Limit >= 0 { // a negative limit lists everything (the register)
		query += w.page(f.Limit, f.Offset, 50, 500)
	}
	rows, err := s.read.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list objections: %w", err)
	}
	list, err := scanObjections(rows)
	return list, total, err
}
