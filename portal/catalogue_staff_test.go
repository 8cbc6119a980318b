package portal_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/portal"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/web"
)

// validEntryForm is a complete new-entry form.
func validEntryForm() url.Values {
	return url.Values{"body": {"dinkes-uji"}, "title": {"Daftar puskesmas 2026"}, "summary": {"Nama dan alamat puskesmas."},
		"classification": {"setiap_saat"}, "year": {"2026"}, "formats": {"softcopy", "hardcopy"}, "retention": {"5 tahun"}}
}

func TestCataloguePages_Staff(t *testing.T) {
	eachCatalogueEngine(t, nil, func(t *testing.T, e *env, f catalogueFixture) {
		withForm := func(change func(url.Values)) url.Values {
			v := validEntryForm()
			change(v)
			return v
		}
		upload := func(fields [][2]string, name, content string) func(*env) (io.Reader, string) {
			return func(*env) (io.Reader, string) { return multipartBody(fields, name, []byte(content)) }
		}
		e.runCatalogue(t, f, []scenario{
			{name: "list needs a login", url: "/staf/katalog", status: 303,
				wantHeader: map[string]string{"Location": "/staf/masuk?next=%2Fstaf%2Fkatalog"}},
			{name: "list of the scope", url: "/staf/katalog", as: "ppid", status: 200,
				want: []string{f.pub.Title, f.exempt.Title, "3 entri.", `href="/staf/katalog/baru"`, `href="/staf/katalog">Katalog</a>`}},
			{name: "list filtered by classification", url: "/staf/katalog?classification=dikecualikan", as: "ppid", status: 200,
				want: []string{f.exempt.Title, "1 entri."}},
			{name: "nothing needs attention today", url: "/staf/katalog?perhatian=1", as: "ppid", status: 200,
				want: []string{"0 entri."}},
			{name: "another unit's staff see none of it", url: "/staf/katalog", as: "other", status: 200,
				want: []string{"0 entri."}, notWant: []string{f.pub.Title}},
			{name: "a body outside the scope is ignored", url: "/staf/katalog?body=dinkes-uji", as: "other", status: 200,
				want: []string{"0 entri."}},
			{name: "form", url: "/staf/katalog/baru", as: "ppid", status: 200,
				want: []string{`name="title"`, `name="summary"`, `name="exemption.consequence_test"`, `name="formats" value="hardcopy"`,
					"Dasar hukum pengecualian", `<option value="dinkes-uji"`}},
			{name: "form forbidden to the evaluator", url: "/staf/katalog/baru", as: "eval", status: 403},
			{name: "create", method: "POST", url: "/staf/katalog/baru", as: "ppid", form: validEntryForm(), status: 303,
				check: func(t *testing.T, e *env, rec *httptest.ResponseRecorder) {
					if !regexp.MustCompile(`^/staf/katalog/\d+$`).MatchString(location(rec)) {
						t.Fatalf("redirect to %q", location(rec))
					}
					page := e.do(t, scenario{url: location(rec), as: "ppid", cookies: rec.Result().Cookies()})
					for _, w := range []string{"Entri katalog disimpan.", "Daftar puskesmas 2026", "Salinan cetak", "5 tahun"} {
						if !strings.Contains(page.Body.String(), w) {
							t.Errorf("entry page lacks %q", w)
						}
					}
				}},
			{name: "empty form", method: "POST", url: "/staf/katalog/baru", as: "ppid", form: url.Values{"body": {"dinkes-uji"}}, status: 422,
				want: []string{`id="title-error"`, `id="summary-error"`, `id="classification-error"`, `id="year-error"`}},
			{name: "year not a number", method: "POST", url: "/staf/katalog/baru", as: "ppid",
				form: withForm(func(v url.Values) { v.Set("year", "dua ribu") }), status: 422,
				want: []string{`id="year-error">Isi dengan angka.`}},
			{name: "exempted without its consequence test", method: "POST", url: "/staf/katalog/baru", as: "ppid",
				form: withForm(func(v url.Values) { v.Set("classification", "dikecualikan") }), status: 422,
				want: []string{`id="exemption-error"`, `value="Daftar puskesmas 2026"`}},
			{name: "exempted on a regulation", method: "POST", url: "/staf/katalog/baru", as: "ppid",
				form: withForm(func(v url.Values) {
					v.Set("classification", "dikecualikan")
					v.Set("exemption.basis", "Perda 3/2020")
					v.Set("exemption.consequence_test", strings.Repeat("Membuka data ini membahayakan. ", 3))
					v.Set("exemption.until", "2030-01-01")
				}), status: 422, want: []string{`id="exemption-basis-error"`}},
			{name: "a body outside the scope", method: "POST", url: "/staf/katalog/baru", as: "pelaksana",
				form: withForm(func(v url.Values) { v.Set("body", "dindik-uji") }), status: 422, want: []string{`id="body-error"`}},
			{name: "staff see the exempted entry in full", url: "/staf/katalog/{exempt}", as: "ppid", status: 200,
				want: []string{catalogueSecret, "rahasia pribadi", "Berkas rekam medis", "Pasal 17 huruf h UU 14/2008"}},
			{name: "other staff get the 404 page", url: "/staf/katalog/{exempt}", as: "other", status: 404, notWant: []string{catalogueSecret}},
			{name: "bad id", url: "/staf/katalog/x1", as: "ppid", status: 404},
			{name: "add a document", method: "POST", url: "/staf/katalog/{pub}/dokumen", as: "ppid", status: 303,
				body:       upload([][2]string{{"title", "Lampiran"}}, "lampiran.txt", "Lampiran laporan.\n"),
				wantHeader: map[string]string{"Location": "/staf/katalog/{pub}"}},
			{name: "a document needs a title", method: "POST", url: "/staf/katalog/{pub}/dokumen", as: "ppid", status: 422,
				body: upload(nil, "lampiran.txt", "Lampiran laporan.\n"), want: []string{`id="title-error"`}},
			{name: "a document needs a file", method: "POST", url: "/staf/katalog/{pub}/dokumen", as: "ppid", status: 422,
				body: upload([][2]string{{"title", "Lampiran"}}, "", ""), want: []string{`id="file-error"`, `value="Lampiran"`}},
			{name: "not multipart", method: "POST", url: "/staf/katalog/{pub}/dokumen", as: "ppid", status: 415,
				form: url.Values{"title": {"x"}}, want: []string{`id="file-error"`}},
			{name: "a new version", method: "POST", url: "/staf/katalog/{pub}/dokumen/{pubdoc}/versi", as: "ppid", status: 303,
				body: upload(nil, "isi-2.txt", "Versi kedua laporan.\n"),
				check: func(t *testing.T, e *env, _ *httptest.ResponseRecorder) {
					rec := e.do(t, scenario{url: f.ids("/katalog/{pub}/dokumen/{pubdoc}")})
					for _, w := range []string{sha("Versi kedua laporan.\n"), sha(publicDocText), "unduh?versi=2"} {
						if !strings.Contains(rec.Body.String(), w) {
							t.Errorf("document page lacks %q", w)
						}
					}
					if dl := e.do(t, scenario{url: f.ids("/katalog/{pub}/dokumen/{pubdoc}/unduh")}); dl.Body.String() != "Versi kedua laporan.\n" {
						t.Errorf("current version is %q", dl.Body.String())
					}
				}},
			{name: "a version for another entry's document", method: "POST", url: "/staf/katalog/{berkala}/dokumen/{pubdoc}/versi", as: "ppid",
				status: 404, body: upload(nil, "isi.txt", "x\n")},
			{name: "uploads are the managers' only", method: "POST", url: "/staf/katalog/{pub}/dokumen", as: "eval", status: 403,
				body: upload([][2]string{{"title", "Lampiran"}}, "lampiran.txt", "Lampiran.\n")},
			{name: "English", url: "/staf/katalog", as: "ppid", lang: "en", status: 200,
				want: []string{"Public information list (DIP)", "Add an entry"}},
		})
	})
}

