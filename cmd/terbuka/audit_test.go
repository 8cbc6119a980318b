package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/store/storetest"
)

func TestAuditVerify(t *testing.T) {
	ctx := context.Background()
	verify := func(dsn string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, []string{"audit", "verify", "--db", dsn}, strings.NewReader(""), &out, io.Discard)
		return out.String(), err
	}
	for _, c := range []struct{ name, dsn, driver string }{
		{"sqlite", t.TempDir() + "/audit.db", "sqlite"},
		{"postgres", "", "pgx"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "postgres" {
				c.dsn = storetest.NewPGSchema(t)
			}
			s, done, err := openStore(ctx, c.dsn)
			if err != nil {
				t.Fatal(err)
			}
			if err := seedDemo(ctx, s, io.Discard); err != nil {
				t.Fatal(err)
			}
			done()
			// 6 bodies, 7 accounts, 2 requests, the catalogue entries and the
			// OPDs' fee tables (demo_fees.go).
			want := fmt.Sprintf("audit ok %d\n", 15+len(demoCatalogue)+demoFeeTables()+demoDocumentVersions())
			if out, err := verify(c.dsn); err != nil || out != want {
				t.Fatalf("audit verify = %q, %v; want %q", out, err, want)
			}
			raw, err := sql.Open(c.driver, c.dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			if _, err := raw.ExecContext(ctx, `UPDATE audit_log SET data = '{"tampered":true}' WHERE seq = 9`); err != nil {
				t.Fatal(err)
			}
			out, err := verify(c.dsn)
			var ce codeError
			if !errors.As(err, &ce) || ce.code != 1 || ce.msg != "audit broken at entry 9: hash mismatch" || out != "" {
				t.Fatalf("after tampering: %q, %#v; want exit 1 naming entry 9", out, err)
			}
		})
	}
	t.Run("MissingFile", func(t *testing.T) {
		path := t.TempDir() + "/none.db"
		_, err := verify(path)
		var ce codeError
		if !errors.As(err, &ce) || ce.code != 1 {
			t.Fatalf("err = %#v, want exit 1", err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Fatal("verify created the database file")
		}
	})
	t.Run("Usage", func(t *testing.T) {
		var ue usageError
		if err := run(ctx, []string{"audit"}, nil, io.Discard, io.Discard); !errors.As(err, &ue) {
			t.Fatalf("err = %v, want usage error", err)
		}
	})
}

// demoDocumentVersions counts the demo's document uploads: each version
// is audited.
func demoDocumentVersions() int {
	n := 0
	for _, d := range demoDocuments {
		n += len(d.versions)
	}
	return n
}
