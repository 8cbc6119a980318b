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

// searchSQL returns how the catalogue search reaches its index: the FROM
// clause, the conditions that match every term (and filter token)
// anywhere, or the words in the title as well ($1 is matchArg of words and
// filter tokens, $2 of the words), and the entry ID column to order by.
// SQLite answers from FTS5, whose rowid order is cheap; PostgreSQL matches
// the GIN-indexed tsvector columns.
func (db *DB) searchSQL() (from, text, title, id string) {
	if db.Dialect == Postgres {
		return "catalogue_entries e", "e.search_vector @@ $1::tsquery",
			"e.search_title_vector @@ $2::tsquery AND e.search_vector @@ $1::tsquery", "e.id"
	}
	// The FTS index alone answers, filters included: no row lookups.
	return "catalogue_fts", "catalogue_fts MATCH $1",
		"catalogue_fts MATCH 'search_title : (' || $2 || ') AND ' || $1", "rowid"
}

// matchArg renders analysed terms as a query that needs all of them and
// none of not: FTS5 phrases (("a" "b") NOT "c") or a tsquery ('a' & 'b' &
// !'c'). Terms hold letters and
// digits only (search.Tokens), so quoting them is enough.
func (db *DB) matchArg(terms []string, not ...string) string {
	q := make([]string, len(terms))
	if db.Dialect == Postgres {
		for i, t := range terms {
			q[i] = "'" + t + "'"
		}
		for _, t := range not {
			q = append(q, "!'"+t+"'")
		}
		return strings.Join(q, " & ")
	}
	for i, t := range terms {
		q[i] = `"` + t + `"`
	}
	s := "(" + strings.Join(q, " ") + ")"
	for _, t := range not {
		s += ` NOT "` + t + `"`
	}
	return s
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
