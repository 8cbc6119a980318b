package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// JobDispositionNotice is the job kind that mails and notifies staff about
// a disposition (package jobs runs it): the OPD when a request is forwarded
// to it and before its internal deadline, the PPID Utama officer when the
// OPD answers. Queued in the transaction of the change, so it goes out if
// and only if the change committed.
const JobDispositionNotice = "disposition_notice"

// DispositionNoticePayload is the payload of a JobDispositionNotice.
type DispositionNoticePayload struct {
	DispositionID int64  `json:"disposition_id"`
	Kind          string `json:"kind"`   // MailRoutingDisposition, …Remind or …Answer
	DueOn         string `json:"due_on"` // the internal deadline the notice is about
}

// disposedSQL holds for a request r forwarded, and not withdrawn, to a
// body in the subtree of $1: its staff may read the request.
const disposedSQL = `r.id IN (SELECT d.request_id FROM request_dispositions d WHERE d.state <> 'withdrawn'
	AND d.to_body_id IN (` + subtreeSQL + `))`

// checkReadable is checkVisible widened by dispositions: staff whose scope
// holds an OPD the request was forwarded to (and not withdrawn from) may
// read it. Acting on the request itself still needs checkVisible
// (actionable); an OPD only answers its disposition.
func (s *Store) checkReadable(ctx context.Context, q queryer, u terbuka.User, r terbuka.Request) error {
	err := s.checkVisible(ctx, q, u, r)
	if terbuka.ErrorCode(err) != terbuka.ENotFound {
		return err
	}
	if ok, derr := disposedTo(ctx, q, u, r.ID); derr != nil {
		return derr
	} else if ok {
		return nil
	}
	return err
}

