package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/terbuka-id/terbuka"
)

// CatalogueDocuments lists the documents of entry entryID, oldest first,
// each with every version (newest first), as viewer may see them: staff
// whose scope covers the entry's body see all; the public (viewer nil) and
// other staff see none of an exempted entry's. A missing entry is
// ENotFound.
func (s *Store) CatalogueDocuments(ctx context.Context, viewer *terbuka.User, entryID int64) ([]terbuka.CatalogueDocument, error) {
	visible, err := s.documentsVisible(ctx, viewer, entryID)
	if err != nil {
		return nil, err
	}
	if !visible {
		return []terbuka.CatalogueDocument{}, nil
	}
	return s.documentsOf(ctx, entryID, 0)
}

// OpenCatalogueDocument returns version version (0 = the current one) of
// document docID of entry entryID and its bytes, as viewer may see them:
// ENotFound for a missing entry, document or version, and for the public
// (and staff outside the entry's scope) when the entry is exempted. The
// caller closes the reader.
func (s *Store) OpenCatalogueDocument(ctx context.Context, viewer *terbuka.User, entryID, docID int64, version int) (terbuka.CatalogueDocumentVersion, io.ReadCloser, error) {
	var v terbuka.CatalogueDocumentVersion
	visible, err := s.documentsVisible(ctx, viewer, entryID)
	if terbuka.ErrorCode(err) == terbuka.ENotFound || err == nil && !visible {
		return v, nil, terbuka.ErrNotFound("catalogue_document")
	}
	if err != nil {
		return v, nil, err
	}
	d, err := s.catalogueDocument(ctx, entryID, docID)
	if err != nil {
		return v, nil, err
	}
	if version == 0 {
		version = d.CurrentVersion
	}
	found := false
	for _, x := range d.Versions {
		if x.Version == version {
			v, found = x, true
		}
	}
	if !found {
		return v, nil, terbuka.ErrNotFound("catalogue_document")
	}
	rc, err := s.fileStore().Open(ctx, v.SHA256)
	if err != nil {
		// A version row without its bytes is lost data, not a 404.
		return v, nil, fmt.Errorf("open catalogue document %d version %d: %w", docID, version, err)
	}
	return v, rc, nil
}

// PublicDocumentsOf returns the documents of the given entries with their
// current version only (Versions empty), by entry ID, for public lists:
// never documents of an exempted entry. Missing entries are left out.
func (s *Store) PublicDocumentsOf(ctx context.Context, entryIDs []int64) (map[int64][]terbuka.CatalogueDocument, error) {
	out := map[int64][]terbuka.CatalogueDocument{}
	const chunk = 500 // bound the placeholders of one statement
	for len(entryIDs) > 0 {
		ids := entryIDs[:min(chunk, len(entryIDs))]
		entryIDs = entryIDs[len(ids):]
		args := make([]any, len(ids))
		marks := make([]string, len(ids))
		for i, id := range ids {
			args[i], marks[i] = id, fmt.Sprintf("$%d", i+1)
		}
		rows, err := s.db.r.QueryContext(ctx, `SELECT `+documentColumns+documentFrom+`
			JOIN catalogue_entries e ON e.id = d.entry_id
			WHERE d.entry_id IN (`+strings.Join(marks, ", ")+`) AND e.classification <> 'dikecualikan'
			AND v.version = d.current_version ORDER BY d.entry_id, d.id`, args...)
		if err != nil {
			return nil, fmt.Errorf("list public catalogue documents: %w", err)
		}
		docs, err := scanDocuments(rows)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			d.Versions = nil
			out[d.EntryID] = append(out[d.EntryID], d)
		}
	}
	return out, nil
}

// documentsVisible reports whether viewer may see the documents of entry
// entryID: ENotFound for a missing entry.
func (s *Store) documentsVisible(ctx context.Context, viewer *terbuka.User, entryID int64) (bool, error) {
	var bodyID int64
	var class terbuka.Classification
	err := s.read.QueryRowContext(ctx, "SELECT body_id, classification FROM catalogue_entries WHERE id = $1", entryID).
		Scan(&bodyID, &class)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return false, terbuka.ErrNotFound("catalogue")
		}
		return false, fmt.Errorf("get catalogue entry: %w", err)
	}
	if (terbuka.CatalogueEntry{Classification: class}).DocumentsPublic() {
		return true, nil
	}
	covers, err := s.catalogueScope(ctx, viewer)
	if err != nil {
		return false, err
	}
	return covers(bodyID), nil
}

// catalogueDocument returns document docID of entry entryID with every
// version; ENotFound when it is not that entry's. It checks no rights.
func (s *Store) catalogueDocument(ctx context.Context, entryID, docID int64) (terbuka.CatalogueDocument, error) {
	docs, err := s.documentsOf(ctx, entryID, docID)
	if err != nil {
		return terbuka.CatalogueDocument{}, err
	}
	if len(docs) == 0 {
		return terbuka.CatalogueDocument{}, terbuka.ErrNotFound("catalogue_document")
	}
	return docs[0], nil
}

// documentsOf lists the documents of entry entryID (only docID when not
// 0), oldest first, each with all its versions, newest first.
func (s *Store) documentsOf(ctx context.Context, entryID, docID int64) ([]terbuka.CatalogueDocument, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+documentColumns+documentFrom+`
		WHERE d.entry_id = $1 AND (CAST($2 AS BIGINT) = 0 OR d.id = CAST($2 AS BIGINT)) ORDER BY d.id, v.version DESC`, entryID, docID)
	if err != nil {
		return nil, fmt.Errorf("list catalogue documents: %w", err)
	}
	return scanDocuments(rows)
}

const documentColumns = `d.id, d.entry_id, d.title, d.current_version, d.created_at, d.updated_at, v.version, v.filename,
	v.content_type, v.sha256, v.size, v.uploaded_by_name, v.uploaded_at`

const documentFrom = ` FROM catalogue_documents d JOIN catalogue_document_versions v ON v.document_id = d.id`

// scanDocuments folds rows of documentColumns, ordered by document, into
// documents with their versions; it closes rows.
func scanDocuments(rows interface {
	Next() bool
	Scan(...any) error
	Close() error
	Err() error
}) ([]terbuka.CatalogueDocument, error) {
	defer rows.Close()
	out := []terbuka.CatalogueDocument{}
	for rows.Next() {
		var d terbuka.CatalogueDocument
		var v terbuka.CatalogueDocumentVersion
		if err := rows.Scan(&d.ID, &d.EntryID, &d.Title, &d.CurrentVersion, &d.CreatedAt, &d.UpdatedAt, &v.Version,
			&v.Filename, &v.ContentType, &v.SHA256, &v.Size, &v.UploadedBy, &v.UploadedAt); err != nil {
			return nil, fmt.Errorf("scan catalogue document: %w", err)
		}
		v.DocumentID, v.UploadedAt = d.ID, v.UploadedAt.UTC()
		if n := len(out); n == 0 || out[n-1].ID != d.ID {
			d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
			out = append(out, d)
		}
		last := &out[len(out)-1]
		last.Versions = append(last.Versions, v)
		if v.Version == last.CurrentVersion {
			last.Current = v
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list catalogue documents: %w", err)
	}
	return out, nil
}
