// Package storetest opens a fresh, migrated database of each engine for a
// test: a temporary SQLite file, and a private schema on the PostgreSQL of
// TERBUKA_TEST_PG (default postgres://postgres@127.0.0.1:5432/test). The
// PostgreSQL run is mandatory: when it cannot connect the test fails,
// unless TERBUKA_TEST_PG=skip says on purpose that this run is SQLite-only.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/terbuka-id/terbuka/store"
)

// DefaultPG is the database CI and the developer machines provide.
const DefaultPG = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// Engine is one database to run a test against.
type Engine struct {
	Name string
	Open func(t testing.TB) *store.DB
	// DSN returns the DSN of the database Open made last, so a test can
	// open a second "instance" on the same database.
	DSN func() string
}

// Engines lists SQLite and PostgreSQL.
func Engines() []Engine {
	var sqliteDSN, pgDSN string
	return []Engine{
		{Name: "sqlite", Open: func(t testing.TB) *store.DB {
			sqliteDSN = t.TempDir() + "/terbuka.db"
			return open(t, sqliteDSN)
		}, DSN: func() string { return sqliteDSN }},
		{Name: "postgres", Open: func(t testing.TB) *store.DB {
			pgDSN = NewPGSchema(t)
			return open(t, pgDSN)
		}, DSN: func() string { return pgDSN }},
	}
}

// Each runs fn once per engine as a subtest with a fresh database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, e := range Engines() {
		t.Run(e.Name, func(t *testing.T) { fn(t, e.Open(t)) })
	}
}

func open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// PGURL is the server the PostgreSQL runs use.
func PGURL() string {
	if v := os.Getenv("TERBUKA_TEST_PG"); v != "" && v != "skip" {
		return v
	}
	return DefaultPG
}

// NewPGSchema creates a private schema for one test, dropped at cleanup,
// and returns a DSN whose search_path points at it.
func NewPGSchema(t testing.TB) string {
	t.Helper()
	if os.Getenv("TERBUKA_TEST_PG") == "skip" {
		t.Skip("TERBUKA_TEST_PG=skip: PostgreSQL run disabled on purpose")
	}
	base := PGURL()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("PostgreSQL (%s) is required for this suite: %v", base, err)
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("PostgreSQL (%s) is required for this suite and did not answer: %v", base, err)
	}
	t.Cleanup(func() {
		c, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer c.Close()
		_, _ = c.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", base, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
