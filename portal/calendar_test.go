package portal_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// upload builds the multipart body of the amendment form.
func upload(slug, content string) func(e *env) (io.Reader, string) {
	return func(e *env) (io.Reader, string) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		_ = w.WriteField("badan", slug)
		f, _ := w.CreateFormFile("amendment", "perubahan.json")
		_, _ = io.WriteString(f, content)
		_ = w.Close()
		return &b, w.FormDataContentType()
	}
}

// amendment makes Tuesday 20 January 2026 a national holiday, which moves
// the setup request's due date from 27 to 28 January.
const amendment = `{"id": "SKB-UJI-2026", "source": "SKB uji 2026", "effective": "2026-01-12",
	"add": [{"date": "2026-01-20", "name": "Libur uji", "kind": "national"}]}`

func TestAdminCalendar(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		settings := url.Values{"badan": {"dinkes-uji"}, "time_zone": {"Asia/Makassar"}, "office_open": {"07:30"},
			"office_close": {"15:00"}, "cuti_bersama_workday": {"1"}}
		e.run(t, []scenario{
			{name: "not for PPID staff", url: "/staf/kalender", as: "ppid", status: 403,
				want: []string{"Peran Anda tidak berwenang"}},
			{name: "PPID staff cannot post either", method: "POST", url: "/staf/kalender/pengaturan", as: "ppid",
				form: settings, status: 403},
			{name: "page", url: "/staf/kalender", as: "admin", status: 200,
				want: []string{"Pemerintah Provinsi Uji", `<option value="Asia/Jakarta" selected>WIB (Asia/Jakarta)</option>`,
					`value="08:00"`, `value="16:00"`, "Hari libur daerah", `enctype="multipart/form-data"`,
					`<label for="amendment">`, `href="/staf/kalender"`}},
			{name: "page en", url: "/staf/kalender?badan=dinkes-uji", as: "admin", lang: "en", status: 200,
				want: []string{"Dinas Kesehatan Uji", "Regional holidays", "Time zone and office hours"}},
			{name: "unknown body", url: "/staf/kalender?badan=tidak-ada", as: "admin", status: 404},
			{name: "load an amendment", method: "POST", url: "/staf/kalender/perubahan", as: "admin",
				body: upload("prov-uji", amendment), status: 303,
				wantHeader: map[string]string{"Location": "/staf/kalender?badan=prov-uji", "Set-Cookie": "terbuka_flash=amendment_loaded.1;"}},
			{name: "flash counts the moved deadlines", url: "/staf/kalender?badan=prov-uji", as: "admin", status: 200,
				want: []string{"SKB-UJI-2026", "SKB uji 2026", "2026-01-12"}},
			{name: "the same amendment twice", method: "POST", url: "/staf/kalender/perubahan", as: "admin",
				body: upload("prov-uji", amendment), status: 409, want: []string{"sudah dimuat"}},
			{name: "not JSON", method: "POST", url: "/staf/kalender/perubahan", as: "admin",
				body: upload("prov-uji", "bukan json"), status: 422,
				want: []string{`id="amendment-error">Berkas perubahan kalender tidak valid`}},
			{name: "no file", method: "POST", url: "/staf/kalender/perubahan", as: "admin",
				body: func(e *env) (io.Reader, string) {
					var b bytes.Buffer
					w := multipart.NewWriter(&b)
					_ = w.WriteField("badan", "prov-uji")
					_ = w.Close()
					return &b, w.FormDataContentType()
				}, status: 422, want: []string{`id="amendment-error">Wajib diisi.`}},
			{name: "file too large", method: "POST", url: "/staf/kalender/perubahan", as: "admin",
				body: upload("prov-uji", strings.Repeat(" ", 300<<10)+amendment), status: 413},
			{name: "the amendment moved the deadline", url: "/lacak?nomor={number}&kode={token}", status: 200,
				want: []string{"Rabu, 28 Januari 2026", "Batas waktu dihitung ulang"}},
			{name: "save settings", method: "POST", url: "/staf/kalender/pengaturan", as: "admin", form: settings, status: 303,
				wantHeader: map[string]string{"Location": "/staf/kalender?badan=dinkes-uji", "Set-Cookie": "terbuka_flash=settings;"}},
			{name: "settings saved", url: "/staf/kalender?badan=dinkes-uji", as: "admin", status: 200,
				cookies: []*http.Cookie{{Name: "terbuka_flash", Value: "settings"}},
				want: []string{`<p class="flash" role="status">Pengaturan kalender sudah disimpan.</p>`, `<option value="Asia/Makassar" selected>`, `value="07:30"`, `value="15:00"`,
					`id="cuti_bersama_workday" name="cuti_bersama_workday" value="1" checked`}},
			{name: "hours the wrong way round", method: "POST", url: "/staf/kalender/pengaturan", as: "admin",
				form: with(settings, "office_open", "16:00", "office_close", "08:00"), status: 422,
				want: []string{`id="office_hours-error">Jam layanan tidak valid`, `value="16:00"`}},
			{name: "unreadable hours", method: "POST", url: "/staf/kalender/pengaturan", as: "admin",
				form: with(settings, "office_open", "pagi"), status: 422, want: []string{`id="office_hours-error"`}},
			{name: "unknown zone", method: "POST", url: "/staf/kalender/pengaturan", as: "admin",
				form: with(settings, "time_zone", "Europe/Paris"), status: 422, want: []string{`id="time_zone-error"`}},
			{name: "add a regional holiday", method: "POST", url: "/staf/kalender/libur", as: "admin",
				form: url.Values{"badan": {"dinkes-uji"}, "date": {"2026-01-21"}, "name": {"Hari Jadi Dinas"}}, status: 303,
				wantHeader: map[string]string{"Set-Cookie": "terbuka_flash=holiday_added;"}},
			{name: "holiday listed", url: "/staf/kalender?badan=dinkes-uji", as: "admin", status: 200,
				want: []string{"Rabu, 21 Januari 2026", "Hari Jadi Dinas", "/hapus"}},
			{name: "a count where none belongs is ignored", url: "/staf/kalender", as: "admin", status: 200,
				cookies: []*http.Cookie{{Name: "terbuka_flash", Value: "settings.5"}}, notWant: []string{`class="flash"`}},
			{name: "a missing count is ignored", url: "/staf/kalender", as: "admin", status: 200,
				cookies: []*http.Cookie{{Name: "terbuka_flash", Value: "amendment_loaded"}}, notWant: []string{`class="flash"`}},
			{name: "holiday without a date", method: "POST", url: "/staf/kalender/libur", as: "admin",
				form: url.Values{"badan": {"dinkes-uji"}, "date": {"kemarin"}, "name": {"X"}}, status: 422,
				want: []string{`id="date-error">Tanggal libur tidak valid.`, `value="X"`}},
			{name: "holiday without a name", method: "POST", url: "/staf/kalender/libur", as: "admin",
				form: url.Values{"badan": {"dinkes-uji"}, "date": {"2026-01-22"}}, status: 422, want: []string{`id="name-error"`}},
			{name: "delete a holiday", method: "POST", url: "/staf/kalender/libur/{holiday}/hapus", as: "admin",
				form: url.Values{"badan": {"dinkes-uji"}}, status: 303,
				wantHeader: map[string]string{"Set-Cookie": "terbuka_flash=holiday_deleted;"}},
			{name: "delete a missing holiday", method: "POST", url: "/staf/kalender/libur/999999/hapus", as: "admin",
				form: url.Values{"badan": {"dinkes-uji"}}, status: 404, want: []string{"Hari libur tidak ditemukan."}},
			{name: "delete by GET is not possible", url: "/staf/kalender/libur/1/hapus", as: "admin", status: 404},
			{name: "the regional holiday moved it again", url: "/lacak?nomor={number}&kode={token}", status: 200,
				want: []string{"Kamis, 29 Januari 2026"}},
		})
	})
}

// TestAdminCalendar_FlashShowsCount reads the amendment flash as a page.
func TestAdminCalendar_FlashShowsCount(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		rec := e.do(t, scenario{method: "POST", url: "/staf/kalender/perubahan", as: "admin", body: upload("prov-uji", amendment)})
		c := cookie(rec, "terbuka_flash")
		if rec.Code != 303 || c == nil {
			t.Fatalf("load: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		page := e.do(t, scenario{url: rec.Header().Get("Location"), as: "admin", cookies: []*http.Cookie{c}})
		if !strings.Contains(page.Body.String(), "1 batas waktu permohonan yang masih berjalan dihitung ulang") {
			t.Fatalf("flash missing:\n%s", snippet(page.Body.String()))
		}
	})
}