// disposedTo reports whether request id was forwarded, not withdrawn, to
// a body in u's request scope.
func disposedTo(ctx context.Context, q queryer, u terbuka.User, requestID int64) (bool, error) {
	root, ok, err := requestScope(ctx, q, u)
	if err != nil || !ok {
		return false, err
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM request_dispositions d WHERE d.request_id = $2
		AND d.state <> 'withdrawn' AND d.to_body_id IN (`+subtreeSQL+`)`, root, requestID).Scan(&n); err != nil {
		return false, fmt.Errorf("check disposition scope: %w", err)
	}
	return n > 0, nil
}

const dispositionColumns = `d.id, d.request_id, r.number, r.body_id, d.to_body_id, tb.slug, tb.name, d.days, d.due_on, d.instructions, d.state,
	d.created_at, COALESCE(d.created_by_id, 0), d.created_by, d.answer_kind, d.answer_text, COALESCE(d.answer_catalogue_id, 0),
	d.answer_exemption_letter, d.answer_exemption_basis, d.answer_consequence_test, d.answered_at, d.answered_by,
	d.withdrawn_at, d.withdrawn_by`

const dispositionFrom = ` FROM request_dispositions d JOIN requests r ON r.id = d.request_id JOIN bodies tb ON tb.id = d.to_body_id`

func scanDisposition(row interface{ Scan(...any) error }) (terbuka.Disposition, error) {
	var d terbuka.Disposition
	var due, kind, text, letter, basis, test, answeredBy string
	var catalogue int64
	var answered, withdrawn sql.NullTime
	if err := row.Scan(&d.ID, &d.RequestID, &d.RequestNumber, &d.RequestBodyID, &d.ToBodyID, &d.ToBodySlug, &d.ToBodyName, &d.Days, &due,
		&d.Instructions, &d.State, &d.CreatedAt, &d.CreatedByID, &d.CreatedBy, &kind, &text, &catalogue, &letter, &basis, &test,
		&answered, &answeredBy, &withdrawn, &d.WithdrawnBy); err != nil {
		return d, err
	}
	var err error
	if d.DueOn, err = workday.ParseDate(due); err != nil {
		return d, fmt.Errorf("disposition %d: %w", d.ID, err)
	}
	d.WithdrawnAt = withdrawn.Time
	if kind != "" {
		a := &terbuka.DispositionAnswer{Kind: terbuka.AnswerKind(kind), Text: text, CatalogueID: catalogue,
			AnsweredAt: answered.Time, AnsweredBy: answeredBy}
		if basis != "" {
			a.Exemption = &terbuka.Exemption{Letter: letter, Basis: basis, ConsequenceTest: test}
		}
		d.Answer = a
	}
	return d, nil
}

// forUpdateOf locks only the rows of table alias among those a join
// selects (PostgreSQL locks every joined table's rows with a plain FOR
// UPDATE); SQLite needs no lock, as forUpdate says.
func (db *DB) forUpdateOf(alias string) string {
	if db.Dialect == Postgres {
		return " FOR UPDATE OF " + alias
	}
	return ""
}

func dispositionByID(ctx context.Context, q queryer, id int64, lock string) (terbuka.Disposition, error) {
	d, err := scanDisposition(q.QueryRowContext(ctx, "SELECT "+dispositionColumns+dispositionFrom+" WHERE d.id = $1"+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, terbuka.ErrNotFound("disposition")
	}
	if err != nil {
		return d, fmt.Errorf("get disposition: %w", err)
	}
	return d, nil
}

// Dispositions returns every disposition of r, oldest first. r must come
// from an authorised read (RequestForStaff): the caller has checked who
// may see it. They are internal: never show them to the requester.
func (s *Store) Dispositions(ctx context.Context, r terbuka.Request) ([]terbuka.Disposition, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+dispositionColumns+dispositionFrom+" WHERE d.request_id = $1 ORDER BY d.id", r.ID)
	if err != nil {
		return nil, fmt.Errorf("list dispositions: %w", err)
	}
	defer rows.Close()
	var out []terbuka.Disposition
	for rows.Next() {
		d, err := scanDisposition(rows)
		if err != nil {
			return nil, fmt.Errorf("scan disposition: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DispositionForMail returns a disposition for the mail outbox and the
// jobs, which act for the system rather than for a user.
func (s *Store) DispositionForMail(ctx context.Context, id int64) (terbuka.Disposition, error) {
	return dispositionByID(ctx, s.read, id, "")
}

// DispositionTargets lists the OPDs u may forward r to: bodies with a PPID
// Pelaksana in u's request scope (the same government), other than r's
// own body, by name. It is empty for staff who may not forward.
func (s *Store) DispositionTargets(ctx context.Context, u terbuka.User, r terbuka.Request) ([]terbuka.Body, error) {
	own, err := s.BodyByID(ctx, u.BodyID)
	if err != nil || !terbuka.CanDispose(u, own) {
		return nil, err
	}
	root, ok, err := requestScope(ctx, s.read, u)
	if err != nil || !ok {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, "SELECT "+bodyColumns+bodyFrom+" WHERE b.id IN ("+subtreeSQL+
		") AND b.ppid_role = $2 AND b.id <> $3 ORDER BY b.name", root, terbuka.PPIDPelaksana, r.BodyID)
	if err != nil {
		return nil, fmt.Errorf("list disposition targets: %w", err)
	}
	defer rows.Close()
	var out []terbuka.Body
	for rows.Next() {
		b, err := scanBody(rows)
		if err != nil {
			return nil, fmt.Errorf("scan body: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// DisposeRequest forwards an open request to the OPDs in.To with an
// internal deadline of in.Days working days (0: the deployment default)
// and instructions. Only PPID Utama staff and admins who may act on the
// request (404 when they may not see it, 403 for other roles); every
// target must be an OPD with a PPID Pelaksana of the same government
// (422 on "to"); the deadline must end on or before the request's due
// date (422 on "days", naming the longest possible). A registered request
// becomes in_process. Forwarding to an OPD that still has an open
// disposition of the request is 409, as is forwarding a request that is
// not open. Each OPD's staff are notified by a JobDispositionNotice.
func (s *Store) DisposeRequest(ctx context.Context, u terbuka.User, number string, in terbuka.DispositionInput) (terbuka.Request, error) {
	if err := in.Validate(s.RoutingConfig().DispositionDays); err != nil {
		return terbuka.Request{}, err
	}
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.actionable(ctx, tx, u, number)
		if err != nil {
			return err
		}
		own, err := scanOneBody(tx.QueryRowContext(ctx, "SELECT "+bodyColumns+bodyFrom+" WHERE b.id = $1", u.BodyID))
		if err != nil {
			return err
		}
		if !terbuka.CanDispose(u, own) {
			return terbuka.Errorf(terbuka.EForbidden, "forbidden.disposition_role")
		}
		if err := r.CheckDispose(); err != nil {
			return err
		}
		targets, err := s.dispositionTargets(ctx, tx, u, r, in.To)
		if err != nil {
			return err
		}
		cal, err := s.calendar(ctx, tx, r.BodyID)
		if err != nil {
			return err
		}
		today := s.today(cal)
		due := cal.AddWorkingDays(today, in.Days).Date
		if err := terbuka.CheckDispositionDue(cal, today, due, r.DueOn); err != nil {
			return err
		}
		now := s.Now()
		var audit []terbuka.AuditEntry
		status := r.StatusAfterDispose()
		if status != r.Status {
			if _, err := tx.ExecContext(ctx, "UPDATE requests SET status = $1, updated_at = $2 WHERE id = $3", status, now, r.ID); err != nil {
				return fmt.Errorf("dispose request: %w", err)
			}
			// The requester sees that the request is being processed, not
			// where: routing is internal.
			if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "in_process", Status: status, Public: true}, &u); err != nil {
				return err
			}
		}
		for _, b := range targets {
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO request_dispositions (request_id, to_body_id, days, due_on, instructions,
				state, created_at, created_by_id, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
				r.ID, b.ID, in.Days, due.String(), in.Instructions, terbuka.DispositionOpen, now, u.ID, u.Name).Scan(&id); err != nil {
				return fmt.Errorf("insert disposition: %w", err)
			}
			note := fmt.Sprintf("%s: %d HK, %s", b.Name, in.Days, due)
			if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "disposed", Status: status, Note: note}, &u); err != nil {
				return err
			}
			if _, _, err := enqueueJob(ctx, tx, NewJob{Kind: JobDispositionNotice, UniqueKey: "disposition:" + strconv.FormatInt(id, 10) + ":new",
				Payload: DispositionNoticePayload{DispositionID: id, Kind: MailRoutingDisposition, DueOn: due.String()}}, now); err != nil {
				return err
			}
			audit = append(audit, auditBy(&u, terbuka.AuditRequestDisposed, terbuka.AuditEntityRequest, r.Number, map[string]any{
				"disposition": id, "to": b.Slug, "days": in.Days, "due_on": due.String(), "request_due_on": r.DueOn.String(),
				"status_before": r.Status, "status": status, "instructions_sha256": terbuka.TextDigest(in.Instructions)}))
		}
		return s.appendAudit(ctx, tx, audit...)
	})
	if err != nil {
		return terbuka.Request{}, err
	}
	return s.RequestForStaff(ctx, u, number)
}

// dispositionTargets resolves the slugs to OPDs u may forward r to; every
// slug that is not one is a problem on "to", and an OPD that still has an
// open disposition of r is a conflict.
func (s *Store) dispositionTargets(ctx context.Context, tx *sql.Tx, u terbuka.User, r terbuka.Request, slugs []string) ([]terbuka.Body, error) {
	root, _, err := requestScope(ctx, tx, u)
	if err != nil {
		return nil, err
	}
	p := terbuka.Problems{}
	var out []terbuka.Body
	for _, slug := range slugs {
		b, err := bodyBySlug(ctx, tx, slug)
		if terbuka.ErrorCode(err) == terbuka.ENotFound {
			p.Add("to", "invalid.unknown_body", slug)
			continue
		}
		if err != nil {
			return nil, err
		}
		in, err := inSubtree(ctx, tx, root, b.ID)
		if err != nil {
			return nil, err
		}
		if !in || !terbuka.DispositionTarget(b, r.BodyID) {
			p.Add("to", "invalid.disposition_target", b.Name)
			continue
		}
		out = append(out, b)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	for _, b := range out {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM request_dispositions WHERE request_id = $1 AND to_body_id = $2 AND state = $3",
			r.ID, b.ID, terbuka.DispositionOpen).Scan(&n); err != nil {
			return nil, fmt.Errorf("check open disposition: %w", err)
		}
		if n > 0 {
			return nil, terbuka.Errorf(terbuka.EConflict, "conflict.already_disposed", b.Name)
		}
	}
	return out, nil
}

// lockDisposition locks the request of disposition id, then the
// disposition (the order every routing change takes), and returns both.
func (s *Store) lockDisposition(ctx context.Context, tx *sql.Tx, id int64) (terbuka.Request, terbuka.Disposition, error) {
	var number string
	err := tx.QueryRowContext(ctx, "SELECT r.number FROM request_dispositions d JOIN requests r ON r.id = d.request_id WHERE d.id = $1", id).Scan(&number)
	if errors.Is(err, sql.ErrNoRows) {
		return terbuka.Request{}, terbuka.Disposition{}, terbuka.ErrNotFound("disposition")
	}
	if err != nil {
		return terbuka.Request{}, terbuka.Disposition{}, fmt.Errorf("get disposition: %w", err)
	}
	r, _, err := s.requestByNumber(ctx, tx, number, true)
	if err != nil {
		return r, terbuka.Disposition{}, err
	}
	d, err := dispositionByID(ctx, tx, id, s.db.forUpdateOf("d"))
	return r, d, err
}

// AnswerDisposition records the OPD's answer to disposition id: the
// information (text, optionally a catalogue entry) or a proposal to deny
// (with its Pasal 17 letter and consequence test). The answer is internal.
// Only staff of the OPD the request was forwarded to (404 for whoever may
// not see the request, 403 for other staff who may); 422 for bad input or
// an unknown catalogue entry; 409 when the disposition was answered or
// withdrawn, or the request is no longer open. The officer who forwarded
// it is notified by a JobDispositionNotice.
func (s *Store) AnswerDisposition(ctx context.Context, u terbuka.User, id int64, in terbuka.AnswerInput) (terbuka.Disposition, error) {
	if err := in.Validate(); err != nil {
		return terbuka.Disposition{}, err
	}
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, d, err := s.lockDisposition(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.checkReadable(ctx, tx, u, r); err != nil {
			return terbuka.ErrNotFound("disposition")
		}
		if !d.AnswerableBy(u) {
			return terbuka.Errorf(terbuka.EForbidden, "forbidden.disposition_answer")
		}
		if err := r.CheckAnswer(d); err != nil {
			return err
		}
		var catalogue any
		if in.CatalogueID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM catalogue_entries WHERE id = $1", in.CatalogueID).Scan(&n); err != nil {
				return fmt.Errorf("check catalogue entry: %w", err)
			}
			if n == 0 {
				return terbuka.Problems{"catalogue_id": terbuka.M("invalid.unknown_catalogue", in.CatalogueID)}.Err()
			}
			catalogue = in.CatalogueID
		}
		ex := terbuka.Exemption{}
		if in.Exemption != nil {
			ex = *in.Exemption
		}
		now := s.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE request_dispositions SET state = $1, answer_kind = $2, answer_text = $3,
			answer_catalogue_id = $4, answer_exemption_letter = $5, answer_exemption_basis = $6, answer_consequence_test = $7,
			answered_at = $8, answered_by_id = $9, answered_by = $10 WHERE id = $11`, terbuka.DispositionAnswered, in.Kind, in.Text,
			catalogue, ex.Letter, ex.Basis, ex.ConsequenceTest, now, u.ID, u.Name, d.ID); err != nil {
			return fmt.Errorf("answer disposition: %w", err)
		}
		note := d.ToBodyName + ": " + string(in.Kind)
		if ex.Basis != "" {
			note += " (" + ex.Basis + ")"
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "disposition_answered", Status: r.Status, Note: note}, &u); err != nil {
			return err
		}
		if _, _, err := enqueueJob(ctx, tx, NewJob{Kind: JobDispositionNotice, UniqueKey: "disposition:" + strconv.FormatInt(d.ID, 10) + ":answer",
			Payload: DispositionNoticePayload{DispositionID: d.ID, Kind: MailRoutingDispositionAnswer, DueOn: d.DueOn.String()}}, now); err != nil {
			return err
		}
		cal, err := s.calendar(ctx, tx, r.BodyID)
		if err != nil {
			return err
		}
		data := map[string]any{"disposition": d.ID, "to": d.ToBodySlug, "kind": in.Kind, "text_sha256": terbuka.TextDigest(in.Text),
			"due_on": d.DueOn.String(), "on_time": !s.today(cal).After(d.DueOn)}
		if in.CatalogueID != 0 {
			data["catalogue_id"] = in.CatalogueID
		}
		if ex.Basis != "" {
			data["exemption_basis"] = ex.Basis
			data["consequence_test_sha256"] = terbuka.TextDigest(ex.ConsequenceTest)
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditDispositionAnswered, terbuka.AuditEntityRequest, r.Number, data))
	})
	if err != nil {
		return terbuka.Disposition{}, err
	}
	return dispositionByID(ctx, s.read, id, "")
}

