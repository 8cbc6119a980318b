package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// Mail kinds about objections and disputes (rendered by package mail).
const (
	mailObjectionReceipt   = "objection_receipt"       // to the requester: number, due date
	mailObjectionDecided   = "objection_decided"       // to the requester: the atasan's letter
	mailObjectionFiled     = "objection_staff_filed"   // to the atasan PPID
	mailObjectionOrdered   = "objection_staff_ordered" // to the PPID: the atasan ordered release
	mailObjectionDisputed  = "objection_staff_dispute" // to the atasan PPID and the PPID
	objectionNumberPrefix  = "KEB"
	objectionCounterScope  = "objection"
	objectionStatusOpenSQL = "o.status = 'registered'"
)

// ObjectionOptions says how an objection arrived.
type ObjectionOptions struct {
	Lang string // the requester's language; "" keeps the request's
}

const objectionColumns = `o.id, o.number, o.request_id, r.number, o.body_id, b.slug, b.name, b.time_zone, o.reason,
	o.statement, o.status, o.lang, o.submitted_at, o.received_on, o.due_on, o.ground_on, o.window_closes,
	o.calendar_version, o.decision, o.release_scope, o.decision_reasons, o.decided_by, o.decided_position,
	o.decided_at, o.response, o.responded_at, o.created_at, o.updated_at, r.requester_name, r.rep_name,
	r.information, r.purpose`

const objectionFrom = ` FROM objections o JOIN requests r ON r.id = o.request_id JOIN bodies b ON b.id = o.body_id`

// scanObjection reads objectionColumns, then any extra columns into extra.
func scanObjection(row interface{ Scan(...any) error }, extra ...any) (terbuka.Objection, error) {
	var o terbuka.Objection
	var received, due, ground, closes, decision, release, reasons, by, position string
	var decidedAt, respondedAt sql.NullTime
	dest := []any{&o.ID, &o.Number, &o.RequestID, &o.RequestNumber, &o.BodyID, &o.BodySlug, &o.BodyName, &o.BodyTimeZone,
		&o.Reason, &o.Statement, &o.Status, &o.Lang, &o.SubmittedAt, &received, &due, &ground, &closes,
		&o.CalendarVersion, &decision, &release, &reasons, &by, &position, &decidedAt, &o.Response, &respondedAt,
		&o.CreatedAt, &o.UpdatedAt, &o.RequesterName, &o.RepresentativeName, &o.Information, &o.Purpose}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return o, err
	}
	for _, f := range []struct {
		s string
		d *workday.Date
	}{{received, &o.ReceivedOn}, {due, &o.DueOn}, {ground, &o.GroundOn}, {closes, &o.WindowCloses}} {
		var err error
		if *f.d, err = workday.ParseDate(f.s); err != nil {
			return o, fmt.Errorf("objection %s: %w", o.Number, err)
		}
	}
	if decision != "" {
		o.Decision = &terbuka.ObjectionDecision{Kind: terbuka.ObjectionDecisionKind(decision), Release: terbuka.ReleaseScope(release),
			Reasons: reasons, DecidedBy: by, Position: position, DecidedAt: decidedAt.Time}
	}
	o.RespondedAt = respondedAt.Time
	return o, nil
}

