package store_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/search"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// docSentence is the text of the test documents: search must find the
// entry by its words once a document holding it is uploaded.
const docSentence = "Pembangunan puskesmas keliling di kecamatan terpencil"

// docx builds a minimal Word document holding text.
func docx(t *testing.T, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	io.WriteString(w, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`+
		text+`</w:t></w:r></w:p></w:body></w:document>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func docUpload(title, name string, data []byte) store.DocumentUpload {
	return store.DocumentUpload{Title: title, Filename: name, Body: bytes.NewReader(data)}
}

// readDoc opens a version as viewer and returns its bytes.
func readDoc(t *testing.T, s *store.Store, viewer *terbuka.User, entryID, docID int64, version int) (terbuka.CatalogueDocumentVersion, []byte) {
	t.Helper()
	v, rc, err := s.OpenCatalogueDocument(context.Background(), viewer, entryID, docID, version)
	if err != nil {
		t.Fatalf("open document %d version %d: %v", docID, version, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return v, b
}

func TestCatalogueDocumentService_AddAndVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		e := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Berkala, "Laporan layanan kesehatan"))
		v1 := []byte(docSentence + "\n")
		d, err := f.s.AddCatalogueDocument(ctx, f.pelaksana, e.ID, docUpload(" Laporan 2025 ", `C:\Users\x\laporan.txt`, v1))
		if err != nil {
			t.Fatal(err)
		}
		if d.ID == 0 || d.EntryID != e.ID || d.Title != "Laporan 2025" || d.CurrentVersion != 1 || len(d.Versions) != 1 {
			t.Fatalf("document = %+v", d)
		}
		c := d.Current
		if c.Version != 1 || c.Filename != "laporan.txt" || c.ContentType != "text/plain; charset=utf-8" ||
			c.SHA256 != sum(v1) || c.Size != int64(len(v1)) || c.UploadedBy != f.pelaksana.Name || c.UploadedAt.IsZero() {
			t.Fatalf("version 1 = %+v", c)
		}

		f.at(t, f.clock.t.Add(time.Hour))
		v2 := docx(t, "Revisi: "+docSentence)
		d, err = f.s.AddCatalogueDocumentVersion(ctx, f.ppid, e.ID, d.ID, docUpload("ignored", "laporan.pdf", v2))
		if err != nil {
			t.Fatal(err)
		}
		if d.CurrentVersion != 2 || len(d.Versions) != 2 || d.Versions[0].Version != 2 || d.Versions[1].Version != 1 ||
			d.Title != "Laporan 2025" || d.Current.SHA256 != sum(v2) || !d.UpdatedAt.After(d.CreatedAt) {
			t.Fatalf("after version 2: %+v", d)
		}
		// A ZIP named .pdf is a ZIP: the name chose nothing, the directory
		// decided it is not even a Word file without the extension .docx.
		if d.Current.ContentType != "application/zip" || d.Current.Filename != "laporan.zip" {
			t.Errorf("version 2 sniffed as %q named %q", d.Current.ContentType, d.Current.Filename)
		}

		t.Run("each version reads back with its checksum", func(t *testing.T) {
			for _, tt := range []struct {
				version int
				want    []byte
			}{{0, v2}, {1, v1}, {2, v2}} {
				v, b := readDoc(t, f.s, nil, e.ID, d.ID, tt.version)
				if !bytes.Equal(b, tt.want) || v.SHA256 != sum(b) || v.Size != int64(len(b)) {
					t.Errorf("version %d: %d bytes, sha %s", tt.version, len(b), v.SHA256)
				}
			}
		})
		t.Run("same bytes as current version is a conflict", func(t *testing.T) {
			_, err := f.s.AddCatalogueDocumentVersion(ctx, f.pelaksana, e.ID, d.ID, docUpload("", "lagi.docx", v2))
			wantCode(t, err, terbuka.EConflict)
		})
		t.Run("list shows every version newest first", func(t *testing.T) {
			docs, err := f.s.CatalogueDocuments(ctx, nil, e.ID)
			if err != nil || len(docs) != 1 || len(docs[0].Versions) != 2 || docs[0].Current.Version != 2 {
				t.Fatalf("documents = %+v, %v", docs, err)
			}
		})
		t.Run("public list of many entries has current versions", func(t *testing.T) {
			m, err := f.s.PublicDocumentsOf(ctx, []int64{e.ID, e.ID + 1000})
			if err != nil || len(m) != 1 || len(m[e.ID]) != 1 || m[e.ID][0].Current.Version != 2 || m[e.ID][0].Versions != nil {
				t.Fatalf("PublicDocumentsOf = %+v, %v", m, err)
			}
		})
		t.Run("missing version, document or entry is not found", func(t *testing.T) {
			for _, c := range []struct {
				entry, doc int64
				version    int
			}{{e.ID, d.ID, 3}, {e.ID, d.ID + 99, 0}, {e.ID + 99, d.ID, 0}, {e.ID, d.ID, -1}} {
				_, _, err := f.s.OpenCatalogueDocument(ctx, &f.ppid, c.entry, c.doc, c.version)
				wantCode(t, err, terbuka.ENotFound)
			}
			_, err := f.s.CatalogueDocuments(ctx, nil, e.ID+99)
			wantCode(t, err, terbuka.ENotFound)
		})
		t.Run("audit records both uploads by digest", func(t *testing.T) {
			raw := rawDB(t, db)
			rows, err := raw.Query(`SELECT action, data FROM audit_log WHERE entity = 'catalogue' AND action LIKE 'catalogue.document%' ORDER BY seq`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var actions []string
			for rows.Next() {
				var a, data string
				rows.Scan(&a, &data)
				actions = append(actions, a)
				if strings.Contains(data, "Laporan 2025") || strings.Contains(data, "puskesmas") {
					t.Errorf("audit data carries free text: %s", data)
				}
			}
			if strings.Join(actions, ",") != terbuka.AuditCatalogueDocumentAdded+","+terbuka.AuditCatalogueDocumentVersionAdded {
				t.Errorf("audit actions = %v", actions)
			}
		})
	})
}

