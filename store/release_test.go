package store_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// Released information: files staff upload and catalogue entries they
// link (store/release.go).

var pdfBytes = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func upload(name string, data []byte, public bool) store.FileUpload {
	return store.FileUpload{Name: name, Body: bytes.NewReader(data), Public: public}
}

// granted files a request to dinkes-uji and grants it.
func (f *fixture) granted(t *testing.T, kind terbuka.DecisionKind) (terbuka.Request, string) {
	t.Helper()
	r, token := f.create(t, "dinkes-uji", nil)
	if kind != "" {
		if _, err := f.s.DecideRequest(context.Background(), f.pelaksana, r.Number, decisionOf(kind)); err != nil {
			t.Fatal(err)
		}
	}
	return r, token
}

func TestReleaseFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		r, token := f.granted(t, terbuka.PartiallyGranted)
		t.Run("OK", func(t *testing.T) {
			got, err := f.s.ReleaseFile(ctx, f.pelaksana, r.Number, upload("../../Laporan Anggaran 2025.pdf", pdfBytes, true))
			if err != nil {
				t.Fatal(err)
			}
			if got.Kind != terbuka.FileReleased || got.Name != "Laporan Anggaran 2025.pdf" || got.ContentType != "application/pdf" ||
				got.Size != int64(len(pdfBytes)) || !got.Public || got.CreatedBy != f.pelaksana.Name {
				t.Fatalf("file %+v", got)
			}
			rf, rc, err := f.s.OpenFileByTracking(ctx, r.Number, token, got.ID)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			if !bytes.Equal(b, pdfBytes) || rf.Name != got.Name {
				t.Fatalf("downloaded %q as %q", b, rf.Name)
			}
			v := f.staffView(t, r.Number)
			if last := v.Events[len(v.Events)-1]; last.Kind != "file_released" || !last.Public || last.Note != got.Name {
				t.Fatalf("event %+v", last)
			}
			entries, _ := f.s.AuditFor(ctx, f.ppid, terbuka.AuditEntityRequest, r.Number)
			if e := entries[len(entries)-1]; e.Action != terbuka.AuditFileReleased || !strings.Contains(e.Data, got.SHA256) ||
				strings.Contains(e.Data, "Laporan") {
				t.Fatalf("audit %+v", e)
			}
		})
		t.Run("OfficeDocumentByItsBytes", func(t *testing.T) {
			zip := append([]byte("PK\x03\x04\x14\x00\x06\x00"), bytes.Repeat([]byte{0}, 100)...)
			got, err := f.s.ReleaseFile(ctx, f.ppid, r.Number, upload("rekap.xlsx", zip, true))
			if err != nil || got.ContentType != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
				t.Fatalf("xlsx: %+v %v", got, err)
			}
			got, err = f.s.ReleaseFile(ctx, f.ppid, r.Number, upload("peta.pdf", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), true))
			if err != nil || got.ContentType != "image/png" || got.Name != "peta.png" {
				t.Fatalf("png named .pdf: %+v %v", got, err)
			}
		})
		t.Run("InternalFileHiddenFromRequester", func(t *testing.T) {
			got, err := f.s.ReleaseFile(ctx, f.ppid, r.Number, upload("catatan-internal.txt", []byte("catatan kerja petugas\n"), false))
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := f.s.OpenFileByTracking(ctx, r.Number, token, got.ID); terbuka.ErrorCode(err) != terbuka.ENotFound {
				t.Fatalf("requester opened an internal file: %v", err)
			}
			d, _ := f.s.DocumentsByTracking(ctx, r.Number, token)
			if _, ok := d.File(got.ID); ok {
				t.Fatal("internal file listed for the requester")
			}
			staff, _ := f.s.DocumentsForStaff(ctx, f.ppid, r.Number)
			if _, ok := staff.File(got.ID); !ok {
				t.Fatal("staff do not see the internal file")
			}
		})
		t.Run("ErrExecutableRenamedPDF", func(t *testing.T) {
			exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), bytes.Repeat([]byte{0x90}, 600)...)
			_, err := f.s.ReleaseFile(ctx, f.ppid, r.Number, upload("laporan.pdf", exe, true))
			wantCode(t, err, terbuka.EUnsupported)
		})
		t.Run("ErrHTML", func(t *testing.T) {
			_, err := f.s.ReleaseFile(ctx, f.ppid, r.Number, upload("info.txt", []byte("<html><script>alert(1)</script></html>"), true))
			wantCode(t, err, terbuka.EUnsupported)
		})
		t.Run("ErrTooLarge", func(t *testing.T) {
			big := io.MultiReader(bytes.NewReader(pdfBytes), io.LimitReader(zeros{}, terbuka.MaxReleaseBytes))
			_, err := f.s.ReleaseFile(ctx, f.ppid, r.Number, store.FileUpload{Name: "besar.pdf", Body: big, Public: true})
			wantCode(t, err, terbuka.ETooLarge)
		})
		t.Run("ErrNotGranted", func(t *testing.T) {
			for _, kind := range []terbuka.DecisionKind{"", terbuka.Denied, terbuka.NotHeld, terbuka.Transferred} {
				other, _ := f.granted(t, kind)
				_, err := f.s.ReleaseFile(ctx, f.ppid, other.Number, upload("x.pdf", pdfBytes, true))
				wantCode(t, err, terbuka.EConflict)
			}
		})
		t.Run("ErrOtherUnit", func(t *testing.T) {
			_, err := f.s.ReleaseFile(ctx, f.otherPelaksana, r.Number, upload("x.pdf", pdfBytes, true))
			wantCode(t, err, terbuka.ENotFound)
		})
		t.Run("ErrAtasanReadsOnly", func(t *testing.T) {
			_, err := f.s.ReleaseFile(ctx, f.atasan, r.Number, upload("x.pdf", pdfBytes, true))
			wantCode(t, err, terbuka.EForbidden)
		})
	})
}

