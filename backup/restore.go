package backup

import (
	"context"
	"fmt"
	"io"

	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
)

// Restore loads the archive r into db, which must be empty, and puts its
// documents into fs. It checks the manifest first and refuses (an error
// wrapping ErrRefused, nothing changed) an archive newer than this binary
// or a database that holds data. It then migrates db to the archive's
// schema version, inserts every row in one transaction while checking
// each member against the manifest, stores every document (checked
// against its name), and commits only when the whole archive was read
// intact; finally it migrates db to this binary's latest version. The
// archive may come from another engine: values travel by kind.
//
// A failed restore leaves the database migrated but empty (so it can be
// run again) and possibly some documents in fs, which no row refers to.
func Restore(ctx context.Context, db *store.DB, fs files.Store, r io.Reader) (Summary, error) {
	a, err := Open(r)
	if err != nil {
		return Summary{}, err
	}
	return a.Restore(ctx, db, fs)
}

// Archive is an archive being read, its manifest read and checked.
type Archive struct{ ar *reader }

// Open reads and checks the manifest of the archive r, so a caller can
// refuse a bad or newer archive before it opens a database. A newer
// format wraps ErrRefused.
func Open(r io.Reader) (*Archive, error) {
	ar, err := newReader(r)
	if err != nil {
		return nil, err
	}
	return &Archive{ar: ar}, nil
}

// Manifest describes the archive.
func (a *Archive) Manifest() Manifest { return a.ar.manifest }

// Restore is the package's Restore for an opened archive; call it once.
func (a *Archive) Restore(ctx context.Context, db *store.DB, fs files.Store) (Summary, error) {
	ar := a.ar
	m := &ar.manifest
	if err := db.PrepareRestore(ctx, m.SchemaVersion); err != nil {
		return Summary{}, err
	}
	sum := Summary{Tables: len(m.Tables), Files: len(m.Files)}
	err := db.Load(ctx, func(l *store.Loader) error {
		for _, t := range m.Tables {
			if err := restoreTable(ctx, ar, l, t, m); err != nil {
				return err
			}
			sum.Rows += t.Rows
		}
		for _, sha := range m.Files {
			body, err := ar.member(fileMember(sha), -1, sha)
			if err != nil {
				return err
			}
			ref, err := fs.Put(ctx, body, 0)
			if err != nil {
				return fmt.Errorf("restore document %s: %w", sha, err)
			}
			if ref.SHA256 != sha { // the verifier already failed the read; never trust one check alone
				return fmt.Errorf("archive member %s is damaged: checksum mismatch", fileMember(sha))
			}
		}
		if err := ar.end(); err != nil {
			return err
		}
		sum.Bytes = ar.in.n
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		return Summary{}, fmt.Errorf("restored; migrating to this version failed: %w", err)
	}
	return sum, nil
}

func restoreTable(ctx context.Context, ar *reader, l *store.Loader, t Table, m *Manifest) error {
	body, err := ar.member(t.Member(), t.Bytes, t.SHA256)
	if err != nil {
		return err
	}
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	tl, err := l.Table(ctx, t.Name, names)
	if err != nil {
		return err
	}
	for i, k := range tl.Kinds() {
		if k != t.Columns[i].Kind {
			return fmt.Errorf("restore: column %s.%s is %s in the archive but %s in this database",
				t.Name, t.Columns[i].Name, t.Columns[i].Kind, k)
		}
	}
	err = readRows(body, t, func(values []any) error { return tl.Insert(ctx, values) }, func(sha string) error {
		if !m.hasFile(sha) {
			return fmt.Errorf("archive damaged: table %s refers to document %s, which it does not hold", t.Name, sha)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return tl.Close(ctx)
}

// Check reads a whole archive without a database: the manifest, every
// member against its checksum, every row against its columns' kinds, and
// every document reference against the file list. It returns the
// manifest of an intact archive.
func Check(r io.Reader) (Manifest, error) {
	ar, err := newReader(r)
	if err != nil {
		return Manifest{}, err
	}
	m := &ar.manifest
	for _, t := range m.Tables {
		body, err := ar.member(t.Member(), t.Bytes, t.SHA256)
		if err != nil {
			return Manifest{}, err
		}
		err = readRows(body, t, func([]any) error { return nil }, func(sha string) error {
			if !m.hasFile(sha) {
				return fmt.Errorf("archive damaged: table %s refers to document %s, which it does not hold", t.Name, sha)
			}
			return nil
		})
		if err != nil {
			return Manifest{}, err
		}
	}
	for _, sha := range m.Files {
		body, err := ar.member(fileMember(sha), -1, sha)
		if err != nil {
			return Manifest{}, err
		}
		if _, err := io.Copy(io.Discard, body); err != nil {
			return Manifest{}, err
		}
	}
	if err := ar.end(); err != nil {
		return Manifest{}, err
	}
	return *m, nil
}
