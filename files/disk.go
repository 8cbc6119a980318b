package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Disk stores files under a directory: dir/ab/cd/abcd…(64 hex), sharded by
// the first two bytes of the hash so no directory grows too large. New
// files are written to dir/tmp, synced and renamed into place, so a reader
// never sees a partial file and a crash leaves at most a stray temp file.
type Disk struct {
	dir string
}

// NewDisk opens the store in dir, creating it (and its tmp folder) when
// missing. The directory must be writable.
func NewDisk(dir string) (*Disk, error) {
	if dir == "" {
		return nil, errors.New("files: empty directory")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(abs, "tmp"), 0o750); err != nil {
		return nil, fmt.Errorf("files: create %s: %w", abs, err)
	}
	probe, err := os.CreateTemp(filepath.Join(abs, "tmp"), "probe-*")
	if err != nil {
		return nil, fmt.Errorf("files: %s is not writable: %w", abs, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return &Disk{dir: abs}, nil
}

// Dir is the store's directory.
func (d *Disk) Dir() string { return d.dir }

// path is where sha lives; sha must be valid.
func (d *Disk) path(sha string) string {
	return filepath.Join(d.dir, sha[0:2], sha[2:4], sha)
}

// Put implements Store.
func (d *Disk) Put(ctx context.Context, r io.Reader, maxBytes int64) (Ref, error) {
	tmp, err := os.CreateTemp(filepath.Join(d.dir, "tmp"), "put-*")
	if err != nil {
		return Ref{}, fmt.Errorf("files: put: %w", err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), limited(ctxReader{ctx, r}, maxBytes))
	if err != nil {
		return Ref{}, fmt.Errorf("files: put: %w", err)
	}
	if maxBytes > 0 && n > maxBytes {
		return Ref{}, ErrTooLarge
	}
	if err := tmp.Sync(); err != nil {
		return Ref{}, fmt.Errorf("files: put: sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return Ref{}, fmt.Errorf("files: put: close: %w", err)
	}
	ref := Ref{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}
	final := d.path(ref.SHA256)
	if st, err := os.Stat(final); err == nil && st.Size() == n {
		os.Remove(tmp.Name()) // already stored: same hash, same bytes
		done = true
		return ref, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return Ref{}, fmt.Errorf("files: put: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o640); err != nil {
		return Ref{}, fmt.Errorf("files: put: %w", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return Ref{}, fmt.Errorf("files: put: %w", err)
	}
	done = true
	syncDir(filepath.Dir(final)) // make the rename itself durable
	return ref, nil
}

// syncDir flushes a directory entry; best effort (not every file system
// supports it, and the file's bytes are already synced).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		f.Close()
	}
}

// Open implements Store.
func (d *Disk) Open(_ context.Context, sha string) (io.ReadCloser, error) {
	if !ValidSHA(sha) {
		return nil, ErrNotFound
	}
	f, err := os.Open(d.path(sha))
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("files: open: %w", err)
	}
	return f, nil
}

// Delete implements Store.
func (d *Disk) Delete(_ context.Context, sha string) error {
	if !ValidSHA(sha) {
		return nil
	}
	if err := os.Remove(d.path(sha)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("files: delete: %w", err)
	}
	return nil
}

var _ Store = (*Disk)(nil)
