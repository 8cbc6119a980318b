package store

import (
	"context"
	"fmt"
	"strings"

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
	where := []string{"o.body_id IN (" + subtreeSQL + ")"}
	args := []any{root}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Status != "" {
		where = append(where, "o.status = "+arg(f.Status))
	}
	if f.BodySlug != "" {
		where = append(where, "b.slug = "+arg(f.BodySlug))
	}
	if f.RequestNumber != "" {
		where = append(where, "r.number = "+arg(f.RequestNumber))
	}
	if f.Year != 0 {
		where = append(where, "o.year = "+arg(f.Year))
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(t)) + "%"
		p := arg(like)
		where = append(where, fmt.Sprintf(`(LOWER(o.number) LIKE %[1]s ESCAPE '\' OR LOWER(r.number) LIKE %[1]s ESCAPE '\'
			OR LOWER(r.requester_name) LIKE %[1]s ESCAPE '\' OR LOWER(o.statement) LIKE %[1]s ESCAPE '\')`, p))
	}
	if f.Overdue {
		// "Today" depends on the body's zone, as for requests.
		var zones []string
		for _, z := range terbuka.TimeZones {
			today := workday.DateOf(s.clock.Now().In(terbuka.BodySettings{TimeZone: z}.Location()))
			zones = append(zones, fmt.Sprintf("(b.time_zone = %s AND o.due_on < %s)", arg(z), arg(today.String())))
		}
		where = append(where, objectionStatusOpenSQL, "("+strings.Join(zones, " OR ")+")")
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*)"+objectionFrom+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count objections: %w", err)
	}
	query := "SELECT " + objectionColumns + objectionFrom + cond + " ORDER BY o.submitted_at DESC, o.id DESC"
	switch {
	case f.Limit == 0:
		f.Limit = 50
	case f.Limit > 500:
		f.Limit = 500
	}
	if f.Limit > 0 {
		query += " LIMIT " + arg(f.Limit) + " OFFSET " + arg(max(f.Offset, 0))
	}
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list objections: %w", err)
	}
	list, err := scanObjections(rows)
	return list, total, err
}