func TestCatalogueDocumentService_Search(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		e := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.SetiapSaat, "Profil dinas"))
		if _, err := f.s.AddCatalogueDocument(ctx, f.pelaksana, e.ID, docUpload("Profil", "profil.docx", docx(t, docSentence))); err != nil {
			t.Fatal(err)
		}
		var text string
		if err := rawDB(t, db).QueryRow("SELECT search_text FROM catalogue_entries WHERE id = $1", e.ID).Scan(&text); err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.Fields(search.SearchText(docSentence)) {
			if !strings.Contains(" "+text+" ", " "+w+" ") {
				t.Errorf("search_text %q lacks %q", text, w)
			}
		}
		hits, total, err := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "puskesmas terpencil"})
		if err != nil || total != 1 || hits[0].Entry.ID != e.ID {
			t.Fatalf("search = %d hits, %v", total, err)
		}
		t.Run("the configured extractor reads the text", func(t *testing.T) {
			var gotType string
			f.s.Extract = func(_ context.Context, ct string, _ io.ReaderAt, _ int64) (string, error) {
				gotType = ct
				return "mercusuar pelabuhan", nil
			}
			defer func() { f.s.Extract = nil }()
			other := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Berkala, "Peta"))
			if _, err := f.s.AddCatalogueDocument(ctx, f.pelaksana, other.ID, docUpload("Peta", "peta.txt", []byte("x"))); err != nil {
				t.Fatal(err)
			}
			hits, total, err := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "mercusuar"})
			if err != nil || total != 1 || hits[0].Entry.ID != other.ID || gotType != "text/plain; charset=utf-8" {
				t.Fatalf("search = %d hits, %v; extractor saw %q", total, err, gotType)
			}
		})
	})
}

func TestCatalogueDocumentService_ExemptHidden(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		e := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Dikecualikan, "Rekam medis"))
		d, err := f.s.AddCatalogueDocument(ctx, f.pelaksana, e.ID, docUpload("Rekam", "rm.txt", []byte(secretPhrase+" "+docSentence)))
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name   string
			viewer *terbuka.User
		}{{"public", nil}, {"staff of another unit", &f.otherPelaksana}, {"commission", &f.evalUsr}} {
			t.Run(tt.name, func(t *testing.T) {
				docs, err := f.s.CatalogueDocuments(ctx, tt.viewer, e.ID)
				if err != nil || len(docs) != 0 {
					t.Errorf("documents = %+v, %v; want none", docs, err)
				}
				for _, version := range []int{0, 1} {
					_, _, err := f.s.OpenCatalogueDocument(ctx, tt.viewer, e.ID, d.ID, version)
					wantCode(t, err, terbuka.ENotFound)
				}
			})
		}
		t.Run("staff in scope", func(t *testing.T) {
			for _, u := range []terbuka.User{f.pelaksana, f.ppid, f.atasan} {
				if docs, err := f.s.CatalogueDocuments(ctx, &u, e.ID); err != nil || len(docs) != 1 {
					t.Errorf("%s: documents = %d, %v", u.Email, len(docs), err)
				}
				if _, b := readDoc(t, f.s, &u, e.ID, d.ID, 0); !strings.Contains(string(b), secretPhrase) {
					t.Errorf("%s read %q", u.Email, b)
				}
			}
		})
		t.Run("not in public lists or search", func(t *testing.T) {
			if m, err := f.s.PublicDocumentsOf(ctx, []int64{e.ID}); err != nil || len(m) != 0 {
				t.Errorf("PublicDocumentsOf = %+v, %v", m, err)
			}
			if _, total, err := f.s.SearchCatalogue(ctx, store.CatalogueQuery{Text: "puskesmas"}); err != nil || total != 0 {
				t.Errorf("search by document text = %d hits, %v", total, err)
			}
		})
	})
}

