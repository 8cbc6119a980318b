package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/files"
)

// FileUpload is a file staff release to a requester.
type FileUpload struct {
	Name   string    // the uploaded name; only a label (files.SafeName)
	Body   io.Reader // at most terbuka.MaxReleaseBytes
	Public bool      // the requester may download it
}

// ReleaseFile stores a file of information given to the requester of
// request number, for staff u who may act on it, once the request was
// granted in full or in part (EConflict otherwise). The content type is
// sniffed from the bytes (files.Sniff): anything but PDF, images, office
// documents, CSV, plain text and ZIP is EUnsupported, whatever its name;
// more than MaxReleaseBytes is ETooLarge. Nothing is read from up.Body
// before the request and u's rights are checked.
func (s *Store) ReleaseFile(ctx context.Context, u terbuka.User, number string, up FileUpload) (terbuka.RequestFile, error) {
	if _, err := s.releasable(ctx, s.read, u, number, false); err != nil {
		return terbuka.RequestFile{}, err
	}
	head := make([]byte, files.SniffLen)
	n, err := io.ReadFull(up.Body, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return terbuka.RequestFile{}, fmt.Errorf("read upload: %w", err)
	}
	head = head[:n]
	name := files.SafeName(up.Name)
	ctype, ok := files.Sniff(head, name)
	if !ok {
		return terbuka.RequestFile{}, &terbuka.Error{Code: terbuka.EUnsupported, Msg: terbuka.M("unsupported.file_type"),
			Fields: map[string]terbuka.Msg{"file": terbuka.M("unsupported.file_type")}}
	}
	name = files.FixExtension(name, ctype)
	// The bytes go to the file store before the transaction, so the
	// request is not locked while a large upload streams in.
	ref, err := s.fileStore().Put(ctx, io.MultiReader(bytes.NewReader(head), up.Body), terbuka.MaxReleaseBytes)
	if errors.Is(err, files.ErrTooLarge) {
		return terbuka.RequestFile{}, terbuka.Errorf(terbuka.ETooLarge, "too_large.file", terbuka.MaxReleaseBytes>>20)
	}
	if err != nil {
		return terbuka.RequestFile{}, fmt.Errorf("store upload: %w", err)
	}
	now := s.Now()
	f := terbuka.RequestFile{Kind: terbuka.FileReleased, Name: name, ContentType: ctype, SHA256: ref.SHA256, Size: ref.Size,
		Public: up.Public, CreatedAt: now, CreatedBy: u.Name}
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.releasable(ctx, tx, u, number, true)
		if err != nil {
			return err
		}
		f.RequestID = r.ID
		if err := tx.QueryRowContext(ctx, `INSERT INTO request_files (request_id, kind, name, content_type, sha256, size,
			public_to_requester, created_by, created_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			RETURNING id`, r.ID, f.Kind, f.Name, f.ContentType, f.SHA256, f.Size, f.Public, u.ID, u.Name, now).Scan(&f.ID); err != nil {
			return fmt.Errorf("insert request file: %w", err)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "file_released", Status: r.Status, Note: f.Name,
			Public: f.Public}, &u); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditFileReleased, terbuka.AuditEntityRequest, r.Number, map[string]any{
			"file_id": f.ID, "sha256": f.SHA256, "size": f.Size, "content_type": f.ContentType, "public": f.Public,
			"name_sha256": terbuka.TextDigest(f.Name)}))
	})
	if err != nil {
		return terbuka.RequestFile{}, err
	}
	return f, nil
}

// releasable loads request number for staff u who may act on it and
// checks that it was granted; lock locks it (within a transaction).
func (s *Store) releasable(ctx context.Context, q queryer, u terbuka.User, number string, lock bool) (terbuka.Request, error) {
	var r terbuka.Request
	var err error
	if tx, ok := q.(*sql.Tx); ok && lock {
		r, err = s.actionable(ctx, tx, u, number)
	} else {
		r, _, err = s.requestByNumber(ctx, q, number, false)
		if err == nil {
			err = s.checkVisible(ctx, q, u, r)
		}
		if err == nil && !u.Role.CanHandleRequests() {
			err = terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
		}
	}
	if err != nil {
		return r, err
	}
	return r, r.CheckRelease()
}

// LinkCatalogue gives the requester of request number a catalogue entry
// that holds the information, for staff u who may act on the request,
// once it was granted (EConflict otherwise, and for an entry already
// linked). An exempted (dikecualikan) entry is never linked (EInvalid);
// a missing entry is not found.
func (s *Store) LinkCatalogue(ctx context.Context, u terbuka.User, number string, entryID int64) (terbuka.CatalogueLink, error) {
	e, err := s.CatalogueEntry(ctx, entryID)
	if err != nil {
		return terbuka.CatalogueLink{}, err
	}
	if e.Classification == terbuka.Dikecualikan {
		return terbuka.CatalogueLink{}, terbuka.Problems{"catalogue_id": terbuka.M("invalid.catalogue_exempt")}.Err()
	}
	now := s.Now()
	link := terbuka.CatalogueLink{Entry: e.PublicView(), LinkedAt: now, LinkedBy: u.Name}
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.releasable(ctx, tx, u, number, true)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM request_catalogue_links WHERE request_id = $1 AND catalogue_id = $2",
			r.ID, e.ID).Scan(&n); err != nil {
			return fmt.Errorf("check catalogue link: %w", err)
		}
		if n > 0 {
			return terbuka.Errorf(terbuka.EConflict, "conflict.already_linked")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO request_catalogue_links (request_id, catalogue_id, linked_by, linked_by_name,
			linked_at) VALUES ($1, $2, $3, $4, $5)`, r.ID, e.ID, u.ID, u.Name, now); err != nil {
			return fmt.Errorf("insert catalogue link: %w", err)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "catalogue_linked", Status: r.Status, Note: e.Title,
			Public: true}, &u); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditCatalogueLinked, terbuka.AuditEntityRequest, r.Number,
			map[string]any{"catalogue_id": e.ID, "classification": e.Classification}))
	})
	if err != nil {
		return terbuka.CatalogueLink{}, err
	}
	return link, nil
}

// catalogueLinks lists the entries linked to request id, as the public
// may see them.
func (s *Store) catalogueLinks(ctx context.Context, requestID int64) ([]terbuka.CatalogueLink, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT catalogue_id, linked_at, linked_by_name FROM request_catalogue_links
		WHERE request_id = $1 ORDER BY linked_at, catalogue_id`, requestID)
	if err != nil {
		return nil, fmt.Errorf("list catalogue links: %w", err)
	}
	type row struct {
		id int64
		at time.Time
		by string
	}
	var list []row
	for rows.Next() {
		var x row
		if err := rows.Scan(&x.id, &x.at, &x.by); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan catalogue link: %w", err)
		}
		list = append(list, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []terbuka.CatalogueLink{}
	for _, x := range list {
		e, err := s.CatalogueEntry(ctx, x.id)
		if err != nil {
			return nil, err
		}
		out = append(out, terbuka.CatalogueLink{Entry: e.PublicView(), LinkedAt: x.at.UTC(), LinkedBy: x.by})
	}
	return out, nil
}
