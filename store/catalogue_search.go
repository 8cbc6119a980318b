package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/search"
)

// maxSearchText bounds an entry's stored search text (bytes). A
// PostgreSQL tsvector must stay under 1 MB, and what lies beyond the
// first 200 KB of stemmed text rarely decides a match.
const maxSearchText = 200_000

// catalogueSearchText is the pre-stemmed text an entry is found by: its
// title, summary, holding unit and the extracted text of its documents'
// current versions. An exempted entry is found by its title only — the
// register row the law makes public — never by its summary, consequence
// test or documents.
func catalogueSearchText(e terbuka.CatalogueEntry, docTexts []string) (title, text string) {
	title = capText(search.SearchText(e.Title))
	filters := " " + strings.Join(filterTokens(e), " ")
	if e.Classification == terbuka.Dikecualikan {
		return title, title + filters
	}
	parts := append([]string{e.Title, e.Summary, e.UnitName}, docTexts...)
	return title, capText(search.SearchText(parts...)) + filters
}

// filterTokens are the tokens a search filters by, written into an entry's
// search text: its body, classification and year. They hold a digit, so
// the analyser keeps them as they are; someone who types one only narrows
// their own search the way the filter would.
func filterTokens(e terbuka.CatalogueEntry) []string {
	return []string{bodyToken(e.BodyID), classToken(e.Classification), yearToken(e.Year)}
}

func bodyToken(id int64) string { return "xb" + strconv.FormatInt(id, 10) }
func yearToken(y int) string    { return "xy" + strconv.Itoa(y) }

func classToken(c terbuka.Classification) string {
	return "xc" + strconv.Itoa(slices.Index(terbuka.Classifications, c)+1)
}

// capText cuts s to maxSearchText bytes at a token boundary.
func capText(s string) string {
	if len(s) <= maxSearchText {
		return s
	}
	s = s[:maxSearchText]
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	return s
}

// reindexCatalogue recomputes the search columns of entry id from what is
// stored: call it in the transaction that changed the entry or its
// documents.
func (s *Store) reindexCatalogue(ctx context.Context, tx *sql.Tx, id int64) error {
	e, err := scanCatalogueEntry(tx.QueryRowContext(ctx, "SELECT "+catalogueColumns+catalogueFrom+" WHERE e.id = $1", id))
	if err != nil {
		return fmt.Errorf("reindex catalogue entry %d: %w", id, err)
	}
	var docs map[int64][]string
	if e.Classification != terbuka.Dikecualikan {
		if docs, err = documentTexts(ctx, tx, 0, id); err != nil {
			return err
		}
	}
	title, text := catalogueSearchText(e, docs[id])
	if _, err := tx.ExecContext(ctx, `UPDATE catalogue_entries SET search_title = $1, search_text = $2, search_version = $3
		WHERE id = $4`, title, text, search.Version, id); err != nil {
		return fmt.Errorf("reindex catalogue entry %d: %w", id, err)
	}
	return nil
}

// documentTexts returns, by entry, the extracted text of the current
// version of each document of the entries ids, in upload order: the first
// prefix characters of each, or all of it when prefix is 0.
func documentTexts(ctx context.Context, q queryer, prefix int, ids ...int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	text := "v.text"
	if prefix > 0 {
		text = "substr(v.text, 1, " + strconv.Itoa(prefix) + ")"
	}
	rows, err := q.QueryContext(ctx, `SELECT d.entry_id, `+text+` FROM catalogue_documents d
		JOIN catalogue_document_versions v ON v.document_id = d.id AND v.version = d.current_version
		WHERE d.entry_id IN (`+idList(ids)+`) ORDER BY d.entry_id, d.id`)
	if err != nil {
		return nil, fmt.Errorf("document texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, fmt.Errorf("document texts: %w", err)
		}
		out[id] = append(out[id], t)
	}
	return out, rows.Err()
}

// ReindexCatalogue re-analyses every entry whose search columns were
// written by another analyser version (search.Version), in batches of
// one transaction each, and returns how many it rewrote. serve and
// migrate run it at start, so an upgrade that changes the stemmer
// re-indexes the catalogue without a manual step; instances running it
// at once only repeat each other's work.
func (s *Store) ReindexCatalogue(ctx context.Context) (int, error) {
	const batch = 500
	done := 0
	for {
		var ids []int64
		rows, err := s.read.QueryContext(ctx, `SELECT id FROM catalogue_entries WHERE search_version <> $1 ORDER BY id LIMIT $2`,
			search.Version, batch)
		if err != nil {
			return done, fmt.Errorf("find entries to reindex: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return done, fmt.Errorf("find entries to reindex: %w", err)
			}
			ids = append(ids, id)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return done, fmt.Errorf("find entries to reindex: %w", err)
		}
		if len(ids) == 0 {
			return done, nil
		}
		err = s.db.inTx(ctx, func(tx *sql.Tx) error {
			for _, id := range ids {
				if err := s.reindexCatalogue(ctx, tx, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return done, err
		}
		done += len(ids)
	}
}
