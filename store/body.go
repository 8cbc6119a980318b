package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/terbuka-id/terbuka"
)

const bodyColumns = `b.id, b.slug, b.code, b.name, b.kind, COALESCE(b.parent_id, 0), COALESCE(p.slug, ''), b.ppid_role,
	b.time_zone, b.office_open, b.office_close, b.cuti_bersama_workday, b.address, b.email, b.phone, b.website`

const bodyFrom = ` FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id`

func scanBody(row interface{ Scan(...any) error }) (terbuka.Body, error) {
	var b terbuka.Body
	err := row.Scan(&b.ID, &b.Slug, &b.Code, &b.Name, &b.Kind, &b.ParentID, &b.ParentSlug, &b.PPID,
		&b.Settings.TimeZone, &b.Settings.OfficeOpen, &b.Settings.OfficeClose, &b.Settings.CutiBersamaIsWorkday,
		&b.Address, &b.Email, &b.Phone, &b.Website)
	return b, err
}

// CreateBody stores a new body under the parent named by b.ParentSlug.
func (s *Store) CreateBody(ctx context.Context, b terbuka.Body) (terbuka.Body, error) {
	if b.Settings == (terbuka.BodySettings{}) {
		b.Settings = terbuka.DefaultSettings()
	}
	if b.PPID == "" {
		b.PPID = terbuka.PPIDNone
	}
	if err := b.Validate(); err != nil {
		return b, err
	}
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		var parent any
		if b.ParentSlug != "" {
			p, err := bodyBySlug(ctx, tx, b.ParentSlug)
			if err != nil {
				return terbuka.Problems{"parent": terbuka.M("invalid.unknown_body", b.ParentSlug)}.Err()
			}
			parent = p.ID
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM bodies WHERE slug = $1 OR code = $2", b.Slug, b.Code).Scan(&n); err != nil {
			return fmt.Errorf("check body: %w", err)
		}
		if n > 0 {
			return terbuka.Errorf(terbuka.EConflict, "conflict.duplicate_body")
		}
		st := b.Settings
		err := tx.QueryRowContext(ctx, `INSERT INTO bodies (slug, code, name, kind, parent_id, ppid_role, time_zone, office_open,
			office_close, cuti_bersama_workday, address, email, phone, website, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
			b.Slug, b.Code, b.Name, b.Kind, parent, b.PPID, st.TimeZone, st.OfficeOpen, st.OfficeClose,
			st.CutiBersamaIsWorkday, b.Address, b.Email, b.Phone, b.Website, s.Now()).Scan(&b.ID)
		if err != nil {
			return fmt.Errorf("insert body: %w", err)
		}
		if err := bumpCalendarRevision(ctx, tx); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(nil, terbuka.AuditBodyCreated, terbuka.AuditEntityBody, b.Slug, bodyData(b)))
	})
	return b, err
}

// Bodies lists every body, parents before children, by name.
func (s *Store) Bodies(ctx context.Context) ([]terbuka.Body, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+bodyColumns+bodyFrom+" ORDER BY COALESCE(b.parent_id, 0), b.name")
	if err != nil {
		return nil, fmt.Errorf("list bodies: %w", err)
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

// BodyBySlug returns one body or a not-found error.
func (s *Store) BodyBySlug(ctx context.Context, slug string) (terbuka.Body, error) {
	return bodyBySlug(ctx, s.read, slug)
}

// BodyByID returns one body or a not-found error.
func (s *Store) BodyByID(ctx context.Context, id int64) (terbuka.Body, error) {
	return scanOneBody(s.read.QueryRowContext(ctx, "SELECT "+bodyColumns+bodyFrom+" WHERE b.id = $1", id))
}

func bodyBySlug(ctx context.Context, q queryer, slug string) (terbuka.Body, error) {
	return scanOneBody(q.QueryRowContext(ctx, "SELECT "+bodyColumns+bodyFrom+" WHERE b.slug = $1", slug))
}

func scanOneBody(row *sql.Row) (terbuka.Body, error) {
	b, err := scanBody(row)
	if errors.Is(err, sql.ErrNoRows) {
		return b, terbuka.ErrNotFound("body")
	}
	if err != nil {
		return b, fmt.Errorf("get body: %w", err)
	}
	return b, nil
}

// UpdateBodySettings changes a body's zone, office hours and cuti bersama
// rule, then recomputes its open deadlines (never shortening them).
func (s *Store) UpdateBodySettings(ctx context.Context, u terbuka.User, slug string, st terbuka.BodySettings) error {
	if u.Role != terbuka.RoleAdmin {
		return terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	if err := st.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		b, err := s.adminBody(ctx, tx, u, slug)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE bodies SET time_zone = $1, office_open = $2, office_close = $3,
			cuti_bersama_workday = $4 WHERE id = $5`, st.TimeZone, st.OfficeOpen, st.OfficeClose, st.CutiBersamaIsWorkday, b.ID); err != nil {
			return fmt.Errorf("update body settings: %w", err)
		}
		if err := bumpCalendarRevision(ctx, tx); err != nil {
			return err
		}
		moved, err := s.recomputeOpenDeadlines(ctx, tx, b.ID, u, "calendar_settings")
		if err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, append([]terbuka.AuditEntry{auditBy(&u, terbuka.AuditBodySettingsUpdated, terbuka.AuditEntityBody,
			b.Slug, map[string]any{"before": settingsData(b.Settings), "after": settingsData(st)})}, moved...)...)
	})
}

