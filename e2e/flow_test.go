package e2e

import (
	"strings"
	"testing"
)

// The citizen of the flow; the NIK must show to staff only.
const (
	citizenNIK   = "3201016505900003"
	citizenEmail = "sari.dewi@example.id"
)

// TestRequestLifecycle follows one request through the portal: a citizen
// files it and tracks it, a PPID officer finds it, extends it and decides
// it, and the citizen sees each step on the tracking page.
func TestRequestLifecycle(t *testing.T) {
	s := needServer(t)
	citizen := newBrowser(t, s.URL)

	citizen.open("/")
	citizen.submit(`a[href="/permohonan/dinkes-contoh"]`)
	// Short fields are typed key by key; long texts and choices are set.
	citizen.typeIn("requester-name", "Sari Dewi")
	citizen.typeIn("requester-id_number", citizenNIK)
	citizen.fill("requester-address", "Jl. Kenari 7, Kota Contoh")
	citizen.typeIn("requester-email", citizenEmail)
	citizen.typeIn("requester-phone", "0813-2222-3333")
	citizen.fill("information", "Daftar puskesmas dan jumlah tenaga kesehatan per kabupaten tahun 2026")
	citizen.fill("purpose", "Skripsi tentang pemerataan layanan kesehatan")
	citizen.fill("obtain", "softcopy")
	citizen.fill("delivery", "email")
	if status := citizen.submit(`form[action="/permohonan/dinkes-contoh"] button[type="submit"]`); status != 200 {
		t.Fatalf("after submitting: status %d", status)
	}
	number := citizen.text("#nomor")
	code := strings.ReplaceAll(citizen.text("#kode"), " ", "")
	due := citizen.text("#due_on")
	if !strings.HasPrefix(number, "DINKES-") || len(code) != 32 || due == "" {
		t.Fatalf("result page: number %q, code %q, due %q", number, code, due)
	}
	citizen.mustSee("hanya ditampilkan satu kali")

	citizen.open("/lacak")
	citizen.typeIn("nomor", number)
	citizen.typeIn("kode", code)
	citizen.submit(`form[action="/lacak"] button[type="submit"]`)
	if got := citizen.text("#status"); got != "Terdaftar" {
		t.Fatalf("status on the tracking page: %q", got)
	}
	citizen.mustSee("Dinas Kesehatan Provinsi Contoh", due)
	if body := citizen.text("body"); strings.Contains(body, citizenNIK) || strings.Contains(body, citizenEmail) {
		t.Fatal("the tracking page shows personal data")
	}

	staff := newBrowser(t, s.URL)
	staff.open("/staf/permohonan")
	if u := staff.url(); !strings.Contains(u, "/staf/masuk?next=") {
		t.Fatalf("not sent to the login page: %s", u)
	}
	staff.typeIn("email", "ppid@contoh.go.id")
	staff.typeIn("password", s.password(t, "ppid@contoh.go.id"))
	staff.submit(`form[action="/staf/masuk"] button[type="submit"]`)
	staff.typeIn("q", number)
	staff.submit(`form.filters button[type="submit"]`)
	if got := staff.text("#count"); !strings.HasPrefix(got, "1 ") {
		t.Fatalf("searching %s: %q", number, got)
	}
	staff.submit(`a[href="/staf/permohonan/` + number + `"]`)
	staff.mustSee(citizenNIK, citizenEmail, "Sari Dewi")

	// Disposisi: the PPID Utama asks another OPD for the part it holds;
	// routing is internal, the citizen only sees the request in process.
	staff.click("#to-dpupr-contoh")
	staff.fill("instructions", "Mohon data puskesmas yang dibangun atau direhabilitasi tahun 2026.")
	staff.submit(`form[action$="/disposisi"] button[type="submit"]`)
	if got := staff.text(".flash"); !strings.Contains(got, "diteruskan") {
		t.Fatalf("flash after forwarding: %q", got)
	}
	staff.mustSee("Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Contoh", "Menunggu jawaban", "Tepat waktu")
	citizen.open("/lacak?nomor=" + number + "&kode=" + code)
	if got := citizen.text("#status"); got != "Diproses" {
		t.Fatalf("status after the disposisi: %q", got)
	}
	if body := citizen.text("body"); strings.Contains(body, "Pekerjaan Umum") || strings.Contains(body, "puskesmas yang dibangun") {
		t.Fatal("the tracking page shows the internal disposisi")
	}

	staff.fill("reason", "Data tenaga kesehatan masih direkap dari kabupaten.")
	staff.submit(`form[action$="/perpanjang"] button[type="submit"]`)
	if got := staff.text(".flash"); !strings.Contains(got, "diperpanjang") {
		t.Fatalf("flash after extending: %q", got)
	}
	extended := staff.text("#due_on")
	if extended == due {
		t.Fatalf("the due date did not move from %s", due)
	}

	track := "/lacak?nomor=" + number + "&kode=" + code
	citizen.open(track)
	if got := citizen.text("#status"); got != "Diperpanjang" {
		t.Fatalf("status after the extension: %q", got)
	}
	if got := citizen.text("#due_on"); got != extended {
		t.Fatalf("due date on the tracking page %q, staff see %q", got, extended)
	}
	citizen.mustSee("Data tenaga kesehatan masih direkap dari kabupaten.")

	staff.fill("decision", "partially_granted")
	staff.fill("note", "Nama tenaga kesehatan dihitamkan.")
	staff.fill("exemption-basis", "h")
	staff.fill("exemption-consequence_test", "Membuka nama dan NIP tenaga kesehatan mengungkap rahasia pribadi mereka.")
	staff.submit(`form[action$="/keputusan"] button[type="submit"]`)
	if got := staff.text(".flash"); !strings.Contains(got, "Keputusan") {
		t.Fatalf("flash after deciding: %q", got)
	}

	citizen.open(track)
	if got := citizen.text("#status"); got != "Dijawab" {
		t.Fatalf("status after the decision: %q", got)
	}
	if got := citizen.text("#decision"); got != "Diterima sebagian" {
		t.Fatalf("decision on the tracking page: %q", got)
	}
	if got := citizen.text("#due_on"); got != extended {
		t.Fatalf("due date after the decision %q, want %q", got, extended)
	}
	citizen.mustSee("Pasal 17 huruf h UU 14/2008", "Nama tenaga kesehatan dihitamkan.", "Waktu jawaban diperpanjang")
}