// WithdrawDisposition takes back an unanswered disposition: the OPD no
// longer sees the request (unless another disposition gives it access).
// Only PPID Utama staff and admins who may act on the request (404 / 403
// as for DisposeRequest); 409 once it was answered or withdrawn.
func (s *Store) WithdrawDisposition(ctx context.Context, u terbuka.User, id int64) (terbuka.Disposition, error) {
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, d, err := s.lockDisposition(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := s.actionable(ctx, tx, u, r.Number); err != nil {
			if terbuka.ErrorCode(err) == terbuka.ENotFound {
				return terbuka.ErrNotFound("disposition")
			}
			return err
		}
		own, err := scanOneBody(tx.QueryRowContext(ctx, "SELECT "+bodyColumns+bodyFrom+" WHERE b.id = $1", u.BodyID))
		if err != nil {
			return err
		}
		if !terbuka.CanDispose(u, own) {
			return terbuka.Errorf(terbuka.EForbidden, "forbidden.disposition_role")
		}
		if err := d.CheckWithdraw(); err != nil {
			return err
		}
		now := s.Now()
		if _, err := tx.ExecContext(ctx, "UPDATE request_dispositions SET state = $1, withdrawn_at = $2, withdrawn_by = $3 WHERE id = $4",
			terbuka.DispositionWithdrawn, now, u.Name, d.ID); err != nil {
			return fmt.Errorf("withdraw disposition: %w", err)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "disposition_withdrawn", Status: r.Status, Note: d.ToBodyName}, &u); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditDispositionWithdrawn, terbuka.AuditEntityRequest, r.Number,
			map[string]any{"disposition": d.ID, "to": d.ToBodySlug}))
	})
	if err != nil {
		return terbuka.Disposition{}, err
	}
	return dispositionByID(ctx, s.read, id, "")
}

