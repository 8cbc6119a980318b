package portal_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/portal"
	"github.com/terbuka-id/terbuka/web"
)

func TestStaffLogin(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		e.run(t, []scenario{
			{name: "list needs login", url: "/staf/permohonan?status=registered", status: 303,
				wantHeader: map[string]string{"Location": "/staf/masuk?next=%2Fstaf%2Fpermohonan%3Fstatus%3Dregistered"}},
			{name: "calendar needs login", url: "/staf/kalender", status: 303,
				wantHeader: map[string]string{"Location": "/staf/masuk?next=%2Fstaf%2Fkalender"}},
			{name: "unknown staff page needs login", url: "/staf/rahasia", status: 303,
				wantHeader: map[string]string{"Location": "/staf/masuk?next=%2Fstaf%2Frahasia"}},
			{name: "action needs login", method: "POST", url: "/staf/permohonan/{number}/perpanjang",
				form: url.Values{"reason": {"x"}}, status: 303, wantHeader: map[string]string{"Location": "/staf/masuk?next=%2Fstaf"}},
			{name: "expired or forged session", url: "/staf/permohonan", status: 303,
				cookies:    []*http.Cookie{{Name: "terbuka_session", Value: "palsu"}},
				wantHeader: map[string]string{"Location": "/staf/masuk"}},
			{name: "login page", url: "/staf/masuk?next=%2Fstaf%2Fkalender", status: 200,
				want: []string{`<label for="email">`, `<label for="password">`, `type="password"`, `name="next" value="/staf/kalender"`}},
			{name: "login page en", url: "/staf/masuk", lang: "en", status: 200, want: []string{"Sign in as PPID staff"}},
			{name: "login page drops a foreign next", url: "/staf/masuk?next=https%3A%2F%2Fevil.example%2F", status: 200,
				want: []string{`name="next" value="/staf"`}, notWant: []string{`value="https://evil.example/"`}},
			{name: "wrong password", method: "POST", url: "/staf/masuk", remote: "192.0.2.10:1000",
				form: url.Values{"email": {"ppid@uji.go.id"}, "password": {"salah-sandi-99"}}, status: 401,
				want: []string{"Email atau kata sandi salah.", `value="ppid@uji.go.id"`}, notWant: []string{"salah-sandi-99"}},
			{name: "unknown account looks the same", method: "POST", url: "/staf/masuk", remote: "192.0.2.10:1000",
				form: url.Values{"email": {"siapa@uji.go.id"}, "password": {"salah-sandi-99"}}, status: 401,
				want: []string{"Email atau kata sandi salah."}},
			{name: "empty login", method: "POST", url: "/staf/masuk", form: url.Values{}, status: 401},
			{name: "login", method: "POST", url: "/staf/masuk", remote: "192.0.2.11:1000",
				form: url.Values{"email": {"ppid@uji.go.id"}, "password": {testPassword}, "next": {"/staf/kalender"}}, status: 303,
				wantHeader: map[string]string{"Location": "/staf/kalender"},
				check: func(t *testing.T, e *env, rec *httptest.ResponseRecorder) {
					c := cookie(rec, "terbuka_session")
					if c == nil || c.Value == "" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/staf" || c.Secure {
						t.Fatalf("session cookie %+v", c)
					}
				}},
			{name: "login never redirects off site", method: "POST", url: "/staf/masuk",
				form: url.Values{"email": {"ppid@uji.go.id"}, "password": {testPassword}, "next": {"//evil.example"}}, status: 303,
				wantHeader: map[string]string{"Location": "/staf"}},
			{name: "staff home", url: "/staf", as: "ppid", status: 303, wantHeader: map[string]string{"Location": "/staf/permohonan"}},
			{name: "unknown staff page", url: "/staf/rahasia", as: "ppid", status: 404, want: []string{"Halaman tidak ditemukan."}},
		})
		t.Run("logout", func(t *testing.T) {
			rec := e.do(t, scenario{method: "POST", url: "/staf/keluar", as: "admin"})
			if rec.Code != 303 || rec.Header().Get("Location") != "/staf/masuk" {
				t.Fatalf("logout: %d %v", rec.Code, rec.Header())
			}
			if c := cookie(rec, "terbuka_session"); c == nil || c.MaxAge >= 0 {
				t.Fatalf("cookie not cleared: %+v", c)
			}
			if rec := e.do(t, scenario{url: "/staf/permohonan", as: "admin"}); rec.Code != 303 {
				t.Fatalf("session still works after logout: %d", rec.Code)
			}
		})
	})
}

