package backup

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
)

// Summary says what an archive holds.
type Summary struct {
	Tables int
	Rows   int64
	Files  int
	Bytes  int64 // of the archive
}

func (s Summary) String() string {
	return fmt.Sprintf("%d tables, %d rows, %d files, %d bytes", s.Tables, s.Rows, s.Files, s.Bytes)
}

// Options tune Write. The zero value is ready to use.
type Options struct {
	// TempDir holds the table members and one document at a time while
	// the archive is written (a tar member's size comes before its
	// bytes); "" is the system's temporary folder.
	TempDir string
	// Now is the manifest's creation time; nil is the system clock.
	Now func() time.Time
}

// Write writes an archive of everything in db and fs to w: the rows of
// every table, read in one snapshot while the application keeps running,
// then the documents those rows refer to. Documents are immutable and
// named by their hash, and no code path deletes one a row still refers
// to (files.Store.Delete has no caller that does), so reading them after
// the snapshot yields exactly the bytes the snapshot refers to; each is
// checked against its name anyway. A document missing from fs fails the
// backup. On error, w holds part of an archive: write to a temporary
// file and rename it when Write succeeds.
func Write(ctx context.Context, db *store.DB, fs files.Store, w io.Writer, opt Options) (Summary, error) {
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	dir, err := os.MkdirTemp(opt.TempDir, "terbuka-backup-")
	if err != nil {
		return Summary{}, fmt.Errorf("backup: temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)
	m := Manifest{Format: Format, FormatVersion: FormatVersion, CreatedAt: now().UTC().Truncate(time.Second), Files: []string{}}
	refs := map[string]string{} // sha256 → the table referring to it, for the error when it is missing
	err = db.Snapshot(ctx, func(s *store.Snapshot) error {
		m.SchemaVersion, m.Engine = s.SchemaVersion, string(s.Engine)
		for i, t := range s.Tables {
			entry, err := dumpTable(ctx, s, t, filepath.Join(dir, fmt.Sprintf("table-%d", i)), refs)
			if err != nil {
				return err
			}
			m.Tables = append(m.Tables, entry)
		}
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	for sha := range refs {
		m.Files = append(m.Files, sha)
	}
	sort.Strings(m.Files)
	if err := m.Check(); err != nil {
		return Summary{}, fmt.Errorf("backup: %w", err)
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Summary{}, fmt.Errorf("backup: manifest: %w", err)
	}
	aw := newWriter(w, m.CreatedAt)
	if err := aw.add(manifestName, int64(len(manifest)), bytes.NewReader(manifest)); err != nil {
		return Summary{}, err
	}
	sum := Summary{Tables: len(m.Tables), Files: len(m.Files)}
	for i, t := range m.Tables {
		sum.Rows += t.Rows
		if err := addFile(aw, t.Member(), filepath.Join(dir, fmt.Sprintf("table-%d", i))); err != nil {
			return Summary{}, err
		}
	}
	for _, sha := range m.Files {
		if err := addDocument(ctx, aw, fs, sha, refs[sha], dir); err != nil {
			return Summary{}, err
		}
	}
	if err := aw.close(); err != nil {
		return Summary{}, err
	}
	sum.Bytes = aw.out.n
	return sum, nil
}

// dumpTable writes the rows of t to path as JSON lines and returns its
// manifest entry; it adds the documents the rows refer to to refs.
func dumpTable(ctx context.Context, s *store.Snapshot, t store.BackupTable, path string, refs map[string]string) (Table, error) {
	entry := Table{Name: t.Name}
	for _, c := range t.Columns {
		entry.Columns = append(entry.Columns, Column{Name: c.Name, Kind: c.Kind})
	}
	fileCol := entry.fileColumn()
	f, err := os.Create(path)
	if err != nil {
		return Table{}, fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	out := &countingWriter{w: io.MultiWriter(h, f)}
	bw := bufio.NewWriterSize(out, 256<<10)
	enc := json.NewEncoder(bw) // one array and a newline per row
	enc.SetEscapeHTML(false)
	row := make([]any, len(t.Columns))
	err = s.Rows(ctx, t, func(values []any) error {
		for i, v := range values {
			var err error
			if row[i], err = jsonValue(v); err != nil {
				return fmt.Errorf("backup: table %s column %s: %w", t.Name, t.Columns[i].Name, err)
			}
		}
		if fileCol >= 0 && values[fileCol] != nil {
			sha, _ := values[fileCol].(string)
			if !files.ValidSHA(sha) {
				return fmt.Errorf("backup: table %s holds %q as a file reference, which is no SHA-256", t.Name, values[fileCol])
			}
			refs[sha] = t.Name
		}
		entry.Rows++
		return enc.Encode(row)
	})
	if err != nil {
		return Table{}, err
	}
	if err := bw.Flush(); err != nil {
		return Table{}, fmt.Errorf("backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return Table{}, fmt.Errorf("backup: %w", err)
	}
	entry.Bytes, entry.SHA256 = out.n, hex.EncodeToString(h.Sum(nil))
	return entry, nil
}

// addFile adds the temporary file path as member name.
func addFile(aw *writer, name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := aw.add(name, st.Size(), f); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return os.Remove(path)
}

// addDocument copies document sha from fs into the archive, through a
// temporary file that gives its size and is checked against its name.
func addDocument(ctx context.Context, aw *writer, fs files.Store, sha, table, dir string) error {
	rc, err := fs.Open(ctx, sha)
	if errors.Is(err, files.ErrNotFound) {
		return fmt.Errorf("backup: document %s, referred to by table %s, is missing from the file store "+
			"(is --files-dir or the object store the one the application uses?)", sha, table)
	}
	if err != nil {
		return fmt.Errorf("backup: open document %s: %w", sha, err)
	}
	defer rc.Close()
	tmp, err := os.CreateTemp(dir, "file-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), rc)
	if err != nil {
		return fmt.Errorf("backup: read document %s: %w", sha, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sha {
		return fmt.Errorf("backup: document %s in the file store is damaged: its bytes hash to %s", sha, got)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := aw.add(fileMember(sha), n, tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
