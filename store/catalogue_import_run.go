package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/dipimport"
	"github.com/terbuka-id/terbuka/files"
)

const (
	// importProgressEvery is how many rows are checked between two
	// progress updates, each its own small transaction.
	importProgressEvery = 250
	// maxImportReport bounds the stored report: a file with every row
	// wrong (a shifted column) would otherwise store tens of thousands.
	maxImportReport = 1000
)

// importRow is a checked entry and the sheet row it came from.
type importRow struct {
	line  int
	entry terbuka.CatalogueEntry
}

// RunCatalogueImport processes import id for the claimed job j (kind
// CatalogueImportJob) and returns the import as it ended. It checks every
// row, as the uploader, with NewCatalogueEntry.Entry on the body's today,
// the unit rule of the catalogue (a body of the same government, given by
// slug or by name) and for duplicates: the same title and year twice in
// the file, or already in the body's catalogue. Progress (Done) is saved
// every importProgressEvery rows. If any row fails, the import is
// rejected with the report and nothing is added; otherwise one
// transaction adds every entry, each with its catalogue.created audit
// entry, marks the import done and completes j. Final states are written
// only together with j's completion, and a finished import is never run
// again, so a retried or duplicated job cannot import twice. A missing
// file, or an uploader who lost the right to the body, fails the import
// for good; other errors are returned for the runner to retry.
func (s *Store) RunCatalogueImport(ctx context.Context, j Job, id int64) (CatalogueImport, error) {
	imp, err := catalogueImport(ctx, s.read, id)
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		return imp, s.CompleteJob(ctx, j)
	}
	if err != nil {
		return imp, err
	}
	if imp.Finished() {
		return imp, s.CompleteJob(ctx, j)
	}
	u, err := scanUser(s.read.QueryRowContext(ctx, "SELECT "+userColumns+userFrom+" WHERE u.id = $1", imp.CreatedBy))
	if err != nil {
		return imp, fmt.Errorf("catalogue import %d: uploader: %w", id, err)
	}
	var body terbuka.Body
	if !u.Disabled && u.Role.CanManageCatalogue() {
		body, err = s.adminBody(ctx, s.read, u, imp.BodySlug)
	}
	if u.Disabled || !u.Role.CanManageCatalogue() || terbuka.ErrorCode(err) == terbuka.ENotFound {
		return s.finishImport(ctx, j, imp, ImportFailed, []ImportProblem{{Field: "file", Key: "forbidden.import_uploader"}}, 1)
	}
	if err != nil {
		return imp, err
	}
	if err := s.updateImport(ctx, id, "status = $2", ImportValidating); err != nil {
		return imp, err
	}
	data, err := s.openImportFile(ctx, imp)
	if errors.Is(err, files.ErrNotFound) {
		return s.finishImport(ctx, j, imp, ImportFailed, []ImportProblem{{Field: "file", Key: "not_found.import_file"}}, 1)
	}
	if err != nil {
		return imp, fmt.Errorf("catalogue import %d: read file: %w", id, err)
	}
	rows, report, problems, err := s.checkImport(ctx, imp, body, data)
	if err != nil {
		return imp, err
	}
	if problems > 0 {
		return s.finishImport(ctx, j, imp, ImportRejected, report, problems)
	}
	if err := s.updateImport(ctx, id, "status = $2, done = total", ImportSaving); err != nil {
		return imp, err
	}
	return s.saveImport(ctx, j, imp, u, body, rows)
}

