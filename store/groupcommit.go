package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// groupCommit batches concurrent write units into one SQLite transaction,
// so one fsync makes many submissions durable at once. Each unit runs in
// its own savepoint: a failing unit is rolled back alone and the others
// commit. A goroutine runs only while work is queued, so nothing needs
// closing. PostgreSQL does not need it (every connection commits on its
// own and the server groups WAL flushes itself).
type groupCommit struct {
	db *DB

	mu      sync.Mutex
	pending []*unit
	running bool
}

type unit struct {
	fn   func(tx *sql.Tx) error
	done chan error
}

// maxBatch bounds one transaction so a burst never holds the writer long.
const maxBatch = 128

func (g *groupCommit) do(fn func(tx *sql.Tx) error) error {
	u := &unit{fn: fn, done: make(chan error, 1)}
	g.mu.Lock()
	g.pending = append(g.pending, u)
	if !g.running {
		g.running = true
		go g.drain()
	}
	g.mu.Unlock()
	return <-u.done
}

func (g *groupCommit) drain() {
	for {
		g.mu.Lock()
		n := min(len(g.pending), maxBatch)
		if n == 0 {
			g.running = false
			g.mu.Unlock()
			return
		}
		batch := g.pending[:n:n]
		g.pending = g.pending[n:]
		g.mu.Unlock()
		g.commit(batch)
	}
}

func (g *groupCommit) commit(batch []*unit) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	results := make([]error, len(batch))
	err := g.db.inTx(ctx, func(tx *sql.Tx) error {
		for i, u := range batch {
			if _, err := tx.ExecContext(ctx, "SAVEPOINT unit"); err != nil {
				return fmt.Errorf("savepoint: %w", err)
			}
			if results[i] = u.fn(tx); results[i] != nil {
				if _, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT unit"); err != nil {
					return fmt.Errorf("rollback to savepoint: %w", err)
				}
			}
			if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT unit"); err != nil {
				return fmt.Errorf("release savepoint: %w", err)
			}
		}
		return nil
	})
	for i, u := range batch {
		if err != nil {
			u.done <- err
		} else {
			u.done <- results[i]
		}
	}
}

// inWriteUnit runs fn durably: batched with concurrent units on SQLite,
// in its own transaction on PostgreSQL.
func (s *Store) inWriteUnit(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.db.Dialect == SQLite {
		return s.group.do(fn)
	}
	return s.db.inTx(ctx, fn)
}
