package store

import (
	"context"
	"fmt"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// StaffCatalogueFilter narrows the staff's catalogue list. Zero values
// mean "any".
type StaffCatalogueFilter struct {
	BodySlug       string // entries of this body only; it must lie in the scope
	Classification terbuka.Classification
	Year           int
	// Attention keeps the entries that need staff today in their body's
	// zone: berkala entries past their next_due (CatalogueEntry.Stale) and
	// exemptions that have ended (CatalogueExemption.Expired).
	Attention bool
	Offset    int
	Limit     int // 0 means 25; at most 100
}

// ListStaffCatalogue returns the entries of u's scope (the bodies whose
// requests u sees: the whole government for PPID Utama staff, admins and
// the atasan PPID, the own unit for a PPID Pelaksana), in full, newest
// first, and how many match. Roles without such a scope get EForbidden;
// a body outside the scope is ENotFound, as elsewhere, so bodies cannot
// be probed; an unknown classification is EInvalid.
func (s *Store) ListStaffCatalogue(ctx context.Context, u terbuka.User, f StaffCatalogueFilter) ([]terbuka.CatalogueEntry, int, error) {
	root, ok, err := requestScope(ctx, s.read, u)
	if err != nil {
		return nil, 0, err
	}
	if !ok {
		return nil, 0, terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	w := &where{args: []any{root}} // $1, the scope's root, in subtreeSQL
	w.and("e.body_id IN (" + subtreeSQL + ")")
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
		in, err := inSubtree(ctx, s.read, root, body.ID)
		if err != nil {
			return nil, 0, err
		}
		if !in {
			return nil, 0, terbuka.ErrNotFound("body")
		}
		w.and("e.body_id = " + w.arg(body.ID))
	}
	if f.Year != 0 {
		w.and("e.year = " + w.arg(f.Year))
	}
	if f.Attention {
		// Today differs between WIB, WITA and WIT near midnight: compare
		// each entry with today in its own body's zone.
		today := "CASE b.time_zone"
		for _, z := range terbuka.TimeZones {
			today += " WHEN " + w.arg(z) + " THEN " + w.arg(s.zoneToday(z).String())
		}
		today += " ELSE " + w.arg(s.zoneToday("").String()) + " END"
		w.and("((e.classification = " + w.arg(terbuka.Berkala) + " AND e.next_due IS NOT NULL AND e.next_due < " + today +
			") OR (e.classification = " + w.arg(terbuka.Dikecualikan) + " AND e.exempt_until IS NOT NULL AND e.exempt_until < " + today + "))")
	}
	cond := w.sql()
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*)"+catalogueFrom+cond, w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count staff catalogue: %w", err)
	}
	query := "SELECT " + catalogueColumns + catalogueFrom + cond + " ORDER BY e.id DESC" + w.page(f.Limit, f.Offset, 25, 100)
	rows, err := s.read.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list staff catalogue: %w", err)
	}
	defer rows.Close()
	out := []terbuka.CatalogueEntry{}
	for rows.Next() {
		e, err := scanCatalogueEntry(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan catalogue entry: %w", err)
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// zoneToday is the current date in time zone tz ("" for the default).
func (s *Store) zoneToday(tz string) workday.Date {
	return workday.DateOf(s.clock.Now().In(terbuka.BodySettings{TimeZone: tz}.Location()))
}

// ScopeBodies lists the bodies of u's scope (see ListStaffCatalogue) in
// the order of Bodies: the ones whose catalogue u may manage and read in
// full. Roles without a scope get an empty list.
func (s *Store) ScopeBodies(ctx context.Context, u terbuka.User) ([]terbuka.Body, error) {
	root, ok, err := requestScope(ctx, s.read, u)
	if err != nil || !ok {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, "SELECT "+bodyColumns+bodyFrom+" WHERE b.id IN ("+subtreeSQL+
		") ORDER BY COALESCE(b.parent_id, 0), b.name", root)
	if err != nil {
		return nil, fmt.Errorf("list scope bodies: %w", err)
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
