package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// CreateOptions says how a request arrived.
type CreateOptions struct {
	Channel terbuka.Channel
	Lang    string
	// Staff is set when an officer registers a request that came on paper,
	// by phone or in person; ReceivedAt is then when it actually came in.
	Staff      *terbuka.User
	ReceivedAt time.Time
}

// maxBackdate bounds how far back staff may date a paper request.
const maxBackdate = 60 * 24 * time.Hour

// CreateRequest registers a request to body slug: it validates the intake,
// issues the next registration number of that body and year (gap-free,
// also with several instances on one PostgreSQL), computes the deadlines
// and queues the receipt e-mail, all in one transaction. It returns the
// request and its tracking token, which is stored only as a hash.
func (s *Store) CreateRequest(ctx context.Context, slug string, in terbuka.NewRequest, opt CreateOptions) (terbuka.Request, string, error) {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return terbuka.Request{}, "", err
	}
	body, err := s.BodyBySlug(ctx, slug)
	if err != nil {
		return terbuka.Request{}, "", err
	}
	now := s.Now()
	submitted := now
	if opt.Staff != nil {
		if root, ok, err := requestScope(ctx, s.read, *opt.Staff); err != nil {
			return terbuka.Request{}, "", err
		} else if in, err := inSubtree(ctx, s.read, root, body.ID); err != nil {
			return terbuka.Request{}, "", err
		} else if !ok || !in || !opt.Staff.Role.CanHandleRequests() {
			return terbuka.Request{}, "", terbuka.ErrNotFound("body")
		}
		if !opt.ReceivedAt.IsZero() {
			if opt.ReceivedAt.After(now.Add(time.Minute)) || opt.ReceivedAt.Before(now.Add(-maxBackdate)) {
				return terbuka.Request{}, "", terbuka.Problems{"received_at": terbuka.M("invalid.received_at")}.Err()
			}
			submitted = opt.ReceivedAt.UTC()
		}
	}
	if opt.Channel == "" {
		opt.Channel = terbuka.ChannelAPI
	}
	if opt.Lang != "en" {
		opt.Lang = "id"
	}
	cal, err := s.Calendar(ctx, body.ID)
	if err != nil {
		return terbuka.Request{}, "", err
	}
	dl := cal.RequestDeadline(submitted, terbuka.RequestDays, terbuka.ExtensionDays)
	year := submitted.In(cal.Location()).Year()
	token := newSecret()
	r := terbuka.Request{
		BodyID: body.ID, BodySlug: body.Slug, BodyName: body.Name, Status: terbuka.StatusRegistered,
		Channel: opt.Channel, Requester: in.Requester, Representative: in.Representative,
		Information: in.Information, Purpose: in.Purpose, Obtain: in.Obtain, Delivery: in.Delivery, Lang: opt.Lang,
		SubmittedAt: submitted, ReceivedOn: dl.ReceivedOn, DueOn: dl.DueOn, OriginalDueOn: dl.DueOn,
		CalendarVersion: dl.Version, CreatedAt: now, UpdatedAt: now,
	}
	rep := terbuka.Representative{}
	if r.Representative != nil {
		rep = *r.Representative
	}
	var createdBy any
	actor := ""
	if opt.Staff != nil {
		createdBy, actor = opt.Staff.ID, opt.Staff.Name
	}
	err = s.inWriteUnit(ctx, func(tx *sql.Tx) error {
		seq, err := nextNumber(ctx, tx, "request", body.ID, year)
		if err != nil {
			return err
		}
		r.Number = fmt.Sprintf("%s-%d-%06d", body.Code, year, seq)
		q := r.Requester
		err = tx.QueryRowContext(ctx, `INSERT INTO requests (body_id, number, year, seq, tracking_hash, status, channel,
			requester_kind, requester_name, requester_id_number, requester_address, requester_email, requester_phone,
			requester_occupation, rep_name, rep_id_number, rep_mandate, information, purpose, obtain, delivery, lang,
			submitted_at, received_on, due_on, original_due_on, calendar_version, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
			$23, $24, $25, $26, $27, $28, $29, $30) RETURNING id`,
			body.ID, r.Number, year, seq, hashSecret(token), r.Status, r.Channel,
			q.Kind, q.Name, q.IDNumber, q.Address, q.Email, q.Phone, q.Occupation, rep.Name, rep.IDNumber, rep.Mandate,
			r.Information, r.Purpose, r.Obtain, r.Delivery, r.Lang, r.SubmittedAt, r.ReceivedOn.String(), r.DueOn.String(),
			r.OriginalDueOn.String(), r.CalendarVersion, createdBy, now, now).Scan(&r.ID)
		if err != nil {
			return fmt.Errorf("insert request: %w", err)
		}
		note := "channel:" + string(r.Channel)
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "registered", Status: r.Status, Note: note, Public: true, Actor: actor}, opt.Staff); err != nil {
			return err
		}
		if err := s.appendAudit(ctx, tx, requestCreatedAudit(r, opt.Staff)); err != nil {
			return err
		}
		if q.Email != "" {
			return enqueueMail(ctx, tx, "request_receipt", r.Number, q.Email, r.Lang, now)
		}
		return nil
	})
	if err != nil {
		return terbuka.Request{}, "", err
	}
	r.Events = []terbuka.Event{{At: now, Kind: "registered", Status: r.Status, Public: true, Actor: actor}}
	return r, token, nil
}