func TestStaffLogin_RateLimited(t *testing.T) {
	limit := func(p *portal.Portal) { p.Login = web.NewLimiter(time.Hour, 2, 100) }
	eachEngine(t, limit, func(t *testing.T, e *env) {
		bad := url.Values{"email": {"ppid@uji.go.id"}, "password": {"salah-sandi-99"}}
		e.run(t, []scenario{
			{name: "first", method: "POST", url: "/staf/masuk", form: bad, remote: "198.51.100.7:1", status: 401},
			{name: "second", method: "POST", url: "/staf/masuk", form: bad, remote: "198.51.100.7:2", status: 401},
			{name: "third is limited", method: "POST", url: "/staf/masuk", form: bad, remote: "198.51.100.7:3", status: 429,
				want: []string{"Terlalu banyak percobaan"}},
			{name: "even with the right password", method: "POST", url: "/staf/masuk", remote: "198.51.100.7:4",
				form: url.Values{"email": {"ppid@uji.go.id"}, "password": {testPassword}}, status: 429},
			{name: "another address may try", method: "POST", url: "/staf/masuk", remote: "198.51.100.8:1",
				form: url.Values{"email": {"ppid@uji.go.id"}, "password": {testPassword}}, status: 303},
		})
	})
}

func TestStaffRequests(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		decision := func(kv ...string) url.Values { return with(url.Values{}, kv...) }
		test := "Membuka data ini mengungkap rahasia pribadi pasien yang dilindungi undang-undang kesehatan."
		e.run(t, []scenario{
			{name: "list", url: "/staf/permohonan", as: "ppid", status: 200,
				want: []string{`href="/staf/permohonan/{number}"`, "Dinas Kesehatan Uji", "Budi Santoso", "Senin, 12 Januari 2026",
					"Selasa, 27 Januari 2026", `class="badge status-registered">Terdaftar`, `class="badge state-ontime">Tepat waktu`,
					"1 permohonan ditemukan.", `<label for="terlambat">`, `<label for="segera">`, "Jatuh tempo ≤ 3 hari kerja",
					`href="/staf/permohonan/baru"`, "Petugas ppid", `action="/staf/keluar"`}},
			{name: "list en", url: "/staf/permohonan", as: "ppid", lang: "en", status: 200,
				want: []string{`<html lang="en">`, "On time", "Registered", "1 requests found."}},
			{name: "search by number", url: "/staf/permohonan?q={number}", as: "pelaksana", status: 200,
				want: []string{"1 permohonan ditemukan.", "{number}", `value="{number}"`}},
			{name: "filter by status", url: "/staf/permohonan?status=answered", as: "ppid", status: 200,
				want: []string{"0 permohonan ditemukan.", `<option value="answered" selected>`}, notWant: []string{`href="/staf/permohonan/{number}"`}},
			{name: "filter overdue", url: "/staf/permohonan?terlambat=1", as: "ppid", status: 200,
				want: []string{"0 permohonan ditemukan.", `id="terlambat" name="terlambat" value="1" checked`}},
			{name: "filter due soon", url: "/staf/permohonan?segera=1&badan=dinkes-uji", as: "ppid", status: 200,
				want: []string{"0 permohonan ditemukan.", `<option value="dinkes-uji" selected>`}},
			{name: "unknown filter values are ignored", url: "/staf/permohonan?status=bogus&badan=nope&hal=-3", as: "ppid", status: 200,
				want: []string{"1 permohonan ditemukan."}},
			{name: "another unit's staff sees nothing", url: "/staf/permohonan", as: "other", status: 200,
				want: []string{"0 permohonan ditemukan."}},
			{name: "roles without requests get an explanation", url: "/staf/permohonan", as: "eval", status: 403,
				want: []string{"tidak menangani permohonan informasi publik"}},

			{name: "request page shows personal data", url: "/staf/permohonan/{number}", as: "ppid", status: 200,
				want: []string{nik, phone[1:], email, address, "Wiraswasta", "Situs web", "Permohonan didaftarkan",
					`action="/staf/permohonan/{number}/perpanjang"`, `action="/staf/permohonan/{number}/keputusan"`,
					"Diterima seluruhnya", "Diterima sebagian", "Ditolak — informasi dikecualikan", "Ditolak — informasi belum dikuasai",
					"Ditolak — informasi belum didokumentasikan", "Dialihkan ke badan publik lain",
					`<option value="h">Huruf h — mengungkap rahasia pribadi</option>`, `<option value="a">Huruf a — menghambat proses penegakan hukum</option>`,
					`<label for="exemption-consequence_test">`, `<label for="transferred_to">`}},
			{name: "request page en", url: "/staf/permohonan/{number}", as: "pelaksana", lang: "en", status: 200,
				want: []string{"Extend the time to answer", "Record the decision", "Refused — exempt information"}},
			{name: "another unit cannot open it", url: "/staf/permohonan/{number}", as: "other", status: 404,
				notWant: []string{nik}},
			{name: "unknown request", url: "/staf/permohonan/DINKES-2026-999999", as: "ppid", status: 404},

			{name: "extend without reason", method: "POST", url: "/staf/permohonan/{number}/perpanjang", as: "ppid",
				form: url.Values{"reason": {"  "}}, status: 422,
				want: []string{`<p class="field-error" id="reason-error">Wajib diisi.</p>`, `role="alert"`}},
			{name: "another unit cannot extend", method: "POST", url: "/staf/permohonan/{number}/perpanjang", as: "other",
				form: url.Values{"reason": {"Data masih dikumpulkan"}}, status: 404},
			{name: "extend", method: "POST", url: "/staf/permohonan/{number}/perpanjang", as: "ppid",
				form: url.Values{"reason": {"Data tersebar di beberapa puskesmas dan masih dikumpulkan."}}, status: 303,
				wantHeader: map[string]string{"Location": "/staf/permohonan/{number}", "Set-Cookie": "terbuka_flash=extended"}},
			{name: "flash after extend", url: "/staf/permohonan/{number}", as: "ppid", status: 200,
				cookies: []*http.Cookie{{Name: "terbuka_flash", Value: "extended"}},
				want: []string{`<p class="flash" role="status">Waktu jawaban sudah diperpanjang.</p>`, "Diperpanjang",
					"Kamis, 5 Februari 2026", "Data tersebar di beberapa puskesmas", "oleh Petugas ppid"},
				notWant:    []string{`action="/staf/permohonan/{number}/perpanjang"`},
				wantHeader: map[string]string{"Set-Cookie": "terbuka_flash=;"}},
			{name: "forged flash text is ignored", url: "/staf/permohonan/{number}", as: "ppid", status: 200,
				cookies: []*http.Cookie{{Name: "terbuka_flash", Value: "evil"}}, notWant: []string{`class="flash"`}},
			{name: "extend twice is a conflict", method: "POST", url: "/staf/permohonan/{number}/perpanjang", as: "ppid",
				form: url.Values{"reason": {"Sekali lagi"}}, status: 409,
				want: []string{"sudah pernah diperpanjang", `role="alert"`, `href="/bahasa?l=en&amp;next=%2Fstaf%2Fpermohonan%2F{number}"`}},

			{name: "decision without a choice", method: "POST", url: "/staf/permohonan/{number}/keputusan", as: "ppid",
				form: decision("note", "catatan"), status: 422, want: []string{`id="decision-error">Wajib diisi.`, ">catatan</textarea>"}},
			{name: "unknown decision", method: "POST", url: "/staf/permohonan/{number}/keputusan", as: "ppid",
				form: decision("decision", "maybe"), status: 422, want: []string{`id="decision-error">Pilihan tidak dikenal.`}},
			{name: "denied without exemption", method: "POST", url: "/staf/permohonan/{number}/keputusan", as: "ppid",
				form: decision("decision", "denied"), status: 422,
				want: []string{`<p class="field-error" id="exemption-error">Keputusan ini memerlukan dasar pengecualian`,
					`<option value="denied" selected>`}},
			{name: "short consequence test", method: "POST", url: "/staf/permohonan/{number}/keputusan", as: "ppid",
				form: decision("decision", "partially_granted", "exemption.basis", "h", "exemption.consequence_test", "rahasia"), status: 422,
				want: []string{`id="exemption-consequence_test-error">Terlalu pendek: paling sedikit 30 karakter.`, `<option value="h" selected>`}},
			{name: "transfer needs a body", method: "POST", url: "/staf/permohonan/{number}/keputusan", as: "ppid",
				form: decision("decision", "transferred"), status: 422, want: []string{`id="transferred_to-error"`}},
			{name: "partially granted", method: "POST", url: "/staf/permohonan/{number}/keputusan", as: "ppid",
				form: decision("decision", "partially_granted", "note", "Nama pasien dihitamkan.", "exemption.basis", "h",
					"exemption.consequence_test", test), status: 303,
				wantHeader: map[string]string{"Location": "/staf/permohonan/{number}", "Set-Cookie": "terbuka_flash=decided"}},
			{name: "decided request page", url: "/staf/permohonan/{number}", as: "ppid", status: 200,
				want: []string{"Diterima sebagian", "Pasal 17 huruf h UU 14/2008", "mengungkap rahasia pribadi", test,
					`class="badge status-answered" id="status">Dijawab`, "Sudah ditangani"},
				notWant: []string{`action="/staf/permohonan/{number}/keputusan"`}},
			{name: "decide twice is a conflict", method: "POST", url: "/staf/permohonan/{number}/keputusan", as: "ppid",
				form: decision("decision", "granted"), status: 409, want: []string{"Tindakan ini tidak dapat dilakukan"}},
			{name: "tracking shows the outcome but no personal data", url: "/lacak?nomor={number}&kode={token}", status: 200,
				want: []string{`id="status">Dijawab`, "Diterima sebagian", "Nama pasien dihitamkan.", "Pasal 17 huruf h UU 14/2008",
					"Waktu jawaban diperpanjang", "Data tersebar di beberapa puskesmas", "Kamis, 5 Februari 2026", "Keputusan diberikan",
					"keberatan"},
				notWant: append([]string{"Petugas ppid"}, personal...)},
		})
	})
}

