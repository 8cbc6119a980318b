package main

import (
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
)

// defaultFilesDir is the documents folder with PostgreSQL; with SQLite
// it is files/ beside the database file (terbuka-data/files for the
// default database), so a copy of the data folder holds both.
const defaultFilesDir = "terbuka-data/files"

// openFiles opens (creating it) the folder where notices, SK penolakan
// and released files are kept; dir "" picks the default. The folder is
// per machine: instances that share one PostgreSQL must share the folder
// too (NFS or similar), or use an object store (--files-s3-endpoint,
// files_s3.go), or a requester may be sent to an instance that lacks a
// file.
func openFiles(dir string, db *store.DB, log *slog.Logger) (*files.Disk, error) {
	if dir == "" {
		dir = defaultFilesDir
		if db.Dialect == store.SQLite {
			dir = filepath.Join(filepath.Dir(strings.TrimPrefix(db.DSN, "sqlite://")), "files")
		}
	}
	d, err := files.NewDisk(dir)
	if err != nil {
		return nil, err
	}
	if db.Dialect == store.Postgres {
		log.Info("file store ready; every instance on this database must share it", "dir", d.Dir())
	} else {
		log.Info("file store ready", "dir", d.Dir())
	}
	return d, nil
}
