package store

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
)

// Open data: the catalogue read by the CSV and JSON exports, the DCAT-AP
// catalogue and the CKAN Action API. Every entry leaves here as its
// PublicView, whoever asks: these are public surfaces only, so an exempted
// (dikecualikan) entry never carries more than its row of the exemption
// register, and with OpenOnly it does not appear at all.

// OpenDataFilter selects catalogue entries. Zero values mean "any".
type OpenDataFilter struct {
	// Bodies keeps entries of any of these bodies (slugs; not their
	// units). An unknown slug matches nothing, as a search filter does;
	// callers that must answer 404 for it look the body up first.
	Bodies []string
	// ExcludeBodies leaves out entries of these bodies.
	ExcludeBodies   []string
	Classifications []terbuka.Classification // any of these
	Year            int
	// ModifiedSince keeps entries whose metadata changed at or after it:
	// the entry itself or one of its documents.
	ModifiedSince time.Time
	// OpenOnly leaves out exempted (dikecualikan) entries. The DCAT
	// catalogue and the CKAN API publish datasets, and an exempted entry
	// has no public content to be one.
	OpenOnly bool
}

// OpenDataOrder is the order of an open-data page. Every order ends with
// the entry ID, so pages never overlap or skip rows while nothing changes.
type OpenDataOrder int

const (
	OrderIDAsc        OpenDataOrder = iota // creation order; CKAN "id asc", what ckanext-harvest pages by
	OrderIDDesc                            // newest first
	OrderModifiedDesc                      // CKAN "metadata_modified desc"
	OrderModifiedAsc
	OrderCreatedDesc // CKAN "metadata_created desc"
	OrderCreatedAsc
)

// maxOpenDataPage bounds one page: CKAN's own default ckan.search.rows_max.
const maxOpenDataPage = 1000

// openDataBatch is how many rows one query of a walk reads, so that an
// export of a million entries holds only this many in memory.
const openDataBatch = 500

// modifiedSQL is when an entry's public metadata last changed: the entry
// or the newest of its documents. An uploaded version changes what a
// harvester must fetch even when the entry's own row did not change.
const modifiedSQL = `COALESCE((SELECT MAX(d.updated_at) FROM catalogue_documents d
	WHERE d.entry_id = e.id AND d.updated_at > e.updated_at), e.updated_at)`

// where renders f as SQL conditions on e (catalogue_entries), adding its
// arguments through arg.
func (f OpenDataFilter) where(arg func(any) string) string {
	conds := []string{"1 = 1"}
	slugs := func(list []string) string {
		ph := make([]string, len(list))
		for i, s := range list {
			ph[i] = arg(s)
		}
		return "SELECT id FROM bodies WHERE slug IN (" + strings.Join(ph, ", ") + ")"
	}
	if len(f.Bodies) > 0 {
		conds = append(conds, "e.body_id IN ("+slugs(f.Bodies)+")")
	}
	if len(f.ExcludeBodies) > 0 {
		conds = append(conds, "e.body_id NOT IN ("+slugs(f.ExcludeBodies)+")")
	}
	if len(f.Classifications) > 0 {
		ph := make([]string, len(f.Classifications))
		for i, c := range f.Classifications {
			ph[i] = arg(c)
		}
		conds = append(conds, "e.classification IN ("+strings.Join(ph, ", ")+")")
	}
	if f.OpenOnly {
		conds = append(conds, "e.classification <> "+arg(terbuka.Dikecualikan))
	}
	if f.Year != 0 {
		conds = append(conds, "e.year = "+arg(f.Year))
	}
	if !f.ModifiedSince.IsZero() {
		since := arg(f.ModifiedSince.UTC())
		conds = append(conds, "(e.updated_at >= "+since+
			" OR EXISTS (SELECT 1 FROM catalogue_documents d WHERE d.entry_id = e.id AND d.updated_at >= "+since+"))")
	}
	return strings.Join(conds, " AND ")
}

