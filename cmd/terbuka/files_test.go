package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/terbuka-id/terbuka/store"
)

func TestOpenFiles_DefaultsBesideTheSQLiteFile(t *testing.T) {
	dir := t.TempDir()
	db, err := store.Open(context.Background(), filepath.Join(dir, "data", "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log := slog.New(slog.DiscardHandler)
	d, err := openFiles("", db, log)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "data", "files"); d.Dir() != want {
		t.Fatalf("files in %s, want %s", d.Dir(), want)
	}
	explicit := filepath.Join(dir, "elsewhere")
	if d, err = openFiles(explicit, db, log); err != nil || d.Dir() != explicit {
		t.Fatalf("explicit dir: %v, %v", d, err)
	}
	if st, err := os.Stat(filepath.Join(explicit, "tmp")); err != nil || !st.IsDir() {
		t.Fatalf("not created: %v", err)
	}
}