// updateImport sets columns (with $2 as the argument) of an unfinished
// import in a transaction of its own, so a status page sees it at once.
func (s *Store) updateImport(ctx context.Context, id int64, set string, arg any) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE catalogue_imports SET "+set+` WHERE id = $1
			AND status NOT IN ('done', 'rejected', 'failed')`, id, arg)
		if err != nil {
			return fmt.Errorf("update catalogue import %d: %w", id, err)
		}
		return nil
	})
}

// checkImport checks every row of data and returns the entries to add,
// or the first maxImportReport problems and how many there are in all.
func (s *Store) checkImport(ctx context.Context, imp CatalogueImport, body terbuka.Body, data []byte) (
	[]importRow, []ImportProblem, int, error) {
	file, err := dipimport.Parse(data, imp.Filename)
	if err != nil {
		// It passed when uploaded; a newer version may read it otherwise.
		e := terbuka.AsError(err)
		if e == nil {
			return nil, nil, 0, err
		}
		return nil, []ImportProblem{{Field: "file", Key: e.Msg.Key, Args: e.Msg.Args}}, 1, nil
	}
	existing, err := catalogueKeys(ctx, s.read, body.ID)
	if err != nil {
		return nil, nil, 0, err
	}
	today := s.Today(body)
	units := &unitResolver{s: s, body: body, cache: map[string]unitResult{}}
	seen := map[string]int{}
	var out []importRow
	var report []ImportProblem
	count := 0
	for i, row := range file.Rows {
		if i > 0 && i%importProgressEvery == 0 {
			if err := s.updateImport(ctx, imp.ID, "done = $2", i); err != nil {
				return nil, nil, 0, err
			}
		}
		p, e, err := units.check(ctx, row, today)
		if err != nil {
			return nil, nil, 0, err
		}
		if k := catalogueKey(e.Title, row.Entry.Year); e.Title != "" && row.Entry.Year != 0 {
			if first, ok := seen[k]; ok {
				p.Add("title", "invalid.import_duplicate", first)
			} else {
				seen[k] = row.Line
			}
			if id, ok := existing[k]; ok {
				p.Add("title", "invalid.import_exists", id)
			}
		}
		if len(p) == 0 {
			if count == 0 {
				out = append(out, importRow{line: row.Line, entry: e})
			}
			continue
		}
		fields := make([]string, 0, len(p))
		for f := range p {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		for _, f := range fields {
			if count++; len(report) < maxImportReport {
				col := file.Column(f)
				if f == "columns" {
					col = ""
				}
				report = append(report, ImportProblem{Row: row.Line, Field: f, Column: col, Key: p[f].Key, Args: p[f].Args})
			}
		}
	}
	return out, report, count, nil
}

// catalogueKey is what makes two entries the same: title (case and
// spacing aside) and year.
func catalogueKey(title string, year int) string {
	return strings.ToLower(strings.Join(strings.Fields(title), " ")) + "|" + strconv.Itoa(year)
}

// catalogueKeys maps the catalogueKey of every entry of body to its ID.
func catalogueKeys(ctx context.Context, q queryer, bodyID int64) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, title, year FROM catalogue_entries WHERE body_id = $1", bodyID)
	if err != nil {
		return nil, fmt.Errorf("catalogue titles: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var title string
		var year int
		if err := rows.Scan(&id, &title, &year); err != nil {
			return nil, fmt.Errorf("catalogue titles: %w", err)
		}
		out[catalogueKey(title, year)] = id
	}
	return out, rows.Err()
}

// finishImport ends imp with status (rejected or failed) and its report,
// in the transaction that completes j; nothing is written when j was
// completed before.
func (s *Store) finishImport(ctx context.Context, j Job, imp CatalogueImport, status string, report []ImportProblem,
	problems int) (CatalogueImport, error) {
	if report == nil {
		report = []ImportProblem{}
	}
	b, err := json.Marshal(report)
	if err != nil {
		return imp, fmt.Errorf("catalogue import %d: report: %w", imp.ID, err)
	}
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		done, err := completeJob(ctx, tx, j, s.Now())
		if err != nil || !done {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE catalogue_imports SET status = $1, problems = $2, report = $3, finished_at = $4,
			done = CASE WHEN $1 = 'rejected' THEN total ELSE done END
			WHERE id = $5 AND status NOT IN ('done', 'rejected', 'failed')`, status, problems, string(b), s.Now(), imp.ID)
		return err
	})
	if err != nil {
		return imp, fmt.Errorf("catalogue import %d: finish: %w", imp.ID, err)
	}
	return catalogueImport(ctx, s.read, imp.ID)
}

