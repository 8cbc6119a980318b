package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sync"
)

// Memory keeps files in memory: for tests, and for a store nobody gave a
// directory. Everything is lost when the process ends.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Put implements Store.
func (m *Memory) Put(ctx context.Context, r io.Reader, maxBytes int64) (Ref, error) {
	var buf bytes.Buffer
	n, err := io.Copy(&buf, limited(ctxReader{ctx, r}, maxBytes))
	if err != nil {
		return Ref{}, fmt.Errorf("files: put: %w", err)
	}
	if maxBytes > 0 && n > maxBytes {
		return Ref{}, ErrTooLarge
	}
	sum := sha256.Sum256(buf.Bytes())
	ref := Ref{SHA256: hex.EncodeToString(sum[:]), Size: n}
	m.mu.Lock()
	m.files[ref.SHA256] = buf.Bytes()
	m.mu.Unlock()
	return ref, nil
}

// Open implements Store.
func (m *Memory) Open(_ context.Context, sha string) (io.ReadCloser, error) {
	m.mu.RLock()
	b, ok := m.files[sha]
	m.mu.RUnlock()
	if !ok {
		return nil, ErrNotFound
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// Delete implements Store.
func (m *Memory) Delete(_ context.Context, sha string) error {
	m.mu.Lock()
	delete(m.files, sha)
	m.mu.Unlock()
	return nil
}

// Len is how many files are stored (for tests).
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files)
}

var _ Store = (*Memory)(nil)
