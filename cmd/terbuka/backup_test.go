package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// tableCounts returns the rows of every table a backup carries.
func tableCounts(t *testing.T, dsn string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]int64{}
	err = db.Snapshot(ctx, func(s *store.Snapshot) error {
		for _, tb := range s.Tables {
			var n int64
			if err := s.Rows(ctx, tb, func([]any) error { n++; return nil }); err != nil {
				return err
			}
			out[tb.Name] = n
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diskFiles reads every document of a files.Disk folder by its path.
func diskFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil || strings.HasPrefix(rel, "tmp"+string(filepath.Separator)) { // files.Disk's temporary folder
			return err
		}
		b, err := os.ReadFile(path)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	cmd := func(stdin io.Reader, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, args, stdin, &out, io.Discard)
		return out.String(), err
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			newDSN := func() string {
				if engine == "postgres" {
					return storetest.NewPGSchema(t)
				}
				return filepath.Join(t.TempDir(), "terbuka.db")
			}
			// The demo province plus a granted request with its notice and
			// a released file in the documents folder.
			dsn, docs := newDSN(), t.TempDir()
			s, done, err := openStore(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			if s.Files, err = files.NewDisk(docs); err != nil {
				t.Fatal(err)
			}
			if err := seedDemo(ctx, s, io.Discard); err != nil {
				t.Fatal(err)
			}
			ppid, err := s.UserByEmail(ctx, "ppid.dinkes@contoh.go.id")
			if err != nil {
				t.Fatal(err)
			}
			r, _, err := s.CreateRequest(ctx, "dinkes-contoh", demoRequests[0].req, store.CreateOptions{Channel: terbuka.ChannelWeb})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.DecideRequest(ctx, ppid, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted, Note: "Terlampir."}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.ReleaseFile(ctx, ppid, r.Number, store.FileUpload{Name: "dbd-2025.csv",
				Body: strings.NewReader("kabupaten,kasus\nContoh,12\n"), Public: true}); err != nil {
				t.Fatal(err)
			}
			done()
			wantAudit, err := cmd(nil, "audit", "verify", "--db", dsn)
			if err != nil || !strings.HasPrefix(wantAudit, "audit ok ") {
				t.Fatalf("audit verify: %q %v", wantAudit, err)
			}
			wantCounts, wantFiles := tableCounts(t, dsn), diskFiles(t, docs)
			if len(wantFiles) < 2 { // at least the notice and the released file
				t.Fatalf("%d documents", len(wantFiles))
			}

			archive := filepath.Join(t.TempDir(), "terbuka.tar.gz")
			out, err := cmd(nil, "backup", "--db", dsn, "--files-dir", docs, "--to", archive)
			if err != nil || !strings.HasPrefix(out, "backup: ") || !strings.Contains(out, fmt.Sprintf(" %d files, ", len(wantFiles))) {
				t.Fatalf("backup: %q %v", out, err)
			}
			if st, err := os.Stat(archive); err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("archive: %v %v", st, err)
			}
			if _, err := os.Stat(archive + ".tmp"); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("%s.tmp left behind: %v", archive, err)
			}

			restored := func(dsn, docs string) {
				t.Helper()
				if got, err := cmd(nil, "audit", "verify", "--db", dsn); err != nil || got != wantAudit {
					t.Fatalf("audit verify after restore: %q %v, want %q", got, err, wantAudit)
				}
				if got := tableCounts(t, dsn); !maps.Equal(got, wantCounts) {
					t.Fatalf("rows after restore:\n%v\nwant\n%v", got, wantCounts)
				}
				if got := diskFiles(t, docs); !maps.Equal(got, wantFiles) {
					t.Fatalf("documents after restore differ: %d, want %d", len(got), len(wantFiles))
				}
			}
			dst, dstDocs := newDSN(), t.TempDir()
			out, err = cmd(nil, "restore", "--db", dst, "--files-dir", dstDocs, "--from", archive)
			if err != nil || !strings.HasPrefix(out, "restore: ") {
				t.Fatalf("restore: %q %v", out, err)
			}
			restored(dst, dstDocs)

			// Restoring again finds data: refused, exit status 2.
			_, err = cmd(nil, "restore", "--db", dst, "--files-dir", dstDocs, "--from", archive)
			var ce codeError
			if !errors.As(err, &ce) || ce.code != 2 || !strings.Contains(ce.msg, "already holds data") {
				t.Fatalf("second restore: %#v", err)
			}

			// Through a pipe: --to - and --from -.
			stream, err := cmd(nil, "backup", "--db", dsn, "--files-dir", docs, "--to", "-")
			if err != nil {
				t.Fatal(err)
			}
			piped, pipedDocs := newDSN(), t.TempDir()
			if _, err := cmd(strings.NewReader(stream), "restore", "--db", piped, "--files-dir", pipedDocs, "--from", "-"); err != nil {
				t.Fatal(err)
			}
			restored(piped, pipedDocs)
		})
	}
}

func TestBackupRestore_Usage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.db")
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"BackupWithoutTo", []string{"backup", "--db", missing}, 2},
		{"BackupExtraArgument", []string{"backup", "--db", missing, "--to", dir + "/b.tar.gz", "more"}, 2},
		{"BackupOfMissingDatabase", []string{"backup", "--db", missing, "--to", dir + "/b.tar.gz"}, 1},
		{"RestoreWithoutFrom", []string{"restore", "--db", missing}, 2},
		{"RestoreOfMissingArchive", []string{"restore", "--db", missing, "--from", dir + "/none.tar.gz"}, 2},
		{"RestoreOfNoArchive", []string{"restore", "--db", missing, "--files-dir", dir + "/files", "--from", "/dev/null"}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := run(ctx, c.args, strings.NewReader(""), io.Discard, io.Discard)
			var ue usageError
			var ce codeError
			code := 1
			switch {
			case err == nil:
				t.Fatal("no error")
			case errors.As(err, &ue):
				code = 2
			case errors.As(err, &ce):
				code = ce.code
			}
			if code != c.code {
				t.Fatalf("exit %d (%v), want %d", code, err, c.code)
			}
			if _, err := os.Stat(dir + "/b.tar.gz.tmp"); !errors.Is(err, os.ErrNotExist) {
				t.Fatal("a temporary archive was left behind")
			}
		})
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a failed command created the database: %v", err)
	}
}
