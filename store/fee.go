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

// FeeTable returns the fee table of body slug; anyone may read it (fees
// belong in the maklumat pelayanan). A body that has none gets an empty
// table: everything is free. An unknown body is not found.
func (s *Store) FeeTable(ctx context.Context, slug string) (terbuka.FeeTable, error) {
	b, err := s.BodyBySlug(ctx, slug)
	if err != nil {
		return terbuka.FeeTable{}, err
	}
	return feeTable(ctx, s.read, b.ID)
}

func feeTable(ctx context.Context, q queryer, bodyID int64) (terbuka.FeeTable, error) {
	t := terbuka.FeeTable{BodyID: bodyID, Items: []terbuka.FeeItem{}}
	var updated sql.NullTime
	err := q.QueryRowContext(ctx, "SELECT payment_instructions, updated_at FROM fee_tables WHERE body_id = $1", bodyID).
		Scan(&t.PaymentInstructions, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil
	}
	if err != nil {
		return t, fmt.Errorf("get fee table: %w", err)
	}
	t.UpdatedAt = updated.Time.UTC()
	rows, err := q.QueryContext(ctx, "SELECT code, name, unit, price FROM fee_items WHERE body_id = $1 ORDER BY position", bodyID)
	if err != nil {
		return t, fmt.Errorf("list fee items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it terbuka.FeeItem
		if err := rows.Scan(&it.Code, &it.Name, &it.Unit, &it.Price); err != nil {
			return t, fmt.Errorf("scan fee item: %w", err)
		}
		t.Items = append(t.Items, it)
	}
	return t, rows.Err()
}

// UpdateFeeTable replaces the fee table of body slug, for an admin whose
// scope covers the body (EForbidden for other roles, ENotFound outside
// the scope). Quotes already made keep their own copy of the prices.
func (s *Store) UpdateFeeTable(ctx context.Context, u terbuka.User, slug string, in terbuka.FeeTableInput) (terbuka.FeeTable, error) {
	if u.Role != terbuka.RoleAdmin {
		return terbuka.FeeTable{}, terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	t, err := in.Table()
	if err != nil {
		return terbuka.FeeTable{}, err
	}
	now := s.Now()
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		b, err := s.adminBody(ctx, tx, u, slug)
		if err != nil {
			return err
		}
		before, err := feeTable(ctx, tx, b.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO fee_tables (body_id, payment_instructions, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (body_id) DO UPDATE SET payment_instructions = excluded.payment_instructions, updated_at = excluded.updated_at`,
			b.ID, t.PaymentInstructions, now); err != nil {
			return fmt.Errorf("save fee table: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM fee_items WHERE body_id = $1", b.ID); err != nil {
			return fmt.Errorf("clear fee items: %w", err)
		}
		for i, it := range t.Items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO fee_items (body_id, position, code, name, unit, price)
				VALUES ($1, $2, $3, $4, $5, $6)`, b.ID, i, it.Code, it.Name, it.Unit, it.Price); err != nil {
				return fmt.Errorf("insert fee item: %w", err)
			}
		}
		t.BodyID, t.UpdatedAt = b.ID, now
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditFeeTableUpdated, terbuka.AuditEntityBody, b.Slug,
			map[string]any{"before": feeData(before), "after": feeData(t)}))
	})
	if err != nil {
		return terbuka.FeeTable{}, err
	}
	return t, nil
}

// feeData is a table for the audit log: codes, units and prices, with the
// names and instructions (text staff typed) as a digest.
func feeData(t terbuka.FeeTable) map[string]any {
	items := make([]string, len(t.Items))
	names := make([]string, len(t.Items))
	for i, it := range t.Items {
		items[i] = fmt.Sprintf("%s %d/%s", it.Code, it.Price, it.Unit)
		names[i] = it.Name
	}
	return map[string]any{"items": items, "names_sha256": terbuka.TextDigest(strings.Join(names, "\n")),
		"payment_instructions_sha256": terbuka.TextDigest(t.PaymentInstructions)}
}

