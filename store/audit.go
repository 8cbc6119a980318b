package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// The audit log is one hash chain over every change (terbuka.AuditEntry).
// Entries are appended by appendAudit inside the transaction of the change
// they record, so an entry exists if and only if its change committed.

// auditBy starts an entry acted by staff account u, or by the system when
// u is nil or empty (the terbuka command, seeding).
func auditBy(u *terbuka.User, action, entity, ref string, data map[string]any) terbuka.AuditEntry {
	e := terbuka.AuditEntry{Actor: terbuka.ActorSystem, Action: action, Entity: entity, EntityRef: ref,
		Data: terbuka.AuditData(data)}
	if u != nil && (u.ID != 0 || u.Name != "") {
		e.ActorID, e.Actor = u.ID, u.Name
	}
	return e
}

// appendAudit appends entries, in order, to the audit log within tx: it
// locks the head row, links each entry to the one before, hashes it and
// moves the head. Every writer queues on the head row (on PostgreSQL with
// FOR UPDATE; SQLite's write transaction already excludes other writers),
// so instances sharing one database never fork the chain, and a rolled-back
// transaction or savepoint takes its entries and the head move with it.
//
// Call it after the transaction's other updates: holding the head while
// waiting for another row lock could deadlock with a transaction that holds
// that row and waits for the head. Seq, At, PrevHash and Hash are set here;
// At is the store clock.
func (s *Store) appendAudit(ctx context.Context, tx *sql.Tx, entries ...terbuka.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	var head terbuka.AuditHead
	if err := tx.QueryRowContext(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1"+s.db.forUpdate()).Scan(&head.Seq, &head.Hash); err != nil {
		return fmt.Errorf("lock audit head: %w", err)
	}
	// PostgreSQL keeps microseconds; the hash must survive the round trip.
	at := s.Now().Truncate(time.Microsecond)
	for _, e := range entries {
		e.Seq, e.At, e.PrevHash = head.Seq+1, at, head.Hash
		if e.Data == "" {
			e.Data = "{}"
		}
		e.Hash = e.ComputeHash()
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_ref, data,
			prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, e.Seq, e.At, e.ActorID, e.Actor, e.Action,
			e.Entity, e.EntityRef, e.Data, e.PrevHash, e.Hash); err != nil {
			return fmt.Errorf("append audit entry: %w", err)
		}
		head = terbuka.AuditHead{Seq: e.Seq, Hash: e.Hash}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", head.Seq, head.Hash); err != nil {
		return fmt.Errorf("move audit head: %w", err)
	}
	return nil
}

const auditColumns = `seq, at, actor_id, actor, action, entity, entity_ref, data, prev_hash, hash`

