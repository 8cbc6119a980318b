package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// recomputeObjections recounts the atasan's due date of every open
// objection on a request matching where (over requests r, with args) with
// the calendar as it now stands inside tx, never earlier than the date
// already given (DOMAIN.md section 9). It returns one audit entry per
// objection whose due date moved.
func (s *Store) recomputeObjections(ctx context.Context, tx *sql.Tx, where string, args []any, u terbuka.User, why string) ([]terbuka.AuditEntry, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+objectionColumns+objectionFrom+" WHERE "+where+" AND "+objectionStatusOpenSQL, args...)
	if err != nil {
		return nil, fmt.Errorf("list open objections: %w", err)
	}
	open, err := scanObjections(rows)
	if err != nil || len(open) == 0 {
		return nil, err
	}
	rev, err := calendarRevision(ctx, tx)
	if err != nil {
		return nil, err
	}
	cals := map[int64]*workday.Calendar{}
	var changed []terbuka.AuditEntry
	now := s.Now()
	var actor *terbuka.User
	if u.ID != 0 {
		actor = &u
	}
	for _, o := range open {
		cal, ok := cals[o.BodyID]
		if !ok {
			if cal, err = s.buildCalendar(ctx, tx, o.BodyID, rev); err != nil {
				return changed, err
			}
			cals[o.BodyID] = cal
		}
		due := workday.Later(o.DueOn, cal.AddWorkingDays(o.ReceivedOn, terbuka.ObjectionAnswerDays).Date)
		if due == o.DueOn {
			continue
		}
		if _, err := tx.ExecContext(ctx, "UPDATE objections SET due_on = $1, calendar_version = $2, updated_at = $3 WHERE id = $4",
			due.String(), cal.Version(), now, o.ID); err != nil {
			return changed, fmt.Errorf("recompute objection deadline: %w", err)
		}
		var status terbuka.Status
		if err := tx.QueryRowContext(ctx, "SELECT status FROM requests WHERE id = $1", o.RequestID).Scan(&status); err != nil {
			return changed, fmt.Errorf("recompute objection deadline: %w", err)
		}
		note := fmt.Sprintf("%s: %s → %s (%s)", o.Number, o.DueOn, due, cal.Version())
		if err := addEvent(ctx, tx, o.RequestID, terbuka.Event{At: now, Kind: "objection_deadline_recomputed", Status: status,
			Note: note, Public: true}, actor); err != nil {
			return changed, err
		}
		changed = append(changed, auditBy(&u, terbuka.AuditObjectionDeadlineRecompute, terbuka.AuditEntityObjection, o.Number, map[string]any{
			"reason": why, "request": o.RequestNumber, "due_on_before": o.DueOn.String(), "due_on": due.String(),
			"calendar_version": cal.Version()}))
	}
	return changed, nil
}
