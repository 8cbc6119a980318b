package e2e

import (
	"strings"
	"testing"
)

// login signs b in as the demo account email and lands on next.
func (s *server) login(t *testing.T, b *browser, email, next string) {
	t.Helper()
	b.open("/staf/masuk?next=" + next)
	b.typeIn("email", email)
	b.typeIn("password", s.password(t, email))
	b.submit(`form[action="/staf/masuk"] button[type="submit"]`)
	if u := b.url(); !strings.HasSuffix(u, next) {
		t.Fatalf("after logging in as %s: at %s, want %s", email, u, next)
	}
}

// TestObjectionLifecycle follows a refused request to the atasan PPID: a
// citizen files a request with the PPID Utama, which forwards it to the
// Dinas Kesehatan (disposisi); the OPD proposes to deny it, the PPID Utama
// denies it under Pasal 17 huruf h, the citizen files a keberatan on
// ground a from the tracking page, the atasan PPID upholds the PPID, and
// the citizen's tracking page shows that decision in plain Indonesian.
func TestObjectionLifecycle(t *testing.T) {
	s := needServer(t)
	citizen := newBrowser(t, s.URL)
	citizen.open("/permohonan/diskominfo-contoh")
	citizen.typeIn("requester-name", "Rudi Hartono")
	citizen.typeIn("requester-id_number", "3201011203880004")
	citizen.fill("requester-address", "Jl. Melati 3, Kota Contoh")
	citizen.typeIn("requester-email", "rudi.hartono@example.id")
	citizen.fill("information", "Daftar nama pasien penerima layanan rujukan rumah sakit daerah tahun 2025")
	citizen.fill("purpose", "Pemantauan layanan kesehatan")
	citizen.fill("obtain", "softcopy")
	citizen.fill("delivery", "email")
	if status := citizen.submit(`form[action="/permohonan/diskominfo-contoh"] button[type="submit"]`); status != 200 {
		t.Fatalf("after submitting: status %d", status)
	}
	number := citizen.text("#nomor")
	code := strings.ReplaceAll(citizen.text("#kode"), " ", "")
	if !strings.HasPrefix(number, "DISKOMINFO-") || len(code) != 32 {
		t.Fatalf("result page: number %q, code %q", number, code)
	}
	page := "/staf/permohonan/" + number

	// Disposisi: the PPID Utama forwards the request to the Dinas Kesehatan.
	utama := newBrowser(t, s.URL)
	s.login(t, utama, "ppid@contoh.go.id", page)
	utama.click("#to-dinkes-contoh")
	utama.fill("instructions", "Mohon telaah apakah daftar pasien termasuk informasi yang dikecualikan.")
	utama.submit(`form[action$="/disposisi"] button[type="submit"]`)
	utama.mustSee("Dinas Kesehatan Provinsi Contoh")

	// The OPD answers with a proposal to deny.
	opd := newBrowser(t, s.URL)
	s.login(t, opd, "ppid.dinkes@contoh.go.id", page)
	opd.click("#answer-kind-deny_proposal")
	opd.fill("answer-text", "Daftar memuat nama dan diagnosis pasien.")
	opd.fill("answer-exemption-basis", "h")
	opd.fill("answer-exemption-consequence_test", "Membuka nama dan diagnosis pasien mengungkap rahasia pribadi mereka.")
	opd.submit(`form[action$="/jawab"] button[type="submit"]`)

	// The PPID Utama decides: denied under Pasal 17 huruf h.
	utama.open(page)
	utama.fill("decision", "denied")
	utama.fill("exemption-basis", "h")
	utama.fill("exemption-consequence_test", "Membuka nama dan diagnosis pasien mengungkap rahasia pribadi mereka.")
	utama.submit(`form[action$="/keputusan"] button[type="submit"]`)
	if got := utama.text(".flash"); !strings.Contains(got, "Keputusan") {
		t.Fatalf("flash after deciding: %q", got)
	}

	// The citizen files a keberatan on ground a from the tracking page.
	track := "/lacak?nomor=" + number + "&kode=" + code
	citizen.open(track)
	if got := citizen.text("#decision"); !strings.HasPrefix(got, "Ditolak") {
		t.Fatalf("decision on the tracking page: %q", got)
	}
	citizen.mustSee("penolakan atas permintaan informasi berdasarkan alasan pengecualian sebagaimana dimaksud dalam Pasal 17")
	citizen.click("#objection-reason-a")
	citizen.fill("objection-statement", "Saya hanya meminta jumlah pasien rujukan, bukan nama atau diagnosisnya.")
	if status := citizen.submit(`form[action$="/keberatan"] button[type="submit"]`); status != 200 {
		t.Fatalf("after filing the keberatan: status %d", status)
	}
	citizen.mustSee("Keberatan Anda sudah didaftarkan")
	if got := citizen.text("#objection-0-status"); got != "Terdaftar" {
		t.Fatalf("objection status: %q", got)
	}
	heading := citizen.text("#keb-0")
	objection := strings.TrimPrefix(heading, "Keberatan ")
	if !strings.HasPrefix(objection, "KEB-DISKOMINFO-") {
		t.Fatalf("objection heading %q", heading)
	}
	if due := citizen.text("#objection-0-due"); due == "" {
		t.Fatal("no answer due date on the tracking page")
	}

	// The atasan PPID finds it in the list and upholds the PPID.
	atasan := newBrowser(t, s.URL)
	s.login(t, atasan, "atasan@contoh.go.id", "/staf/keberatan")
	atasan.submit(`a[href="/staf/keberatan/` + objection + `"]`)
	atasan.mustSee("Saya hanya meminta jumlah pasien rujukan", "Rudi Hartono")
	atasan.click("#objection-decision-upheld")
	atasan.fill("objection-reasons", "Daftar yang diminta memuat nama dan diagnosis pasien; uji konsekuensi PPID sudah tepat.")
	atasan.typeIn("objection-position", "Sekretaris Daerah Provinsi Contoh")
	atasan.submit(`form[action$="/keputusan"] button[type="submit"]`)
	if got := atasan.text(".flash"); !strings.Contains(got, "Keputusan atas keberatan") {
		t.Fatalf("flash after the atasan's decision: %q", got)
	}
	if got := atasan.text("#decision"); !strings.Contains(got, "menguatkan keputusan PPID") {
		t.Fatalf("decision on the staff page: %q", got)
	}

	// The citizen sees the decision, in plain Indonesian, and may go on.
	citizen.open(track)
	if got := citizen.text("#objection-0-decision"); got != "Atasan PPID menguatkan keputusan PPID; keberatan tidak diterima" {
		t.Fatalf("the atasan's decision on the tracking page: %q", got)
	}
	if got := citizen.text("#objection-0-status"); got != "Diputus" {
		t.Fatalf("objection status after the decision: %q", got)
	}
	citizen.mustSee("Sekretaris Daerah Provinsi Contoh", "uji konsekuensi PPID sudah tepat",
		"Unduh surat tanggapan atasan PPID", "Catat sengketa di Komisi Informasi", "Keberatan diputus atasan PPID")
}
