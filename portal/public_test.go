package portal_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// personal is what the tracking page must never show.
// The phone is checked without its "+", which html/template writes as &#43;.
var personal = []string{nik, phone[1:], email, "0812-3456-7890", "Jl. Merdeka"}

func TestPublicPages(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		grouped := func(code string) string { // as shown on the page and typed back
			var b strings.Builder
			for i, r := range strings.ToUpper(code) {
				if i > 0 && i%4 == 0 {
					b.WriteByte(' ')
				}
				b.WriteRune(r)
			}
			return b.String()
		}
		e.run(t, []scenario{
			{name: "home id", url: "/", status: 200,
				want: []string{`<html lang="id">`, "Ajukan permohonan informasi publik", "Dinas Kesehatan Uji",
					`href="/permohonan/dinkes-uji"`, `href="/lacak"`, `href="/kalkulator"`, ">English</a>", `class="skip"`},
				wantHeader: map[string]string{"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store",
					"Content-Security-Policy": "default-src 'self'"}},
			{name: "home en by cookie", url: "/", lang: "en", status: 200,
				want: []string{`<html lang="en">`, "Request public information", ">Bahasa Indonesia</a>", "PPID"}},
			{name: "home en by query is remembered", url: "/?lang=en", status: 200,
				want: []string{`<html lang="en">`}, wantHeader: map[string]string{"Set-Cookie": "lang=en"}},
			{name: "Accept-Language does not switch", url: "/", header: map[string]string{"Accept-Language": "en-US,en;q=0.9"},
				status: 200, want: []string{`<html lang="id">`}},
			{name: "switch to English", url: "/bahasa?l=en&next=%2Flacak%3Fnomor%3DX", status: 303,
				wantHeader: map[string]string{"Location": "/lacak?nomor=X", "Set-Cookie": "lang=en"}},
			{name: "switch refuses other sites", url: "/bahasa?l=id&next=%2F%2Fevil.example%2F", status: 303,
				wantHeader: map[string]string{"Location": "/", "Set-Cookie": "lang=id"}},
			{name: "switch refuses absolute URL", url: "/bahasa?l=en&next=https%3A%2F%2Fevil.example", status: 303,
				wantHeader: map[string]string{"Location": "/"}},
			{name: "style sheet", url: "/static/style.css", status: 200, wantHeader: map[string]string{"Content-Type": "text/css"}},
			{name: "unknown page", url: "/tidak-ada", status: 404, want: []string{"Halaman tidak ditemukan."}},
			{name: "unknown page en", url: "/tidak-ada", lang: "en", status: 404, want: []string{`<html lang="en">`, "Page not found."}},

			{name: "form id", url: "/permohonan/dinkes-uji", status: 200,
				want: []string{"Dinas Kesehatan Uji", `<form method="post" action="/permohonan/dinkes-uji" novalidate>`,
					`<label for="requester-id_number">`, `name="requester.id_number"`, `id="requester-kind-individual" name="requester.kind" value="individual" checked`,
					"Perseorangan", "Badan hukum", "Kelompok orang", "NIK 16 digit", "nomor SK pengesahan",
					"Melihat", "Membaca", "Mendengarkan", "Mencatat", "Salinan softcopy", "Salinan hardcopy",
					"Ambil langsung", "Kurir", ">Pos<", ">Email<", "Faksimili", "Aplikasi",
					`<label for="representative-mandate">`, `<textarea id="information" name="information"`}},
			{name: "form en", url: "/permohonan/dinkes-uji", lang: "en", status: 200,
				want: []string{"Public information request form", "Soft copy", "Collect in person", "NIK", "power of attorney"}},
			{name: "form of unknown body", url: "/permohonan/tidak-ada", status: 404, want: []string{"Badan publik tidak ditemukan."}},
			{name: "bad NIK keeps input and says why", method: "POST", url: "/permohonan/dinkes-uji",
				form: with(validForm(), "requester.id_number", "123"), status: 422,
				want: []string{`role="alert"`, `<a href="#requester-id_number">`, `value="123"`, `value="Budi Santoso"`,
					`<p class="field-error" id="requester-id_number-error">NIK harus 16 digit.</p>`,
					`aria-describedby="requester-id_number-hint requester-id_number-error" aria-invalid="true"`,
					"Salinan laporan realisasi anggaran", `<option value="softcopy" selected>`}},
			{name: "bad NIK in English", method: "POST", url: "/permohonan/dinkes-uji", lang: "en",
				form: with(validForm(), "requester.id_number", "123"), status: 422, want: []string{"The NIK must have 16 digits."}},
			{name: "empty form", method: "POST", url: "/permohonan/dinkes-uji", form: url.Values{}, status: 422,
				want: []string{"Wajib diisi.", `id="requester-name-error"`, `id="obtain-error"`, `id="delivery-error"`, `id="information-error"`}},
			{name: "group needs a representative", method: "POST", url: "/permohonan/dinkes-uji",
				form: with(validForm(), "requester.kind", "group"), status: 422,
				want: []string{`id="representative-error"`, "Sebutkan siapa yang mewakili"}},
			{name: "script is escaped", method: "POST", url: "/permohonan/dinkes-uji",
				form: with(validForm(), "requester.name", "<script>alert(1)</script>", "requester.id_number", "1"), status: 422,
				want: []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, notWant: []string{"<script>alert"}},
			{name: "cross-site post refused", method: "POST", url: "/permohonan/dinkes-uji", form: validForm(),
				header: map[string]string{"Sec-Fetch-Site": "cross-site"}, status: 403},

			{name: "track form", url: "/lacak", status: 200,
				want: []string{`<label for="nomor">`, `<label for="kode">`, `autocomplete="off"`}},
			{name: "track by GET", url: "/lacak?nomor={number}&kode={token}", status: 200,
				want: []string{"{number}", `id="status">Terdaftar</span>`, "Dinas Kesehatan Uji", "Senin, 12 Januari 2026",
					"Selasa, 27 Januari 2026", "Permohonan didaftarkan", "melalui Situs web"},
				notWant: personal},
			{name: "track by POST with a grouped upper-case code", method: "POST", url: "/lacak",
				form: url.Values{"nomor": {"{number}"}, "kode": {grouped(e.token)}}, status: 200,
				want: []string{`id="status">Terdaftar</span>`}, notWant: personal},
			{name: "track in English", url: "/lacak?nomor={number}&kode={token}", lang: "en", status: 200,
				want: []string{"Registered", "Tuesday, 27 January 2026"}, notWant: personal},
			{name: "wrong code", url: "/lacak?nomor={number}&kode=salah", status: 404,
				want:    []string{"Permohonan tidak ditemukan. Periksa nomor pendaftaran dan kode pelacakan."},
				notWant: append([]string{"Dinas Kesehatan Uji"}, personal...)},
			{name: "unknown number looks the same", method: "POST", url: "/lacak",
				form: url.Values{"nomor": {"DINKES-2026-999999"}, "kode": {"{token}"}}, status: 404,
				want: []string{"Permohonan tidak ditemukan. Periksa nomor pendaftaran dan kode pelacakan."}},
			{name: "receipt by GET", url: "/lacak/{number}/tanda-bukti.pdf?kode={token}", status: 200,
				want: []string{"%PDF"}, wantHeader: map[string]string{"Content-Type": "application/pdf",
					"Content-Disposition": `attachment; filename="tanda-bukti-{number}.pdf"`}},
			{name: "receipt by POST", method: "POST", url: "/lacak/{number}/tanda-bukti.pdf",
				form: url.Values{"kode": {"{token}"}}, status: 200, want: []string{"%PDF"}},
			{name: "receipt needs the code", url: "/lacak/{number}/tanda-bukti.pdf", status: 404,
				notWant: []string{"%PDF"}},

			{name: "calculator now", url: "/kalkulator", status: 200,
				want: []string{`value="2026-01-12"`, `value="09:00"`, `id="received_on">Senin, 12 Januari 2026`,
					`id="due_on">Selasa, 27 Januari 2026`, `id="extended_due_on">Kamis, 5 Februari 2026`,
					"Mengapa tanggal ini?", "Hari libur tahun 2026", "Cuti bersama"}},
			{name: "calculator for a body", url: "/kalkulator?badan=dinkes-uji&tanggal=2026-03-16&jam=09%3A00", status: 200,
				want: []string{"Hasil untuk Dinas Kesehatan Uji", `id="due_on">Selasa, 7 April 2026`,
					`id="extended_due_on">Kamis, 16 April 2026`, "Dilewati", `<option value="dinkes-uji" selected>`}},
			{name: "calculator after hours", url: "/kalkulator?tanggal=2026-01-12&jam=17%3A30", lang: "en", status: 200,
				want: []string{"after office hours", `id="received_on">Tuesday, 13 January 2026`}},
			{name: "calculator bad date", url: "/kalkulator?tanggal=12-01-2026&jam=25%3A00", status: 422,
				want: []string{`id="tanggal-error"`, `id="jam-error"`, `value="12-01-2026"`}},
			{name: "calculator unknown body", url: "/kalkulator?badan=tidak-ada", status: 422,
				want: []string{`id="badan-error"`}},
		})
	})
}

