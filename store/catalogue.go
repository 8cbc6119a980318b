package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/search"
	"github.com/terbuka-id/terbuka/workday"
)

// CreateCatalogueEntry adds an entry to the catalogue of body slug, with
// the audit entry catalogue.created, in one transaction. u must be PPID
// staff or an admin (EForbidden for every other role) whose scope covers
// the body (ENotFound otherwise, so bodies cannot be probed). Bad input is
// EInvalid naming each field; an exemption is recorded as decided by u now.
func (s *Store) CreateCatalogueEntry(ctx context.Context, u terbuka.User, slug string, in terbuka.NewCatalogueEntry) (terbuka.CatalogueEntry, error) {
	if !u.Role.CanManageCatalogue() {
		return terbuka.CatalogueEntry{}, terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	var id int64
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		body, err := s.adminBody(ctx, tx, u, slug)
		if err != nil {
			return err
		}
		e, err := in.Entry(s.Today(body))
		if err != nil {
			return err
		}
		unit, err := catalogueUnit(ctx, tx, body, e.UnitSlug)
		if err != nil {
			return err
		}
		e.BodyID, e.UnitID = body.ID, unit.ID
		if id, err = s.insertCatalogueEntry(ctx, tx, u, e); err != nil {
			return err
		}
		e.ID, e.BodySlug, e.UnitSlug = id, body.Slug, unit.Slug
		return s.appendAudit(ctx, tx, catalogueCreatedAudit(u, e))
	})
	if err != nil {
		return terbuka.CatalogueEntry{}, err
	}
	return s.CatalogueEntry(ctx, id)
}