// nextNumber returns the next sequence number of scope for body and year.
// The counter row is locked by the upsert until the transaction ends, so
// concurrent creators queue on it and a rolled-back creation leaves no gap.
func nextNumber(ctx context.Context, tx *sql.Tx, scope string, bodyID int64, year int) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `INSERT INTO number_counters (scope, body_id, year, last) VALUES ($1, $2, $3, 1)
		ON CONFLICT (scope, body_id, year) DO UPDATE SET last = number_counters.last + 1 RETURNING last`,
		scope, bodyID, year).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("next %s number: %w", scope, err)
	}
	return n, nil
}

func addEvent(ctx context.Context, tx *sql.Tx, requestID int64, e terbuka.Event, actor *terbuka.User) error {
	var actorID any
	if actor != nil {
		actorID = actor.ID
		e.Actor = actor.Name
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO request_events (request_id, at, kind, status, note, public, actor_id, actor_name)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, requestID, e.At, e.Kind, e.Status, e.Note, e.Public, actorID, e.Actor)
	if err != nil {
		return fmt.Errorf("insert request event: %w", err)
	}
	return nil
}

const requestColumns = `r.id, r.number, r.body_id, b.slug, b.name, b.time_zone, r.status, r.channel, r.tracking_hash,
	r.requester_kind, r.requester_name, r.requester_id_number, r.requester_address, r.requester_email, r.requester_phone,
	r.requester_occupation, r.rep_name, r.rep_id_number, r.rep_mandate, r.information, r.purpose, r.obtain, r.delivery,
	r.lang, r.submitted_at, r.received_on, r.due_on, r.original_due_on, r.extended, r.extension_reason,
	r.calendar_version, r.decision, r.decision_note, r.exemption_letter, r.exemption_basis, r.consequence_test,
	r.transferred_to, r.decided_at, r.decided_by, r.created_at, r.updated_at`

const requestFrom = ` FROM requests r JOIN bodies b ON b.id = r.body_id`

// scanRequest reads requestColumns, then any extra columns into extra.
func scanRequest(row interface{ Scan(...any) error }, extra ...any) (terbuka.Request, string, error) {
	var r terbuka.Request
	var hash, received, due, orig, decision, note, letter, basis, test, transferred, decidedBy string
	var decidedAt sql.NullTime
	var rep terbuka.Representative
	q := &r.Requester
	dest := []any{&r.ID, &r.Number, &r.BodyID, &r.BodySlug, &r.BodyName, &r.BodyTimeZone, &r.Status, &r.Channel, &hash,
		&q.Kind, &q.Name, &q.IDNumber, &q.Address, &q.Email, &q.Phone, &q.Occupation, &rep.Name, &rep.IDNumber, &rep.Mandate,
		&r.Information, &r.Purpose, &r.Obtain, &r.Delivery, &r.Lang, &r.SubmittedAt, &received, &due, &orig,
		&r.Extended, &r.ExtensionReason, &r.CalendarVersion, &decision, &note, &letter, &basis, &test, &transferred,
		&decidedAt, &decidedBy, &r.CreatedAt, &r.UpdatedAt}
	err := row.Scan(append(dest, extra...)...)
	if err != nil {
		return r, "", err
	}
	if rep != (terbuka.Representative{}) {
		r.Representative = &rep
	}
	for _, f := range []struct {
		s string
		d *workday.Date
	}{{received, &r.ReceivedOn}, {due, &r.DueOn}, {orig, &r.OriginalDueOn}} {
		if *f.d, err = workday.ParseDate(f.s); err != nil {
			return r, "", fmt.Errorf("request %s: %w", r.Number, err)
		}
	}
	if decision != "" {
		d := &terbuka.Decision{Kind: terbuka.DecisionKind(decision), Note: note, TransferredTo: transferred, DecidedBy: decidedBy}
		if decidedAt.Valid {
			d.DecidedAt = decidedAt.Time
		}
		if basis != "" {
			d.Exemption = &terbuka.Exemption{Letter: letter, Basis: basis, ConsequenceTest: test}
		}
		r.Decision = d
	}
	return r, hash, nil
}

