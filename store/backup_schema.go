package store

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// The tables a backup carries are discovered from the database itself
// (sqlite_master's pragmas, PostgreSQL's catalogue), so a table added by a
// later migration is carried without anyone remembering to list it. Only
// the tables below are left out, each for a reason; anything the backup
// cannot carry faithfully (an unknown column type, a foreign-key cycle, a
// reference to a left-out table) stops it with an error naming the table.

// backupSkipped are the tables a backup leaves out, with the reason.
var backupSkipped = map[string]string{
	// Recreated by MigrateTo on the target, at the archive's version.
	"schema_migrations": "recreated by migrate",
	// Logins are short-lived, and restoring them would bring back sessions
	// that were logged out (or ended by a password change) after the
	// backup was made: after a restore everyone signs in again.
	"sessions": "logins are not restored: everyone signs in again",
}

// backupBootstrap are tables a fresh database already has rows in before
// any data is entered (audit_head is seeded by its migration, schedules by
// the first start of serve). A restore replaces their rows instead of
// counting them as data.
var backupBootstrap = map[string]bool{"audit_head": true, "schedules": true}

// ColumnKind is how a backup carries a column's values, the same on both
// engines: SQLite's INTEGER and PostgreSQL's BIGINT are both KindInteger,
// DATETIME and TIMESTAMPTZ both KindTimestamp.
type ColumnKind string

// The kinds, with the Go type Snapshot.Rows yields and TableLoader.Insert
// takes for a non-NULL value.
const (
	KindInteger   ColumnKind = "integer"   // int64
	KindBoolean   ColumnKind = "boolean"   // bool
	KindTimestamp ColumnKind = "timestamp" // time.Time in UTC; a string for SQLite text that is no time
	KindText      ColumnKind = "text"      // string, valid UTF-8
	KindReal      ColumnKind = "real"      // float64
	KindBytes     ColumnKind = "bytes"     // []byte
)

// ValidKind reports whether k is one of the kinds above.
func ValidKind(k ColumnKind) bool {
	switch k {
	case KindInteger, KindBoolean, KindTimestamp, KindText, KindReal, KindBytes:
		return true
	}
	return false
}

// FileColumn is the name every table gives a column that holds the
// SHA-256 of a document in the file store (request_files,
// catalogue_document_versions, catalogue_imports…): a backup carries the
// bytes of every value found in such a column.
const FileColumn = "sha256"

// BackupColumn is one column a backup carries. Generated columns
// (PostgreSQL's search vectors) are left out: the target computes them.
type BackupColumn struct {
	Name string
	Kind ColumnKind
}

// BackupTable is one table a backup carries, in foreign-key order.
type BackupTable struct {
	Name       string
	Columns    []BackupColumn
	PrimaryKey []string
	// SelfRefs are columns referring to the same table (bodies.parent_id):
	// a restore inserts them NULL and sets them once every row is in.
	SelfRefs []string
	// identity are PostgreSQL identity columns, whose sequences a restore
	// moves past the restored rows.
	identity []string
	refs     []string // tables this one refers to
}

// nameRe is what a table or column name must look like to be carried:
// names are interpolated (quoted) into SQL, so nothing else gets in.
var nameRe = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// ValidName reports whether s can name a table or column in a backup.
func ValidName(s string) bool { return nameRe.MatchString(s) }

// backupSchema returns the tables a backup carries, in an order in which
// every table comes after the tables it refers to (ties by name).
func (db *DB) backupSchema(ctx context.Context, q queryer) ([]BackupTable, error) {
	names, err := db.tableNames(ctx, q)
	if err != nil {
		return nil, err
	}
	byName := map[string]*BackupTable{}
	for _, name := range names {
		if _, skip := backupSkipped[name]; skip {
			continue
		}
		if !ValidName(name) {
			return nil, fmt.Errorf("backup: table %q has a name the backup cannot carry", name)
		}
		t := &BackupTable{Name: name}
		if db.Dialect == Postgres {
			err = pgTable(ctx, q, t)
		} else {
			err = sqliteTable(ctx, q, t)
		}
		if err != nil {
			return nil, err
		}
		if len(t.Columns) == 0 {
			return nil, fmt.Errorf("backup: table %s has no columns to carry", name)
		}
		byName[name] = t
	}
	return orderTables(byName)
}

