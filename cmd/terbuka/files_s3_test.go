package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
)

func TestOpenFileStore_S3FromFlagsAndEnvironment(t *testing.T) {
	srv := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	defer srv.Close()
	endpoint := strings.TrimPrefix(srv.URL, "http://")
	t.Setenv("TERBUKA_FILES_S3_ENDPOINT", endpoint)
	t.Setenv("TERBUKA_FILES_S3_ACCESS_KEY", "terbuka")
	t.Setenv("TERBUKA_FILES_S3_SECRET_KEY", "rahasia")
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log := slog.New(slog.DiscardHandler)
	ctx := context.Background()

	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg := s3Flags(fs)
	if err := fs.Parse([]string{"--files-s3-bucket", "dokumen", "--files-s3-secure=false"}); err != nil {
		t.Fatal(err)
	}
	st, err := openFileStore(ctx, "", cfg, db, log)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := st.(*files.S3); !ok || cfg.Bucket != "dokumen" || cfg.Endpoint != endpoint || cfg.SecretKey != "rahasia" {
		t.Fatalf("store %T, config %+v", st, cfg)
	}
	ref, err := st.Put(ctx, strings.NewReader("laporan"), 0)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := st.Open(ctx, ref.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "laporan" {
		t.Fatalf("read back %q", b)
	}

	t.Run("files-dir and an endpoint exclude each other", func(t *testing.T) {
		_, err := openFileStore(ctx, t.TempDir(), cfg, db, log)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Fatalf("err = %v, want a usage error", err)
		}
	})
	t.Run("unreachable store stops the start", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		closed := l.Addr().String()
		l.Close()
		bad := *cfg
		bad.Endpoint = closed
		_, err = openFileStore(ctx, "", &bad, db, log)
		if err == nil || !strings.Contains(err.Error(), "object store") || !strings.Contains(err.Error(), closed) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("no endpoint is the folder", func(t *testing.T) {
		st, err := openFileStore(ctx, "", &files.S3Config{}, db, log)
		if _, ok := st.(*files.Disk); err != nil || !ok {
			t.Fatalf("store %T, %v", st, err)
		}
	})
}

func TestExtractText_IsTheChildCommand(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"extract-text", "text/plain; charset=utf-8"},
		strings.NewReader("Daftar informasi publik\x00"), &out, io.Discard)
	if err != nil || out.String() != "Daftar informasi publik" {
		t.Fatalf("extract-text = %q, %v", out.String(), err)
	}
	var ue usageError
	if err := run(context.Background(), []string{"extract-text"}, strings.NewReader(""), &out, io.Discard); !errors.As(err, &ue) {
		t.Fatalf("without a type: %v", err)
	}
}