// saveImport adds every entry of imp in one transaction with j's
// completion. The body row is locked and the titles checked again, so two
// imports of one file that raced through validation cannot both land.
func (s *Store) saveImport(ctx context.Context, j Job, imp CatalogueImport, u terbuka.User, body terbuka.Body,
	rows []importRow) (CatalogueImport, error) {
	var clash []ImportProblem
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		var status string
		if err := tx.QueryRowContext(ctx, "SELECT status FROM catalogue_imports WHERE id = $1"+s.db.forUpdate(),
			imp.ID).Scan(&status); err != nil {
			return fmt.Errorf("lock catalogue import %d: %w", imp.ID, err)
		}
		done, err := completeJob(ctx, tx, j, s.Now())
		if err != nil || !done || status != ImportSaving {
			return err
		}
		if _, err := tx.ExecContext(ctx, "SELECT id FROM bodies WHERE id = $1"+s.db.forUpdate(), body.ID); err != nil {
			return fmt.Errorf("lock body %d: %w", body.ID, err)
		}
		existing, err := catalogueKeys(ctx, tx, body.ID)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if id, ok := existing[catalogueKey(r.entry.Title, r.entry.Year)]; ok && len(clash) < maxImportReport {
				clash = append(clash, ImportProblem{Row: r.line, Field: "title", Column: dipimport.Label("title"),
					Key: "invalid.import_exists", Args: []any{id}})
			}
		}
		if len(clash) > 0 {
			b, _ := json.Marshal(clash)
			_, err := tx.ExecContext(ctx, `UPDATE catalogue_imports SET status = 'rejected', problems = $1, report = $2,
				finished_at = $3 WHERE id = $4`, len(clash), string(b), s.Now(), imp.ID)
			return err
		}
		audits := make([]terbuka.AuditEntry, 0, len(rows))
		for _, r := range rows {
			e := r.entry
			if e.ID, err = s.insertCatalogueEntry(ctx, tx, u, e); err != nil {
				return err
			}
			a := catalogueCreatedAudit(u, e)
			a.Data = withAuditField(a.Data, "import", imp.ID)
			audits = append(audits, a)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE catalogue_imports SET status = 'done', done = total, accepted = $1,
			finished_at = $2 WHERE id = $3`, len(rows), s.Now(), imp.ID); err != nil {
			return fmt.Errorf("finish catalogue import %d: %w", imp.ID, err)
		}
		return s.appendAudit(ctx, tx, audits...)
	})
	if err != nil {
		return imp, fmt.Errorf("catalogue import %d: save: %w", imp.ID, err)
	}
	return catalogueImport(ctx, s.read, imp.ID)
}

// withAuditField adds key to the canonical audit data JSON data.
func withAuditField(data, key string, v any) string {
	m := map[string]any{}
	_ = json.Unmarshal([]byte(data), &m)
	m[key] = v
	return terbuka.AuditData(m)
}

// FailCatalogueImport marks import id failed with nothing imported, when
// its job gave up (cause is logged by the caller, not stored: it may hold
// internals). A finished import is left as it is.
func (s *Store) FailCatalogueImport(ctx context.Context, id int64) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE catalogue_imports SET status = 'failed', problems = 1, report = $1,
			finished_at = $2 WHERE id = $3 AND status NOT IN ('done', 'rejected', 'failed')`,
			`[{"row":0,"field":"file","message_key":"import.failed"}]`, s.Now(), id)
		if err != nil {
			return fmt.Errorf("fail catalogue import %d: %w", id, err)
		}
		return nil
	})
}
