package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
)

// A transfer (dialihkan, decision "transferred") names the body that holds
// the information. When transferred_to is the slug of a body of this
// deployment ("if it also runs Terbuka"), the decision creates a linked
// request there in the same transaction; otherwise it stays a plain
// transfer that names the body.

// transferInDeployment is called by DecideRequest inside its transaction,
// after the decision is written and before the audit entries are appended
// (the audit head must be the last lock). For a transfer to a body of this
// deployment other than r's own it registers a request there: the next
// gap-free number of that body and year, the same requester and intake,
// received_on the effective receipt date of this moment at that body, a
// new tracking code; both requests get a public event naming the other,
// the link is stored, and the requester is e-mailed the new number and
// code (only an e-mail can carry the code; it is never shown on a public
// page). It returns the audit entries of what it did, for the caller to
// append after its own. Transferring to the request's own body is 422.
func (s *Store) transferInDeployment(ctx context.Context, tx *sql.Tx, u terbuka.User, r terbuka.Request, in terbuka.DecisionInput,
	now time.Time) ([]terbuka.AuditEntry, error) {
	if in.Decision != terbuka.Transferred {
		return nil, nil
	}
	slug := strings.ToLower(strings.TrimSpace(in.TransferredTo))
	if !terbuka.ValidSlug(slug) {
		return nil, nil
	}
	to, err := bodyBySlug(ctx, tx, slug)
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		return nil, nil // a body outside this deployment: a plain transfer
	}
	if err != nil {
		return nil, err
	}
	if to.ID == r.BodyID {
		return nil, terbuka.Problems{"transferred_to": terbuka.M("invalid.transfer_same_body")}.Err()
	}
	cal, err := s.calendar(ctx, tx, to.ID)
	if err != nil {
		return nil, err
	}
	dl := cal.RequestDeadline(now, terbuka.RequestDays, terbuka.ExtensionDays)
	year := now.In(cal.Location()).Year()
	seq, err := nextNumber(ctx, tx, "request", to.ID, year)
	if err != nil {
		return nil, err
	}
	token := newSecret()
	n := terbuka.Request{
		Number: fmt.Sprintf("%s-%d-%06d", to.Code, year, seq), BodyID: to.ID, BodySlug: to.Slug, BodyName: to.Name,
		Status: terbuka.StatusRegistered, Channel: terbuka.ChannelTransfer, Requester: r.Requester, Representative: r.Representative,
		Information: r.Information, Purpose: r.Purpose, Obtain: r.Obtain, Delivery: r.Delivery, Lang: r.Lang,
		SubmittedAt: now, ReceivedOn: dl.ReceivedOn, DueOn: dl.DueOn, OriginalDueOn: dl.DueOn, CalendarVersion: dl.Version,
		CreatedAt: now, UpdatedAt: now,
	}
	rep := terbuka.Representative{}
	if n.Representative != nil {
		rep = *n.Representative
	}
	q := n.Requester
	if err := tx.QueryRowContext(ctx, `INSERT INTO requests (body_id, number, year, seq, tracking_hash, status, channel,
		requester_kind, requester_name, requester_id_number, requester_address, requester_email, requester_phone,
		requester_occupation, rep_name, rep_id_number, rep_mandate, information, purpose, obtain, delivery, lang,
		submitted_at, received_on, due_on, original_due_on, calendar_version, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
		$23, $24, $25, $26, $27, $28, $29, $30) RETURNING id`,
		to.ID, n.Number, year, seq, hashSecret(token), n.Status, n.Channel,
		q.Kind, q.Name, q.IDNumber, q.Address, q.Email, q.Phone, q.Occupation, rep.Name, rep.IDNumber, rep.Mandate,
		n.Information, n.Purpose, n.Obtain, n.Delivery, n.Lang, n.SubmittedAt, n.ReceivedOn.String(), n.DueOn.String(),
		n.OriginalDueOn.String(), n.CalendarVersion, u.ID, now, now).Scan(&n.ID); err != nil {
		return nil, fmt.Errorf("insert transferred request: %w", err)
	}
	for _, e := range []struct {
		id int64
		ev terbuka.Event
	}{
		{n.ID, terbuka.Event{At: now, Kind: "registered", Status: n.Status, Note: "channel:" + string(n.Channel), Public: true}},
		{n.ID, terbuka.Event{At: now, Kind: "transferred_in", Status: n.Status, Note: r.Number + " (" + r.BodyName + ")", Public: true}},
		{r.ID, terbuka.Event{At: now, Kind: "transferred_link", Status: terbuka.StatusTransferred, Note: n.Number + " (" + to.Name + ")", Public: true}},
	} {
		if err := addEvent(ctx, tx, e.id, e.ev, &u); err != nil {
			return nil, err
		}
	}
	mailed := q.Email != ""
	var pending any
	if mailed {
		pending = token
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO request_transfers (from_request_id, to_request_id, created_at, mailed, pending_token)
		VALUES ($1, $2, $3, $4, $5)`, r.ID, n.ID, now, mailed, pending); err != nil {
		return nil, fmt.Errorf("link transferred request: %w", err)
	}
	if mailed {
		if err := enqueueMail(ctx, tx, MailRoutingTransferred, n.Number, q.Email, n.Lang, now); err != nil {
			return nil, err
		}
	}
	return []terbuka.AuditEntry{
		requestCreatedAudit(n, &u),
		auditBy(&u, terbuka.AuditRequestTransferLinked, terbuka.AuditEntityRequest, r.Number, map[string]any{
			"to_body": to.Slug, "to_number": n.Number, "code_mailed": mailed}),
	}, nil
}

// TransferLinks returns the transfer links of r: from is the request r
// was created for by a transfer (nil when r was filed directly), to is the
// request r was transferred to in this deployment (nil for none). r must
// come from an authorised read; the links hold numbers and body names
// only, never a tracking code.
func (s *Store) TransferLinks(ctx context.Context, r terbuka.Request) (from, to *terbuka.TransferLink, err error) {
	rows, err := s.read.QueryContext(ctx, `SELECT x.from_request_id, f.number, fb.name, t.number, tb.slug, tb.name, x.created_at, x.mailed
		FROM request_transfers x JOIN requests f ON f.id = x.from_request_id JOIN bodies fb ON fb.id = f.body_id
		JOIN requests t ON t.id = x.to_request_id JOIN bodies tb ON tb.id = t.body_id
		WHERE x.from_request_id = $1 OR x.to_request_id = $1`, r.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("list transfer links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l terbuka.TransferLink
		var fromID int64
		if err := rows.Scan(&fromID, &l.FromNumber, &l.FromBodyName, &l.ToNumber, &l.ToBodySlug, &l.ToBodyName, &l.CreatedAt, &l.Mailed); err != nil {
			return nil, nil, fmt.Errorf("scan transfer link: %w", err)
		}
		if fromID == r.ID {
			to = &l
		} else {
			from = &l
		}
	}
	return from, to, rows.Err()
}

// PendingTransferToken returns the tracking code of request number, which
// a transfer created, while its e-mail has not gone out yet: for the mail
// renderer only. Once the code has been cleared it is ENotFound.
func (s *Store) PendingTransferToken(ctx context.Context, number string) (string, error) {
	var token sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT x.pending_token FROM request_transfers x JOIN requests t ON t.id = x.to_request_id
		WHERE t.number = $1`, number).Scan(&token)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !token.Valid) {
		return "", terbuka.ErrNotFound("request")
	}
	if err != nil {
		return "", fmt.Errorf("get pending transfer code: %w", err)
	}
	return token.String, nil
}

// ClearTransferTokens forgets the tracking codes whose e-mail has been
// sent or given up, and any older than before, and returns how many it
// cleared: a code stays in the database no longer than its delivery needs.
func (s *Store) ClearTransferTokens(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE request_transfers SET pending_token = NULL WHERE pending_token IS NOT NULL AND (created_at < $1
			OR to_request_id IN (SELECT t.id FROM requests t JOIN mail_outbox m ON m.ref = t.number AND m.kind = $2
				WHERE m.sent_at IS NOT NULL OR m.failed_at IS NOT NULL))`, before.UTC(), MailRoutingTransferred)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("clear transfer codes: %w", err)
	}
	return int(n), nil
}