// objectionBy reads one objection where cond (with $1) holds; missing is
// not found.
func objectionBy(ctx context.Context, q queryer, cond string, arg any) (terbuka.Objection, error) {
	o, err := scanObjection(q.QueryRowContext(ctx, "SELECT "+objectionColumns+objectionFrom+" WHERE "+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return o, terbuka.ErrNotFound("objection")
	}
	if err != nil {
		return o, fmt.Errorf("get objection: %w", err)
	}
	return o, nil
}

// withDispute loads the dispute of o, if any, with its stages.
func withDispute(ctx context.Context, q queryer, o terbuka.Objection) (terbuka.Objection, error) {
	d, err := disputeWhere(ctx, q, "d.objection_id = $1", o.ID)
	switch {
	case terbuka.ErrorCode(err) == terbuka.ENotFound:
		o.Dispute = nil
	case err != nil:
		return o, err
	default:
		o.Dispute = &d
	}
	return o, nil
}

// trackedRequest locks the request number inside tx and checks its
// tracking token; any mismatch is not found. Every write about an
// objection locks its request first, so writes on one request queue there.
func (s *Store) trackedRequest(ctx context.Context, tx *sql.Tx, number, token string) (terbuka.Request, error) {
	if number == "" || token == "" {
		return terbuka.Request{}, terbuka.ErrNotFound("request")
	}
	r, hash, err := s.requestByNumber(ctx, tx, number, true)
	if err != nil {
		return r, err
	}
	if subtle.ConstantTimeCompare([]byte(hash), []byte(hashSecret(token))) != 1 {
		return terbuka.Request{}, terbuka.ErrNotFound("request")
	}
	return r, nil
}

// CreateObjection files a keberatan on request number for whoever holds
// its tracking token (a wrong number or token is ENotFound "request").
// Within one transaction it checks the ground and its window (EInvalid
// naming the window's dates, terbuka.CheckObjection), that no other
// objection on the request is open (EConflict), issues the next objection
// number of the request's body and year, computes the effective receipt
// and the 30-working-day due date, adds an "objection" event to the
// request, notifies the atasan PPID (in-app and by e-mail), queues the
// receipt e-mail to the requester and appends the audit entry.
func (s *Store) CreateObjection(ctx context.Context, number, token string, in terbuka.NewObjection, opt ObjectionOptions) (terbuka.Objection, error) {
	if err := in.Validate(); err != nil {
		return terbuka.Objection{}, err
	}
	var o terbuka.Objection
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.trackedRequest(ctx, tx, number, token)
		if err != nil {
			return err
		}
		if open, err := openObjection(ctx, tx, r.ID); err != nil {
			return err
		} else if open != "" {
			return terbuka.Errorf(terbuka.EConflict, "conflict.objection_open", open)
		}
		cal, err := s.calendar(ctx, tx, r.BodyID)
		if err != nil {
			return err
		}
		now := s.Now()
		w, err := terbuka.CheckObjection(r, in.Reason, now, cal)
		if err != nil {
			return err
		}
		body, err := bodyBySlug(ctx, tx, r.BodySlug)
		if err != nil {
			return err
		}
		received, _, _ := cal.EffectiveReceipt(now)
		lang := opt.Lang
		if lang != "id" && lang != "en" {
			lang = r.Lang
		}
		o = terbuka.Objection{RequestID: r.ID, RequestNumber: r.Number, BodyID: r.BodyID, BodySlug: r.BodySlug,
			BodyName: r.BodyName, BodyTimeZone: r.BodyTimeZone, Reason: in.Reason, Statement: in.Statement,
			Status: terbuka.ObjectionRegistered, Lang: lang, SubmittedAt: now, ReceivedOn: received,
			DueOn: cal.AddWorkingDays(received, terbuka.ObjectionAnswerDays).Date, GroundOn: w.GroundOn,
			WindowCloses: w.Closes, CalendarVersion: cal.Version(), CreatedAt: now, UpdatedAt: now,
			RequesterName: r.Requester.Name, Information: r.Information, Purpose: r.Purpose}
		if r.Representative != nil {
			o.RepresentativeName = r.Representative.Name
		}
		year := now.In(cal.Location()).Year()
		seq, err := nextNumber(ctx, tx, objectionCounterScope, r.BodyID, year)
		if err != nil {
			return err
		}
		o.Number = fmt.Sprintf("%s-%s-%d-%06d", objectionNumberPrefix, body.Code, year, seq)
		err = tx.QueryRowContext(ctx, `INSERT INTO objections (request_id, body_id, number, year, seq, reason, statement, status,
			lang, submitted_at, received_on, due_on, ground_on, window_closes, calendar_version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
			o.RequestID, o.BodyID, o.Number, year, seq, o.Reason, o.Statement, o.Status, o.Lang, now,
			o.ReceivedOn.String(), o.DueOn.String(), o.GroundOn.String(), o.WindowCloses.String(), o.CalendarVersion,
			now, now).Scan(&o.ID)
		if err != nil {
			return fmt.Errorf("insert objection: %w", err)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "objection", Status: r.Status,
			Note: o.Number + ": " + string(o.Reason), Public: true}, nil); err != nil {
			return err
		}
		title, text := terbuka.ObjectionNotice(o)
		if err := notifyRoles(ctx, tx, r.BodyID, []terbuka.Role{terbuka.RoleAtasanPPID}, mailObjectionFiled, o.Number, title, text, now); err != nil {
			return err
		}
		if r.Requester.Email != "" {
			if err := enqueueMail(ctx, tx, mailObjectionReceipt, o.Number, r.Requester.Email, o.Lang, now); err != nil {
				return err
			}
		}
		return s.appendAudit(ctx, tx, objectionCreatedAudit(o))
	})
	if err != nil {
		return terbuka.Objection{}, err
	}
	return o, nil
}

// openObjection returns the number of request id's undecided objection,
// or "".
func openObjection(ctx context.Context, q queryer, requestID int64) (string, error) {
	var number string
	err := q.QueryRowContext(ctx, "SELECT o.number FROM objections o WHERE o.request_id = $1 AND "+objectionStatusOpenSQL,
		requestID).Scan(&number)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("find open objection: %w", err)
	}
	return number, nil
}

// notifyRoles writes an in-app notification and queues an e-mail of kind
// about ref for every active account with one of roles whose request scope
// covers body bodyID.
func notifyRoles(ctx context.Context, tx *sql.Tx, bodyID int64, roles []terbuka.Role, kind, ref, title, text string, now time.Time) error {
	staff, err := responsibleStaff(ctx, tx, bodyID, roles)
	if err != nil {
		return err
	}
	for _, u := range staff {
		if err := enqueueMail(ctx, tx, kind, ref, u.Email, "id", now); err != nil {
			return err
		}
		if err := addNotification(ctx, tx, u.ID, kind, ref, title, text, now); err != nil {
			return err
		}
	}
	return nil
}

// ObjectionByTracking returns objection number, with its dispute, to
// whoever holds the tracking token of its request. Any mismatch is not
// found.
func (s *Store) ObjectionByTracking(ctx context.Context, number, token string) (terbuka.Objection, error) {
	if number == "" || token == "" {
		return terbuka.Objection{}, terbuka.ErrNotFound("objection")
	}
	var hash string
	o, err := scanObjection(s.read.QueryRowContext(ctx, "SELECT "+objectionColumns+", r.tracking_hash"+objectionFrom+
		" WHERE o.number = $1", number), &hash)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && subtle.ConstantTimeCompare([]byte(hash), []byte(hashSecret(token))) != 1) {
		return terbuka.Objection{}, terbuka.ErrNotFound("objection")
	}
	if err != nil {
		return terbuka.Objection{}, fmt.Errorf("track objection: %w", err)
	}
	return withDispute(ctx, s.read, o)
}

// ObjectionForStaff returns objection number, with its dispute, if u may
// see its request (the same rule as RequestForStaff); otherwise not found.
func (s *Store) ObjectionForStaff(ctx context.Context, u terbuka.User, number string) (terbuka.Objection, error) {
	o, err := objectionBy(ctx, s.read, "o.number = $1", number)
	if err != nil {
		return o, err
	}
	if err := s.objectionVisible(ctx, s.read, u, o); err != nil {
		return terbuka.Objection{}, err
	}
	return withDispute(ctx, s.read, o)
}

// objectionVisible is not found unless u may see o's request.
func (s *Store) objectionVisible(ctx context.Context, q queryer, u terbuka.User, o terbuka.Objection) error {
	r, _, err := s.requestByNumber(ctx, q, o.RequestNumber, false)
	if err != nil {
		return err
	}
	if err := s.checkVisible(ctx, q, u, r); err != nil {
		return terbuka.ErrNotFound("objection")
	}
	return nil
}

// ObjectionsForRequest lists the objections on request r, oldest first,
// with their disputes. The caller must have obtained r through
// RequestByTracking or RequestForStaff: this checks nothing.
func (s *Store) ObjectionsForRequest(ctx context.Context, r terbuka.Request) ([]terbuka.Objection, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+objectionColumns+objectionFrom+" WHERE o.request_id = $1 ORDER BY o.id", r.ID)
	if err != nil {
		return nil, fmt.Errorf("list objections of %s: %w", r.Number, err)
	}
	list, err := scanObjections(rows)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i], err = withDispute(ctx, s.read, list[i]); err != nil {
			return nil, err
		}
	}
	return list, nil
}

func scanObjections(rows *sql.Rows) ([]terbuka.Objection, error) {
	defer rows.Close()
	var out []terbuka.Objection
	for rows.Next() {
		o, err := scanObjection(rows)
		if err != nil {
			return nil, fmt.Errorf("scan objection: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// ObjectionForMail returns an objection for the mail outbox, which acts
// for the system rather than for a user.
func (s *Store) ObjectionForMail(ctx context.Context, number string) (terbuka.Objection, error) {
	o, err := objectionBy(ctx, s.read, "o.number = $1", number)
	if err != nil {
		return o, err
	}
	return withDispute(ctx, s.read, o)
}

// ObjectionToday is the current date in the zone of the objection's body.
func (s *Store) ObjectionToday(o terbuka.Objection) workday.Date {
	return workday.DateOf(s.clock.Now().In(terbuka.BodySettings{TimeZone: o.BodyTimeZone}.Location()))
}

// lockedObjection loads objection number for a write in tx: it locks the
// request first (the order every objection write follows), then reads the
// objection as it now stands.
func (s *Store) lockedObjection(ctx context.Context, tx *sql.Tx, number string) (terbuka.Objection, terbuka.Request, error) {
	o, err := objectionBy(ctx, tx, "o.number = $1", number)
	if err != nil {
		return o, terbuka.Request{}, err
	}
	r, _, err := s.requestByNumber(ctx, tx, o.RequestNumber, true)
	if err != nil {
		return o, r, err
	}
	o, err = objectionBy(ctx, tx, "o.id = $1", o.ID)
	if err != nil {
		return o, r, err
	}
	o, err = withDispute(ctx, tx, o)
	return o, r, err
}

// objectionCreatedAudit records a filing without the requester's personal
// data or the statement's words (a digest proves them later).
func objectionCreatedAudit(o terbuka.Objection) terbuka.AuditEntry {
	e := auditBy(nil, terbuka.AuditObjectionCreated, terbuka.AuditEntityObjection, o.Number, map[string]any{
		"request": o.RequestNumber, "body": o.BodySlug, "reason": o.Reason, "status": o.Status,
		"submitted_at": o.SubmittedAt.UTC().Format(time.RFC3339Nano), "received_on": o.ReceivedOn.String(),
		"due_on": o.DueOn.String(), "ground_on": o.GroundOn.String(), "window_closes": o.WindowCloses.String(),
		"calendar_version": o.CalendarVersion, "statement_sha256": terbuka.TextDigest(o.Statement)})
	e.Actor = terbuka.ActorPublic
	return e
}

// ObjectionLetter gathers what the atasan PPID's letter on objection o,
// and the mail about it, need: its request with the requester's personal
// data (the letter is the requester's own), the request's body, the
// government whose letterhead it carries (the top of the body's tree) and,
// once a dispute can be lodged, the last day to lodge it. Callers must have
// obtained o for someone allowed to see it (ObjectionByTracking,
// ObjectionForStaff) or act for the system (mail).
func (s *Store) ObjectionLetter(ctx context.Context, o terbuka.Objection) (terbuka.ObjectionLetter, error) {
	in := terbuka.ObjectionLetter{Objection: o}
	r, _, err := s.requestByNumber(ctx, s.read, o.RequestNumber, false)
	if err != nil {
		return in, err
	}
	in.Request = r
	if in.Body, err = s.BodyByID(ctx, o.BodyID); err != nil {
		return in, err
	}
	in.Letterhead = in.Body
	for seen := 0; in.Letterhead.ParentID != 0 && seen < 16; seen++ {
		if in.Letterhead, err = s.BodyByID(ctx, in.Letterhead.ParentID); err != nil {
			return in, err
		}
	}
	cal, err := s.Calendar(ctx, o.BodyID)
	if err != nil {
		return in, err
	}
	if _, closes, err := terbuka.DisputeWindow(o, s.today(cal), cal); err == nil {
		in.DisputeBy = closes
	}
	return in, nil
}

// objectionAuditVisible is nil when u may read the audit history of an
// objection (ref its number) or a dispute (ref its ID): staff who may see
// the request behind it. Otherwise not found.
func (s *Store) objectionAuditVisible(ctx context.Context, u terbuka.User, entity, ref string) error {
	if entity == terbuka.AuditEntityDispute {
		id, err := strconv.ParseInt(ref, 10, 64)
		if err != nil {
			return terbuka.ErrNotFound("dispute")
		}
		_, err = s.DisputeForStaff(ctx, u, id)
		return err
	}
	_, err := s.ObjectionForStaff(ctx, u, ref)
	return err
}