func TestCatalogueDocumentService_Refused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		e := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Berkala, "Anggaran"))
		elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 600)...)
		tests := []struct {
			name  string
			u     terbuka.User
			entry int64
			up    store.DocumentUpload
			code  terbuka.Code
			field string
		}{
			{"ELF renamed .pdf", f.pelaksana, e.ID, docUpload("Anggaran", "anggaran.pdf", elf), terbuka.EUnsupported, "file"},
			{"HTML renamed .pdf", f.pelaksana, e.ID, docUpload("Anggaran", "anggaran.pdf", []byte("<!DOCTYPE html><script>alert(1)</script>")),
				terbuka.EUnsupported, "file"},
			{"empty file", f.pelaksana, e.ID, docUpload("Anggaran", "kosong.pdf", nil), terbuka.EUnsupported, "file"},
			{"broken ZIP named .docx", f.pelaksana, e.ID, docUpload("Anggaran", "a.docx", []byte("PK\x03\x04 cut off here")),
				terbuka.EUnsupported, "file"},
			{"no title", f.pelaksana, e.ID, docUpload("  ", "a.pdf", pdfBytes), terbuka.EInvalid, "title"},
			{"title too long", f.pelaksana, e.ID, docUpload(strings.Repeat("a", 201), "a.pdf", pdfBytes), terbuka.EInvalid, "title"},
			{"no file", f.pelaksana, e.ID, store.DocumentUpload{Title: "Anggaran"}, terbuka.EInvalid, "file"},
			{"commission role", f.evalUsr, e.ID, docUpload("Anggaran", "a.pdf", pdfBytes), terbuka.EForbidden, ""},
			{"atasan reads but never uploads", f.atasan, e.ID, docUpload("Anggaran", "a.pdf", pdfBytes), terbuka.EForbidden, ""},
			{"staff of another unit", f.otherPelaksana, e.ID, docUpload("Anggaran", "a.pdf", pdfBytes), terbuka.ENotFound, ""},
			{"missing entry", f.ppid, e.ID + 99, docUpload("Anggaran", "a.pdf", pdfBytes), terbuka.ENotFound, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.s.AddCatalogueDocument(ctx, tt.u, tt.entry, tt.up)
				wantCode(t, err, tt.code)
				if _, ok := terbuka.AsError(err).Fields[tt.field]; tt.field != "" && !ok {
					t.Errorf("error %v does not name field %q", err, tt.field)
				}
			})
		}
		t.Run("too large", func(t *testing.T) {
			big := io.MultiReader(bytes.NewReader(pdfBytes), io.LimitReader(zeros{}, terbuka.MaxCatalogueDocumentBytes))
			_, err := f.s.AddCatalogueDocument(ctx, f.pelaksana, e.ID, store.DocumentUpload{Title: "Besar", Filename: "b.pdf", Body: big})
			wantCode(t, err, terbuka.ETooLarge)
		})
		t.Run("version of another entry's document", func(t *testing.T) {
			other := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Berkala, "Lain"))
			d, err := f.s.AddCatalogueDocument(ctx, f.pelaksana, other.ID, docUpload("Lain", "a.pdf", pdfBytes))
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.s.AddCatalogueDocumentVersion(ctx, f.pelaksana, e.ID, d.ID, docUpload("", "b.txt", []byte("baru")))
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.AddCatalogueDocumentVersion(ctx, f.otherPelaksana, other.ID, d.ID, docUpload("", "b.txt", []byte("baru")))
			wantCode(t, err, terbuka.ENotFound)
		})
		if docs, err := f.s.CatalogueDocuments(ctx, &f.ppid, e.ID); err != nil || len(docs) != 0 {
			t.Fatalf("refused uploads left documents: %+v, %v", docs, err)
		}
	})
}
