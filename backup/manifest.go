// Package backup writes and restores Terbuka's backup archive: every row
// of every table (requests, catalogue, accounts, the audit log…) read in
// one consistent snapshot, and every document the rows refer to, in one
// gzip-compressed tar file (API.md section 1, `terbuka backup` and
// `terbuka restore`).
//
// The archive holds, in this order:
//
//	manifest.json            Manifest: versions, engine, tables with their
//	                         columns, row counts and SHA-256, file list
//	tables/<table>.jsonl     one JSON array per row, in foreign-key order
//	files/<sha256>           the bytes of each document, named by their hash
//
// The manifest comes first, so a restore refuses a newer schema before it
// touches the database, and checks every member against the manifest as
// it streams (an archive can come from standard input). Values are
// written by kind (store.ColumnKind), not by engine, so a SQLite backup
// restores into PostgreSQL and back.
package backup

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
)

// Format names the archive format in the manifest; FormatVersion is the
// version this package writes and the newest it reads.
const (
	Format        = "terbuka-backup"
	FormatVersion = 1
)

// ErrRefused is wrapped by the errors of a restore that must not start
// (the database holds data, the archive is newer than this binary): bad
// input rather than a failure, exit status 2 in the terbuka command.
var ErrRefused = store.ErrRestoreRefused

// Manifest describes an archive.
type Manifest struct {
	Format        string    `json:"format"`
	FormatVersion int       `json:"format_version"`
	SchemaVersion int       `json:"schema_version"` // the highest migration applied to the source
	Engine        string    `json:"engine"`         // of the source: sqlite or postgres
	CreatedAt     time.Time `json:"created_at"`
	Tables        []Table   `json:"tables"` // in foreign-key order
	// Files are the SHA-256 of every document the rows refer to, in
	// ascending order; member files/<sha256> holds its bytes.
	Files []string `json:"files"`
}

// Table is one table's member: tables/<Name>.jsonl.
type Table struct {
	Name    string   `json:"name"`
	Columns []Column `json:"columns"`
	Rows    int64    `json:"rows"`
	Bytes   int64    `json:"bytes"`
	SHA256  string   `json:"sha256"`
}

// Column is one column of a table's rows, in the order of their values.
type Column struct {
	Name string           `json:"name"`
	Kind store.ColumnKind `json:"kind"`
}

// Member is the name of the table's member in the archive.
func (t Table) Member() string { return "tables/" + t.Name + ".jsonl" }

// fileMember is the name of a document's member in the archive.
func fileMember(sha string) string { return "files/" + sha }

// fileColumn is the position of the column holding file references, -1
// when the table has none.
func (t Table) fileColumn() int {
	for i, c := range t.Columns {
		if c.Name == store.FileColumn {
			return i
		}
	}
	return -1
}

// Check reports what is wrong with m, nil when nothing is. A newer format
// version wraps ErrRefused.
func (m *Manifest) Check() error {
	if m.Format != Format {
		return fmt.Errorf("not a Terbuka backup (format %q)", m.Format)
	}
	if m.FormatVersion > FormatVersion {
		return fmt.Errorf("%w: the archive has format version %d, this terbuka reads up to %d; use a newer terbuka",
			ErrRefused, m.FormatVersion, FormatVersion)
	}
	if m.FormatVersion < 1 {
		return fmt.Errorf("manifest: bad format version %d", m.FormatVersion)
	}
	if m.SchemaVersion < 1 {
		return fmt.Errorf("manifest: bad schema version %d", m.SchemaVersion)
	}
	if m.Engine != string(store.SQLite) && m.Engine != string(store.Postgres) {
		return fmt.Errorf("manifest: unknown engine %q", m.Engine)
	}
	if m.CreatedAt.IsZero() {
		return errors.New("manifest: no creation time")
	}
	if len(m.Tables) == 0 {
		return errors.New("manifest: no tables")
	}
	seen := map[string]bool{}
	for _, t := range m.Tables {
		if !store.ValidName(t.Name) || seen[t.Name] {
			return fmt.Errorf("manifest: bad or repeated table name %q", t.Name)
		}
		seen[t.Name] = true
		if err := t.check(); err != nil {
			return fmt.Errorf("manifest: table %s: %w", t.Name, err)
		}
	}
	for i, sha := range m.Files {
		if !files.ValidSHA(sha) {
			return fmt.Errorf("manifest: bad file name %q", sha)
		}
		if i > 0 && sha <= m.Files[i-1] {
			return errors.New("manifest: files not in ascending order or repeated")
		}
	}
	return nil
}

func (t Table) check() error {
	if len(t.Columns) == 0 {
		return errors.New("no columns")
	}
	cols := map[string]bool{}
	for _, c := range t.Columns {
		if !store.ValidName(c.Name) || cols[c.Name] {
			return fmt.Errorf("bad or repeated column name %q", c.Name)
		}
		cols[c.Name] = true
		if !store.ValidKind(c.Kind) {
			return fmt.Errorf("column %s: unknown kind %q", c.Name, c.Kind)
		}
	}
	if t.Rows < 0 || t.Bytes < 0 {
		return errors.New("negative row or byte count")
	}
	if !files.ValidSHA(t.SHA256) {
		return fmt.Errorf("bad checksum %q", t.SHA256)
	}
	return nil
}

// hasFile reports whether sha is in the manifest's sorted file list.
func (m *Manifest) hasFile(sha string) bool {
	_, ok := slices.BinarySearch(m.Files, sha)
	return ok
}
