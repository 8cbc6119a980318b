package backup_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/backup"
	"github.com/terbuka-id/terbuka/store"
)

// buildArchive packs members (name, bytes; in order) as a backup does.
func buildArchive(t testing.TB, members ...[2][]byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, m := range members {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: string(m[0]), Size: int64(len(m[1])), Mode: 0o600}); err != nil {
			t.Fatal(err)
		}
		tw.Write(m[1])
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

// rowsTable has a column of every kind and a file reference.
var rowsTable = backup.Table{Name: "things", Columns: []backup.Column{
	{Name: "id", Kind: store.KindInteger}, {Name: "flag", Kind: store.KindBoolean}, {Name: "at", Kind: store.KindTimestamp},
	{Name: "name", Kind: store.KindText}, {Name: "ratio", Kind: store.KindReal}, {Name: "data", Kind: store.KindBytes},
	{Name: "sha256", Kind: store.KindText}}}

var fuzzDoc = []byte("%PDF-1.7 dokumen\n")

// rowsArchive is an archive of one table whose member is rows, counted as
// n rows, and one document.
func rowsArchive(t testing.TB, rows []byte, n int64) []byte {
	sum := sha256.Sum256(rows)
	tb := rowsTable
	tb.Rows, tb.Bytes, tb.SHA256 = n, int64(len(rows)), hex.EncodeToString(sum[:])
	docSum := sha256.Sum256(fuzzDoc)
	doc := hex.EncodeToString(docSum[:])
	m := backup.Manifest{Format: backup.Format, FormatVersion: backup.FormatVersion, SchemaVersion: 1, Engine: "sqlite",
		CreatedAt: time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC), Tables: []backup.Table{tb}, Files: []string{doc}}
	mj, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return buildArchive(t, [2][]byte{[]byte("manifest.json"), mj}, [2][]byte{[]byte(tb.Member()), rows},
		[2][]byte{[]byte("files/" + doc), fuzzDoc})
}

// FuzzReadManifest feeds manifests to the archive reader (Check):
// whatever the bytes, an answer or an error, never a panic, and an
// accepted manifest passes its own check.
func FuzzReadManifest(f *testing.F) {
	ok := rowsArchive(f, nil, 0)
	m, err := backup.Check(bytes.NewReader(ok))
	if err != nil {
		f.Fatal(err)
	}
	seed, _ := json.Marshal(m)
	f.Add(seed)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"format":"terbuka-backup","format_version":1,"schema_version":1,"engine":"postgres",` +
		`"created_at":"2026-11-22T08:00:00Z","tables":[{"name":"a","columns":[{"name":"id","kind":"integer"}],` +
		`"rows":0,"bytes":0,"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}],"files":[]}`))
	f.Fuzz(func(t *testing.T, manifest []byte) {
		data := buildArchive(t, [2][]byte{[]byte("manifest.json"), manifest},
			[2][]byte{[]byte("tables/a.jsonl"), nil})
		if m, err := backup.Check(bytes.NewReader(data)); err == nil && m.Check() != nil {
			t.Fatalf("accepted a manifest that fails its own check: %+v", m)
		}
	})
}

// FuzzReadRows feeds table members to the row decoder through an archive
// whose manifest matches them: never a panic, and an accepted archive
// yields exactly the rows it was counted with.
func FuzzReadRows(f *testing.F) {
	docSum := sha256.Sum256(fuzzDoc)
	doc := hex.EncodeToString(docSum[:])
	f.Add([]byte(`[1,true,"2026-01-02T03:04:05.123456Z","Dinas",1.5,"AAE=","` + doc + `"]` + "\n"))
	f.Add([]byte(`[9223372036854775807,false,"2026-01-02 03:04:05","",-0.25,"",null]` + "\n" +
		`[null,null,null,null,null,null,null]` + "\n"))
	f.Add([]byte(`[1.5,1,2,3,4,5,6]`))
	f.Add([]byte(`{"id":1}`))
	f.Fuzz(func(t *testing.T, rows []byte) {
		n := int64(bytes.Count(rows, []byte("\n")))
		_, _ = backup.Check(bytes.NewReader(rowsArchive(t, rows, n)))
	})
}

// The fuzz seeds' archive is valid: every kind decodes, NULLs included.
func TestCheck_EveryKind(t *testing.T) {
	docSum := sha256.Sum256(fuzzDoc)
	doc := hex.EncodeToString(docSum[:])
	for _, c := range []struct {
		name, rows string
		n          int64
		ok         bool
	}{
		{"EveryKind", `[1,true,"2026-01-02T03:04:05.123456Z","Dinas",1.5,"AAE=","` + doc + `"]` + "\n", 1, true},
		{"Nulls", `[null,null,null,null,null,null,null]` + "\n", 1, true},
		{"MaxInt64", `[9223372036854775807,false,"2026-01-02 03:04:05","",-0.25,"",null]` + "\n", 1, true},
		{"IntegerOverflow", `[9223372036854775808,false,null,"",0,"",null]` + "\n", 1, false},
		{"FractionForInteger", `[1.5,false,null,"",0,"",null]` + "\n", 1, false},
		{"NumberForBoolean", `[1,1,null,"",0,"",null]` + "\n", 1, false},
		{"BadBase64", `[1,true,null,"",0,"*",null]` + "\n", 1, false},
		{"UnknownDocument", `[1,true,null,"",0,"","` + strings.Repeat("a", 64) + `"]` + "\n", 1, false},
		{"NoDocumentReference", `[1,true,null,"",0,"","../etc/passwd"]` + "\n", 1, false},
		{"ObjectForRow", `{"id":1}` + "\n", 1, false},
		{"ShortRow", `[1]` + "\n", 1, false},
		{"CountWrong", `[null,null,null,null,null,null,null]` + "\n", 2, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := backup.Check(bytes.NewReader(rowsArchive(t, []byte(c.rows), c.n)))
			if (err == nil) != c.ok {
				t.Fatalf("err = %v, want ok %v", err, c.ok)
			}
		})
	}
}
