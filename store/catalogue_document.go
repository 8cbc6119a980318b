package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/extract"
	"github.com/terbuka-id/terbuka/files"
)

// DocumentUpload is a file staff add to a catalogue entry.
type DocumentUpload struct {
	Title    string    // the document's title; AddCatalogueDocument only
	Filename string    // the uploaded name; only a label (files.SafeName)
	Body     io.Reader // at most terbuka.MaxCatalogueDocumentBytes
}

// TextExtractor returns the plain text of a document (extract.Text's
// contract): "" for types without text, an error for unreadable files.
type TextExtractor func(ctx context.Context, contentType string, r io.ReaderAt, size int64) (string, error)

// extractor is Store.Extract, or extract.Text in-process when main set
// none (tests, tools). In-process PDF parsing is third-party code that a
// hostile file may keep busy for a long time: servers use
// extract.Isolated.
func (s *Store) extractor() TextExtractor {
	if s.Extract != nil {
		return s.Extract
	}
	return extract.Text
}

// extractTimeout bounds the text extraction of one upload: a document
// that takes longer is stored without text rather than holding the
// request (and a core) for minutes.
const extractTimeout = 60 * time.Second

// AddCatalogueDocument adds a document, as its version 1, to catalogue
// entry entryID, for PPID staff or an admin (EForbidden for other roles)
// whose scope covers the entry's body (ENotFound otherwise, and for a
// missing entry). A bad title is EInvalid on "title"; the content type is
// sniffed from the bytes (files.SniffFile), and anything but PDF, images,
// office documents, CSV, plain text and ZIP is EUnsupported on "file",
// whatever its name; more than MaxCatalogueDocumentBytes is ETooLarge.
// The bytes are stored and their text extracted before one transaction
// writes the document, its version, the entry's search text and the audit
// entry catalogue.document_added. Nothing is read from up.Body before u's
// rights and the title are checked.
func (s *Store) AddCatalogueDocument(ctx context.Context, u terbuka.User, entryID int64, up DocumentUpload) (terbuka.CatalogueDocument, error) {
	if err := s.canManageDocuments(ctx, u, entryID); err != nil {
		return terbuka.CatalogueDocument{}, err
	}
	title, err := terbuka.DocumentTitle(up.Title)
	if err != nil {
		return terbuka.CatalogueDocument{}, err
	}
	v, text, err := s.stageDocument(ctx, up)
	if err != nil {
		return terbuka.CatalogueDocument{}, err
	}
	now := s.Now()
	var docID int64
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.lockDocumentEntry(ctx, tx, u, entryID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO catalogue_documents (entry_id, title, current_version, created_by,
			created_at, updated_at) VALUES ($1, $2, 1, $3, $4, $5) RETURNING id`, entryID, title, u.ID, now, now).Scan(&docID); err != nil {
			return fmt.Errorf("insert catalogue document: %w", err)
		}
		v.DocumentID, v.Version = docID, 1
		if err := s.insertDocumentVersion(ctx, tx, u, entryID, v, text, now); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, documentAudit(u, terbuka.AuditCatalogueDocumentAdded, entryID, title, v, text))
	})
	if err != nil {
		return terbuka.CatalogueDocument{}, err
	}
	return s.catalogueDocument(ctx, entryID, docID)
}

// AddCatalogueDocumentVersion uploads a new version of document docID of
// entry entryID, which becomes the current one; the earlier versions stay
// downloadable. Rights, sniffing and limits are those of
// AddCatalogueDocument (up.Title is ignored); a document that is not the
// entry's is ENotFound, and bytes identical to the current version are
// EConflict, so a double submit does not pile up versions. The audit entry
// is catalogue.document_version_added.
func (s *Store) AddCatalogueDocumentVersion(ctx context.Context, u terbuka.User, entryID, docID int64, up DocumentUpload) (terbuka.CatalogueDocument, error) {
	if err := s.canManageDocuments(ctx, u, entryID); err != nil {
		return terbuka.CatalogueDocument{}, err
	}
	if _, err := s.catalogueDocument(ctx, entryID, docID); err != nil {
		return terbuka.CatalogueDocument{}, err
	}
	v, text, err := s.stageDocument(ctx, up)
	if err != nil {
		return terbuka.CatalogueDocument{}, err
	}
	now := s.Now()
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.lockDocumentEntry(ctx, tx, u, entryID); err != nil {
			return err
		}
		var title, currentSHA string
		err := tx.QueryRowContext(ctx, `SELECT d.title, d.current_version, v.sha256 FROM catalogue_documents d
			JOIN catalogue_document_versions v ON v.document_id = d.id AND v.version = d.current_version
			WHERE d.id = $1 AND d.entry_id = $2`, docID, entryID).Scan(&title, &v.Version, &currentSHA)
		if errors.Is(err, sql.ErrNoRows) {
			return terbuka.ErrNotFound("catalogue_document")
		}
		if err != nil {
			return fmt.Errorf("get catalogue document: %w", err)
		}
		if currentSHA == v.SHA256 {
			return terbuka.Errorf(terbuka.EConflict, "conflict.document_unchanged")
		}
		v.DocumentID, v.Version = docID, v.Version+1
		if _, err := tx.ExecContext(ctx, `UPDATE catalogue_documents SET current_version = $1, updated_at = $2 WHERE id = $3`,
			v.Version, now, docID); err != nil {
			return fmt.Errorf("update catalogue document: %w", err)
		}
		if err := s.insertDocumentVersion(ctx, tx, u, entryID, v, text, now); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, documentAudit(u, terbuka.AuditCatalogueDocumentVersionAdded, entryID, title, v, text))
	})
	if err != nil {
		return terbuka.CatalogueDocument{}, err
	}
	return s.catalogueDocument(ctx, entryID, docID)
}

// canManageDocuments checks, before any byte is read, that u may add
// documents to entry entryID.
func (s *Store) canManageDocuments(ctx context.Context, u terbuka.User, entryID int64) error {
	if !u.Role.CanManageCatalogue() {
		return terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	var bodyID int64
	err := s.read.QueryRowContext(ctx, "SELECT body_id FROM catalogue_entries WHERE id = $1", entryID).Scan(&bodyID)
	if errors.Is(err, sql.ErrNoRows) {
		return terbuka.ErrNotFound("catalogue")
	}
	if err != nil {
		return fmt.Errorf("get catalogue entry: %w", err)
	}
	covers, err := s.catalogueScope(ctx, &u)
	if err != nil {
		return err
	}
	if !covers(bodyID) {
		return terbuka.ErrNotFound("catalogue")
	}
	return nil
}

// lockDocumentEntry locks entry entryID for the transaction that changes
// its documents, so two uploads to one document number their versions one
// after the other, and checks u's scope again under the lock.
func (s *Store) lockDocumentEntry(ctx context.Context, tx *sql.Tx, u terbuka.User, entryID int64) error {
	var bodyID int64
	err := tx.QueryRowContext(ctx, "SELECT body_id FROM catalogue_entries WHERE id = $1"+s.db.forUpdate(), entryID).Scan(&bodyID)
	if errors.Is(err, sql.ErrNoRows) {
		return terbuka.ErrNotFound("catalogue")
	}
	if err != nil {
		return fmt.Errorf("lock catalogue entry: %w", err)
	}
	root, ok, err := requestScope(ctx, tx, u)
	if err != nil {
		return err
	}
	if ok {
		if ok, err = inSubtree(ctx, tx, root, bodyID); err != nil {
			return err
		}
	}
	if !ok {
		return terbuka.ErrNotFound("catalogue")
	}
	return nil
}

// insertDocumentVersion writes version v with its text, touches the entry
// and recomputes its search text.
func (s *Store) insertDocumentVersion(ctx context.Context, tx *sql.Tx, u terbuka.User, entryID int64,
	v terbuka.CatalogueDocumentVersion, text string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO catalogue_document_versions (document_id, version, filename, content_type,
		sha256, size, text, uploaded_by, uploaded_by_name, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		v.DocumentID, v.Version, v.Filename, v.ContentType, v.SHA256, v.Size, text, u.ID, u.Name, now); err != nil {
		return fmt.Errorf("insert catalogue document version: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE catalogue_entries SET updated_at = $1 WHERE id = $2", now, entryID); err != nil {
		return fmt.Errorf("touch catalogue entry: %w", err)
	}
	return s.reindexCatalogue(ctx, tx, entryID)
}

// stageDocument sniffs up.Body, streams it into the file store and
// extracts its text, all before any transaction: a 50 MiB upload must not
// hold a write lock. The bytes are teed into a temporary file as they
// stream, because the extractors need random access (ZIP directories, PDF
// cross-reference tables) and reading them back from an object store would
// download them again.
func (s *Store) stageDocument(ctx context.Context, up DocumentUpload) (terbuka.CatalogueDocumentVersion, string, error) {
	var v terbuka.CatalogueDocumentVersion
	if up.Body == nil {
		return v, "", terbuka.Problems{"file": terbuka.M("invalid.required")}.Err()
	}
	head := make([]byte, files.SniffLen)
	n, err := io.ReadFull(up.Body, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return v, "", fmt.Errorf("read upload: %w", err)
	}
	head = head[:n]
	name := files.SafeName(up.Filename)
	if _, ok := files.Sniff(head, name); !ok {
		return v, "", unsupportedFile()
	}
	tmp, err := os.CreateTemp("", "terbuka-document-*")
	if err != nil {
		return v, "", fmt.Errorf("stage upload: %w", err)
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	body := io.TeeReader(io.MultiReader(bytes.NewReader(head), up.Body), tmp)
	ref, err := s.fileStore().Put(ctx, body, terbuka.MaxCatalogueDocumentBytes)
	if errors.Is(err, files.ErrTooLarge) {
		return v, "", terbuka.Errorf(terbuka.ETooLarge, "too_large.file", terbuka.MaxCatalogueDocumentBytes>>20)
	}
	if err != nil {
		return v, "", fmt.Errorf("store upload: %w", err)
	}
	// The ZIP-based types are checked against their directory, which
	// needs the whole file: a .docx without word/document.xml is a plain
	// ZIP, and a ZIP whose directory cannot be read is refused. The bytes
	// stay in the content-addressed store: another record (a released
	// file) may hold the same hash.
	ctype, ok := files.SniffFile(head, name, tmp, ref.Size)
	if !ok {
		return v, "", unsupportedFile()
	}
	v = terbuka.CatalogueDocumentVersion{Filename: files.FixExtension(name, ctype), ContentType: ctype, SHA256: ref.SHA256,
		Size: ref.Size}
	ectx, cancel := context.WithTimeout(ctx, extractTimeout)
	defer cancel()
	// A document whose text cannot be read (encrypted PDF, odd encoding)
	// is still published: it is only not found by its content. The audit
	// entry records how much text was kept.
	text, _ := s.extractor()(ectx, ctype, tmp, ref.Size)
	return v, text, ctx.Err()
}

// documentAudit records a document version; the title and file name enter
// only as digests, the extracted text only as its size.
func documentAudit(u terbuka.User, action string, entryID int64, title string, v terbuka.CatalogueDocumentVersion, text string) terbuka.AuditEntry {
	return auditBy(&u, action, terbuka.AuditEntityCatalogue, strconv.FormatInt(entryID, 10), map[string]any{
		"document_id": v.DocumentID, "version": v.Version, "sha256": v.SHA256, "size": v.Size, "content_type": v.ContentType,
		"title_sha256": terbuka.TextDigest(title), "name_sha256": terbuka.TextDigest(v.Filename), "text_bytes": len(text)})
}

// unsupportedFile is the error of bytes no sniffer accepts.
func unsupportedFile() error {
	return &terbuka.Error{Code: terbuka.EUnsupported, Msg: terbuka.M("unsupported.file_type"),
		Fields: map[string]terbuka.Msg{"file": terbuka.M("unsupported.file_type")}}
}