func (s *Store) requestByNumber(ctx context.Context, q queryer, number string, lock bool) (terbuka.Request, string, error) {
	query := "SELECT " + requestColumns + requestFrom + " WHERE r.number = $1"
	if lock {
		query += s.db.forUpdate()
	}
	r, hash, err := scanRequest(q.QueryRowContext(ctx, query, number))
	if errors.Is(err, sql.ErrNoRows) {
		return r, "", terbuka.ErrNotFound("request")
	}
	if err != nil {
		return r, "", fmt.Errorf("get request: %w", err)
	}
	return r, hash, nil
}

func requestEvents(ctx context.Context, q queryer, id int64) ([]terbuka.Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT at, kind, status, note, public, actor_name FROM request_events
		WHERE request_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("list request events: %w", err)
	}
	defer rows.Close()
	var out []terbuka.Event
	for rows.Next() {
		var e terbuka.Event
		if err := rows.Scan(&e.At, &e.Kind, &e.Status, &e.Note, &e.Public, &e.Actor); err != nil {
			return nil, fmt.Errorf("scan request event: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// RequestByTracking returns a request to whoever holds its number and
// tracking token, with public events only. Any mismatch is not found.
func (s *Store) RequestByTracking(ctx context.Context, number, token string) (terbuka.Request, error) {
	if number == "" || token == "" {
		return terbuka.Request{}, terbuka.ErrNotFound("request")
	}
	// One statement for the request and its public events: this is the
	// busiest public read, and a second round trip was a third of its cost.
	rows, err := s.read.QueryContext(ctx, "SELECT "+requestColumns+`, e.at, e.kind, e.status, e.note`+requestFrom+
		` LEFT JOIN request_events e ON e.request_id = r.id AND e.public = $2 WHERE r.number = $1 ORDER BY e.id`, number, true)
	if err != nil {
		return terbuka.Request{}, fmt.Errorf("track request: %w", err)
	}
	defer rows.Close()
	var r terbuka.Request
	var hash string
	found := false
	for rows.Next() {
		var at sql.NullTime
		var kind, status, note sql.NullString
		row, h, err := scanRequest(rows, &at, &kind, &status, &note)
		if err != nil {
			return terbuka.Request{}, fmt.Errorf("scan tracked request: %w", err)
		}
		if !found {
			r, hash, found = row, h, true
		}
		if at.Valid {
			r.Events = append(r.Events, terbuka.Event{At: at.Time, Kind: kind.String, Status: terbuka.Status(status.String),
				Note: note.String, Public: true}) // staff names stay internal
		}
	}
	if err := rows.Err(); err != nil {
		return terbuka.Request{}, fmt.Errorf("track request: %w", err)
	}
	if !found || subtle.ConstantTimeCompare([]byte(hash), []byte(hashSecret(token))) != 1 {
		return terbuka.Request{}, terbuka.ErrNotFound("request")
	}
	return r, nil
}

// RequestForStaff returns a request with its full history if u may see it;
// otherwise not found (never forbidden, so numbers cannot be probed).
func (s *Store) RequestForStaff(ctx context.Context, u terbuka.User, number string) (terbuka.Request, error) {
	r, _, err := s.requestByNumber(ctx, s.read, number, false)
	if err != nil {
		return r, err
	}
	if err := s.checkReadable(ctx, s.read, u, r); err != nil { // also an OPD it was forwarded to (disposition.go)
		return terbuka.Request{}, err
	}
	r.Events, err = requestEvents(ctx, s.read, r.ID)
	return r, err
}

func (s *Store) checkVisible(ctx context.Context, q queryer, u terbuka.User, r terbuka.Request) error {
	root, ok, err := requestScope(ctx, q, u)
	if err != nil {
		return err
	}
	if !ok {
		return terbuka.ErrNotFound("request")
	}
	in, err := inSubtree(ctx, q, root, r.BodyID)
	if err != nil {
		return err
	}
	if !in {
		return terbuka.ErrNotFound("request")
	}
	return nil
}

// RequestToday is the current date in the zone of the request's body.
func (s *Store) RequestToday(r terbuka.Request) workday.Date {
	return workday.DateOf(s.clock.Now().In(terbuka.BodySettings{TimeZone: r.BodyTimeZone}.Location()))
}

// RequestForMail returns a request for the mail outbox, which acts for the
// system rather than for a user.
func (s *Store) RequestForMail(ctx context.Context, number string) (terbuka.Request, error) {
	r, _, err := s.requestByNumber(ctx, s.read, number, false)
	return r, err
}

// today is the current date in the request's body zone.
func (s *Store) today(cal *workday.Calendar) workday.Date {
	return workday.DateOf(s.clock.Now().In(cal.Location()))
}

// ExtendRequest uses the one extension of Pasal 22(8): the due date moves
// to 7 working days after the original one.
func (s *Store) ExtendRequest(ctx context.Context, u terbuka.User, number, reason string) (terbuka.Request, error) {
	reason = strings.TrimSpace(reason)
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.actionable(ctx, tx, u, number)
		if err != nil {
			return err
		}
		cal, err := s.calendar(ctx, tx, r.BodyID)
		if err != nil {
			return err
		}
		if err := r.CheckExtend(s.today(cal), reason); err != nil {
			return err
		}
		due := cal.AddWorkingDays(r.OriginalDueOn, terbuka.ExtensionDays).Date
		now := s.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET status = $1, extended = $2, extension_reason = $3, due_on = $4,
			updated_at = $5 WHERE id = $6`, terbuka.StatusExtended, true, reason, due.String(), now, r.ID); err != nil {
			return fmt.Errorf("extend request: %w", err)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "extended", Status: terbuka.StatusExtended, Note: reason, Public: true}, &u); err != nil {
			return err
		}
		if err := s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditRequestExtended, terbuka.AuditEntityRequest, r.Number, map[string]any{
			"status": terbuka.StatusExtended, "due_on_before": r.DueOn.String(), "due_on": due.String(),
			"reason_sha256": terbuka.TextDigest(reason)})); err != nil {
			return err
		}
		return s.notifyRequester(ctx, tx, r, "request_extended", now)
	})
	if err != nil {
		return terbuka.Request{}, err
	}
	return s.RequestForStaff(ctx, u, number)
}

// DecideRequest records the written decision; the status becomes answered
// (or transferred).
func (s *Store) DecideRequest(ctx context.Context, u terbuka.User, number string, in terbuka.DecisionInput) (terbuka.Request, error) {
	if err := in.Validate(); err != nil {
		return terbuka.Request{}, err
	}
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.actionable(ctx, tx, u, number)
		if err != nil {
			return err
		}
		if err := r.CheckDecide(); err != nil {
			return err
		}
		ex := terbuka.Exemption{}
		if in.Exemption != nil {
			ex = *in.Exemption
		}
		now := s.Now()
		status := in.Decision.StatusAfter()
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET status = $1, decision = $2, decision_note = $3, exemption_letter = $4,
			exemption_basis = $5, consequence_test = $6, transferred_to = $7, decided_at = $8, decided_by = $9, updated_at = $10
			WHERE id = $11`, status, in.Decision, in.Note, ex.Letter, ex.Basis, ex.ConsequenceTest, in.TransferredTo,
			now, u.Name, now, r.ID); err != nil {
			return fmt.Errorf("decide request: %w", err)
		}
		note := string(in.Decision)
		if in.Note != "" {
			note += ": " + in.Note
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "decided", Status: status, Note: note, Public: true}, &u); err != nil {
			return err
		}
		// A transfer to a body of this deployment registers it there (transfer.go).
		linked, err := s.transferInDeployment(ctx, tx, u, r, in, now)
		if err != nil {
			return err
		}
		// Every decision gives its written notice, a refusal its SK penolakan (notice.go).
		notice, err := s.issueNotice(ctx, tx, u, r, in, status, now)
		if err != nil {
			return err
		}
		if err := s.appendAudit(ctx, tx, append([]terbuka.AuditEntry{withNotice(decidedAudit(u, r, in, status), notice)}, linked...)...); err != nil {
			return err
		}
		return s.notifyRequester(ctx, tx, r, "request_decided", now)
	})
	if err != nil {
		return terbuka.Request{}, err
	}
	return s.RequestForStaff(ctx, u, number)
}

// actionable loads and locks a request that u may act on.
func (s *Store) actionable(ctx context.Context, tx *sql.Tx, u terbuka.User, number string) (terbuka.Request, error) {
	r, _, err := s.requestByNumber(ctx, tx, number, true)
	if err != nil {
		return r, err
	}
	if err := s.checkVisible(ctx, tx, u, r); err != nil {
		if s.checkReadable(ctx, tx, u, r) == nil { // forwarded to the user's OPD: it answers, not acts (disposition.go)
			return r, terbuka.Errorf(terbuka.EForbidden, "forbidden.forwarded_only")
		}
		return r, err
	}
	if !u.Role.CanHandleRequests() {
		return r, terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	return r, nil
}

func (s *Store) notifyRequester(ctx context.Context, tx *sql.Tx, r terbuka.Request, kind string, now time.Time) error {
	if r.Requester.Email == "" {
		return nil
	}
	return enqueueMail(ctx, tx, kind, r.Number, r.Requester.Email, r.Lang, now)
}