func scanAudit(rows *sql.Rows) ([]terbuka.AuditEntry, error) {
	defer rows.Close()
	var out []terbuka.AuditEntry
	for rows.Next() {
		var e terbuka.AuditEntry
		if err := rows.Scan(&e.Seq, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityRef, &e.Data,
			&e.PrevHash, &e.Hash); err != nil {
			return nil, fmt.Errorf("scan audit entry: %w", err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

func auditEntries(ctx context.Context, q queryer, afterSeq int64, limit int) ([]terbuka.AuditEntry, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+auditColumns+" FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2", afterSeq, limit)
	if err != nil {
		return nil, fmt.Errorf("list audit entries: %w", err)
	}
	return scanAudit(rows)
}

// AuditEntries returns up to limit entries after seq afterSeq, in order:
// the whole log page by page, for exports and the terbuka command. It
// checks no permissions; staff read through AuditFor.
func (s *Store) AuditEntries(ctx context.Context, afterSeq int64, limit int) ([]terbuka.AuditEntry, error) {
	if limit <= 0 || limit > auditPage {
		limit = auditPage
	}
	return auditEntries(ctx, s.read, afterSeq, limit)
}

// auditPage is how many entries VerifyAudit holds in memory at once.
const auditPage = 1000

// VerifyAudit checks the whole audit log as one consistent snapshot,
// reading it page by page in seq order: consecutive seqs from 1, each
// entry linked to the one before, each hash right, and the last entry
// equal to the recorded head (so a deleted tail is found too). It returns
// how many entries it verified; when the chain is broken, brokenSeq is the
// first broken entry, n = brokenSeq-1 the intact ones before it, and err a
// *terbuka.AuditBreak saying why. Any other error is a database failure,
// with brokenSeq 0.
func (s *Store) VerifyAudit(ctx context.Context) (n, brokenSeq int64, err error) {
	// REPEATABLE READ gives PostgreSQL one snapshot for all pages; SQLite
	// ignores the level, its read transaction is a snapshot already.
	tx, err := s.db.r.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return 0, 0, fmt.Errorf("verify audit: begin: %w", err)
	}
	defer tx.Rollback()
	var recorded terbuka.AuditHead
	err = tx.QueryRowContext(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1").Scan(&recorded.Seq, &recorded.Hash)
	headless := errors.Is(err, sql.ErrNoRows) // deleted: checked after the entries
	if err != nil && !headless {
		return 0, 0, fmt.Errorf("verify audit: read head: %w", err)
	}
	head := terbuka.EmptyAuditHead
	for {
		page, err := auditEntries(ctx, tx, head.Seq, auditPage)
		if err != nil {
			return n, 0, err
		}
		if broken, err := terbuka.VerifyChain(page, head); err != nil {
			return broken - 1, broken, err
		}
		if len(page) == 0 {
			break
		}
		n += int64(len(page))
		head = terbuka.AuditHead{Seq: page[len(page)-1].Seq, Hash: page[len(page)-1].Hash}
		if len(page) < auditPage {
			break
		}
	}
	if headless {
		return n, n + 1, &terbuka.AuditBreak{Seq: n + 1, Reason: "the recorded head is missing, so a deleted tail cannot be ruled out"}
	}
	if broken, err := terbuka.CheckAuditHead(recorded, head); err != nil {
		return broken - 1, broken, err
	}
	return n, 0, nil
}

// AuditFor returns the audit history of one record, oldest first, to
// staff who may see the record: a request (entity "request", ref its
// number) to staff whose scope holds it, a body (entity "body", ref its
// slug) to an admin whose scope holds it, an objection (entity
// "objection", ref its number) or a dispute (entity "dispute", ref its ID)
// to staff who may see its request. Anything else, and a record u may not
// see, is ENotFound.
func (s *Store) AuditFor(ctx context.Context, u terbuka.User, entity, ref string) ([]terbuka.AuditEntry, error) {
	switch entity {
	case terbuka.AuditEntityRequest:
		r, _, err := s.requestByNumber(ctx, s.read, ref, false)
		if err != nil {
			return nil, err
		}
		if err := s.checkVisible(ctx, s.read, u, r); err != nil {
			return nil, err
		}
	case terbuka.AuditEntityBody:
		if u.Role != terbuka.RoleAdmin {
			return nil, terbuka.ErrNotFound("body")
		}
		if _, err := s.adminBody(ctx, s.read, u, ref); err != nil {
			return nil, err
		}
	case terbuka.AuditEntityObjection, terbuka.AuditEntityDispute:
		if err := s.objectionAuditVisible(ctx, u, entity, ref); err != nil { // objection.go
			return nil, err
		}
	default:
		return nil, terbuka.ErrNotFound("page")
	}
	rows, err := s.read.QueryContext(ctx, "SELECT "+auditColumns+" FROM audit_log WHERE entity = $1 AND entity_ref = $2 ORDER BY seq",
		entity, ref)
	if err != nil {
		return nil, fmt.Errorf("list audit history: %w", err)
	}
	return scanAudit(rows)
}

// requestCreatedAudit records an intake without the requester's personal
// data: who filed is ActorPublic, or the officer who registered it.
func requestCreatedAudit(r terbuka.Request, staff *terbuka.User) terbuka.AuditEntry {
	e := auditBy(staff, terbuka.AuditRequestCreated, terbuka.AuditEntityRequest, r.Number, map[string]any{
		"body": r.BodySlug, "channel": r.Channel, "status": r.Status, "requester_kind": r.Requester.Kind,
		"representative": r.Representative != nil, "submitted_at": r.SubmittedAt.UTC().Format(time.RFC3339Nano),
		"received_on": r.ReceivedOn.String(), "due_on": r.DueOn.String(), "calendar_version": r.CalendarVersion})
	if staff == nil {
		e.Actor = terbuka.ActorPublic
	}
	return e
}

// decidedAudit records a decision; the note and the consequence test,
// free text that may mention people, enter only as digests.
func decidedAudit(u terbuka.User, r terbuka.Request, in terbuka.DecisionInput, status terbuka.Status) terbuka.AuditEntry {
	data := map[string]any{"decision": in.Decision, "status": status, "status_before": r.Status}
	if in.Note != "" {
		data["note_sha256"] = terbuka.TextDigest(in.Note)
	}
	if ex := in.Exemption; ex != nil {
		data["exemption_basis"] = ex.Basis
		data["consequence_test_sha256"] = terbuka.TextDigest(ex.ConsequenceTest)
	}
	if in.TransferredTo != "" {
		data["transferred_to"] = in.TransferredTo
	}
	return auditBy(&u, terbuka.AuditRequestDecided, terbuka.AuditEntityRequest, r.Number, data)
}

// amendmentData lists the days an amendment adds and removes.
func amendmentData(a workday.Amendment, moved int) map[string]any {
	add := make([]string, len(a.Add))
	for i, h := range a.Add {
		add[i] = h.Date.String() + " " + string(h.Kind)
	}
	remove := make([]string, len(a.Remove))
	for i, d := range a.Remove {
		remove[i] = d.String()
	}
	return map[string]any{"source": a.Source, "effective": a.Effective.String(), "add": add, "remove": remove,
		"deadlines_moved": moved}
}

func settingsData(st terbuka.BodySettings) map[string]any {
	return map[string]any{"time_zone": st.TimeZone, "office_open": st.OfficeOpen, "office_close": st.OfficeClose,
		"cuti_bersama_workday": st.CutiBersamaIsWorkday}
}

// bodyData is a new body's identity, place in the tree and calendar.
func bodyData(b terbuka.Body) map[string]any {
	return map[string]any{"code": b.Code, "name": b.Name, "kind": b.Kind, "parent": b.ParentSlug, "ppid": b.PPID,
		"settings": settingsData(b.Settings)}
}

// loginFailedAudit records a wrong password (or a disabled account) for a
// known account; the password is never recorded. Attempts on unknown
// e-mails change nothing and are not recorded: the address may be anyone's
// and an unauthenticated caller could otherwise flood the chain.
func loginFailedAudit(u terbuka.User, locked bool) terbuka.AuditEntry {
	reason := "wrong_password"
	if u.Disabled {
		reason = "disabled"
	}
	e := auditBy(nil, terbuka.AuditUserLoginFailed, terbuka.AuditEntityUser, u.Email,
		map[string]any{"reason": reason, "locked": locked})
	e.ActorID, e.Actor = u.ID, u.Name
	return e
}
