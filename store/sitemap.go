package store

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/terbuka-id/terbuka"
)

// The public catalogue for crawlers and feed readers: the sitemap and
// the Atom feed. Both list only what anyone may read in full, so an
// exempted (dikecualikan) entry and its documents never appear here; its
// row of the exemption register is reached from /katalog/dikecualikan.

// SitemapItem is one public page: a catalogue entry (DocumentID 0) or one
// of its documents, with when it last changed.
type SitemapItem struct {
	EntryID, DocumentID int64
	LastMod             time.Time
}

// sitemapBatch is how many rows one query of a sitemap walk reads: small
// enough that no read holds the database for long while the response is
// written, large enough that a page of 50,000 takes few round trips.
const sitemapBatch = 1000

// SitemapCounts returns how many public entries (not dikecualikan) and how
// many documents of such entries the catalogue holds.
func (s *Store) SitemapCounts(ctx context.Context) (entries, documents int, err error) {
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM catalogue_entries WHERE classification <> $1`,
		terbuka.Dikecualikan).Scan(&entries); err != nil {
		return 0, 0, fmt.Errorf("count sitemap entries: %w", err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM catalogue_documents d
		JOIN catalogue_entries e ON e.id = d.entry_id WHERE e.classification <> $1`,
		terbuka.Dikecualikan).Scan(&documents); err != nil {
		return 0, 0, fmt.Errorf("count sitemap documents: %w", err)
	}
	return entries, documents, nil
}

// SitemapEntries yields the public entries (not dikecualikan) in ID order,
// skipping the first offset and stopping after limit, with their
// updated_at. It reads in batches by ID, so a walk over a million entries
// never holds them all in memory. An error ends the walk.
func (s *Store) SitemapEntries(ctx context.Context, offset, limit int) iter.Seq2[SitemapItem, error] {
	return s.sitemapWalk(ctx, offset, limit, `SELECT e.id, 0, e.updated_at FROM catalogue_entries e
		WHERE e.classification <> $1 AND e.id > $2 ORDER BY e.id LIMIT $3 OFFSET $4`)
}

// SitemapDocuments yields the documents of public entries in document ID
// order, like SitemapEntries, each with its own updated_at.
func (s *Store) SitemapDocuments(ctx context.Context, offset, limit int) iter.Seq2[SitemapItem, error] {
	return s.sitemapWalk(ctx, offset, limit, `SELECT d.entry_id, d.id, d.updated_at FROM catalogue_documents d
		JOIN catalogue_entries e ON e.id = d.entry_id
		WHERE e.classification <> $1 AND d.id > $2 ORDER BY d.id LIMIT $3 OFFSET $4`)
}

// sitemapWalk runs query ($1 the exempt classification, $2 the last key
// read, $3 the batch size, $4 the offset) batch after batch. Only the first
// batch skips offset rows; later ones continue after the last key.
func (s *Store) sitemapWalk(ctx context.Context, offset, limit int, query string) iter.Seq2[SitemapItem, error] {
	return func(yield func(SitemapItem, error) bool) {
		var last int64
		skip := max(offset, 0)
		for left := limit; left > 0; {
			batch, err := s.sitemapBatch(ctx, query, last, min(left, sitemapBatch), skip)
			if err != nil {
				yield(SitemapItem{}, err)
				return
			}
			for _, it := range batch {
				if !yield(it, nil) {
					return
				}
				last = it.EntryID
				if it.DocumentID != 0 {
					last = it.DocumentID
				}
			}
			if len(batch) < min(left, sitemapBatch) {
				return
			}
			left -= len(batch)
			skip = 0
		}
	}
}

func (s *Store) sitemapBatch(ctx context.Context, query string, after int64, n, skip int) ([]SitemapItem, error) {
	rows, err := s.read.QueryContext(ctx, query, terbuka.Dikecualikan, after, n, skip)
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	defer rows.Close()
	out := make([]SitemapItem, 0, n)
	for rows.Next() {
		var it SitemapItem
		if err := rows.Scan(&it.EntryID, &it.DocumentID, &it.LastMod); err != nil {
			return nil, fmt.Errorf("sitemap: %w", err)
		}
		it.LastMod = it.LastMod.UTC()
		out = append(out, it)
	}
	return out, rows.Err()
}

// NewestCatalogue returns the newest limit public entries (not
// dikecualikan), newest first, as the public sees them (PublicView): the
// Atom feed of new entries. limit is clamped to 1–100.
func (s *Store) NewestCatalogue(ctx context.Context, limit int) ([]terbuka.CatalogueEntry, error) {
	limit = min(max(limit, 1), 100)
	// IDs grow with creation, so the primary key orders by age without
	// sorting the whole table.
	rows, err := s.read.QueryContext(ctx, "SELECT "+catalogueColumns+catalogueFrom+
		" WHERE e.classification <> $1 ORDER BY e.id DESC LIMIT $2", terbuka.Dikecualikan, limit)
	if err != nil {
		return nil, fmt.Errorf("newest catalogue: %w", err)
	}
	return publicEntries(rows)
}