// orderTables sorts tables so that each follows the tables it refers to,
// and fails on a cycle or a reference to a table the backup leaves out.
func orderTables(byName map[string]*BackupTable) ([]BackupTable, error) {
	pending := map[string]map[string]bool{}
	for name, t := range byName {
		deps := map[string]bool{}
		for _, ref := range t.refs {
			if ref == name {
				continue
			}
			if _, ok := byName[ref]; !ok {
				return nil, fmt.Errorf("backup: table %s refers to %s, which the backup does not carry", name, ref)
			}
			deps[ref] = true
		}
		pending[name] = deps
	}
	var out []BackupTable
	for len(pending) > 0 {
		var ready []string
		for name, deps := range pending {
			if len(deps) == 0 {
				ready = append(ready, name)
			}
		}
		if len(ready) == 0 {
			var stuck []string
			for name := range pending {
				stuck = append(stuck, name)
			}
			sort.Strings(stuck)
			return nil, fmt.Errorf("backup: cannot order tables %s: their foreign keys form a cycle", strings.Join(stuck, ", "))
		}
		sort.Strings(ready)
		for _, name := range ready {
			out = append(out, *byName[name])
			delete(pending, name)
			for _, deps := range pending {
				delete(deps, name)
			}
		}
	}
	return out, nil
}

