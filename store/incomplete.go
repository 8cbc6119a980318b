package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// Mail kinds of routing (rendered by package mail, routing.go). The ref of
// the requester kinds is the request number; of the staff kinds the
// disposition ID.
const (
	MailRoutingIncomplete        = "routing_incomplete"         // to the requester: what is missing, by when
	MailRoutingCompleted         = "routing_completed"          // to the requester: the clock restarted
	MailRoutingLapsed            = "routing_lapsed"             // to the requester: the request lapsed
	MailRoutingTransferred       = "routing_transferred"        // to the requester: the new number and code at the receiving body
	MailRoutingDisposition       = "routing_disposition"        // to the OPD: a request was forwarded to it
	MailRoutingDispositionRemind = "routing_disposition_remind" // to the OPD: its internal deadline is near
	MailRoutingDispositionAnswer = "routing_disposition_answer" // to the PPID Utama officer: the OPD answered
)

// SetRoutingConfig sets the deployment's windows for incomplete requests
// and the default internal deadline of dispositions (zero fields: the
// defaults). Call it once, before the store serves; it fails on a window
// outside 1–17 working days.
func (s *Store) SetRoutingConfig(c terbuka.RoutingConfig) error {
	c = c.WithDefaults()
	if err := c.Validate(); err != nil {
		return err
	}
	s.routing = c
	return nil
}

// RoutingConfig is the configuration in force, defaults filled in.
func (s *Store) RoutingConfig() terbuka.RoutingConfig { return s.routing.WithDefaults() }

// MarkIncomplete records that a registered request lacks what staff name
// in missing (perlu dilengkapi): the status becomes incomplete, the
// requester is told by e-mail and on the tracking page, and has until the
// completion window's last day to complete it. Only staff who may act on
// the request (404 otherwise, 403 for a role that only reads), within the
// flag window after received_on; 422 without missing; 409 when the
// request is not registered or the window has passed.
func (s *Store) MarkIncomplete(ctx context.Context, u terbuka.User, number, missing string) (terbuka.Request, error) {
	missing, err := terbuka.NormalizeMissing(missing)
	if err != nil {
		return terbuka.Request{}, err
	}
	cfg := s.RoutingConfig()
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.actionable(ctx, tx, u, number)
		if err != nil {
			return err
		}
		cal, err := s.calendar(ctx, tx, r.BodyID)
		if err != nil {
			return err
		}
		today := s.today(cal)
		flagBy := terbuka.IncompleteFlagBy(cal, r.ReceivedOn, cfg.IncompleteFlagDays)
		if err := r.CheckMarkIncomplete(today, flagBy); err != nil {
			return err
		}
		completeBy := terbuka.IncompleteCompleteBy(cal, today, cfg.IncompleteCompleteDays)
		now := s.Now()
		if _, err := tx.ExecContext(ctx, "UPDATE requests SET status = $1, updated_at = $2 WHERE id = $3",
			terbuka.StatusIncomplete, now, r.ID); err != nil {
			return fmt.Errorf("mark request incomplete: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO request_incompletes (request_id, missing, flagged_at, flagged_by_id, flagged_by,
			complete_by, prev_received_on, prev_due_on, prev_calendar_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			r.ID, missing, now, u.ID, u.Name, completeBy.String(), r.ReceivedOn.String(), r.DueOn.String(), r.CalendarVersion); err != nil {
			return fmt.Errorf("insert incomplete: %w", err)
		}
		// The event is public: the requester must read what is missing.
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "marked_incomplete", Status: terbuka.StatusIncomplete,
			Note: missing, Public: true}, &u); err != nil {
			return err
		}
		if err := s.notifyRequester(ctx, tx, r, MailRoutingIncomplete, now); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditRequestMarkedIncomplete, terbuka.AuditEntityRequest, r.Number,
			map[string]any{"status_before": r.Status, "status": terbuka.StatusIncomplete, "flag_by": flagBy.String(),
				"complete_by": completeBy.String(), "missing_sha256": terbuka.TextDigest(missing)}))
	})
	if err != nil {
		return terbuka.Request{}, err
	}
	return s.RequestForStaff(ctx, u, number)
}