// OpenDisposition is an unanswered disposition of an open request, for
// the reminder sweep. BodyID is the request's body, whose calendar counts
// the internal deadline.
type OpenDisposition struct {
	ID     int64
	Number string
	BodyID int64
	DueOn  workday.Date
}

// OpenDispositions pages through the open dispositions of open requests
// by ID: up to limit of them with an ID above afterID.
func (s *Store) OpenDispositions(ctx context.Context, afterID int64, limit int) ([]OpenDisposition, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT d.id, r.number, r.body_id, d.due_on FROM request_dispositions d
		JOIN requests r ON r.id = d.request_id
		WHERE d.state = $1 AND r.status IN ($2, $3, $4) AND d.id > $5 ORDER BY d.id LIMIT $6`,
		terbuka.DispositionOpen, terbuka.StatusRegistered, terbuka.StatusInProcess, terbuka.StatusExtended, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("list open dispositions: %w", err)
	}
	defer rows.Close()
	var out []OpenDisposition
	for rows.Next() {
		var d OpenDisposition
		var due string
		if err := rows.Scan(&d.ID, &d.Number, &d.BodyID, &due); err != nil {
			return nil, fmt.Errorf("scan open disposition: %w", err)
		}
		if d.DueOn, err = workday.ParseDate(due); err != nil {
			return nil, fmt.Errorf("disposition %d: %w", d.ID, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DispositionNotice is a notice about a disposition for staff: the jobs
// decide what it says, the store finds the accounts and writes it.
type DispositionNotice struct {
	Kind          string // MailRoutingDisposition, MailRoutingDispositionRemind or MailRoutingDispositionAnswer
	DispositionID int64
	DueOn         workday.Date // the internal deadline it is about; once it moves the notice is stale
	MailRef       string
	// Title and Body are the in-app notification; no personal data of the
	// requester.
	Title, Body string
}

// NotifyDisposition runs notice n as job j, like NotifyStaff: in one
// transaction it completes j and, unless the notice is stale, queues an
// e-mail and writes an in-app notification for each recipient: the
// active staff of the OPD (role ppid_pelaksana) for a new disposition and
// a reminder, the officer who forwarded it for an answer. A new or
// reminder notice is stale once the disposition is no longer open, its
// request no longer open, or (a reminder) its deadline no longer n.DueOn;
// an answer notice when the disposition is not answered. It returns the
// number of recipients and fails with ErrJobLeaseLost, writing nothing,
// when j's claim is no longer current.
func (s *Store) NotifyDisposition(ctx context.Context, j Job, n DispositionNotice) (int, error) {
	sent := 0
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		sent = 0
		now := s.Now()
		d, err := dispositionByID(ctx, tx, n.DispositionID, s.db.forUpdateOf("d"))
		if err != nil && terbuka.ErrorCode(err) != terbuka.ENotFound {
			return err
		}
		var status terbuka.Status
		if err == nil {
			if err := tx.QueryRowContext(ctx, "SELECT status FROM requests WHERE id = $1", d.RequestID).Scan(&status); err != nil {
				return fmt.Errorf("notify disposition: %w", err)
			}
		}
		stale := err != nil
		switch n.Kind {
		case MailRoutingDisposition:
			stale = stale || d.State != terbuka.DispositionOpen || !status.Open()
		case MailRoutingDispositionRemind:
			stale = stale || d.State != terbuka.DispositionOpen || !status.Open() || d.DueOn != n.DueOn
		case MailRoutingDispositionAnswer:
			stale = stale || d.State != terbuka.DispositionAnswered
		default:
			return fmt.Errorf("notify disposition: unknown kind %q", n.Kind)
		}
		if done, err := completeJob(ctx, tx, j, now); err != nil || !done || stale {
			return err
		}
		var rows *sql.Rows
		if n.Kind == MailRoutingDispositionAnswer {
			rows, err = tx.QueryContext(ctx, "SELECT "+userColumns+userFrom+" WHERE u.id = $1 AND u.disabled = $2", d.CreatedByID, false)
		} else {
			rows, err = tx.QueryContext(ctx, "SELECT "+userColumns+userFrom+" WHERE u.body_id = $1 AND u.role = $2 AND u.disabled = $3 ORDER BY u.id",
				d.ToBodyID, terbuka.RolePPIDPelaksana, false)
		}
		if err != nil {
			return fmt.Errorf("list disposition recipients: %w", err)
		}
		var staff []terbuka.User
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("scan staff: %w", err)
			}
			staff = append(staff, u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, u := range staff {
			if err := enqueueMail(ctx, tx, n.Kind, n.MailRef, u.Email, "id", now); err != nil {
				return err
			}
			if err := addNotification(ctx, tx, u.ID, n.Kind, d.RequestNumber, n.Title, n.Body, now); err != nil {
				return err
			}
		}
		sent = len(staff)
		return nil
	})
	return sent, err
}

// CanActOn reports whether u may act on r itself (extend, decide, mark
// incomplete, forward): r lies in u's own request scope and u's role
// handles requests. Staff who see r only because it was forwarded to
// their OPD may not; they answer their disposition.
func (s *Store) CanActOn(ctx context.Context, u terbuka.User, r terbuka.Request) (bool, error) {
	if !u.Role.CanHandleRequests() {
		return false, nil
	}
	err := s.checkVisible(ctx, s.read, u, r)
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		return false, nil
	}
	return err == nil, err
}
