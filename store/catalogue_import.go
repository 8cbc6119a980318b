package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/dipimport"
	"github.com/terbuka-id/terbuka/files"
)

// Statuses of a catalogue import, in the order they pass. Done, rejected
// and failed are final.
const (
	ImportQueued     = "queued"     // stored, waiting for a worker
	ImportValidating = "validating" // rows being checked; Done counts them
	ImportSaving     = "saving"     // every row passed; the entries are being written
	ImportDone       = "done"       // every entry added (Accepted)
	ImportRejected   = "rejected"   // at least one row failed: nothing added, see Report
	ImportFailed     = "failed"     // could not be processed (file gone, uploader lost the right, errors)
)

// CatalogueImportJob is the job kind that processes an import (package
// jobs runs it with RunCatalogueImport).
const CatalogueImportJob = "catalogue_import"

// CatalogueImport is one uploaded DIP file and how its import went.
type CatalogueImport struct {
	ID                 int64
	BodyID             int64
	BodySlug, BodyName string
	CreatedBy          int64
	CreatedByName      string
	Filename           string
	SHA256             string
	Size               int64
	Status             string
	Total              int // data rows in the file
	Done               int // rows checked so far
	Accepted           int // entries added (done only)
	Problems           int // problems found in all (rejected); Report holds the first maxImportReport
	Report             []ImportProblem
	CreatedAt          time.Time
	FinishedAt         time.Time // zero until done, rejected or failed
}

// Finished reports whether the import reached a final status.
func (i CatalogueImport) Finished() bool {
	return i.Status == ImportDone || i.Status == ImportRejected || i.Status == ImportFailed
}

// ImportProblem is one line of an import's report: what is wrong with
// field (a JSON path of NewCatalogueEntry, "file" or "columns") on sheet
// row Row (0 for the file as a whole), whose column in the file is Column.
type ImportProblem struct {
	Row    int    `json:"row"`
	Field  string `json:"field"`
	Column string `json:"column,omitempty"`
	Key    string `json:"message_key"`
	Args   []any  `json:"args,omitempty"`
}

// Msg is the problem's message, to render in the reader's language.
func (p ImportProblem) Msg() terbuka.Msg { return terbuka.M(p.Key, p.Args...) }

// importJob is the payload of a CatalogueImportJob.
type importJob struct {
	ImportID int64 `json:"import_id"`
}

// StartCatalogueImport stores the DIP file r (named filename, at most
// dipimport.MaxBytes) for body slug and queues its import. u must manage
// the catalogue (EForbidden for other roles) of a body in their scope
// (ENotFound otherwise). The file is parsed at once, so an unreadable file,
// one without the required columns or without data rows is refused here
// with the reason (EInvalid, ETooLarge, EUnsupported on the field "file")
// and nothing is stored; the rows themselves are checked by the job. The
// import row and its job are written in one transaction.
func (s *Store) StartCatalogueImport(ctx context.Context, u terbuka.User, slug, filename string, r io.Reader) (CatalogueImport, error) {
	if !u.Role.CanManageCatalogue() {
		return CatalogueImport{}, terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	if _, err := s.adminBody(ctx, s.read, u, slug); err != nil {
		return CatalogueImport{}, err
	}
	data, err := io.ReadAll(io.LimitReader(r, dipimport.MaxBytes+1))
	if err != nil {
		return CatalogueImport{}, err // an upload cut off by the HTTP limit: the caller maps it
	}
	name := files.SafeName(filename)
	parsed, err := dipimport.Parse(data, name)
	if err != nil {
		return CatalogueImport{}, err
	}
	ref, err := s.fileStore().Put(ctx, bytes.NewReader(data), dipimport.MaxBytes)
	if err != nil {
		return CatalogueImport{}, fmt.Errorf("store import file: %w", err)
	}
	var id int64
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		body, err := s.adminBody(ctx, tx, u, slug)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO catalogue_imports (body_id, created_by, created_by_name, filename,
			sha256, size, status, total, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			body.ID, u.ID, u.Name, name, ref.SHA256, ref.Size, ImportQueued, len(parsed.Rows), s.Now()).Scan(&id); err != nil {
			return fmt.Errorf("insert catalogue import: %w", err)
		}
		// Few attempts: a file that fails three times will fail again.
		_, _, err = enqueueJob(ctx, tx, NewJob{Kind: CatalogueImportJob, Payload: importJob{ImportID: id},
			UniqueKey: "catalogue_import:" + strconv.FormatInt(id, 10), MaxAttempts: 3}, s.Now())
		return err
	})
	if err != nil {
		return CatalogueImport{}, err
	}
	return catalogueImport(ctx, s.read, id)
}