// TestSubmitRequest files a request through the form and follows the
// redirect: the result page shows the number and, only once, the code.
func TestSubmitRequest(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		rec := e.do(t, scenario{method: "POST", url: "/permohonan/dinkes-uji", form: validForm()})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("status %d: %s", rec.Code, snippet(rec.Body.String()))
		}
		loc := rec.Header().Get("Location")
		if loc != "/permohonan/terdaftar/DINKES-2026-000002" {
			t.Fatalf("Location %q", loc)
		}
		c := cookie(rec, "terbuka_kode")
		if c == nil || c.Path != loc || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.MaxAge <= 0 {
			t.Fatalf("hand-off cookie %+v", c)
		}
		if strings.Contains(loc, c.Value) {
			t.Fatal("the tracking code is in the URL")
		}
		page := e.do(t, scenario{url: loc, cookies: []*http.Cookie{{Name: c.Name, Value: c.Value}}})
		body := page.Body.String()
		for _, want := range []string{"DINKES-2026-000002", "hanya ditampilkan satu kali", "Selasa, 27 Januari 2026",
			`action="/lacak/DINKES-2026-000002/tanda-bukti.pdf"`} {
			if !strings.Contains(body, want) {
				t.Errorf("result page lacks %q", want)
			}
		}
		if page.Code != 200 || !strings.Contains(body, c.Value[:4]+" "+c.Value[4:8]) {
			t.Fatalf("result page (%d) lacks the code:\n%s", page.Code, snippet(body))
		}
		if cleared := cookie(page, "terbuka_kode"); cleared == nil || cleared.MaxAge >= 0 {
			t.Errorf("the hand-off cookie is not cleared: %+v", cleared)
		}
		again := e.do(t, scenario{url: loc})
		if again.Code != 200 || strings.Contains(again.Body.String(), c.Value[:4]+" "+c.Value[4:8]) ||
			!strings.Contains(again.Body.String(), "sudah ditampilkan") {
			t.Errorf("second view shows the code or no explanation:\n%s", snippet(again.Body.String()))
		}
		track := e.do(t, scenario{method: "POST", url: "/lacak", form: url.Values{"nomor": {"DINKES-2026-000002"}, "kode": {c.Value}}})
		if track.Code != 200 || !strings.Contains(track.Body.String(), "Terdaftar") {
			t.Errorf("tracking the new request: %d", track.Code)
		}
		forged := e.do(t, scenario{url: loc, cookies: []*http.Cookie{{Name: c.Name, Value: e.token}}})
		if strings.Contains(forged.Body.String(), e.token[:4]) {
			t.Error("another request's code is shown on this request's result page")
		}
	})
}

// TestReceiptIsAPDF checks the receipt download is a whole PDF.
func TestReceiptIsAPDF(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		rec := e.do(t, scenario{url: "/lacak/{number}/tanda-bukti.pdf?kode={token}"})
		b := rec.Body.Bytes()
		if rec.Code != 200 || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(0, len(b)-1024):], []byte("%%EOF")) {
			t.Fatalf("status %d, %d bytes", rec.Code, len(b))
		}
	})
}

// with returns a copy of f with pairs of key, value set.
func with(f url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}
