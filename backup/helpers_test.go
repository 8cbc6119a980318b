package backup_test

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/backup"
	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/store"
)

const staffPassword = "kata-sandi-uji-2026"

var releasedPDF = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// newStore is a store over db with its documents in memory.
func newStore(db *store.DB) (*store.Store, *files.Memory) {
	st := store.New(db, nil, password.NewHasher(password.Fast, 2))
	mem := files.NewMemory()
	st.Files = mem
	return st, mem
}

// seed fills st with a province and an OPD (a body with a parent), a PPID,
// a signed-in session, a request granted with its written notice (a PDF in
// the file store) and a released file, and a second open request.
func seed(t testing.TB, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	for _, b := range []terbuka.Body{
		{Slug: "prov-uji", Code: "PROV", Name: "Pemerintah Provinsi Uji", Kind: terbuka.KindProvince},
		{Slug: "dinkes-uji", Code: "DINKES", Name: "Dinas Kesehatan Uji", Kind: terbuka.KindOPD, ParentSlug: "prov-uji",
			PPID: terbuka.PPIDUtama},
	} {
		if _, err := st.CreateBody(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	ppid, err := st.CreateUser(ctx, terbuka.NewUser{Email: "ppid@uji.go.id", Name: "PPID Uji", Role: terbuka.RolePPID,
		BodySlug: "dinkes-uji", Password: staffPassword})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Login(ctx, "ppid@uji.go.id", staffPassword); err != nil {
		t.Fatal(err)
	}
	r := newRequest(t, st)
	if _, err := st.DecideRequest(ctx, ppid, r.Number, terbuka.DecisionInput{Decision: terbuka.Granted,
		Note: "Informasi diberikan."}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ReleaseFile(ctx, ppid, r.Number, store.FileUpload{Name: "laporan.pdf",
		Body: bytes.NewReader(releasedPDF), Public: true}); err != nil {
		t.Fatal(err)
	}
	newRequest(t, st)
}

func newRequest(t testing.TB, st *store.Store) terbuka.Request {
	t.Helper()
	r, _, err := st.CreateRequest(context.Background(), "dinkes-uji", requestInput(), store.CreateOptions{Channel: terbuka.ChannelWeb})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func requestInput() terbuka.NewRequest {
	return terbuka.NewRequest{
		Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Budi Santoso", IDNumber: "3201011501900001",
			Address: "Jl. Merdeka 1, Bandung", Email: "budi@example.id", Phone: "0812-3456-7890", Occupation: "Wiraswasta"},
		Information: "Salinan laporan realisasi anggaran Dinas Kesehatan tahun 2025",
		Purpose:     "Penelitian", Obtain: "softcopy", Delivery: "email",
	}
}

func waitABit() { time.Sleep(5 * time.Millisecond) }

// requestNumbers sums the request counters: with gap-free numbering, the
// number of requests ever created.
func requestNumbers(t testing.TB, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	var sum int64
	err := db.Snapshot(ctx, func(s *store.Snapshot) error {
		for _, tb := range s.Tables {
			if tb.Name != "number_counters" {
				continue
			}
			col := map[string]int{}
			for i, c := range tb.Columns {
				col[c.Name] = i
			}
			return s.Rows(ctx, tb, func(v []any) error {
				if v[col["scope"]] == "request" {
					sum += v[col["last"]].(int64)
				}
				return nil
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// archive backs db and fs up into memory.
func archive(t testing.TB, db *store.DB, fs files.Store) ([]byte, backup.Summary) {
	t.Helper()
	var buf bytes.Buffer
	sum, err := backup.Write(context.Background(), db, fs, &buf, backup.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	if sum.Bytes != int64(buf.Len()) {
		t.Fatalf("summary says %d bytes, wrote %d", sum.Bytes, buf.Len())
	}
	return buf.Bytes(), sum
}

// counts returns the rows of every table a backup carries.
func counts(t testing.TB, db *store.DB) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	out := map[string]int64{}
	err := db.Snapshot(ctx, func(s *store.Snapshot) error {
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

// verifyAudit returns how many audit entries verify, failing on a break.
func verifyAudit(t testing.TB, db *store.DB) int64 {
	t.Helper()
	n, broken, err := store.New(db, nil, nil).VerifyAudit(context.Background())
	if err != nil || broken != 0 {
		t.Fatalf("audit verify: %d intact, broken at %d: %v", n, broken, err)
	}
	return n
}

// sameFiles fails unless every document of m reads the same in a and b.
func sameFiles(t testing.TB, m backup.Manifest, a, b files.Store) {
	t.Helper()
	ctx := context.Background()
	for _, sha := range m.Files {
		read := func(fs files.Store) []byte {
			rc, err := fs.Open(ctx, sha)
			if err != nil {
				t.Fatalf("open %s: %v", sha, err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
		if !bytes.Equal(read(a), read(b)) {
			t.Fatalf("document %s differs after restore", sha)
		}
	}
}