func TestStaffIntake(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		paper := with(validForm(), "body", "dinkes-uji", "channel", "letter", "received_date", "2026-01-09", "received_time", "10:30")
		e.run(t, []scenario{
			{name: "form", url: "/staf/permohonan/baru", as: "pelaksana", status: 200,
				want: []string{`<label for="channel">`, "Surat", "Datang langsung", "Telepon", "Faksimili",
					`<option value="dinkes-uji" selected>`, `type="date" id="received_date"`, `type="time" id="received_time"`,
					`name="requester.id_number"`}},
			{name: "form en", url: "/staf/permohonan/baru", as: "ppid", lang: "en", status: 200, want: []string{"Letter", "In person"}},
			{name: "not for evaluators", url: "/staf/permohonan/baru", as: "eval", status: 403},
			{name: "bad channel, time and NIK at once", method: "POST", url: "/staf/permohonan/baru", as: "pelaksana",
				form: with(paper, "channel", "web", "received_time", "", "requester.id_number", "12"), status: 422,
				want: []string{`id="channel-error">Pilihan tidak dikenal.`, `id="received_at-error"`, `id="requester-id_number-error"`,
					`value="2026-01-09"`}},
			{name: "body outside the unit", method: "POST", url: "/staf/permohonan/baru", as: "pelaksana",
				form: with(paper, "body", "dindik-uji"), status: 422,
				want: []string{`id="body-error">Anda tidak dapat mencatat permohonan untuk badan publik ini.`}},
			{name: "received in the future", method: "POST", url: "/staf/permohonan/baru", as: "pelaksana",
				form: with(paper, "received_date", "2026-02-01"), status: 422, want: []string{`id="received_at-error"`}},
			{name: "register a letter", method: "POST", url: "/staf/permohonan/baru", as: "pelaksana", form: paper, status: 303,
				wantHeader: map[string]string{"Location": "/staf/permohonan/DINKES-2026-000002/terdaftar"},
				check: func(t *testing.T, e *env, rec *httptest.ResponseRecorder) {
					c := cookie(rec, "terbuka_kode")
					if c == nil || c.Path != "/staf/permohonan/DINKES-2026-000002/terdaftar" {
						t.Fatalf("hand-off cookie %+v", c)
					}
					page := e.do(t, scenario{url: c.Path, as: "pelaksana", cookies: []*http.Cookie{{Name: c.Name, Value: c.Value}}})
					body := page.Body.String()
					for _, want := range []string{"DINKES-2026-000002", c.Value[:4] + " " + c.Value[4:8], "Jumat, 9 Januari 2026",
						`href="/staf/permohonan/DINKES-2026-000002"`} {
						if !strings.Contains(body, want) {
							t.Errorf("result page lacks %q:\n%s", want, snippet(body))
						}
					}
					req := e.do(t, scenario{url: "/staf/permohonan/DINKES-2026-000002", as: "pelaksana"}).Body.String()
					if !strings.Contains(req, "Surat") || !strings.Contains(req, "oleh Petugas pelaksana") {
						t.Errorf("request page lacks the channel or the officer:\n%s", snippet(req))
					}
				}},
		})
	})
}
