package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/dipimport"
	"github.com/terbuka-id/terbuka/workday"
)

// unitResult is a resolved unit, or why it is not one.
type unitResult struct {
	unit terbuka.Body
	err  error
}

// unitResolver applies the catalogue's unit rule (catalogueUnit) to the
// rows of one import, once per distinct unit.
type unitResolver struct {
	s      *Store
	body   terbuka.Body
	cache  map[string]unitResult
	byName map[string][]string // lower-case body name → slugs
}

// check validates row on day today as an entry of r.body and returns its
// problems (the parser's first, then the domain's) and the entry.
func (r *unitResolver) check(ctx context.Context, row dipimport.Row, today workday.Date) (terbuka.Problems, terbuka.CatalogueEntry, error) {
	p := terbuka.Problems{}
	for f, m := range row.Problems {
		p[f] = m
	}
	in := row.Entry
	if in.Unit != "" && !terbuka.ValidSlug(in.Unit) {
		slug, err := r.slugOf(ctx, in.Unit)
		if err != nil {
			return nil, terbuka.CatalogueEntry{}, err
		}
		if slug == "" {
			p.Add("unit", "invalid.unknown_body", in.Unit)
		}
		in.Unit = slug
	}
	e, err := in.Entry(today)
	if ve := terbuka.AsError(err); ve != nil {
		for f, m := range ve.Fields {
			p.Add(f, m.Key, m.Args...)
		}
	} else if err != nil {
		return nil, e, err
	}
	if _, bad := p["unit"]; bad {
		return p, e, nil
	}
	res, ok := r.cache[e.UnitSlug]
	if !ok {
		res.unit, res.err = catalogueUnit(ctx, r.s.read, r.body, e.UnitSlug)
		if res.err != nil && terbuka.ErrorCode(res.err) != terbuka.EInvalid {
			return nil, e, res.err
		}
		r.cache[e.UnitSlug] = res
	}
	if ve := terbuka.AsError(res.err); ve != nil {
		for f, m := range ve.Fields {
			p.Add(f, m.Key, m.Args...)
		}
		return p, e, nil
	}
	e.BodyID, e.BodySlug, e.BodyName, e.UnitID, e.UnitSlug = r.body.ID, r.body.Slug, r.body.Name, res.unit.ID, res.unit.Slug
	return p, e, nil
}

// slugOf finds the body of r.body's government named name (case and
// spacing aside); "" when none or more than one has that name.
func (r *unitResolver) slugOf(ctx context.Context, name string) (string, error) {
	if r.byName == nil {
		var root int64
		if err := r.s.read.QueryRowContext(ctx, `SELECT a.id FROM (`+ancestorsSQL+`) a JOIN bodies b ON b.id = a.id
			WHERE b.parent_id IS NULL`, r.body.ID).Scan(&root); err != nil {
			return "", fmt.Errorf("catalogue import units: government of %s: %w", r.body.Slug, err)
		}
		rows, err := r.s.read.QueryContext(ctx, `SELECT b.slug, b.name FROM bodies b WHERE b.id IN (`+subtreeSQL+`)`, root)
		if err != nil {
			return "", fmt.Errorf("catalogue import units: %w", err)
		}
		defer rows.Close()
		r.byName = map[string][]string{}
		for rows.Next() {
			var slug, bname string
			if err := rows.Scan(&slug, &bname); err != nil {
				return "", fmt.Errorf("catalogue import units: %w", err)
			}
			k := strings.ToLower(strings.Join(strings.Fields(bname), " "))
			r.byName[k] = append(r.byName[k], slug)
		}
		if err := rows.Err(); err != nil {
			return "", fmt.Errorf("catalogue import units: %w", err)
		}
	}
	if slugs := r.byName[strings.ToLower(strings.Join(strings.Fields(name), " "))]; len(slugs) == 1 {
		return slugs[0], nil
	}
	return "", nil
}