func (o OpenDataOrder) sql() string {
	switch o {
	case OrderIDDesc:
		return "e.id DESC"
	case OrderModifiedDesc:
		return modifiedSQL + " DESC, e.id DESC"
	case OrderModifiedAsc:
		return modifiedSQL + ", e.id"
	case OrderCreatedDesc:
		return "e.created_at DESC, e.id DESC"
	case OrderCreatedAsc:
		return "e.created_at, e.id"
	}
	return "e.id"
}

// openDataArgs collects query arguments and names them $1, $2, …
type openDataArgs []any

func (a *openDataArgs) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// OpenDataCount returns how many entries match f.
func (s *Store) OpenDataCount(ctx context.Context, f OpenDataFilter) (int, error) {
	var a openDataArgs
	var n int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM catalogue_entries e WHERE "+f.where(a.add), a...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count open data: %w", err)
	}
	return n, nil
}

// OpenDataPage returns the entries that match f in order o, skipping
// offset and returning at most limit (clamped to 1–1000), as the public
// sees them, and how many match in all.
func (s *Store) OpenDataPage(ctx context.Context, f OpenDataFilter, o OpenDataOrder, offset, limit int) ([]terbuka.CatalogueEntry, int, error) {
	total, err := s.OpenDataCount(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	var a openDataArgs
	query := "SELECT " + catalogueColumns + catalogueFrom + " WHERE " + f.where(a.add) + " ORDER BY " + o.sql() +
		" LIMIT " + a.add(min(max(limit, 1), maxOpenDataPage)) + " OFFSET " + a.add(max(offset, 0))
	out, err := s.openDataRows(ctx, query, a)
	return out, total, err
}

// OpenDataEntries yields the entries that match f in ID order, skipping
// the first offset and stopping after limit (0 = no limit), as the public
// sees them. It reads in batches keyed by ID, so a walk over a million
// entries holds one batch in memory and deep pages cost no more than the
// first. An error ends the walk.
func (s *Store) OpenDataEntries(ctx context.Context, f OpenDataFilter, offset, limit int) iter.Seq2[terbuka.CatalogueEntry, error] {
	return s.openDataWalk(ctx, f, offset, limit, openDataBatch)
}

// openDataWalk is OpenDataEntries reading batch rows per query.
func (s *Store) openDataWalk(ctx context.Context, f OpenDataFilter, offset, limit, batch int) iter.Seq2[terbuka.CatalogueEntry, error] {
	return func(yield func(terbuka.CatalogueEntry, error) bool) {
		var last int64
		skip, left := max(offset, 0), limit
		if limit <= 0 {
			left = -1
		}
		for left != 0 {
			n := batch
			if left > 0 {
				n = min(n, left)
			}
			var a openDataArgs
			query := "SELECT " + catalogueColumns + catalogueFrom + " WHERE " + f.where(a.add) + " AND e.id > " + a.add(last) +
				" ORDER BY e.id LIMIT " + a.add(n) + " OFFSET " + a.add(skip)
			rows, err := s.openDataRows(ctx, query, a)
			if err != nil {
				yield(terbuka.CatalogueEntry{}, err)
				return
			}
			for _, e := range rows {
				if !yield(e, nil) {
					return
				}
				last = e.ID
			}
			if len(rows) < n {
				return
			}
			if left > 0 {
				left -= len(rows)
			}
			skip = 0
		}
	}
}

func (s *Store) openDataRows(ctx context.Context, query string, a openDataArgs) ([]terbuka.CatalogueEntry, error) {
	rows, err := s.read.QueryContext(ctx, query, a...)
	if err != nil {
		return nil, fmt.Errorf("open data: %w", err)
	}
	return publicEntries(rows)
}

// OpenDataBodyCounts returns how many open (not exempted) entries each
// body holds, by body slug; bodies without any are absent.
func (s *Store) OpenDataBodyCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT b.slug, COUNT(*) FROM catalogue_entries e JOIN bodies b ON b.id = e.body_id
		WHERE e.classification <> $1 GROUP BY b.slug`, terbuka.Dikecualikan)
	if err != nil {
		return nil, fmt.Errorf("count open data by body: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var slug string
		var n int
		if err := rows.Scan(&slug, &n); err != nil {
			return nil, fmt.Errorf("count open data by body: %w", err)
		}
		out[slug] = n
	}
	return out, rows.Err()
}
