package store

import (
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
)

// The few places where SQLite and PostgreSQL differ are chosen here.

// forUpdate locks the selected rows until the transaction ends. SQLite
// needs none: its write transactions start IMMEDIATE and exclude writers.
func (db *DB) forUpdate() string {
	if db.Dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// skipLocked lets concurrent workers claim different rows on PostgreSQL;
// SQLite's single writer already serialises the claims.
func (db *DB) skipLocked() string {
	if db.Dialect == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// SQLite's built-in LOWER folds ASCII only, so "ÉLISE" would not match
// "élise" as it does on PostgreSQL. Terbuka's SQLite connections get a
// Unicode-aware lower() instead; registering a function with a built-in's
// name overrides it on every connection opened afterwards.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("lower", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return strings.ToLower(v), nil
		case []byte:
			return strings.ToLower(string(v)), nil
		default:
			return v, nil
		}
	})
}