// CompleteRequest is the requester completing an incomplete request with
// the number and tracking token: the corrected intake replaces the old
// one, the status returns to registered and the clock starts again.
// received_on becomes the effective receipt date of this moment, due_on
// the 10th working day after it, with the calendar version in force; the
// earlier dates stay in the request's history and in the incomplete
// record. A wrong number or token is 404; a request that is not incomplete
// or whose window has passed is 409; bad input 422 with the intake's
// field paths.
func (s *Store) CompleteRequest(ctx context.Context, number, token string, in terbuka.Completion) (terbuka.Request, error) {
	if number == "" || token == "" {
		return terbuka.Request{}, terbuka.ErrNotFound("request")
	}
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, hash, err := s.requestByNumber(ctx, tx, number, true)
		if err != nil {
			return err
		}
		if subtle.ConstantTimeCompare([]byte(hash), []byte(hashSecret(token))) != 1 {
			return terbuka.ErrNotFound("request")
		}
		cal, err := s.calendar(ctx, tx, r.BodyID)
		if err != nil {
			return err
		}
		today := s.today(cal)
		inc, err := pendingIncomplete(ctx, tx, r.ID, s.db.forUpdate())
		if errors.Is(err, errNoPending) {
			if err := r.CheckComplete(today, today); err != nil {
				return err // not incomplete: the conflict names the status
			}
			return fmt.Errorf("request %s is incomplete without a pending record", r.Number)
		}
		if err != nil {
			return err
		}
		if err := r.CheckComplete(today, inc.CompleteBy); err != nil {
			return err
		}
		n, err := in.Apply(r)
		if err != nil {
			return err
		}
		now := s.Now()
		dl := cal.RequestDeadline(now, terbuka.RequestDays, terbuka.ExtensionDays)
		q := n.Requester
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET status = $1, information = $2, purpose = $3, requester_id_number = $4,
			requester_address = $5, requester_email = $6, requester_phone = $7, requester_occupation = $8, received_on = $9,
			due_on = $10, original_due_on = $11, calendar_version = $12, updated_at = $13 WHERE id = $14`,
			terbuka.StatusRegistered, n.Information, n.Purpose, q.IDNumber, q.Address, q.Email, q.Phone, q.Occupation,
			dl.ReceivedOn.String(), dl.DueOn.String(), dl.DueOn.String(), dl.Version, now, r.ID); err != nil {
			return fmt.Errorf("complete request: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE request_incompletes SET completed_at = $1, completion_note = $2 WHERE id = $3",
			now, in.Note, inc.ID); err != nil {
			return fmt.Errorf("complete incomplete: %w", err)
		}
		note := fmt.Sprintf("received_on %s → %s; due_on %s → %s (%s)", r.ReceivedOn, dl.ReceivedOn, r.DueOn, dl.DueOn, dl.Version)
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "completed", Status: terbuka.StatusRegistered, Note: note,
			Public: true}, nil); err != nil {
			return err
		}
		after := r
		after.Requester = q
		if err := s.notifyRequester(ctx, tx, after, MailRoutingCompleted, now); err != nil {
			return err
		}
		changed := []string{}
		for _, f := range []struct {
			name     string
			old, new string
		}{{"information", r.Information, n.Information}, {"purpose", r.Purpose, n.Purpose},
			{"requester.id_number", r.Requester.IDNumber, q.IDNumber}, {"requester.address", r.Requester.Address, q.Address},
			{"requester.email", r.Requester.Email, q.Email}, {"requester.phone", r.Requester.Phone, q.Phone},
			{"requester.occupation", r.Requester.Occupation, q.Occupation}} {
			if f.old != f.new {
				changed = append(changed, f.name)
			}
		}
		e := auditBy(nil, terbuka.AuditRequestCompleted, terbuka.AuditEntityRequest, r.Number, map[string]any{
			"status_before": r.Status, "status": terbuka.StatusRegistered, "changed": changed,
			"information_sha256": terbuka.TextDigest(n.Information), "note_sha256": terbuka.TextDigest(in.Note),
			"received_on_before": r.ReceivedOn.String(), "received_on": dl.ReceivedOn.String(),
			"due_on_before": r.DueOn.String(), "due_on": dl.DueOn.String(), "calendar_version": dl.Version})
		e.Actor = terbuka.ActorPublic
		return s.appendAudit(ctx, tx, e)
	})
	if err != nil {
		return terbuka.Request{}, err
	}
	return s.RequestByTracking(ctx, number, token)
}

var errNoPending = errors.New("no pending incomplete")

const incompleteColumns = `id, request_id, missing, flagged_at, flagged_by, complete_by, completed_at, completion_note, lapsed_at,
	prev_received_on, prev_due_on, prev_calendar_version`

func scanIncomplete(row interface{ Scan(...any) error }) (terbuka.Incompleteness, error) {
	var i terbuka.Incompleteness
	var completeBy, prevReceived, prevDue string
	var completed, lapsed sql.NullTime
	if err := row.Scan(&i.ID, &i.RequestID, &i.Missing, &i.FlaggedAt, &i.FlaggedBy, &completeBy, &completed, &i.CompletionNote,
		&lapsed, &prevReceived, &prevDue, &i.PrevCalendarVersion); err != nil {
		return i, err
	}
	i.CompletedAt, i.LapsedAt = completed.Time, lapsed.Time
	var err error
	for _, f := range []struct {
		s string
		d *workday.Date
	}{{completeBy, &i.CompleteBy}, {prevReceived, &i.PrevReceivedOn}, {prevDue, &i.PrevDueOn}} {
		if *f.d, err = workday.ParseDate(f.s); err != nil {
			return i, fmt.Errorf("incomplete %d: %w", i.ID, err)
		}
	}
	return i, nil
}

// pendingIncomplete returns the pending episode of request id (lock is
// the dialect's FOR UPDATE, or ""), errNoPending when there is none.
func pendingIncomplete(ctx context.Context, q queryer, requestID int64, lock string) (terbuka.Incompleteness, error) {
	i, err := scanIncomplete(q.QueryRowContext(ctx, "SELECT "+incompleteColumns+` FROM request_incompletes
		WHERE request_id = $1 AND completed_at IS NULL AND lapsed_at IS NULL`+lock, requestID))
	if errors.Is(err, sql.ErrNoRows) {
		return i, errNoPending
	}
	if err != nil {
		return i, fmt.Errorf("get pending incomplete: %w", err)
	}
	return i, nil
}

// Incompletes returns every "perlu dilengkapi" episode of r, oldest first.
// r must come from an authorised read (RequestByTracking, RequestForStaff):
// the caller has already checked who may see it.
func (s *Store) Incompletes(ctx context.Context, r terbuka.Request) ([]terbuka.Incompleteness, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+incompleteColumns+" FROM request_incompletes WHERE request_id = $1 ORDER BY id", r.ID)
	if err != nil {
		return nil, fmt.Errorf("list incompletes: %w", err)
	}
	defer rows.Close()
	var out []terbuka.Incompleteness
	for rows.Next() {
		i, err := scanIncomplete(rows)
		if err != nil {
			return nil, fmt.Errorf("scan incomplete: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// LapseCandidate is an incomplete request whose completion window may
// have ended, for the lapse job.
type LapseCandidate struct {
	IncompleteID int64
	Number       string
	BodyID       int64
	CompleteBy   workday.Date
}

// LapseCandidates pages through pending incomplete requests whose
// completion window ended before the latest "today" of any Indonesian
// zone (the job checks each against its body's zone): up to limit of them
// with an incomplete ID above afterID.
func (s *Store) LapseCandidates(ctx context.Context, afterID int64, limit int) ([]LapseCandidate, error) {
	latest := workday.Date{}
	for _, z := range terbuka.TimeZones {
		if d := workday.DateOf(s.clock.Now().In(terbuka.BodySettings{TimeZone: z}.Location())); d.After(latest) {
			latest = d
		}
	}
	rows, err := s.read.QueryContext(ctx, `SELECT i.id, r.number, r.body_id, i.complete_by FROM request_incompletes i
		JOIN requests r ON r.id = i.request_id
		WHERE i.completed_at IS NULL AND i.lapsed_at IS NULL AND r.status = $1 AND i.complete_by < $2 AND i.id > $3
		ORDER BY i.id LIMIT $4`, terbuka.StatusIncomplete, latest.String(), afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("list lapse candidates: %w", err)
	}
	defer rows.Close()
	var out []LapseCandidate
	for rows.Next() {
		var c LapseCandidate
		var by string
		if err := rows.Scan(&c.IncompleteID, &c.Number, &c.BodyID, &by); err != nil {
			return nil, fmt.Errorf("scan lapse candidate: %w", err)
		}
		if c.CompleteBy, err = workday.ParseDate(by); err != nil {
			return nil, fmt.Errorf("request %s: %w", c.Number, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LapseRequest lapses request number for its pending episode incompleteID
// when the completion window has ended in the body's zone: the status
// becomes lapsed and the requester is told (e-mail and tracking page). It
// reports whether it did; a request completed, lapsed already, or still
// inside its window is left alone (false, nil). The check and the change
// run in one transaction on the locked request, so however many instances
// or retries run it, a request lapses exactly once.
func (s *Store) LapseRequest(ctx context.Context, number string, incompleteID int64) (bool, error) {
	lapsed := false
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		lapsed = false
		r, _, err := s.requestByNumber(ctx, tx, number, true)
		if err != nil {
			return err
		}
		inc, err := pendingIncomplete(ctx, tx, r.ID, s.db.forUpdate())
		if errors.Is(err, errNoPending) {
			return nil
		}
		if err != nil {
			return err
		}
		if inc.ID != incompleteID {
			return nil // a later episode: the sweep will find it again
		}
		cal, err := s.calendar(ctx, tx, r.BodyID)
		if err != nil {
			return err
		}
		if r.CheckLapse(s.today(cal), inc.CompleteBy) != nil {
			return nil
		}
		now := s.Now()
		res, err := tx.ExecContext(ctx, "UPDATE requests SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
			terbuka.StatusLapsed, now, r.ID, terbuka.StatusIncomplete)
		if err != nil {
			return fmt.Errorf("lapse request: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("lapse request %s: %d rows, %v", r.Number, n, err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE request_incompletes SET lapsed_at = $1 WHERE id = $2", now, inc.ID); err != nil {
			return fmt.Errorf("lapse incomplete: %w", err)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "lapsed", Status: terbuka.StatusLapsed,
			Note: inc.CompleteBy.String(), Public: true}, nil); err != nil {
			return err
		}
		if err := s.notifyRequester(ctx, tx, r, MailRoutingLapsed, now); err != nil {
			return err
		}
		lapsed = true
		return s.appendAudit(ctx, tx, auditBy(nil, terbuka.AuditRequestLapsed, terbuka.AuditEntityRequest, r.Number,
			map[string]any{"status_before": r.Status, "status": terbuka.StatusLapsed, "complete_by": inc.CompleteBy.String()}))
	})
	return lapsed, err
}
