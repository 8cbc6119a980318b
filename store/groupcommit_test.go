package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"
)

func TestGroupCommit_FailingUnitRollsBackAlone(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, t.TempDir()+"/g.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.w.ExecContext(ctx, "CREATE TABLE t (v INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	g := &groupCommit{db: db}
	boom := errors.New("boom")
	var wg sync.WaitGroup
	errs := make([]error, 200)
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = g.do(func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx, "INSERT INTO t (v) VALUES ($1)", i); err != nil {
					return err
				}
				if i%10 == 0 {
					return boom // inserted, then must be rolled back
				}
				return nil
			})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if (i%10 == 0) != errors.Is(err, boom) {
			t.Fatalf("unit %d: err = %v", i, err)
		}
	}
	var n, bad int
	if err := db.r.QueryRowContext(ctx, "SELECT COUNT(*), COUNT(CASE WHEN v % 10 = 0 THEN 1 END) FROM t").Scan(&n, &bad); err != nil {
		t.Fatal(err)
	}
	if n != 180 || bad != 0 {
		t.Fatalf("committed %d rows (%d from failed units), want 180 and 0", n, bad)
	}
}