// ImportJobID reads the import ID from the payload of a CatalogueImportJob.
func ImportJobID(j Job) (int64, error) {
	var p importJob
	if err := json.Unmarshal(j.Payload, &p); err != nil || p.ImportID <= 0 {
		return 0, fmt.Errorf("catalogue import job %d: bad payload %q", j.ID, j.Payload)
	}
	return p.ImportID, nil
}

const importColumns = `i.id, i.body_id, b.slug, b.name, i.created_by, i.created_by_name, i.filename, i.sha256, i.size,
	i.status, i.total, i.done, i.accepted, i.problems, i.report, i.created_at, i.finished_at`

const importFrom = ` FROM catalogue_imports i JOIN bodies b ON b.id = i.body_id`

func scanImport(row interface{ Scan(...any) error }) (CatalogueImport, error) {
	var i CatalogueImport
	var report string
	var finished sql.NullTime
	err := row.Scan(&i.ID, &i.BodyID, &i.BodySlug, &i.BodyName, &i.CreatedBy, &i.CreatedByName, &i.Filename, &i.SHA256,
		&i.Size, &i.Status, &i.Total, &i.Done, &i.Accepted, &i.Problems, &report, &i.CreatedAt, &finished)
	if err != nil {
		return i, err
	}
	i.CreatedAt = i.CreatedAt.UTC()
	if finished.Valid {
		i.FinishedAt = finished.Time.UTC()
	}
	if i.Report, err = decodeReport(report); err != nil {
		return i, fmt.Errorf("catalogue import %d: %w", i.ID, err)
	}
	return i, nil
}

// decodeReport reads a stored report. JSON has only float numbers; the
// message formats want whole numbers (%d) back as integers.
func decodeReport(s string) ([]ImportProblem, error) {
	var out []ImportProblem
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, err
	}
	for _, p := range out {
		for i, a := range p.Args {
			if f, ok := a.(float64); ok && f == float64(int64(f)) {
				p.Args[i] = int(f)
			}
		}
	}
	return out, nil
}

func catalogueImport(ctx context.Context, q queryer, id int64) (CatalogueImport, error) {
	i, err := scanImport(q.QueryRowContext(ctx, "SELECT "+importColumns+importFrom+" WHERE i.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return i, terbuka.ErrNotFound("catalogue_import")
	}
	if err != nil {
		return i, fmt.Errorf("get catalogue import: %w", err)
	}
	return i, nil
}

// CatalogueImport returns import id with its report for viewer, who must
// manage the catalogue of its body: to anyone else, and for a missing
// import, it is ENotFound.
func (s *Store) CatalogueImport(ctx context.Context, viewer terbuka.User, id int64) (CatalogueImport, error) {
	i, err := catalogueImport(ctx, s.read, id)
	if err != nil {
		return i, err
	}
	if !viewer.Role.CanManageCatalogue() {
		return CatalogueImport{}, terbuka.ErrNotFound("catalogue_import")
	}
	covers, err := s.catalogueScope(ctx, &viewer)
	if err != nil {
		return CatalogueImport{}, err
	}
	if !covers(i.BodyID) {
		return CatalogueImport{}, terbuka.ErrNotFound("catalogue_import")
	}
	return i, nil
}

// CatalogueImports lists the latest imports (at most limit, newest first)
// of the bodies in u's scope, without their reports. Roles that do not
// manage the catalogue see none.
func (s *Store) CatalogueImports(ctx context.Context, u terbuka.User, limit int) ([]CatalogueImport, error) {
	if !u.Role.CanManageCatalogue() {
		return []CatalogueImport{}, nil
	}
	root, ok, err := requestScope(ctx, s.read, u)
	if err != nil || !ok {
		return []CatalogueImport{}, err
	}
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	// The reports can be long: the list leaves them out.
	cols := strings.Replace(importColumns, "i.report", "'[]'", 1)
	rows, err := s.read.QueryContext(ctx, "SELECT "+cols+importFrom+" WHERE i.body_id IN ("+subtreeSQL+
		") ORDER BY i.id DESC LIMIT $2", root, limit)
	if err != nil {
		return nil, fmt.Errorf("list catalogue imports: %w", err)
	}
	defer rows.Close()
	out := []CatalogueImport{}
	for rows.Next() {
		i, err := scanImport(rows)
		if err != nil {
			return nil, fmt.Errorf("scan catalogue import: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// openImportFile returns the bytes of the import's file.
func (s *Store) openImportFile(ctx context.Context, i CatalogueImport) ([]byte, error) {
	rc, err := s.fileStore().Open(ctx, i.SHA256)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, dipimport.MaxBytes+1))
}
