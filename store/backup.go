package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Backup and restore of every table (package backup writes the archive).
// A backup reads all tables in one read transaction, a snapshot on both
// engines, so the audit chain, its head, the counters and the rows they
// number agree; a restore writes them all in one write transaction into an
// empty database, so it is whole or nothing.

// ErrRestoreRefused is wrapped by the errors of a restore that must not
// start: the target holds data, or the archive's schema is newer than
// this binary's or older than the target's.
var ErrRestoreRefused = errors.New("restore refused")

// Snapshot is one consistent read of every table a backup carries.
type Snapshot struct {
	Engine        Dialect
	SchemaVersion int           // the highest migration applied
	Tables        []BackupTable // in foreign-key order
	tx            *sql.Tx
}

// Snapshot calls fn with a snapshot of the database, valid until fn
// returns. Writers carry on meanwhile; they are not seen.
func (db *DB) Snapshot(ctx context.Context, fn func(*Snapshot) error) error {
	// REPEATABLE READ READ ONLY gives PostgreSQL one snapshot for every
	// statement; on SQLite a read transaction on a WAL database is one
	// from its first read, made at once below.
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return fmt.Errorf("backup: begin: %w", err)
	}
	defer tx.Rollback()
	s := &Snapshot{Engine: db.Dialect, tx: tx}
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&s.SchemaVersion); err != nil {
		return fmt.Errorf("backup: read schema version (is the database migrated?): %w", err)
	}
	if s.Tables, err = db.backupSchema(ctx, tx); err != nil {
		return err
	}
	return fn(s)
}

// Rows calls fn with every row of t, in primary-key order, each value
// NULL (nil) or the Go type of its column's kind. The slice is reused
// between calls.
func (s *Snapshot) Rows(ctx context.Context, t BackupTable, fn func(values []any) error) error {
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = quoteName(c.Name)
	}
	query := "SELECT " + strings.Join(cols, ", ") + " FROM " + quoteName(t.Name)
	if len(t.PrimaryKey) > 0 {
		pk := make([]string, len(t.PrimaryKey))
		for i, c := range t.PrimaryKey {
			pk[i] = quoteName(c)
		}
		query += " ORDER BY " + strings.Join(pk, ", ")
	}
	rows, err := s.tx.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("backup: read %s: %w", t.Name, err)
	}
	defer rows.Close()
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	values := make([]any, len(cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("backup: read %s: %w", t.Name, err)
		}
		for i, c := range t.Columns {
			v, err := normalize(c.Kind, raw[i])
			if err != nil {
				return fmt.Errorf("backup: table %s column %s: %w", t.Name, c.Name, err)
			}
			values[i] = v
		}
		if err := fn(values); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("backup: read %s: %w", t.Name, err)
	}
	return nil
}

// normalize turns what a driver scanned into the Go type of kind, so both
// engines yield the same values: SQLite's 0/1 booleans become bool,
// PostgreSQL's int4 int64, times UTC.
func normalize(kind ColumnKind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case KindInteger:
		switch x := v.(type) {
		case int64:
			return x, nil
		case int32:
			return int64(x), nil
		case int16:
			return int64(x), nil
		}
	case KindBoolean:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			if x == 0 || x == 1 {
				return x == 1, nil
			}
		}
	case KindTimestamp:
		switch x := v.(type) {
		case time.Time:
			return x.UTC(), nil
		case string: // SQLite text the driver could not read as a time: kept as it is
			return x, nil
		}
	case KindText:
		switch x := v.(type) {
		case string:
			if utf8.ValidString(x) {
				return x, nil
			}
		case []byte:
			if utf8.Valid(x) {
				return string(x), nil
			}
		}
	case KindReal:
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		}
	case KindBytes:
		switch x := v.(type) {
		case []byte:
			return append([]byte(nil), x...), nil
		case string:
			return []byte(x), nil
		}
	}
	return nil, fmt.Errorf("value of Go type %T is not a valid %s", v, kind)
}

// quoteName quotes a name ValidName accepted.
func quoteName(s string) string { return `"` + s + `"` }

// LatestSchemaVersion is the highest migration this binary has.
func (db *DB) LatestSchemaVersion() (int, error) {
	list, err := db.migrations()
	if err != nil {
		return 0, err
	}
	if len(list) == 0 {
		return 0, errors.New("no migrations embedded")
	}
	return list[len(list)-1].version, nil
}

// appliedVersion is the highest migration applied, 0 for a new database.
func (db *DB) appliedVersion(ctx context.Context, q queryer) (int, error) {
	names, err := db.tableNames(ctx, q)
	if err != nil {
		return 0, err
	}
	for _, n := range names {
		if n == "schema_migrations" {
			var v int
			err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
			if err != nil {
				return 0, fmt.Errorf("restore: read schema version: %w", err)
			}
			return v, nil
		}
	}
	return 0, nil
}

// PrepareRestore readies the database for a restore of an archive made
// at schema version: it must be empty (see Load) and not migrated past
// version, and version must not be newer than this binary; otherwise the
// error wraps ErrRestoreRefused and nothing was changed. It then migrates
// the database to version.
func (db *DB) PrepareRestore(ctx context.Context, version int) error {
	latest, err := db.LatestSchemaVersion()
	if err != nil {
		return err
	}
	if version < 1 || version > latest {
		return fmt.Errorf("%w: the archive is at schema version %d, this terbuka knows versions up to %d; "+
			"restore it with the terbuka that made it or a newer one", ErrRestoreRefused, version, latest)
	}
	applied, err := db.appliedVersion(ctx, db.w)
	if err != nil {
		return err
	}
	if applied > 0 {
		tables, err := db.backupSchema(ctx, db.w)
		if err != nil {
			return err
		}
		if err := checkEmpty(ctx, db.w, tables); err != nil {
			return err
		}
	}
	if applied > version {
		return fmt.Errorf("%w: the database is already at schema version %d, newer than the archive's %d; "+
			"restore into a new database", ErrRestoreRefused, applied, version)
	}
	if _, err := db.MigrateTo(ctx, version); err != nil {
		return fmt.Errorf("restore: migrate to version %d: %w", version, err)
	}
	return nil
}

// checkEmpty refuses a database that holds data: any row in a carried
// table other than the bootstrap ones, or an audit chain already begun.
func checkEmpty(ctx context.Context, q queryer, tables []BackupTable) error {
	hasHead := false
	for _, t := range tables {
		hasHead = hasHead || t.Name == "audit_head"
		if backupBootstrap[t.Name] {
			continue
		}
		var one int
		err := q.QueryRowContext(ctx, "SELECT 1 FROM "+quoteName(t.Name)+" LIMIT 1").Scan(&one)
		if err == nil {
			return fmt.Errorf("%w: the database already holds data (table %s has rows); restore only into an empty database",
				ErrRestoreRefused, t.Name)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("restore: check %s is empty: %w", t.Name, err)
		}
	}
	if !hasHead {
		return nil
	}
	var seq int64
	err := q.QueryRowContext(ctx, "SELECT seq FROM audit_head WHERE id = 1").Scan(&seq)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("restore: read audit head: %w", err)
	}
	if seq != 0 {
		return fmt.Errorf("%w: the database already holds data (its audit log has %d entries); restore only into an empty database",
			ErrRestoreRefused, seq)
	}
	return nil
}
