package portal_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/portal"
	"github.com/terbuka-id/terbuka/store"
)

// catalogueSecret is in the summary, the consequence test and the
// document of the exempted test entry; no public page may carry it.
const catalogueSecret = "rahasiauji7731"

// The public document's bytes: "permohonan" is found by "memohon".
const publicDocText = "Laporan pelayanan permohonan informasi publik Dinas Kesehatan Uji tahun 2025.\n"

// catalogueFixture is what the catalogue tests find in the store: a public
// entry with a document, a berkala entry, and an exempted entry with a
// document, all of dinkes-uji.
type catalogueFixture struct {
	pub, berkala, exempt terbuka.CatalogueEntry
	pubDoc, exemptDoc    terbuka.CatalogueDocument
}

// ids renders the fixture's IDs into a URL or text: {pub}, {pubdoc},
// {berkala}, {exempt}, {exemptdoc}.
func (f catalogueFixture) ids(s string) string {
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	return strings.NewReplacer("{pub}", id(f.pub.ID), "{pubdoc}", id(f.pubDoc.ID), "{berkala}", id(f.berkala.ID),
		"{exempt}", id(f.exempt.ID), "{exemptdoc}", id(f.exemptDoc.ID)).Replace(s)
}

// staffUser returns the account behind a session of the env.
func (e *env) staffUser(t *testing.T, key string) terbuka.User {
	t.Helper()
	u, err := e.store.SessionUser(context.Background(), e.sessions[key])
	if err != nil {
		t.Fatalf("session of %s: %v", key, err)
	}
	return u
}

func seedCatalogue(t *testing.T, e *env) catalogueFixture {
	t.Helper()
	ctx := context.Background()
	u := e.staffUser(t, "ppid")
	add := func(in terbuka.NewCatalogueEntry) terbuka.CatalogueEntry {
		t.Helper()
		c, err := e.store.CreateCatalogueEntry(ctx, u, "dinkes-uji", in)
		if err != nil {
			t.Fatalf("create entry %q: %v", in.Title, err)
		}
		return c
	}
	var f catalogueFixture
	f.pub = add(terbuka.NewCatalogueEntry{Title: "Laporan layanan informasi Dinas Kesehatan 2025", Summary: "Jumlah dan waktu layanan informasi publik.",
		Classification: terbuka.SetiapSaat, Year: 2025, Responsible: "Sekretariat", CreatedPlace: "Bandung"})
	f.berkala = add(terbuka.NewCatalogueEntry{Title: "Ringkasan anggaran kesehatan", Summary: "Realisasi anggaran per semester.",
		Classification: terbuka.Berkala, Year: 2025})
	f.exempt = add(terbuka.NewCatalogueEntry{Title: "Rekam medis pasien rumah sakit daerah", Summary: "Berisi " + catalogueSecret,
		Classification: terbuka.Dikecualikan, Year: 2024, Exemption: &terbuka.NewExemption{Basis: "Pasal 17 huruf h",
			ConsequenceTest: "Membuka rekam medis mengungkap rahasia pribadi pasien (" + catalogueSecret + "); kepentingan publik tidak lebih besar."}})
	doc := func(entry int64, title, text string) terbuka.CatalogueDocument {
		t.Helper()
		d, err := e.store.AddCatalogueDocument(ctx, u, entry, store.DocumentUpload{Title: title, Filename: "isi.txt", Body: strings.NewReader(text)})
		if err != nil {
			t.Fatalf("add document %q: %v", title, err)
		}
		return d
	}
	f.pubDoc = doc(f.pub.ID, "Laporan layanan 2025", publicDocText)
	f.exemptDoc = doc(f.exempt.ID, "Berkas rekam medis", "Rekam medis "+catalogueSecret+"\n")
	return f
}

// eachCatalogueEngine runs fn on both engines with the seeded catalogue.
func eachCatalogueEngine(t *testing.T, configure func(*portal.Portal), fn func(t *testing.T, e *env, f catalogueFixture)) {
	eachEngine(t, configure, func(t *testing.T, e *env) { fn(t, e, seedCatalogue(t, e)) })
}