// insertCatalogueEntry writes validated entry e (BodyID and UnitID set)
// authored by u and returns its ID, with its search text. Callers append
// the audit entry; every path that adds entries (API, portal, import, demo)
// goes through here so the search index never misses one.
func (s *Store) insertCatalogueEntry(ctx context.Context, tx *sql.Tx, u terbuka.User, e terbuka.CatalogueEntry) (int64, error) {
	now := s.Now()
	var ex terbuka.CatalogueExemption
	var decidedByID, decidedAt any
	if e.Exemption != nil {
		ex = *e.Exemption
		ex.DecidedBy, decidedByID, decidedAt = u.Name, u.ID, now
	}
	formats := make([]string, len(e.Formats))
	for i, f := range e.Formats {
		formats[i] = string(f)
	}
	if e.UnitName == "" {
		if err := tx.QueryRowContext(ctx, "SELECT name FROM bodies WHERE id = $1", e.UnitID).Scan(&e.UnitName); err != nil {
			return 0, fmt.Errorf("insert catalogue entry: unit %d: %w", e.UnitID, err)
		}
	}
	// A new entry has no documents yet: its search text is known here,
	// so the index is written once (reindexCatalogue would write it twice).
	searchTitle, searchText := catalogueSearchText(e, nil)
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO catalogue_entries (body_id, unit_id, title, summary, classification, year,
		responsible, created_place, formats, retention, valid_from, valid_until, update_months, published_on, next_due,
		exemption_letter, exemption_basis, consequence_test, exempt_until, exemption_decided_by, exemption_decided_by_id,
		exemption_decided_at, created_by, created_at, updated_at, search_title, search_text, search_version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
		$24, $25, $26, $27, $28) RETURNING id`,
		e.BodyID, e.UnitID, e.Title, e.Summary, e.Classification, e.Year, e.Responsible, e.CreatedPlace,
		strings.Join(formats, ","), e.Retention, e.ValidFrom.String(), nullDate(e.ValidUntil), e.UpdateMonths,
		e.PublishedOn.String(), nullDate(e.NextDue), ex.Letter, ex.Basis, ex.ConsequenceTest, nullDate(ex.Until),
		ex.DecidedBy, decidedByID, decidedAt, u.ID, now, now, searchTitle, searchText, search.Version).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert catalogue entry: %w", err)
	}
	return id, nil
}

// catalogueUnit resolves the holding unit: the body itself when slug is
// empty, else a body of the same government (the tree under body's
// top-level ancestor).
func catalogueUnit(ctx context.Context, q queryer, body terbuka.Body, slug string) (terbuka.Body, error) {
	if slug == "" || slug == body.Slug {
		return body, nil
	}
	unit, err := bodyBySlug(ctx, q, slug)
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		return unit, terbuka.Problems{"unit": terbuka.M("invalid.unknown_body", slug)}.Err()
	}
	if err != nil {
		return unit, err
	}
	var root int64
	if err := q.QueryRowContext(ctx, `SELECT a.id FROM (`+ancestorsSQL+`) a JOIN bodies b ON b.id = a.id
		WHERE b.parent_id IS NULL`, body.ID).Scan(&root); err != nil {
		return unit, fmt.Errorf("find government of %s: %w", body.Slug, err)
	}
	if in, err := inSubtree(ctx, q, root, unit.ID); err != nil {
		return unit, err
	} else if !in {
		return unit, terbuka.Problems{"unit": terbuka.M("invalid.unit_outside", slug)}.Err()
	}
	return unit, nil
}

// catalogueCreatedAudit records a new entry; its free text (title,
// summary, legal basis, consequence test) enters only as digests.
func catalogueCreatedAudit(u terbuka.User, e terbuka.CatalogueEntry) terbuka.AuditEntry {
	data := map[string]any{"body": e.BodySlug, "unit": e.UnitSlug, "classification": e.Classification, "year": e.Year,
		"title_sha256": terbuka.TextDigest(e.Title), "summary_sha256": terbuka.TextDigest(e.Summary),
		"valid_from": e.ValidFrom.String(), "valid_until": e.ValidUntil.String(), "next_due": e.NextDue.String()}
	if x := e.Exemption; x != nil {
		data["exemption_letter"] = x.Letter
		data["exemption_basis_sha256"] = terbuka.TextDigest(x.Basis)
		data["consequence_test_sha256"] = terbuka.TextDigest(x.ConsequenceTest)
		data["exempt_until"] = x.Until.String()
	}
	return auditBy(&u, terbuka.AuditCatalogueCreated, terbuka.AuditEntityCatalogue, strconv.FormatInt(e.ID, 10), data)
}

// nullDate stores an optional date: NULL when unset.
func nullDate(d workday.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

const catalogueColumns = `e.id, e.body_id, b.slug, b.name, b.time_zone, e.unit_id, un.slug, un.name, e.title, e.summary,
	e.classification, e.year, e.responsible, e.created_place, e.formats, e.retention, e.valid_from, e.valid_until,
	e.update_months, e.published_on, e.next_due, e.exemption_letter, e.exemption_basis, e.consequence_test,
	e.exempt_until, e.exemption_decided_by, COALESCE(e.exemption_decided_by_id, 0), e.exemption_decided_at,
	COALESCE(e.created_by, 0), e.created_at, e.updated_at`

const catalogueFrom = ` FROM catalogue_entries e JOIN bodies b ON b.id = e.body_id JOIN bodies un ON un.id = e.unit_id`

func scanCatalogueEntry(row interface{ Scan(...any) error }) (terbuka.CatalogueEntry, error) {
	var e terbuka.CatalogueEntry
	var x terbuka.CatalogueExemption
	var formats, validFrom, published string
	var validUntil, nextDue, until sql.NullString
	var decidedAt sql.NullTime
	err := row.Scan(&e.ID, &e.BodyID, &e.BodySlug, &e.BodyName, &e.BodyTZ, &e.UnitID, &e.UnitSlug, &e.UnitName, &e.Title,
		&e.Summary, &e.Classification, &e.Year, &e.Responsible, &e.CreatedPlace, &formats, &e.Retention, &validFrom,
		&validUntil, &e.UpdateMonths, &published, &nextDue, &x.Letter, &x.Basis, &x.ConsequenceTest, &until,
		&x.DecidedBy, &x.DecidedByID, &decidedAt, &e.CreatedBy, &e.CreatedAt, &e.UpdatedAt)
	if err != nil {
		return e, err
	}
	for _, f := range strings.Split(formats, ",") {
		if f != "" {
			e.Formats = append(e.Formats, terbuka.Format(f))
		}
	}
	for _, d := range []struct {
		s   string
		dst *workday.Date
	}{{validFrom, &e.ValidFrom}, {validUntil.String, &e.ValidUntil}, {published, &e.PublishedOn},
		{nextDue.String, &e.NextDue}, {until.String, &x.Until}} {
		if d.s == "" {
			continue
		}
		if *d.dst, err = workday.ParseDate(d.s); err != nil {
			return e, fmt.Errorf("catalogue entry %d: %w", e.ID, err)
		}
	}
	if x.Letter != "" {
		if decidedAt.Valid {
			x.DecidedAt = decidedAt.Time.UTC()
		}
		e.Exemption = &x
	}
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e, nil
}

// CatalogueEntry returns entry id in full, with the content of an exempted
// entry. It checks no permissions: serve the public only its PublicView,
// or use CatalogueEntryFor.
func (s *Store) CatalogueEntry(ctx context.Context, id int64) (terbuka.CatalogueEntry, error) {
	e, err := scanCatalogueEntry(s.read.QueryRowContext(ctx, "SELECT "+catalogueColumns+catalogueFrom+" WHERE e.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, terbuka.ErrNotFound("catalogue")
	}
	if err != nil {
		return e, fmt.Errorf("get catalogue entry: %w", err)
	}
	return e, nil
}

// CatalogueEntryFor returns entry id as viewer may see it: in full to
// staff whose scope covers its body, otherwise (and to the public, viewer
// nil) its PublicView. A missing entry is ENotFound.
func (s *Store) CatalogueEntryFor(ctx context.Context, viewer *terbuka.User, id int64) (terbuka.CatalogueEntry, error) {
	e, err := s.CatalogueEntry(ctx, id)
	if err != nil {
		return e, err
	}
	covers, err := s.catalogueScope(ctx, viewer)
	if err != nil {
		return terbuka.CatalogueEntry{}, err
	}
	if !covers(e.BodyID) {
		return e.PublicView(), nil
	}
	return e, nil
}

// catalogueScope returns whether viewer sees the full entries of a body:
// staff see those of their request scope (the whole government for PPID
// Utama staff, admins and the atasan PPID; the own unit for a PPID
// Pelaksana); the public and other roles see none.
func (s *Store) catalogueScope(ctx context.Context, viewer *terbuka.User) (func(bodyID int64) bool, error) {
	none := func(int64) bool { return false }
	if viewer == nil {
		return none, nil
	}
	root, ok, err := requestScope(ctx, s.read, *viewer)
	if err != nil || !ok {
		return none, err
	}
	rows, err := s.read.QueryContext(ctx, subtreeSQL, root)
	if err != nil {
		return none, fmt.Errorf("catalogue scope: %w", err)
	}
	defer rows.Close()
	ids := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return none, fmt.Errorf("catalogue scope: %w", err)
		}
		ids[id] = true
	}
	return func(id int64) bool { return ids[id] }, rows.Err()
}

// CatalogueFilter narrows a catalogue list. Zero values mean "any".
type CatalogueFilter struct {
	BodySlug       string // entries of this body only (not its units)
	Classification terbuka.Classification
	Year           int
	Offset         int
	Limit          int // 0 means 50; at most 500
	// Viewer is the staff member reading, nil for the public: entries
	// outside the viewer's scope come as their PublicView.
	Viewer *terbuka.User
}

// ListCatalogue returns the entries that match f, newest year first, as
// f.Viewer may see them, and how many match in all. An unknown body is
// ENotFound; an unknown classification EInvalid.
func (s *Store) ListCatalogue(ctx context.Context, f CatalogueFilter) ([]terbuka.CatalogueEntry, int, error) {
	w := &where{}
	if f.Classification != "" {
		if !f.Classification.Valid() {
			return nil, 0, terbuka.Problems{"classification": terbuka.M("invalid.choice")}.Err()
		}
		w.and("e.classification = " + w.arg(f.Classification))
	}
	if f.BodySlug != "" {
		body, err := s.BodyBySlug(ctx, f.BodySlug)
		if err != nil {
			return nil, 0, err
		}
		w.and("e.body_id = " + w.arg(body.ID))
	}
	if f.Year != 0 {
		w.and("e.year = " + w.arg(f.Year))
	}
	cond := w.sql()
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM catalogue_entries e"+cond, w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count catalogue: %w", err)
	}
	query := "SELECT " + catalogueColumns + catalogueFrom + cond + " ORDER BY e.year DESC, e.id DESC" + w.page(f.Limit, f.Offset, 50, 500)
	covers, err := s.catalogueScope(ctx, f.Viewer)
	if err != nil {
		return nil, 0, err
	}
	rows, err := s.read.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list catalogue: %w", err)
	}
	defer rows.Close()
	out := []terbuka.CatalogueEntry{}
	for rows.Next() {
		e, err := scanCatalogueEntry(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan catalogue entry: %w", err)
		}
		if !covers(e.BodyID) {
			e = e.PublicView()
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// CatalogueToday is the current date in the zone of the entry's body, the
// day Stale and Expired are judged on.
func (s *Store) CatalogueToday(e terbuka.CatalogueEntry) workday.Date {
	return workday.DateOf(s.clock.Now().In(terbuka.BodySettings{TimeZone: e.BodyTZ}.Location()))
}

// publicEntries scans and closes rows of catalogueColumns as the public
// sees them (PublicView): for every public surface that lists entries.
func publicEntries(rows *sql.Rows) ([]terbuka.CatalogueEntry, error) {
	defer rows.Close()
	var out []terbuka.CatalogueEntry
	for rows.Next() {
		e, err := scanCatalogueEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("scan catalogue entry: %w", err)
		}
		out = append(out, e.PublicView())
	}
	return out, rows.Err()
}
