package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/terbuka-id/terbuka/store"
)

// auditVerify checks the audit log's hash chain (API.md section 1): it
// prints "audit ok N" and returns nil when intact, and a codeError with
// exit status 1 naming the first broken entry otherwise. It does not
// migrate: a verification must not change what it verifies.
func auditVerify(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := newFlags("audit verify", stdout)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if !store.IsPostgres(*dsn) {
		// Open would create a missing SQLite file; there is nothing to verify.
		if _, err := os.Stat(strings.TrimPrefix(*dsn, "sqlite://")); err != nil {
			return codeError{1, "audit: " + err.Error()}
		}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	n, broken, err := store.New(db, nil, nil).VerifyAudit(ctx)
	if broken != 0 {
		return codeError{1, err.Error()}
	}
	if err != nil {
		return codeError{1, "audit cannot be read (is the database migrated?): " + err.Error()}
	}
	fmt.Fprintf(stdout, "audit ok %d\n", n)
	return nil
}