// TestCataloguePages_StaffSeeWhatNeedsThem opens the staff list half a
// year later: the berkala entry is past its update period and a dated
// exemption has ended.
func TestCataloguePages_StaffSeeWhatNeedsThem(t *testing.T) {
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) {
			db := eng.Open(t)
			e := newEnv(t, db, nil)
			f := seedCatalogue(t, e)
			dated, err := e.store.CreateCatalogueEntry(context.Background(), e.staffUser(t, "ppid"), "dinkes-uji", terbuka.NewCatalogueEntry{
				Title: "Data penyidikan kasus obat palsu", Summary: "Berkas penyidikan.", Classification: terbuka.Dikecualikan, Year: 2025,
				Exemption: &terbuka.NewExemption{Basis: "Pasal 17 huruf a", Until: "2026-03-31",
					ConsequenceTest: "Membuka berkas menghambat penyidikan yang sedang berjalan; kepentingan publik menunggu."}})
			if err != nil {
				t.Fatal(err)
			}
			later := store.New(db, &fixedClock{now.AddDate(0, 7, 0)}, password.NewHasher(password.Fast, 2))
			p := &portal.Portal{Store: later}
			if err := p.Init(); err != nil {
				t.Fatal(err)
			}
			mux := http.NewServeMux()
			p.Routes(mux)
			_, secret, err := later.Login(context.Background(), "ppid@uji.go.id", testPassword)
			if err != nil {
				t.Fatal(err)
			}
			late := &env{store: later, portal: p, handler: web.SecureHeaders(mux), sessions: map[string]string{"ppid": secret}}
			f.exempt = dated // {exempt} is the dated exemption here
			late.runCatalogue(t, f, []scenario{
				{name: "marks", url: "/staf/katalog", as: "ppid", status: 200,
					want: []string{"Perlu diperbarui", "Pengecualian berakhir", "4 entri."}},
				{name: "attention filter", url: "/staf/katalog?perhatian=1", as: "ppid", status: 200,
					want: []string{"2 entri.", f.berkala.Title, dated.Title}, notWant: []string{f.pub.Title}},
				{name: "entry page says why", url: "/staf/katalog/{berkala}", as: "ppid", status: 200,
					want: []string{`id="stale"`, "12 Juli 2026"}},
				{name: "expired exemption stays closed to the public", url: "/katalog/{exempt}", status: 200,
					want: []string{dated.Title, "31 Maret 2026"}, notWant: []string{"Berkas penyidikan", "menghambat"}},
			})
		})
	}
}
