package backup_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/backup"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// rewrite returns the archive data with each member passed through fn
// (nil drops it), recompressed: damage a checksum cannot catch on the
// way in, only the restore's own checks.
func rewrite(t testing.TB, data []byte, fn func(name string, body []byte) []byte) []byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tw := tar.NewWriter(zw)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if body = fn(h.Name, body); body == nil {
			continue
		}
		h.Size = int64(len(body))
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// editManifest returns data with its manifest changed by fn.
func editManifest(t testing.TB, data []byte, fn func(m map[string]any)) []byte {
	t.Helper()
	return rewrite(t, data, func(name string, body []byte) []byte {
		if name != "manifest.json" {
			return body
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		fn(m)
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return b
	})
}

// flip changes one byte in the middle of member name.
func flip(name string) func(string, []byte) []byte {
	return func(n string, body []byte) []byte {
		if n == name {
			body[len(body)/2] ^= 0x01
		}
		return body
	}
}

func TestRestore_Refuses(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			src := e.Open(t)
			st, mem := newStore(src)
			seed(t, st)
			data, _ := archive(t, src, mem)
			latest, err := src.LatestSchemaVersion()
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name string
				data []byte
				db   *store.DB
				want string
			}{
				{"DatabaseHoldsData", data, src, "already holds data"},
				{"NewerSchema", editManifest(t, data, func(m map[string]any) { m["schema_version"] = latest + 1 }), nil,
					"knows versions up to"},
				{"OlderSchemaThanDatabase", editManifest(t, data, func(m map[string]any) { m["schema_version"] = latest - 1 }), nil,
					"already at schema version"},
				{"NewerFormat", editManifest(t, data, func(m map[string]any) { m["format_version"] = backup.FormatVersion + 1 }), nil,
					"format version"},
			} {
				t.Run(c.name, func(t *testing.T) {
					db := c.db
					if db == nil {
						db = e.Open(t)
					}
					before := counts(t, db)
					_, err := backup.Restore(ctx, db, mem, bytes.NewReader(c.data))
					if !errors.Is(err, backup.ErrRefused) || !strings.Contains(err.Error(), c.want) {
						t.Fatalf("err = %v, want a refusal saying %q", err, c.want)
					}
					if after := counts(t, db); !maps.Equal(before, after) {
						t.Fatalf("a refused restore changed the database: %v → %v", before, after)
					}
				})
			}
		})
	}
}

// A damaged archive fails with an error naming the damage, and writes no
// row: the intact archive restores into the same database afterwards.
func TestRestore_DamagedArchive(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			src := e.Open(t)
			st, mem := newStore(src)
			seed(t, st)
			data, _ := archive(t, src, mem)
			m, err := backup.Check(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			doc := "files/" + m.Files[0]
			db := e.Open(t)
			_, target := newStore(db)
			for _, c := range []struct {
				name string
				data []byte
				want string
			}{
				{"FlippedByteInTable", rewrite(t, data, flip("tables/requests.jsonl")),
					"archive member tables/requests.jsonl is damaged: checksum mismatch"},
				{"BrokenJSONInTable", rewrite(t, data, func(n string, b []byte) []byte {
					if n == "tables/bodies.jsonl" {
						b[0] = '{'
					}
					return b
				}), "archive member tables/bodies.jsonl is damaged: checksum mismatch"},
				{"FlippedByteInDocument", rewrite(t, data, flip(doc)), "archive member " + doc + " is damaged: checksum mismatch"},
				{"FlippedByteInCompressedStream", flipAt(data, len(data)*2/3), "archive"},
				{"Truncated", data[:len(data)*2/3], "archive"},
				{"TruncatedBeforeLastMember", rewrite(t, data, func(n string, b []byte) []byte {
					if n == "files/"+m.Files[len(m.Files)-1] {
						return nil
					}
					return b
				}), "archive is truncated: it ends before member files/"},
				{"RowCountWrong", editManifest(t, data, func(m map[string]any) {
					tables := m["tables"].([]any)
					tables[0].(map[string]any)["rows"] = 1000
				}), "the manifest says 1000"},
				{"NotAnArchive", []byte("PRAGMA this is not a backup"), "not a Terbuka backup"},
			} {
				t.Run(c.name, func(t *testing.T) {
					_, err := backup.Restore(ctx, db, target, bytes.NewReader(c.data))
					t.Logf("error: %v", err)
					if err == nil || errors.Is(err, backup.ErrRefused) || !strings.Contains(err.Error(), c.want) {
						t.Fatalf("err = %v, want a failure saying %q", err, c.want)
					}
					if _, err := backup.Check(bytes.NewReader(c.data)); err == nil {
						t.Fatal("Check accepts the damaged archive")
					}
				})
			}
			if _, err := backup.Restore(ctx, db, target, bytes.NewReader(data)); err != nil {
				t.Fatalf("the intact archive after the damaged ones: %v", err)
			}
			verifyAudit(t, db)
		})
	}
}

// flipAt returns a copy of data with byte i changed.
func flipAt(data []byte, i int) []byte {
	out := bytes.Clone(data)
	out[i] ^= 0x5a
	return out
}
