package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/terbuka-id/terbuka/backup"
	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
)

// fileStoreFlags registers the flags serve uses to find the documents,
// so backup and restore read and write the same store.
func fileStoreFlags(fs *flag.FlagSet) (*string, *files.S3Config) {
	dir := fs.String("files-dir", env("TERBUKA_FILES_DIR", ""),
		"folder of stored documents; default: files/ beside the SQLite file, or "+defaultFilesDir+" with PostgreSQL (TERBUKA_FILES_DIR)")
	return dir, s3Flags(fs)
}

// backupCmd writes a consistent archive of the database and its documents
// (API.md section 1) to --to, through FILE.tmp renamed when complete, or
// to standard output for "-". The application may keep running. It does
// not migrate: a backup must not change what it copies.
func backupCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dsn := newFlags("backup", stderr)
	to := fs.String("to", "", "archive to write (.tar.gz); - for standard output")
	dir, s3 := fileStoreFlags(fs)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *to == "" || fs.NArg() > 0 {
		return usageError{"usage: terbuka backup --db DSN --to FILE|- [--files-dir DIR | --files-s3-endpoint ...]"}
	}
	if !store.IsPostgres(*dsn) {
		// Open would create a missing SQLite file: there is nothing to back up.
		if _, err := os.Stat(strings.TrimPrefix(*dsn, "sqlite://")); err != nil {
			return codeError{1, "backup: " + err.Error()}
		}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	docs, err := openFileStore(ctx, *dir, s3, db, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	if *to == "-" {
		sum, err := backup.Write(ctx, db, docs, stdout, backup.Options{})
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "backup: %s\n", sum) // stdout carries the archive
		return nil
	}
	sum, err := writeArchive(ctx, *to, func(w io.Writer) (backup.Summary, error) {
		return backup.Write(ctx, db, docs, w, backup.Options{TempDir: filepath.Dir(*to)})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup: %s written to %s\n", sum, *to)
	return nil
}

// writeArchive runs write on path.tmp and renames it to path once it is
// complete and synced, so path is never half an archive. The archive holds
// personal data: only its owner may read it.
func writeArchive(ctx context.Context, path string, write func(io.Writer) (backup.Summary, error)) (backup.Summary, error) {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return backup.Summary{}, fmt.Errorf("backup: %w", err)
	}
	sum, err := write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return backup.Summary{}, err
	}
	return sum, nil
}

// restoreCmd loads an archive into an empty database and its documents
// into the file store (API.md section 1). A database holding data, or an
// archive newer than this binary, is refused with exit status 2 and
// nothing changed; a damaged archive fails (exit 1) with no row written.
func restoreCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, dsn := newFlags("restore", stderr)
	from := fs.String("from", "", "archive to read (.tar.gz); - for standard input")
	dir, s3 := fileStoreFlags(fs)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *from == "" || fs.NArg() > 0 {
		return usageError{"usage: terbuka restore --db DSN --from FILE|- [--files-dir DIR | --files-s3-endpoint ...]"}
	}
	in := stdin
	if *from != "-" {
		f, err := os.Open(*from)
		if err != nil {
			return usageError{"restore: " + err.Error()}
		}
		defer f.Close()
		in = f
	}
	// The manifest first: a damaged or newer archive is turned away
	// before a database is opened (and, for SQLite, created).
	archive, err := backup.Open(in)
	if errors.Is(err, backup.ErrRefused) {
		return codeError{2, err.Error()}
	}
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	docs, err := openFileStore(ctx, *dir, s3, db, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	sum, err := archive.Restore(ctx, db, docs)
	if errors.Is(err, backup.ErrRefused) {
		return codeError{2, err.Error()}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restore: %s read from %s\n", sum, *from)
	return nil
}