// runCatalogue plays scenarios whose URLs and texts name fixture IDs.
func (e *env) runCatalogue(t *testing.T, f catalogueFixture, scenarios []scenario) {
	t.Helper()
	for i := range scenarios {
		sc := &scenarios[i]
		sc.url = f.ids(sc.url)
		for j := range sc.want {
			sc.want[j] = f.ids(sc.want[j])
		}
		for j := range sc.notWant {
			sc.notWant[j] = f.ids(sc.notWant[j])
		}
		for k, v := range sc.wantHeader {
			sc.wantHeader[k] = f.ids(v)
		}
	}
	e.run(t, scenarios)
}

func TestCataloguePages_Public(t *testing.T) {
	eachCatalogueEngine(t, nil, func(t *testing.T, e *env, f catalogueFixture) {
		secret := []string{catalogueSecret, "rahasia pribadi", "Berkas rekam medis"}
		e.runCatalogue(t, f, []scenario{
			{name: "browse lists every entry, exempted as its register row", url: "/katalog", status: 200,
				want:    []string{"Daftar Informasi Publik", f.pub.Title, f.berkala.Title, f.exempt.Title, "3 entri.", "Dikecualikan", "Setiap saat", `href="/katalog/{pub}"`},
				notWant: secret},
			{name: "browse by classification", url: "/katalog?classification=berkala", status: 200,
				want: []string{f.berkala.Title, "1 entri."}, notWant: []string{f.pub.Title}},
			{name: "browse by another body finds nothing", url: "/katalog?body=dindik-uji", status: 200,
				want: []string{"0 entri.", "Tidak ada entri"}},
			{name: "browse ignores unknown filters", url: "/katalog?body=nope&classification=rahasia&year=abc&hal=-1", status: 200,
				want: []string{"3 entri."}},
			{name: "browse pages past the end are empty, not an error", url: "/katalog?hal=40", status: 200,
				want: []string{"Tidak ada entri", `rel="prev"`}},
			{name: "entry page shows the DIP columns and documents", url: "/katalog/{pub}", status: 200,
				want: []string{f.pub.Title, "Jumlah dan waktu layanan informasi publik.", "Sekretariat", "2025, Bandung",
					"Salinan elektronik", "Laporan layanan 2025", `href="/katalog/{pub}/dokumen/{pubdoc}/unduh"`, "Dinas Kesehatan Uji"}},
			{name: "exempted entry shows only its register row", url: "/katalog/{exempt}", status: 200,
				want:    []string{f.exempt.Title, "Pasal 17 huruf h UU 14/2008", "Tanpa batas waktu", "2024", `id="exempt-note"`},
				notWant: append(secret, "/dokumen/", "Ringkasan isi")},
			{name: "exemption register", url: "/katalog/dikecualikan", status: 200,
				want:    []string{"Daftar Informasi yang Dikecualikan", f.exempt.Title, "Pasal 17 huruf h UU 14/2008", "1 entri."},
				notWant: append(secret, f.pub.Title)},
			{name: "document page lists versions with checksums", url: "/katalog/{pub}/dokumen/{pubdoc}", status: 200,
				want: []string{"Laporan layanan 2025", sha(publicDocText), "isi.txt", `href="/katalog/{pub}/dokumen/{pubdoc}/unduh?versi=1"`, "SHA-256"}},
			{name: "document of an exempted entry is not found", url: "/katalog/{exempt}/dokumen/{exemptdoc}", status: 404, notWant: secret},
			{name: "document of another entry is not found", url: "/katalog/{berkala}/dokumen/{pubdoc}", status: 404},
			{name: "download the current version", url: "/katalog/{pub}/dokumen/{pubdoc}/unduh", status: 200,
				wantHeader: map[string]string{"Content-Type": "text/plain", "Content-Disposition": "attachment", "Etag": `"` + sha(publicDocText)},
				check: func(t *testing.T, _ *env, rec *httptest.ResponseRecorder) {
					if rec.Body.String() != publicDocText {
						t.Errorf("downloaded %q", rec.Body.String())
					}
				}},
			{name: "download version 1", url: "/katalog/{pub}/dokumen/{pubdoc}/unduh?versi=1", status: 200,
				wantHeader: map[string]string{"Cache-Control": "public, max-age=31536000"}},
			{name: "download a missing version", url: "/katalog/{pub}/dokumen/{pubdoc}/unduh?versi=9", status: 404},
			{name: "download with a bad version", url: "/katalog/{pub}/dokumen/{pubdoc}/unduh?versi=satu", status: 404},
			{name: "download of an exempted entry's document", url: "/katalog/{exempt}/dokumen/{exemptdoc}/unduh", status: 404, notWant: secret},
			{name: "entry id not a number", url: "/katalog/abc", status: 404, want: []string{"tidak ditemukan"}},
			{name: "entry id out of range", url: "/katalog/99999999999999999999", status: 404},
			{name: "missing entry", url: "/katalog/987654", status: 404},
			{name: "document id not a number", url: "/katalog/{pub}/dokumen/x", status: 404},
			{name: "English", url: "/katalog/{pub}", lang: "en", status: 200,
				want: []string{`<html lang="en">`, "Summary of contents", "Available at all times", "Documents"}},
			{name: "the language link comes back with the filters", url: "/katalog?body=dinkes-uji&year=2025", status: 200,
				want: []string{`href="/bahasa?l=en&amp;next=%2Fkatalog%3Fbody%3Ddinkes-uji%26year%3D2025"`, `<option value="dinkes-uji" selected>`}},
			{name: "English register", url: "/katalog/dikecualikan", lang: "en", status: 200,
				want: []string{"Register of exempted information", "No end date"}, notWant: secret},
			{name: "navigation links the catalogue", url: "/", status: 200,
				want: []string{`<a href="/katalog">Katalog</a>`, `action="/katalog/cari"`}},
		})
	})
}

