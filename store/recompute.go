package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// recomputeOpenDeadlines recounts the deadlines of every open request of
// body root's subtree with the calendar as it now stands inside tx. A due
// date only ever moves later: one already given to a requester is never
// shortened (DOMAIN.md section 9). It returns one audit entry per request
// whose deadline moved, for the caller to append after its own entry.
func (s *Store) recomputeOpenDeadlines(ctx context.Context, tx *sql.Tx, root int64, u terbuka.User, why string) ([]terbuka.AuditEntry, error) {
	return s.recompute(ctx, tx, "r.body_id IN ("+subtreeSQL+")", []any{root}, u, why)
}

func (s *Store) recomputeAll(ctx context.Context, tx *sql.Tx, u terbuka.User) ([]terbuka.AuditEntry, error) {
	return s.recompute(ctx, tx, "1 = 1", nil, u, "calendar_amendment")
}

func (s *Store) recompute(ctx context.Context, tx *sql.Tx, where string, args []any, u terbuka.User, why string) ([]terbuka.AuditEntry, error) {
	query := "SELECT " + requestColumns + requestFrom + " WHERE " + where +
		fmt.Sprintf(" AND r.status IN ('%s', '%s', '%s')", terbuka.StatusRegistered, terbuka.StatusInProcess, terbuka.StatusExtended)
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list open requests: %w", err)
	}
	var open []terbuka.Request
	for rows.Next() {
		r, _, err := scanRequest(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan open request: %w", err)
		}
		open = append(open, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rev, err := calendarRevision(ctx, tx)
	if err != nil {
		return nil, err
	}
	cals := map[int64]*workday.Calendar{}
	var changed []terbuka.AuditEntry
	now := s.Now()
	for _, r := range open {
		cal, ok := cals[r.BodyID]
		if !ok {
			if cal, err = s.buildCalendar(ctx, tx, r.BodyID, rev); err != nil {
				return changed, err
			}
			cals[r.BodyID] = cal
		}
		orig := workday.Later(r.OriginalDueOn, cal.AddWorkingDays(r.ReceivedOn, terbuka.RequestDays).Date)
		due := orig
		if r.Extended {
			due = cal.AddWorkingDays(orig, terbuka.ExtensionDays).Date
		}
		due = workday.Later(r.DueOn, due)
		if due == r.DueOn && orig == r.OriginalDueOn {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET due_on = $1, original_due_on = $2, calendar_version = $3,
			updated_at = $4 WHERE id = $5`, due.String(), orig.String(), cal.Version(), now, r.ID); err != nil {
			return changed, fmt.Errorf("recompute deadline: %w", err)
		}
		note := fmt.Sprintf("%s: %s → %s (%s)", why, r.DueOn, due, cal.Version())
		var actor *terbuka.User
		if u.ID != 0 {
			actor = &u
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "deadline_recomputed", Status: r.Status, Note: note, Public: true}, actor); err != nil {
			return changed, err
		}
		if err := s.notifyRequester(ctx, tx, r, "request_deadline_changed", now); err != nil {
			return changed, err
		}
		changed = append(changed, auditBy(&u, terbuka.AuditRequestDeadlineRecompute, terbuka.AuditEntityRequest, r.Number, map[string]any{
			"reason": why, "status": r.Status, "due_on_before": r.DueOn.String(), "due_on": due.String(),
			"original_due_on_before": r.OriginalDueOn.String(), "original_due_on": orig.String(), "calendar_version": cal.Version()}))
	}
	// Open objections of the same bodies move with the calendar too (objection.go).
	more, err := s.recomputeObjections(ctx, tx, where, args, u, why)
	return append(changed, more...), err
}
