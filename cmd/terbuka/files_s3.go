package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/terbuka-id/terbuka/extract"
	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
)

// s3Flags registers the object-store flags. The secret key is read from
// TERBUKA_FILES_S3_SECRET_KEY only, never a flag: a flag shows in ps.
func s3Flags(fs *flag.FlagSet) *files.S3Config {
	c := &files.S3Config{}
	fs.StringVar(&c.Endpoint, "files-s3-endpoint", env("TERBUKA_FILES_S3_ENDPOINT", ""),
		"host[:port] of an S3-compatible object store for documents instead of --files-dir; lets several instances share "+
			"the documents without a shared folder (TERBUKA_FILES_S3_ENDPOINT)")
	fs.StringVar(&c.Bucket, "files-s3-bucket", env("TERBUKA_FILES_S3_BUCKET", "terbuka"),
		"bucket, created at start when missing (TERBUKA_FILES_S3_BUCKET)")
	fs.StringVar(&c.AccessKey, "files-s3-access-key", env("TERBUKA_FILES_S3_ACCESS_KEY", ""),
		"access key; the secret key comes from TERBUKA_FILES_S3_SECRET_KEY only (TERBUKA_FILES_S3_ACCESS_KEY)")
	fs.StringVar(&c.Region, "files-s3-region", env("TERBUKA_FILES_S3_REGION", ""), "region, if the store wants one (TERBUKA_FILES_S3_REGION)")
	fs.BoolVar(&c.Secure, "files-s3-secure", envBoolDefault("TERBUKA_FILES_S3_SECURE", true),
		"HTTPS to the store; false only on a trusted network (TERBUKA_FILES_S3_SECURE)")
	return c
}

// envBoolDefault reads a boolean variable, def when unset or unreadable.
func envBoolDefault(name string, def bool) bool {
	switch os.Getenv(name) {
	case "1", "t", "T", "true", "TRUE", "True":
		return true
	case "0", "f", "F", "false", "FALSE", "False":
		return false
	}
	return def
}

// openFileStore opens the object store when an endpoint is set, else the
// folder dir (openFiles). An unreachable store stops the start with an
// error that names it, rather than failing the first upload.
func openFileStore(ctx context.Context, dir string, s3 *files.S3Config, db *store.DB, log *slog.Logger) (files.Store, error) {
	if s3 == nil || s3.Endpoint == "" {
		return openFiles(dir, db, log)
	}
	if dir != "" {
		return nil, usageError{"--files-dir and --files-s3-endpoint exclude each other"}
	}
	s3.SecretKey = os.Getenv("TERBUKA_FILES_S3_SECRET_KEY")
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	s, err := files.NewS3(ctx, *s3)
	if err != nil {
		return nil, fmt.Errorf("object store for documents unreachable (check --files-s3-endpoint, --files-s3-secure, "+
			"the keys and the bucket): %w", err)
	}
	log.Info("file store ready", "s3_endpoint", s3.Endpoint, "bucket", s3.Bucket)
	return s, nil
}

// extractText is the hidden "extract-text CONTENT-TYPE" command: the
// child process of extract.Isolated, reading a document on stdin and
// writing its text to stdout.
func extractText(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) != 1 {
		return usageError{"usage: terbuka extract-text CONTENT-TYPE < DOCUMENT"}
	}
	return extract.ServeChild(ctx, args[0], stdin, stdout)
}

// isolatedExtractor reads documents' text with PDFs parsed in a child
// process of this same executable (extract.Isolated).
func isolatedExtractor() (store.TextExtractor, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find own executable for text extraction: %w", err)
	}
	return extract.Isolated{Command: []string{exe, "extract-text"}}.Text, nil
}