// subtreeSQL selects the IDs of body $1 and all its descendants.
const subtreeSQL = `WITH RECURSIVE sub(id) AS (SELECT CAST($1 AS BIGINT) UNION ALL SELECT c.id FROM bodies c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub`

// ancestorsSQL selects the IDs of body $1 and all its ancestors.
const ancestorsSQL = `WITH RECURSIVE up(id) AS (SELECT CAST($1 AS BIGINT) UNION ALL SELECT b.parent_id FROM bodies b JOIN up ON b.id = up.id WHERE b.parent_id IS NOT NULL) SELECT id FROM up`

// inSubtree reports whether body id lies in root's subtree.
func inSubtree(ctx context.Context, q queryer, root, id int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM ("+subtreeSQL+") t WHERE t.id = $2", root, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check body scope: %w", err)
	}
	return n > 0, nil
}

// requestScope is the root of the subtree whose requests u may see.
func requestScope(ctx context.Context, q queryer, u terbuka.User) (int64, bool, error) {
	own, err := scanOneBody(q.QueryRowContext(ctx, "SELECT "+bodyColumns+bodyFrom+" WHERE b.id = $1", u.BodyID))
	if err != nil {
		return 0, false, err
	}
	var parent *terbuka.Body
	if own.ParentID != 0 {
		p, err := scanOneBody(q.QueryRowContext(ctx, "SELECT "+bodyColumns+bodyFrom+" WHERE b.id = $1", own.ParentID))
		if err != nil {
			return 0, false, err
		}
		parent = &p
	}
	root, ok := terbuka.RequestScope(u, own, parent)
	return root, ok, nil
}

// adminBody returns the body slug names if admin u's scope covers it;
// otherwise not found, so an admin cannot probe other governments.
func (s *Store) adminBody(ctx context.Context, q queryer, u terbuka.User, slug string) (terbuka.Body, error) {
	b, err := bodyBySlug(ctx, q, slug)
	if err != nil {
		return b, err
	}
	root, ok, err := requestScope(ctx, q, u)
	if err != nil {
		return b, err
	}
	if ok {
		if in, err := inSubtree(ctx, q, root, b.ID); err != nil {
			return b, err
		} else if in {
			return b, nil
		}
	}
	return b, terbuka.ErrNotFound("body")
}
