package store

import (
	"context"
	"fmt"
	"strings"

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
	where := []string{"(r.body_id IN (" + subtreeSQL + ") OR " + disposedSQL + ")"} // disposedSQL: disposition.go
	args := []any{root}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Status != "" {
		where = append(where, "r.status = "+arg(f.Status))
	}
	if f.BodySlug != "" {
		where = append(where, "b.slug = "+arg(f.BodySlug))
	}
	if f.Year != 0 {
		where = append(where, "r.year = "+arg(f.Year))
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(t)) + "%"
		p := arg(like)
		where = append(where, fmt.Sprintf(`(LOWER(r.number) LIKE %[1]s ESCAPE '\' OR LOWER(r.requester_name) LIKE %[1]s ESCAPE '\'
			OR LOWER(r.information) LIKE %[1]s ESCAPE '\')`, p))
	}
	open := fmt.Sprintf("r.status IN ('%s', '%s', '%s')", terbuka.StatusRegistered, terbuka.StatusInProcess, terbuka.StatusExtended)
	if f.Overdue || f.DueWithin > 0 {
		// "Today" depends on the body's zone: WIT is two hours ahead of WIB.
		national, err := s.Calendar(ctx, 0)
		if err != nil {
			return nil, 0, err
		}
		var zones []string
		for _, z := range terbuka.TimeZones {
			today := workday.DateOf(s.clock.Now().In(terbuka.BodySettings{TimeZone: z}.Location()))
			// Only bind what the query uses: PostgreSQL rejects a parameter
			// it cannot type.
			var cond string
			if f.DueWithin > 0 {
				limit := national.AddWorkingDays(today, f.DueWithin).Date
				cond = "r.due_on >= " + arg(today.String()) + " AND r.due_on <= " + arg(limit.String())
			} else {
				cond = "r.due_on < " + arg(today.String())
			}
			zones = append(zones, fmt.Sprintf("(b.time_zone = %s AND %s)", arg(z), cond))
		}
		where = append(where, open, "("+strings.Join(zones, " OR ")+")")
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*)"+requestFrom+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count requests: %w", err)
	}
	query := "SELECT " + requestColumns + requestFrom + cond + " ORDER BY r.submitted_at DESC, r.id DESC"
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