// zeros yields zero bytes forever.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestLinkCatalogue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		open, err := f.s.CreateCatalogueEntry(ctx, f.pelaksana, "dinkes-uji", terbuka.NewCatalogueEntry{
			Title: "Laporan realisasi anggaran 2025", Summary: "Realisasi anggaran Dinas Kesehatan per program.",
			Classification: terbuka.SetiapSaat, Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		closed, err := f.s.CreateCatalogueEntry(ctx, f.pelaksana, "dinkes-uji", terbuka.NewCatalogueEntry{
			Title: "Rekam medis pasien", Summary: "Rekam medis.", Classification: terbuka.Dikecualikan, Year: 2025,
			Exemption: &terbuka.NewExemption{Basis: "h", ConsequenceTest: "Membuka rekam medis mengungkap rahasia pribadi pasien."}})
		if err != nil {
			t.Fatal(err)
		}
		r, token := f.granted(t, terbuka.Granted)
		t.Run("OK", func(t *testing.T) {
			l, err := f.s.LinkCatalogue(ctx, f.pelaksana, r.Number, open.ID)
			if err != nil {
				t.Fatal(err)
			}
			if l.Entry.ID != open.ID || l.Entry.Title != open.Title || l.LinkedBy != f.pelaksana.Name {
				t.Fatalf("link %+v", l)
			}
			d, err := f.s.DocumentsByTracking(ctx, r.Number, token)
			if err != nil || len(d.Links) != 1 || d.Links[0].Entry.Summary != open.Summary || d.Links[0].LinkedBy != "" {
				t.Fatalf("requester sees %+v, %v", d.Links, err)
			}
		})
		t.Run("ErrAlreadyLinked", func(t *testing.T) {
			_, err := f.s.LinkCatalogue(ctx, f.ppid, r.Number, open.ID)
			wantCode(t, err, terbuka.EConflict)
		})
		t.Run("ErrExempt", func(t *testing.T) {
			_, err := f.s.LinkCatalogue(ctx, f.ppid, r.Number, closed.ID)
			wantField(t, err, "catalogue_id")
		})
		t.Run("ErrUnknownEntry", func(t *testing.T) {
			_, err := f.s.LinkCatalogue(ctx, f.ppid, r.Number, closed.ID+100)
			wantCode(t, err, terbuka.ENotFound)
		})
		t.Run("ErrNotGranted", func(t *testing.T) {
			other, _ := f.granted(t, terbuka.Denied)
			_, err := f.s.LinkCatalogue(ctx, f.ppid, other.Number, open.ID)
			wantCode(t, err, terbuka.EConflict)
		})
	})
}
