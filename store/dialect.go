package store

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
