package portal_test

import (
	"net/url"
	"testing"
)

// shownPersonal is the requester's personal data as the store keeps it;
// the completion form's phone hint shows an example that happens to be
// the setup requester's number as typed, so that spelling is left out.
var shownPersonal = []string{nik, phone[1:], email, "Jl. Merdeka"}

// TestIncompleteRequest: staff mark the setup request perlu dilengkapi on
// its page; the requester reads what is missing on the tracking page and
// completes it there, without JavaScript and without personal data shown.
func TestIncompleteRequest(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		complete := func(kv ...string) url.Values { return with(url.Values{"kode": {"{token}"}}, kv...) }
		e.run(t, []scenario{
			{name: "the form on the staff page", url: "/staf/permohonan/{number}", as: "pelaksana", status: 200,
				want: []string{`action="/staf/permohonan/{number}/perlu-dilengkapi"`, `<label for="missing">Yang perlu dilengkapi`,
					"Dapat ditandai sampai Kamis, 15 Januari 2026"}},
			{name: "nothing to complete yet", method: "POST", url: "/lacak/{number}/lengkapi", status: 409,
				form: complete("information", "Data anggaran kesehatan tahun 2025 per program"), want: []string{"tidak sedang perlu dilengkapi"}},
			{name: "what is missing is required", method: "POST", url: "/staf/permohonan/{number}/perlu-dilengkapi", as: "pelaksana",
				form: url.Values{"missing": {" "}}, status: 422, want: []string{`<p class="field-error" id="missing-error">Wajib diisi.</p>`}},
			{name: "another unit cannot", method: "POST", url: "/staf/permohonan/{number}/perlu-dilengkapi", as: "other",
				form: url.Values{"missing": {"fotokopi KTP"}}, status: 404},
			{name: "marked", method: "POST", url: "/staf/permohonan/{number}/perlu-dilengkapi", as: "pelaksana",
				form: url.Values{"missing": {"fotokopi KTP dan rincian tahun anggaran"}}, status: 303,
				wantHeader: map[string]string{"Location": "/staf/permohonan/{number}", "Set-Cookie": "terbuka_flash=incomplete"}},
			{name: "the staff page while incomplete", url: "/staf/permohonan/{number}", as: "pelaksana", status: 200,
				want: []string{`id="incomplete"`, "fotokopi KTP dan rincian tahun anggaran", `id="complete_by"`, "Kamis, 15 Januari 2026",
					`class="badge status-incomplete" id="status">Perlu dilengkapi`, `class="badge state-waiting">Menunggu pemohon`},
				notWant: []string{`action="/staf/permohonan/{number}/perpanjang"`, `action="/staf/permohonan/{number}/keputusan"`,
					`action="/staf/permohonan/{number}/perlu-dilengkapi"`}},
			{name: "the requester reads what is missing", url: "/lacak?nomor={number}&kode={token}", status: 200,
				want: []string{"Permohonan Anda perlu dilengkapi", "fotokopi KTP dan rincian tahun anggaran", "Lengkapi paling lambat Kamis, 15 Januari 2026",
					`action="/lacak/{number}/lengkapi"`, `name="kode" value="{token}"`, "Salinan laporan realisasi anggaran Dinas Kesehatan tahun 2025</textarea>",
					`<label for="completion-note">`},
				notWant: shownPersonal},
			{name: "a wrong code", method: "POST", url: "/lacak/{number}/lengkapi", status: 404,
				form: with(url.Values{"kode": {"salah"}}, "information", "Data anggaran kesehatan tahun 2025 per program")},
			{name: "validated like the intake", method: "POST", url: "/lacak/{number}/lengkapi", status: 422,
				form: complete("information", "kurang", "requester.email", "budi@", "completion.note", "KTP saya kirim"),
				want: []string{`id="information-error"`, `id="requester-email-error">Alamat email tidak valid.`, ">KTP saya kirim</textarea>",
					`action="/lacak/{number}/lengkapi"`}},
			{name: "completed", method: "POST", url: "/lacak/{number}/lengkapi", status: 200,
				form: complete("information", "Salinan laporan realisasi anggaran Dinas Kesehatan tahun 2025 per program",
					"completion.note", "Fotokopi KTP saya antar langsung."),
				want: []string{`<p class="flash" role="status">Terima kasih, permohonan Anda telah dilengkapi.`, `id="status">Terdaftar`,
					"Permohonan dilengkapi; jangka waktu dihitung ulang", "per program"},
				notWant: append([]string{`action="/lacak/{number}/lengkapi"`}, shownPersonal...)},
			{name: "the staff page keeps the history and the note", url: "/staf/permohonan/{number}", as: "ppid", status: 200,
				want: []string{"Riwayat perlu dilengkapi", "Fotokopi KTP saya antar langsung.", "Dilengkapi Senin, 12 Januari 2026"}},
			{name: "in English", url: "/lacak?nomor={number}&kode={token}", lang: "en", status: 200,
				want: []string{"Request completed; time limit restarted"}},
		})
	})
}
