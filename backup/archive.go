package backup

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"time"
)

const manifestName = "manifest.json"

// maxManifest bounds the manifest read into memory: a million documents
// take about 70 MB of names.
const maxManifest = 256 << 20

// writer writes the archive's members to a gzip-compressed tar stream.
type writer struct {
	out   *countingWriter
	gz    *gzip.Writer
	tw    *tar.Writer
	mtime time.Time
}

func newWriter(w io.Writer, mtime time.Time) *writer {
	out := &countingWriter{w: w}
	gz := gzip.NewWriter(out)
	return &writer{out: out, gz: gz, tw: tar.NewWriter(gz), mtime: mtime}
}

// add writes member name with exactly size bytes from r.
func (w *writer) add(name string, size int64, r io.Reader) error {
	if err := w.tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Size: size, Mode: 0o600,
		ModTime: w.mtime}); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if n, err := io.CopyN(w.tw, r, size); err != nil {
		return fmt.Errorf("write %s (%d of %d bytes): %w", name, n, size, err)
	}
	return nil
}

// close ends the tar stream and the gzip stream.
func (w *writer) close() error {
	if err := w.tw.Close(); err != nil {
		return fmt.Errorf("finish archive: %w", err)
	}
	if err := w.gz.Close(); err != nil {
		return fmt.Errorf("finish archive: %w", err)
	}
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// reader reads an archive member by member, in the order its manifest
// says, checking each member's name, size and SHA-256.
type reader struct {
	manifest Manifest
	gz       *gzip.Reader
	tr       *tar.Reader
	last     string // the member read last, to say where damage is
	in       *countingReader
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// newReader reads and checks the manifest, the archive's first member.
func newReader(r io.Reader) (*reader, error) {
	in := &countingReader{r: r}
	gz, err := gzip.NewReader(in)
	if err != nil {
		return nil, fmt.Errorf("not a Terbuka backup (no gzip stream): %w", err)
	}
	ar := &reader{gz: gz, tr: tar.NewReader(gz), in: in}
	h, err := ar.tr.Next()
	if err != nil {
		return nil, fmt.Errorf("not a Terbuka backup (no tar stream): %w", err)
	}
	if h.Name != manifestName || !plain(h) {
		return nil, fmt.Errorf("not a Terbuka backup: first member is %q, not %s", h.Name, manifestName)
	}
	if h.Size > maxManifest {
		return nil, fmt.Errorf("%s is too large (%d bytes)", manifestName, h.Size)
	}
	b, err := io.ReadAll(io.LimitReader(ar.tr, maxManifest))
	if err != nil {
		return nil, fmt.Errorf("archive damaged in %s: %w", manifestName, err)
	}
	if err := json.Unmarshal(b, &ar.manifest); err != nil {
		return nil, fmt.Errorf("archive damaged in %s: %w", manifestName, err)
	}
	if err := ar.manifest.Check(); err != nil {
		return nil, err
	}
	ar.last = manifestName
	return ar, nil
}

// member returns the next member, which must be name, holding size bytes
// (-1: any) whose SHA-256 is sum. Its reader fails instead of ending
// when the bytes are not those the manifest promised.
func (ar *reader) member(name string, size int64, sum string) (io.Reader, error) {
	h, err := ar.tr.Next()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("archive is truncated: it ends before member %s", name)
	}
	if err != nil {
		return nil, fmt.Errorf("archive damaged after member %s: %w", ar.last, err)
	}
	if h.Name != name || !plain(h) {
		return nil, fmt.Errorf("archive damaged: member %q where %s was expected", h.Name, name)
	}
	if size >= 0 && h.Size != size {
		return nil, fmt.Errorf("archive damaged: member %s has %d bytes, the manifest says %d", name, h.Size, size)
	}
	ar.last = name
	return &verifier{r: ar.tr, h: sha256.New(), want: sum, name: name}, nil
}

// end checks that nothing follows the last member and that the gzip
// stream ends intact (its CRC is read only at the end).
func (ar *reader) end() error {
	h, err := ar.tr.Next()
	if err == nil {
		return fmt.Errorf("archive damaged: unexpected member %q after the last one", h.Name)
	}
	if !errors.Is(err, io.EOF) {
		return fmt.Errorf("archive damaged after member %s: %w", ar.last, err)
	}
	if _, err := io.Copy(io.Discard, ar.gz); err != nil {
		return fmt.Errorf("archive damaged at its end: %w", err)
	}
	return nil
}

// plain reports whether h is a regular file stored as it is. A sparse
// file (a PAX "GNU.sparse" header) is refused: its holes read as zeros
// the archive does not hold, so a few bytes could claim terabytes.
func plain(h *tar.Header) bool {
	if h.Typeflag != tar.TypeReg {
		return false
	}
	for k := range h.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse") {
			return false
		}
	}
	return true
}

// verifier hashes a member as it is read and, at its end, returns an
// error naming the member instead of io.EOF when the hash is wrong.
type verifier struct {
	r    io.Reader
	h    hash.Hash
	want string
	name string
	err  error
}

func (v *verifier) Read(p []byte) (int, error) {
	if v.err != nil {
		return 0, v.err
	}
	n, err := v.r.Read(p)
	v.h.Write(p[:n])
	switch {
	case errors.Is(err, io.EOF):
		if got := hex.EncodeToString(v.h.Sum(nil)); got != v.want {
			v.err = fmt.Errorf("archive member %s is damaged: checksum mismatch (SHA-256 %s, the manifest says %s)",
				v.name, got, v.want)
			return n, v.err
		}
		v.err = io.EOF
	case errors.Is(err, io.ErrUnexpectedEOF):
		v.err = fmt.Errorf("archive is truncated in member %s", v.name)
	case err != nil:
		v.err = fmt.Errorf("archive damaged in member %s: %w", v.name, err)
	}
	return n, v.err
}
