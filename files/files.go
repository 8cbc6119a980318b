// Package files keeps the documents Terbuka generates and releases (the
// written notices, SK penolakan, released information) in a
// content-addressed store: a file is named by the SHA-256 of its bytes, so
// an identical document is stored once and a name can never be a path.
// Metadata (which request, which name, who may download it) lives in the
// database; this package knows bytes only.
//
// Disk keeps files in a local directory. A directory is per machine:
// several app instances on one PostgreSQL need a shared directory (NFS or
// similar) or S3, which keeps them in an S3-compatible object store the
// instances share. Memory keeps them in memory, for tests and as the
// store's default when main sets none.
package files

import (
	"context"
	"errors"
	"io"
	"regexp"
)

// Ref names stored bytes: their lower-case hex SHA-256 and their size.
type Ref struct {
	SHA256 string
	Size   int64
}

// Store is a content-addressed file store. Implementations must be safe
// for concurrent use.
type Store interface {
	// Put stores everything r yields and returns its Ref. More than
	// maxBytes bytes is ErrTooLarge and stores nothing; maxBytes <= 0
	// means no limit. Putting bytes already stored succeeds and keeps one
	// copy. A file is complete once Put returns: a crash never leaves half
	// a file under its name.
	Put(ctx context.Context, r io.Reader, maxBytes int64) (Ref, error)
	// Open returns the bytes of sha; ErrNotFound when none are stored or
	// sha is not a SHA-256 in lower-case hex.
	Open(ctx context.Context, sha string) (io.ReadCloser, error)
	// Delete removes the bytes of sha; deleting what is not there is not
	// an error. Callers must check that no record still refers to sha.
	Delete(ctx context.Context, sha string) error
}

// Errors of every Store.
var (
	ErrTooLarge = errors.New("files: file too large")
	ErrNotFound = errors.New("files: file not found")
)

var shaRe = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ValidSHA reports whether s is a SHA-256 in lower-case hex: the only
// names a Store accepts, so no caller can reach outside it.
func ValidSHA(s string) bool { return shaRe.MatchString(s) }

// limited reads at most max+1 bytes of r, so a caller can tell "exactly
// max" from "more than max" without reading the rest.
func limited(r io.Reader, max int64) io.Reader {
	if max <= 0 {
		return r
	}
	return io.LimitReader(r, max+1)
}

// ctxReader stops a copy when ctx ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