// TestFormErrorsWithoutJavaScript submits the empty form with scripts off:
// the server answers 422 with a summary and a message at each field.
func TestFormErrorsWithoutJavaScript(t *testing.T) {
	s := needServer(t)
	b := newBrowser(t, s.URL)
	b.disableJavaScript()
	b.open("/permohonan/dinkes-contoh")
	if status := b.submit(`form[action="/permohonan/dinkes-contoh"] button[type="submit"]`); status != 422 {
		t.Fatalf("status %d, want 422", status)
	}
	if got := b.text("#problems"); !strings.Contains(got, "Data yang dikirim belum benar") {
		t.Fatalf("error summary: %q", got)
	}
	if got := b.text("#requester-name-error"); got != "Wajib diisi." {
		t.Fatalf("name error: %q", got)
	}
	if got := b.attr("#requester-name", "aria-invalid"); got != "true" {
		t.Errorf("aria-invalid = %q", got)
	}
	if got := b.attr("#requester-name", "aria-describedby"); !strings.Contains(got, "requester-name-error") {
		t.Errorf("aria-describedby = %q", got)
	}
	b.mustSee("Isi nomor telepon atau alamat email")
}

// TestEnglishSwitch follows the language link both ways; the choice
// sticks across pages and legal terms stay Indonesian.
func TestEnglishSwitch(t *testing.T) {
	s := needServer(t)
	b := newBrowser(t, s.URL)
	b.open("/lacak")
	if got := b.attr("html", "lang"); got != "id" {
		t.Fatalf("default language %q", got)
	}
	b.submit(`a[hreflang="en"]`)
	if got := b.attr("html", "lang"); got != "en" {
		t.Fatalf("after the switch: lang %q", got)
	}
	if u := b.url(); !strings.HasSuffix(u, "/lacak") {
		t.Errorf("the switch did not come back to the page: %s", u)
	}
	b.mustSee("Track an information request")
	b.open("/permohonan/dinkes-contoh")
	b.mustSee("Public information request form", "NIK", "Soft copy")
	b.submit(`a[hreflang="id"]`)
	if got := b.attr("html", "lang"); got != "id" {
		t.Fatalf("after switching back: lang %q", got)
	}
	b.mustSee("Formulir permohonan informasi publik")
}