func (db *DB) tableNames(ctx context.Context, q queryer) ([]string, error) {
	query := `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if db.Dialect == Postgres {
		query = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	return queryStrings(ctx, q, query)
}

func queryStrings(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("backup: read schema: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("backup: read schema: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// sqliteTable reads t's columns, primary key and references. Virtual
// tables (the FTS5 index) and their shadow tables are not listed as
// "table" by pragma_table_list: the FTS triggers rebuild them on restore.
func sqliteTable(ctx context.Context, q queryer, t *BackupTable) error {
	rows, err := q.QueryContext(ctx, `SELECT name, type, pk, hidden FROM pragma_table_xinfo($1) ORDER BY cid`, t.Name)
	if err != nil {
		return fmt.Errorf("backup: columns of %s: %w", t.Name, err)
	}
	type pkCol struct {
		name string
		pos  int
	}
	var pks []pkCol
	for rows.Next() {
		var name, typ string
		var pk, hidden int
		if err := rows.Scan(&name, &typ, &pk, &hidden); err != nil {
			rows.Close()
			return fmt.Errorf("backup: columns of %s: %w", t.Name, err)
		}
		if hidden != 0 { // generated columns: computed by the target
			continue
		}
		kind, err := sqliteKind(typ)
		if err != nil {
			rows.Close()
			return fmt.Errorf("backup: table %s column %s: %w", t.Name, name, err)
		}
		if !ValidName(name) {
			rows.Close()
			return fmt.Errorf("backup: table %s has a column %q the backup cannot carry", t.Name, name)
		}
		t.Columns = append(t.Columns, BackupColumn{Name: name, Kind: kind})
		if pk > 0 {
			pks = append(pks, pkCol{name, pk})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("backup: columns of %s: %w", t.Name, err)
	}
	sort.Slice(pks, func(i, j int) bool { return pks[i].pos < pks[j].pos })
	for _, p := range pks {
		t.PrimaryKey = append(t.PrimaryKey, p.name)
	}
	rows, err = q.QueryContext(ctx, `SELECT "table", "from" FROM pragma_foreign_key_list($1) ORDER BY id, seq`, t.Name)
	if err != nil {
		return fmt.Errorf("backup: foreign keys of %s: %w", t.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var ref, col string
		if err := rows.Scan(&ref, &col); err != nil {
			return fmt.Errorf("backup: foreign keys of %s: %w", t.Name, err)
		}
		t.addRef(ref, col)
	}
	return rows.Err()
}

func (t *BackupTable) addRef(ref, col string) {
	t.refs = append(t.refs, ref)
	if ref == t.Name {
		t.SelfRefs = append(t.SelfRefs, col)
	}
}

// sqliteKind maps a declared SQLite type to a kind, after SQLite's own
// affinity rules but strict: a type the backup does not know is an error.
func sqliteKind(decl string) (ColumnKind, error) {
	d := strings.ToUpper(strings.TrimSpace(decl))
	switch {
	case d == "BOOLEAN" || d == "BOOL":
		return KindBoolean, nil
	case d == "DATETIME" || d == "TIMESTAMP":
		return KindTimestamp, nil
	case strings.Contains(d, "INT"):
		return KindInteger, nil
	case strings.Contains(d, "CHAR") || strings.Contains(d, "CLOB") || strings.Contains(d, "TEXT"):
		return KindText, nil
	case strings.Contains(d, "REAL") || strings.Contains(d, "FLOA") || strings.Contains(d, "DOUB"):
		return KindReal, nil
	case d == "BLOB":
		return KindBytes, nil
	}
	return "", fmt.Errorf("type %q is not one the backup carries", decl)
}

// pgTable reads t's columns, primary key and references from the
// catalogue of the current schema (the search_path's first).
func pgTable(ctx context.Context, q queryer, t *BackupTable) error {
	rows, err := q.QueryContext(ctx, `SELECT column_name, data_type, is_generated = 'ALWAYS', is_identity = 'YES'
		FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
		ORDER BY ordinal_position`, t.Name)
	if err != nil {
		return fmt.Errorf("backup: columns of %s: %w", t.Name, err)
	}
	for rows.Next() {
		var name, typ string
		var generated, identity bool
		if err := rows.Scan(&name, &typ, &generated, &identity); err != nil {
			rows.Close()
			return fmt.Errorf("backup: columns of %s: %w", t.Name, err)
		}
		if generated { // search vectors: computed by the target
			continue
		}
		kind, err := pgKind(typ)
		if err != nil {
			rows.Close()
			return fmt.Errorf("backup: table %s column %s: %w", t.Name, name, err)
		}
		if !ValidName(name) {
			rows.Close()
			return fmt.Errorf("backup: table %s has a column %q the backup cannot carry", t.Name, name)
		}
		t.Columns = append(t.Columns, BackupColumn{Name: name, Kind: kind})
		if identity {
			t.identity = append(t.identity, name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("backup: columns of %s: %w", t.Name, err)
	}
	if t.PrimaryKey, err = queryStrings(ctx, q, `SELECT a.attname FROM pg_index i
		JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
		WHERE n.nspname = current_schema() AND c.relname = $1 AND i.indisprimary
		ORDER BY array_position(i.indkey::int2[], a.attnum)`, t.Name); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT ref.relname, a.attname FROM pg_constraint con
		JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_class ref ON ref.oid = con.confrelid
		JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey)
		WHERE con.contype = 'f' AND n.nspname = current_schema() AND c.relname = $1
		ORDER BY con.conname, array_position(con.conkey, a.attnum)`, t.Name)
	if err != nil {
		return fmt.Errorf("backup: foreign keys of %s: %w", t.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var ref, col string
		if err := rows.Scan(&ref, &col); err != nil {
			return fmt.Errorf("backup: foreign keys of %s: %w", t.Name, err)
		}
		t.addRef(ref, col)
	}
	return rows.Err()
}

func pgKind(typ string) (ColumnKind, error) {
	switch typ {
	case "bigint", "integer", "smallint":
		return KindInteger, nil
	case "boolean":
		return KindBoolean, nil
	case "timestamp with time zone", "timestamp without time zone":
		return KindTimestamp, nil
	case "text", "character varying", "character":
		return KindText, nil
	case "double precision", "real":
		return KindReal, nil
	case "bytea":
		return KindBytes, nil
	}
	return "", fmt.Errorf("type %q is not one the backup carries", typ)
}
