package store

import (
	"bytes"
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/pdf"
	"github.com/terbuka-id/terbuka/workday"
)

// Number scopes of the documents of a decision (number_counters.scope).
const (
	noticeScope  = "notice"
	refusalScope = "sk_penolakan"
)

// fileStore is where documents go: Store.Files, or an in-memory store
// when main set none (tests, tools that never decide).
func (s *Store) fileStore() files.Store {
	s.filesOnce.Do(func() {
		if s.Files == nil {
			s.Files = files.NewMemory()
		}
	})
	return s.Files
}

// renderer draws the PDFs of a decision: Store.Notices, or package pdf.
func (s *Store) renderer() terbuka.NoticeRenderer {
	if s.Notices != nil {
		return s.Notices
	}
	return pdf.Notices{}
}

// issueNotice produces the written notice of the decision in within tx,
// the transaction of DecideRequest, after the request row r (as it was
// before the decision) has been updated and before the audit log is
// appended: it prices the fee quote from the body's table, takes the
// gap-free notice number (and the SK penolakan number for a refusal),
// computes the keberatan deadline on the body's calendar, draws the PDFs,
// stores them and records them. It returns what the decision's audit entry
// records of the notice (withNotice). A fee line the table lacks is EInvalid; any
// failure rolls the whole decision back, numbers included. Files stored
// before a rollback stay as unreferenced blobs, never as rows without
// bytes.
func (s *Store) issueNotice(ctx context.Context, tx *sql.Tx, u terbuka.User, r terbuka.Request, in terbuka.DecisionInput,
	status terbuka.Status, now time.Time) (map[string]any, error) {
	body, err := scanOneBody(tx.QueryRowContext(ctx, "SELECT "+bodyColumns+bodyFrom+" WHERE b.id = $1", r.BodyID))
	if err != nil {
		return nil, err
	}
	cal, err := s.calendar(ctx, tx, r.BodyID)
	if err != nil {
		return nil, err
	}
	table, err := feeTable(ctx, tx, body.ID)
	if err != nil {
		return nil, err
	}
	quote, err := table.Quote(in.Fees)
	if err != nil {
		return nil, err
	}
	r.Status = status
	r.Decision = &terbuka.Decision{Kind: in.Decision, Note: in.Note, Exemption: in.Exemption,
		TransferredTo: in.TransferredTo, DecidedAt: now, DecidedBy: u.Name}
	local := now.In(cal.Location())
	n := terbuka.Notice{IssuedAt: now, IssuedOn: workday.DateOf(local), CalendarVersion: cal.Version(), Signer: u.Name}
	n.ObjectionDueOn = terbuka.NoticeObjectionDeadline(cal, n.IssuedOn)
	seq, err := nextNumber(ctx, tx, noticeScope, body.ID, local.Year())
	if err != nil {
		return nil, err
	}
	n.Number = terbuka.NoticeNumber(body.Code, local.Year(), seq)
	if in.Decision.Refusal() {
		seq, err := nextNumber(ctx, tx, refusalScope, body.ID, local.Year())
		if err != nil {
			return nil, err
		}
		n.RefusalNumber = terbuka.RefusalNumber(body.Code, local.Year(), seq)
	}
	doc := terbuka.NoticeDocument{Notice: n, Body: body, Request: r, Fee: quote, PaymentInstructions: table.PaymentInstructions}
	noticePDF, err := s.renderer().Notice(doc)
	if err != nil {
		return nil, fmt.Errorf("draw notice %s: %w", n.Number, err)
	}
	noticeFile, err := s.storeFile(ctx, tx, r.ID, terbuka.FileNotice, "pemberitahuan-"+n.Number+".pdf",
		"application/pdf", bytes.NewReader(noticePDF), true, nil, now)
	if err != nil {
		return nil, err
	}
	var refusalFileID any
	data := map[string]any{"notice_number": n.Number, "notice_sha256": noticeFile.SHA256,
		"issued_on": n.IssuedOn.String(), "objection_due_on": n.ObjectionDueOn.String(), "calendar_version": n.CalendarVersion}
	if n.RefusalNumber != "" {
		refusalPDF, err := s.renderer().Refusal(doc)
		if err != nil {
			return nil, fmt.Errorf("draw sk penolakan %s: %w", n.RefusalNumber, err)
		}
		f, err := s.storeFile(ctx, tx, r.ID, terbuka.FileRefusal, "sk-penolakan-"+n.RefusalNumber+".pdf",
			"application/pdf", bytes.NewReader(refusalPDF), true, nil, now)
		if err != nil {
			return nil, err
		}
		refusalFileID = f.ID
		data["refusal_number"], data["refusal_sha256"] = n.RefusalNumber, f.SHA256
	}
	var refusalNumber any
	if n.RefusalNumber != "" {
		refusalNumber = n.RefusalNumber
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO notices (request_id, number, refusal_number, issued_at, issued_on,
		objection_due_on, calendar_version, signer, notice_file_id, refusal_file_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, r.ID, n.Number, refusalNumber, now, n.IssuedOn.String(),
		n.ObjectionDueOn.String(), n.CalendarVersion, n.Signer, noticeFile.ID, refusalFileID); err != nil {
		return nil, fmt.Errorf("insert notice: %w", err)
	}
	if quote != nil {
		if err := insertQuote(ctx, tx, r.ID, quote, now); err != nil {
			return nil, err
		}
		data["fee_total"] = quote.Total
	}
	return data, nil
}

// withNotice adds what the notice records to the decision's audit entry,
// so a decision stays one entry: its numbers, the SHA-256 of its PDFs, its
// dates and the fee quoted.
func withNotice(e terbuka.AuditEntry, notice map[string]any) terbuka.AuditEntry {
	fields := map[string]any{}
	if err := json.Unmarshal([]byte(e.Data), &fields); err != nil {
		panic("store: audit data is not a JSON object: " + err.Error()) // built by terbuka.AuditData
	}
	for k, v := range notice {
		fields[k] = v
	}
	e.Data = terbuka.AuditData(fields)
	return e
}

// storeFile puts the bytes of rd in the file store, then records them as
// a file of request id within tx. by is the staff member who added it, nil
// for a generated document.
func (s *Store) storeFile(ctx context.Context, tx *sql.Tx, requestID int64, kind terbuka.FileKind, name, contentType string,
	rd io.Reader, public bool, by *terbuka.User, now time.Time) (terbuka.RequestFile, error) {
	ref, err := s.fileStore().Put(ctx, rd, terbuka.MaxReleaseBytes)
	if errors.Is(err, files.ErrTooLarge) {
		return terbuka.RequestFile{}, terbuka.Errorf(terbuka.ETooLarge, "too_large.file", terbuka.MaxReleaseBytes>>20)
	}
	if err != nil {
		return terbuka.RequestFile{}, fmt.Errorf("store %s: %w", kind, err)
	}
	f := terbuka.RequestFile{RequestID: requestID, Kind: kind, Name: name, ContentType: contentType, SHA256: ref.SHA256,
		Size: ref.Size, Public: public, CreatedAt: now}
	var byID any
	if by != nil {
		byID, f.CreatedBy = by.ID, by.Name
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO request_files (request_id, kind, name, content_type, sha256, size,
		public_to_requester, created_by, created_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		RETURNING id`, requestID, kind, name, contentType, ref.SHA256, ref.Size, public, byID, f.CreatedBy, now).Scan(&f.ID)
	if err != nil {
		return terbuka.RequestFile{}, fmt.Errorf("insert request file: %w", err)
	}
	return f, nil
}

// docsRequestByToken returns request number to whoever holds its tracking
// token; any mismatch is not found.
func (s *Store) docsRequestByToken(ctx context.Context, number, token string) (terbuka.Request, error) {
	if number == "" || token == "" {
		return terbuka.Request{}, terbuka.ErrNotFound("request")
	}
	r, hash, err := s.requestByNumber(ctx, s.read, number, false)
	if err != nil {
		return terbuka.Request{}, err
	}
	if subtle.ConstantTimeCompare([]byte(hash), []byte(hashSecret(token))) != 1 {
		return terbuka.Request{}, terbuka.ErrNotFound("request")
	}
	return r, nil
}

// docsRequestForStaff returns request number if u may read it (the rule
// of RequestForStaff), else not found.
func (s *Store) docsRequestForStaff(ctx context.Context, u terbuka.User, number string) (terbuka.Request, error) {
	return s.RequestForStaff(ctx, u, number)
}

// DocumentsForStaff returns everything request number holds for its
// requester — the notice, every file (public or not), catalogue links, the
// fee — to staff who may see the request; otherwise not found.
func (s *Store) DocumentsForStaff(ctx context.Context, u terbuka.User, number string) (terbuka.RequestDocuments, error) {
	r, err := s.docsRequestForStaff(ctx, u, number)
	if err != nil {
		return terbuka.RequestDocuments{}, err
	}
	return s.documents(ctx, r, false)
}

// DocumentsByTracking returns to whoever holds the tracking token what
// request number holds for its requester: only files marked public, and
// the fee without the name of the officer who received a payment. A wrong
// number or token is not found.
func (s *Store) DocumentsByTracking(ctx context.Context, number, token string) (terbuka.RequestDocuments, error) {
	r, err := s.docsRequestByToken(ctx, number, token)
	if err != nil {
		return terbuka.RequestDocuments{}, err
	}
	d, err := s.documents(ctx, r, true)
	// Staff names stay internal, as in the public events.
	if d.Fee != nil && d.Fee.Payment != nil {
		d.Fee.Payment.ReceivedBy, d.Fee.Payment.ReceivedByID = "", 0
	}
	for i := range d.Files {
		d.Files[i].CreatedBy = ""
	}
	for i := range d.Links {
		d.Links[i].LinkedBy = ""
	}
	return d, err
}

func (s *Store) documents(ctx context.Context, r terbuka.Request, publicOnly bool) (terbuka.RequestDocuments, error) {
	var d terbuka.RequestDocuments
	var err error
	if d.Notice, err = noticeOf(ctx, s.read, r.ID); err != nil {
		return d, err
	}
	if d.Files, err = requestFiles(ctx, s.read, r.ID, publicOnly); err != nil {
		return d, err
	}
	if d.Links, err = s.catalogueLinks(ctx, r.ID); err != nil {
		return d, err
	}
	if d.Fee, err = feeQuote(ctx, s.read, r.ID, ""); err != nil {
		return d, err
	}
	table, err := feeTable(ctx, s.read, r.BodyID)
	d.PaymentInstructions = table.PaymentInstructions
	return d, err
}

func noticeOf(ctx context.Context, q queryer, requestID int64) (*terbuka.Notice, error) {
	var n terbuka.Notice
	var refusal sql.NullString
	var issuedOn, due string
	err := q.QueryRowContext(ctx, `SELECT number, refusal_number, issued_at, issued_on, objection_due_on, calendar_version,
		signer FROM notices WHERE request_id = $1`, requestID).Scan(&n.Number, &refusal, &n.IssuedAt, &issuedOn, &due,
		&n.CalendarVersion, &n.Signer)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil // undecided, or decided before notices existed
	}
	if err != nil {
		return nil, fmt.Errorf("get notice: %w", err)
	}
	n.RefusalNumber, n.IssuedAt = refusal.String, n.IssuedAt.UTC()
	if n.IssuedOn, err = workday.ParseDate(issuedOn); err != nil {
		return nil, fmt.Errorf("notice %s: %w", n.Number, err)
	}
	if n.ObjectionDueOn, err = workday.ParseDate(due); err != nil {
		return nil, fmt.Errorf("notice %s: %w", n.Number, err)
	}
	return &n, nil
}

const requestFileColumns = `id, request_id, kind, name, content_type, sha256, size, public_to_requester, created_by_name, created_at`

func scanRequestFile(row interface{ Scan(...any) error }) (terbuka.RequestFile, error) {
	var f terbuka.RequestFile
	err := row.Scan(&f.ID, &f.RequestID, &f.Kind, &f.Name, &f.ContentType, &f.SHA256, &f.Size, &f.Public, &f.CreatedBy, &f.CreatedAt)
	f.CreatedAt = f.CreatedAt.UTC()
	return f, err
}

func requestFiles(ctx context.Context, q queryer, requestID int64, publicOnly bool) ([]terbuka.RequestFile, error) {
	query := "SELECT " + requestFileColumns + " FROM request_files WHERE request_id = $1"
	args := []any{requestID}
	if publicOnly {
		query += " AND public_to_requester = $2"
		args = append(args, true)
	}
	rows, err := q.QueryContext(ctx, query+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("list request files: %w", err)
	}
	defer rows.Close()
	out := []terbuka.RequestFile{}
	for rows.Next() {
		f, err := scanRequestFile(rows)
		if err != nil {
			return nil, fmt.Errorf("scan request file: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// OpenFileForStaff opens file id of request number for staff who may see
// the request, public or not. A file of another request is not found.
// The caller closes the reader.
func (s *Store) OpenFileForStaff(ctx context.Context, u terbuka.User, number string, id int64) (terbuka.RequestFile, io.ReadCloser, error) {
	r, err := s.docsRequestForStaff(ctx, u, number)
	if err != nil {
		return terbuka.RequestFile{}, nil, err
	}
	return s.openFile(ctx, r.ID, id, false)
}

// OpenFileByTracking opens public file id of request number for whoever
// holds its tracking token. A wrong number, token or file, and a file not
// public to the requester, are all the same not found.
func (s *Store) OpenFileByTracking(ctx context.Context, number, token string, id int64) (terbuka.RequestFile, io.ReadCloser, error) {
	r, err := s.docsRequestByToken(ctx, number, token)
	if err != nil {
		return terbuka.RequestFile{}, nil, err
	}
	return s.openFile(ctx, r.ID, id, true)
}

func (s *Store) openFile(ctx context.Context, requestID, id int64, publicOnly bool) (terbuka.RequestFile, io.ReadCloser, error) {
	f, err := scanRequestFile(s.read.QueryRowContext(ctx, "SELECT "+requestFileColumns+
		" FROM request_files WHERE id = $1 AND request_id = $2", id, requestID))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && publicOnly && !f.Public) {
		return terbuka.RequestFile{}, nil, terbuka.ErrNotFound("file")
	}
	if err != nil {
		return terbuka.RequestFile{}, nil, fmt.Errorf("get request file: %w", err)
	}
	rc, err := s.fileStore().Open(ctx, f.SHA256)
	if err != nil {
		// A row whose bytes are gone: the file store was lost or not
		// shared between instances (files.Disk is per machine).
		return terbuka.RequestFile{}, nil, fmt.Errorf("open request file %d (%s): %w", f.ID, f.SHA256, err)
	}
	return f, rc, nil
}

// FileContent is a stored file with its bytes, for e-mail attachments.
type FileContent struct {
	terbuka.RequestFile
	Data []byte
}

// NoticeFiles returns the written notice and SK penolakan of request
// number with their bytes, for the decision e-mail (which acts for the
// system, not for a user). A request without a notice has none.
func (s *Store) NoticeFiles(ctx context.Context, number string) ([]FileContent, error) {
	r, _, err := s.requestByNumber(ctx, s.read, number, false)
	if err != nil {
		return nil, err
	}
	list, err := requestFiles(ctx, s.read, r.ID, true)
	if err != nil {
		return nil, err
	}
	var out []FileContent
	for _, f := range list {
		if f.Kind != terbuka.FileNotice && f.Kind != terbuka.FileRefusal {
			continue
		}
		rc, err := s.fileStore().Open(ctx, f.SHA256)
		if err != nil {
			return nil, fmt.Errorf("open %s of %s: %w", f.Kind, number, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, terbuka.MaxReleaseBytes))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s of %s: %w", f.Kind, number, err)
		}
		out = append(out, FileContent{RequestFile: f, Data: data})
	}
	return out, nil
}