func insertQuote(ctx context.Context, tx *sql.Tx, requestID int64, q *terbuka.FeeQuote, now time.Time) error {
	if _, err := tx.ExecContext(ctx, "INSERT INTO fee_quotes (request_id, total, created_at) VALUES ($1, $2, $3)",
		requestID, q.Total, now); err != nil {
		return fmt.Errorf("insert fee quote: %w", err)
	}
	for i, l := range q.Lines {
		if _, err := tx.ExecContext(ctx, `INSERT INTO fee_quote_lines (request_id, line, item, name, unit, quantity,
			unit_price, subtotal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, requestID, i, l.Item, l.Name, l.Unit, l.Quantity,
			l.UnitPrice, l.Subtotal); err != nil {
			return fmt.Errorf("insert fee quote line: %w", err)
		}
	}
	return nil
}

// feeQuote reads the quote of request id, nil when none was made. lock is
// appended to the query: "" or DB.forUpdate() to hold the row until the
// transaction ends.
func feeQuote(ctx context.Context, q queryer, requestID int64, lock string) (*terbuka.FeeQuote, error) {
	query := `SELECT total, paid_at, payment_method, payment_reference, received_by, COALESCE(received_by_id, 0),
		payment_recorded_at FROM fee_quotes WHERE request_id = $1` + lock
	var fq terbuka.FeeQuote
	var paidAt, recordedAt sql.NullTime
	var p terbuka.Payment
	err := q.QueryRowContext(ctx, query, requestID).Scan(&fq.Total, &paidAt, &p.Method, &p.Reference, &p.ReceivedBy,
		&p.ReceivedByID, &recordedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil // nothing quoted: nothing to pay
	}
	if err != nil {
		return nil, fmt.Errorf("get fee quote: %w", err)
	}
	if paidAt.Valid {
		p.PaidAt, p.RecordedAt = paidAt.Time.UTC(), recordedAt.Time.UTC()
		fq.Payment = &p
	}
	rows, err := q.QueryContext(ctx, `SELECT item, name, unit, quantity, unit_price, subtotal FROM fee_quote_lines
		WHERE request_id = $1 ORDER BY line`, requestID)
	if err != nil {
		return nil, fmt.Errorf("list fee quote lines: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l terbuka.FeeLine
		if err := rows.Scan(&l.Item, &l.Name, &l.Unit, &l.Quantity, &l.UnitPrice, &l.Subtotal); err != nil {
			return nil, fmt.Errorf("scan fee quote line: %w", err)
		}
		fq.Lines = append(fq.Lines, l)
	}
	return &fq, rows.Err()
}

// RecordPayment records that the fee quoted for request number was paid,
// received by u (staff who may act on the request). It is recorded once:
// a request without a fee to pay, or one already paid, is EConflict. The
// payment is a public event of the request and is audited.
func (s *Store) RecordPayment(ctx context.Context, u terbuka.User, number string, in terbuka.PaymentInput) (*terbuka.FeeQuote, error) {
	now := s.Now()
	pay, err := in.Payment(now)
	if err != nil {
		return nil, err
	}
	pay.ReceivedBy, pay.ReceivedByID, pay.RecordedAt = u.Name, u.ID, now
	var q *terbuka.FeeQuote
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.actionable(ctx, tx, u, number)
		if err != nil {
			return err
		}
		if q, err = feeQuote(ctx, tx, r.ID, s.db.forUpdate()); err != nil {
			return err
		}
		if err := q.CheckPay(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE fee_quotes SET paid_at = $1, payment_method = $2, payment_reference = $3,
			received_by = $4, received_by_id = $5, payment_recorded_at = $6 WHERE request_id = $7`, pay.PaidAt, pay.Method,
			pay.Reference, pay.ReceivedBy, pay.ReceivedByID, now, r.ID); err != nil {
			return fmt.Errorf("record payment: %w", err)
		}
		q.Payment = &pay
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "fee_paid", Status: r.Status,
			Note: terbuka.FormatRupiah(q.Total), Public: true}, &u); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditFeePaid, terbuka.AuditEntityRequest, r.Number, map[string]any{
			"total": q.Total, "method": pay.Method, "paid_at": pay.PaidAt.Format(time.RFC3339),
			"reference_sha256": terbuka.TextDigest(pay.Reference)}))
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}
