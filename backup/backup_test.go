package backup_test

import (
	"bytes"
	"context"
	"maps"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/terbuka-id/terbuka/backup"
	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// roundTrip restores archive into a fresh database of engine dst and a
// fresh file store, and checks that rows, documents and the audit chain
// came through and that the restored database works on.
func roundTrip(t *testing.T, src *store.DB, srcFiles files.Store, dst storetest.Engine) {
	ctx := context.Background()
	wantAudit := verifyAudit(t, src)
	wantCounts := counts(t, src)
	data, sum := archive(t, src, srcFiles)
	m, err := backup.Check(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	if len(m.Files) != 2 || sum.Files != 2 { // the notice PDF and the released file
		t.Fatalf("files %v, summary %+v", m.Files, sum)
	}
	for _, tb := range m.Tables {
		if tb.Name == "sessions" || tb.Name == "schema_migrations" || tb.Name == "catalogue_fts" {
			t.Fatalf("archive carries %s", tb.Name)
		}
	}

	db := dst.Open(t)
	st, mem := newStore(db)
	got, err := backup.Restore(ctx, db, mem, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if got != sum {
		t.Fatalf("restore summary %+v, backup summary %+v", got, sum)
	}
	if n := verifyAudit(t, db); n != wantAudit {
		t.Fatalf("audit ok %d after restore, %d before", n, wantAudit)
	}
	delete(wantCounts, "sessions")
	if c := counts(t, db); !maps.Equal(c, wantCounts) {
		t.Fatalf("row counts after restore:\n%v\nbefore:\n%v", c, wantCounts)
	}
	sameFiles(t, m, srcFiles, mem)

	// The restored database works on: passwords, new IDs past the
	// restored ones (PostgreSQL's sequences) and the audit chain.
	if _, _, err := st.Login(ctx, "ppid@uji.go.id", staffPassword); err != nil {
		t.Fatalf("login after restore: %v", err)
	}
	before := verifyAudit(t, db) // the login is audited too
	if r := newRequest(t, st); r.Number == "" {
		t.Fatal("no number")
	}
	if n := verifyAudit(t, db); n != before+1 || before <= wantAudit {
		t.Fatalf("audit ok %d after a new request, want %d (%d after restore)", n, before+1, wantAudit)
	}
}

func TestWriteRestore_SameEngine(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			src := e.Open(t)
			st, mem := newStore(src)
			seed(t, st)
			roundTrip(t, src, mem, e)
		})
	}
}

// A SQLite backup restores into PostgreSQL (the way up when a body
// grows) and back.
func TestWriteRestore_CrossEngine(t *testing.T) {
	engines := storetest.Engines()
	for _, c := range []struct{ from, to storetest.Engine }{{engines[0], engines[1]}, {engines[1], engines[0]}} {
		t.Run(c.from.Name+"_to_"+c.to.Name, func(t *testing.T) {
			src := c.from.Open(t)
			st, mem := newStore(src)
			seed(t, st)
			roundTrip(t, src, mem, c.to)
		})
	}
}

// A backup taken while requests keep being created is one snapshot: the
// audit chain verifies against its head and every request has its number.
func TestWrite_ConsistentWhileWriting(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			src := e.Open(t)
			st, mem := newStore(src)
			seed(t, st)
			var created atomic.Int64
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					if _, _, err := st.CreateRequest(ctx, "dinkes-uji", requestInput(), store.CreateOptions{}); err != nil {
						t.Error(err)
						return
					}
					created.Add(1)
				}
			}()
			for created.Load() < 3 {
				waitABit()
			}
			data, _ := archive(t, src, mem)
			after := created.Load()
			close(stop)
			wg.Wait()

			db := e.Open(t)
			_, mem2 := newStore(db)
			if _, err := backup.Restore(ctx, db, mem2, bytes.NewReader(data)); err != nil {
				t.Fatal(err)
			}
			c := counts(t, db)
			t.Logf("%d requests in the archive; %d created before it ended, %d in all", c["requests"]-2, after, created.Load())
			if c["requests"] < 2+3 || c["requests"] > 2+after {
				t.Fatalf("%d requests restored; %d..%d existed while backing up", c["requests"], 2+3, 2+after)
			}
			// One audit entry per request created, besides the seed's.
			if n := verifyAudit(t, db); n != int64(c["audit_log"]) || n < c["requests"] {
				t.Fatalf("audit ok %d, %d entries, %d requests", n, c["audit_log"], c["requests"])
			}
			if n := requestNumbers(t, db); n != c["requests"] {
				t.Fatalf("counters say %d requests, %d restored", n, c["requests"])
			}
			if c["request_events"] < c["requests"] {
				t.Fatalf("%d events for %d requests", c["request_events"], c["requests"])
			}
		})
	}
}