func TestCataloguePages_Search(t *testing.T) {
	eachCatalogueEngine(t, nil, func(t *testing.T, e *env, f catalogueFixture) {
		e.runCatalogue(t, f, []scenario{
			{name: "empty query shows the form", url: "/katalog/cari", status: 200,
				want: []string{`<form method="get" action="/katalog/cari"`, `name="q"`}, notWant: []string{`id="count"`}},
			{name: "a stemmed word finds the document's entry", url: "/katalog/cari?q=memohon", status: 200,
				want: []string{"1 hasil", f.pub.Title, "<mark>"}},
			{name: "a title word of an exempted entry finds its register row only", url: "/katalog/cari?q=rekam+medis", status: 200,
				want: []string{f.exempt.Title, "1 hasil"}, notWant: []string{"rahasia pribadi", "Berisi"}},
			{name: "the exempted content is not found", url: "/katalog/cari?q=" + catalogueSecret, status: 200,
				want: []string{"0 hasil"}, notWant: []string{`href="/katalog/{exempt}"`, "<mark>"}},
			{name: "filters narrow the search", url: "/katalog/cari?q=anggaran&classification=setiap_saat", status: 200,
				want: []string{"0 hasil"}},
			{name: "the query is escaped, never markup", url: "/katalog/cari?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", status: 200,
				notWant: []string{"<script>"}},
			{name: "English", url: "/katalog/cari?q=anggaran", lang: "en", status: 200,
				want: []string{"1 results", f.berkala.Title}},
		})
	})
}

// sha is the hex SHA-256 of s.
func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// multipartBody builds a multipart form with text fields then one file.
func multipartBody(fields [][2]string, filename string, content []byte) (io.Reader, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, kv := range fields {
		_ = mw.WriteField(kv[0], kv[1])
	}
	if filename != "" {
		fw, _ := mw.CreateFormFile("file", filename)
		_, _ = fw.Write(content)
	}
	_ = mw.Close()
	return &buf, mw.FormDataContentType()
}

// location is the Location a redirect points to.
func location(rec *httptest.ResponseRecorder) string { return rec.Header().Get("Location") }
