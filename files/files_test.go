package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// stores runs fn on a fresh Disk and a fresh Memory store.
func stores(t *testing.T, fn func(t *testing.T, s Store)) {
	t.Run("disk", func(t *testing.T) {
		d, err := NewDisk(filepath.Join(t.TempDir(), "files"))
		if err != nil {
			t.Fatal(err)
		}
		fn(t, d)
	})
	t.Run("memory", func(t *testing.T) { fn(t, NewMemory()) })
	s3Stores(t, fn) // gofakes3 and versitygw (s3_test.go)
}

func read(t *testing.T, s Store, sha string) []byte {
	t.Helper()
	rc, err := s.Open(context.Background(), sha)
	if err != nil {
		t.Fatalf("open %s: %v", sha, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStore_PutOpenDelete(t *testing.T) {
	stores(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		data := []byte("%PDF-1.7 surat pemberitahuan")
		sum := sha256.Sum256(data)
		ref, err := s.Put(ctx, bytes.NewReader(data), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if ref.SHA256 != hex.EncodeToString(sum[:]) || ref.Size != int64(len(data)) {
			t.Fatalf("ref = %+v", ref)
		}
		if got := read(t, s, ref.SHA256); !bytes.Equal(got, data) {
			t.Fatalf("read back %q", got)
		}
		again, err := s.Put(ctx, bytes.NewReader(data), 0)
		if err != nil || again != ref {
			t.Fatalf("second put = %+v, %v; want the same ref", again, err)
		}
		if err := s.Delete(ctx, ref.SHA256); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Open(ctx, ref.SHA256); !errors.Is(err, ErrNotFound) {
			t.Fatalf("open after delete: %v", err)
		}
		if err := s.Delete(ctx, ref.SHA256); err != nil {
			t.Fatalf("deleting twice: %v", err)
		}
	})
}

func TestStore_SizeLimit(t *testing.T) {
	stores(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		if _, err := s.Put(ctx, strings.NewReader(strings.Repeat("x", 100)), 100); err != nil {
			t.Fatalf("exactly the limit: %v", err)
		}
		_, err := s.Put(ctx, strings.NewReader(strings.Repeat("y", 101)), 100)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("one byte over: %v, want ErrTooLarge", err)
		}
		sum := sha256.Sum256([]byte(strings.Repeat("y", 101)))
		if _, err := s.Open(ctx, hex.EncodeToString(sum[:])); !errors.Is(err, ErrNotFound) {
			t.Fatalf("a refused file was stored: %v", err)
		}
	})
}

func TestStore_NamesCannotEscape(t *testing.T) {
	stores(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		for _, name := range []string{"", "../../etc/passwd", "/etc/passwd", "..", "tmp",
			strings.Repeat("A", 64), strings.Repeat("a", 63) + "/", "../" + strings.Repeat("a", 61)} {
			if _, err := s.Open(ctx, name); !errors.Is(err, ErrNotFound) {
				t.Errorf("Open(%q) = %v, want ErrNotFound", name, err)
			}
			if err := s.Delete(ctx, name); err != nil {
				t.Errorf("Delete(%q) = %v", name, err)
			}
		}
	})
}

// failing yields some bytes and then an error, as a broken upload does.
type failing struct{ n int }

func (f *failing) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("connection reset")
	}
	n := min(len(p), f.n)
	for i := range p[:n] {
		p[i] = 'z'
	}
	f.n -= n
	return n, nil
}

func TestDisk_WritesAtomically(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "files")
	d, err := NewDisk(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// A failed upload, an oversized one and a cancelled one leave nothing:
	// no file under a hash, no temp file behind.
	if _, err := d.Put(ctx, &failing{n: 5000}, 0); err == nil {
		t.Fatal("a failing reader was stored")
	}
	if _, err := d.Put(ctx, strings.NewReader(strings.Repeat("b", 2000)), 1000); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("oversized: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := d.Put(cancelled, strings.NewReader("data"), 0); err == nil {
		t.Fatal("a cancelled put succeeded")
	}
	var files []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 0 {
		t.Fatalf("failed puts left files: %v", files)
	}

	ref, err := d.Put(ctx, strings.NewReader("isi dokumen"), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, ref.SHA256[:2], ref.SHA256[2:4], ref.SHA256)
	st, err := os.Stat(want)
	if err != nil || st.Size() != ref.Size {
		t.Fatalf("stored file %s: %v %v", want, st, err)
	}
	if st.Mode().Perm()&0o007 != 0 {
		t.Errorf("stored file is world-accessible: %v", st.Mode())
	}
	if tmp, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(tmp) != 0 {
		t.Errorf("temp files left behind: %v", tmp)
	}
}

func TestDisk_ConcurrentPutsOfTheSameBytes(t *testing.T) {
	d, err := NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("sama "), 10_000)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := d.Put(context.Background(), bytes.NewReader(data), 0)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	sum := sha256.Sum256(data)
	if got := read(t, d, hex.EncodeToString(sum[:])); !bytes.Equal(got, data) {
		t.Fatal("content differs after concurrent puts")
	}
}

func TestNewDisk_RefusesAnUnusableDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDisk(file); err == nil {
		t.Fatal("a regular file was accepted as the directory")
	}
	if _, err := NewDisk(""); err == nil {
		t.Fatal("an empty directory name was accepted")
	}
}
