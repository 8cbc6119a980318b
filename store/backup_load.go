package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Loader writes the rows of a backup within Load's transaction.
type Loader struct {
	db     *DB
	tx     *sql.Tx
	tables map[string]BackupTable
	opened map[string]bool
}

// Load calls fn with a Loader in one write transaction and commits when
// fn returns nil, so a restore is whole or nothing. The database must be
// migrated (PrepareRestore) and empty; it is checked again here, within
// the transaction, and an error wrapping ErrRestoreRefused says otherwise.
// The rows of a bootstrap table (audit_head, schedules) are replaced when
// the archive has the table.
// Tables must be loaded parents first (the order of Snapshot.Tables);
// after fn, PostgreSQL's identity sequences are moved past the loaded IDs.
func (db *DB) Load(ctx context.Context, fn func(*Loader) error) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		tables, err := db.backupSchema(ctx, tx)
		if err != nil {
			return err
		}
		if err := checkEmpty(ctx, tx, tables); err != nil {
			return err
		}
		l := &Loader{db: db, tx: tx, tables: map[string]BackupTable{}, opened: map[string]bool{}}
		for _, t := range tables {
			l.tables[t.Name] = t
		}
		if err := fn(l); err != nil {
			return err
		}
		if db.Dialect != Postgres {
			return nil // SQLite picks max(rowid)+1 by itself
		}
		for _, t := range tables {
			for _, col := range t.identity {
				if _, err := tx.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX("+quoteName(col)+
					"), 0) + 1, false) FROM "+quoteName(t.Name), t.Name, col); err != nil {
					return fmt.Errorf("restore: move the sequence of %s.%s: %w", t.Name, col, err)
				}
			}
		}
		return nil
	})
}

// TableLoader inserts the rows of one table.
type TableLoader struct {
	t       BackupTable
	tx      *sql.Tx
	stmt    *sql.Stmt
	kinds   []ColumnKind
	row     []any
	self    []int    // positions of self-referring columns
	pk      int      // position of the single-column primary key, with self
	pending [][]any  // per self column: pairs of primary key, value
	names   []string // column names, for the updates
}

// Table starts loading table name with the given columns, in the order
// the rows will hold them. The table must exist here and not be loaded
// yet; every column must exist here (columns left out take their
// defaults).
func (l *Loader) Table(ctx context.Context, name string, columns []string) (*TableLoader, error) {
	t, ok := l.tables[name]
	if !ok {
		return nil, fmt.Errorf("restore: table %s of the archive does not exist in this database", name)
	}
	if l.opened[name] {
		return nil, fmt.Errorf("restore: table %s is twice in the archive", name)
	}
	l.opened[name] = true
	if backupBootstrap[name] { // the archive's rows replace the fresh database's
		if _, err := l.tx.ExecContext(ctx, "DELETE FROM "+quoteName(name)); err != nil {
			return nil, fmt.Errorf("restore: clear %s: %w", name, err)
		}
	}
	kindOf := map[string]ColumnKind{}
	for _, c := range t.Columns {
		kindOf[c.Name] = c.Kind
	}
	tl := &TableLoader{t: t, tx: l.tx, pk: -1, names: columns}
	seen := map[string]bool{}
	params := make([]string, len(columns))
	quoted := make([]string, len(columns))
	for i, c := range columns {
		k, ok := kindOf[c]
		if !ok || seen[c] {
			return nil, fmt.Errorf("restore: table %s has no column %q (or it is listed twice)", name, c)
		}
		seen[c] = true
		tl.kinds = append(tl.kinds, k)
		params[i] = fmt.Sprintf("$%d", i+1)
		quoted[i] = quoteName(c)
		for _, s := range t.SelfRefs {
			if s == c {
				tl.self = append(tl.self, i)
			}
		}
		if len(t.PrimaryKey) == 1 && t.PrimaryKey[0] == c {
			tl.pk = i
		}
	}
	if len(tl.self) > 0 && tl.pk < 0 {
		return nil, fmt.Errorf("restore: table %s refers to itself but has no single-column primary key to order by", name)
	}
	tl.pending = make([][]any, len(tl.self))
	tl.row = make([]any, len(columns))
	stmt, err := l.tx.PrepareContext(ctx, "INSERT INTO "+quoteName(name)+" ("+strings.Join(quoted, ", ")+") VALUES ("+
		strings.Join(params, ", ")+")")
	if err != nil {
		return nil, fmt.Errorf("restore: prepare %s: %w", name, err)
	}
	tl.stmt = stmt
	return tl, nil
}

// Kinds are this database's kinds of the columns given to Table.
func (tl *TableLoader) Kinds() []ColumnKind { return tl.kinds }

// Insert adds one row, its values in the order of Table's columns, each
// nil or the Go type of its kind.
func (tl *TableLoader) Insert(ctx context.Context, values []any) error {
	if len(values) != len(tl.kinds) {
		return fmt.Errorf("restore: table %s: a row has %d values for %d columns", tl.t.Name, len(values), len(tl.kinds))
	}
	copy(tl.row, values)
	// A row may refer to a later row of its own table (a body to its
	// parent): such references are set once every row is in.
	for j, i := range tl.self {
		if tl.row[i] != nil {
			tl.pending[j] = append(tl.pending[j], tl.row[tl.pk], tl.row[i])
			tl.row[i] = nil
		}
	}
	if _, err := tl.stmt.ExecContext(ctx, tl.row...); err != nil {
		return fmt.Errorf("restore: insert into %s: %w", tl.t.Name, err)
	}
	return nil
}

// Close sets the self references held back by Insert and ends the table.
func (tl *TableLoader) Close(ctx context.Context) error {
	defer tl.stmt.Close()
	for j, i := range tl.self {
		q := "UPDATE " + quoteName(tl.t.Name) + " SET " + quoteName(tl.names[i]) + " = $1 WHERE " + quoteName(tl.names[tl.pk]) + " = $2"
		p := tl.pending[j]
		for k := 0; k+1 < len(p); k += 2 {
			if _, err := tl.tx.ExecContext(ctx, q, p[k+1], p[k]); err != nil {
				return fmt.Errorf("restore: %s.%s: %w", tl.t.Name, tl.names[i], err)
			}
		}
	}
	return nil
}
