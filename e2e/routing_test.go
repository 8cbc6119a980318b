package e2e

import (
	"strings"
	"testing"
)

// TestIncompleteRequest follows a request that lacks something: the PPID
// marks it perlu dilengkapi, the citizen reads what is missing on the
// tracking page and completes it there, without JavaScript, and the staff
// page shows the completion and the citizen's note.
func TestIncompleteRequest(t *testing.T) {
	s := needServer(t)
	citizen := newBrowser(t, s.URL)
	citizen.disableJavaScript()
	citizen.open("/permohonan/dinkes-contoh")
	citizen.typeIn("requester-name", "Wayan Sudarsana")
	citizen.typeIn("requester-id_number", "3201011203880004")
	citizen.fill("requester-address", "Jl. Cempaka 9, Kota Contoh")
	citizen.typeIn("requester-email", "wayan@example.id")
	citizen.fill("information", "Data imunisasi anak")
	citizen.fill("purpose", "Penelitian")
	citizen.fill("obtain", "softcopy")
	citizen.fill("delivery", "email")
	if status := citizen.submit(`form[action="/permohonan/dinkes-contoh"] button[type="submit"]`); status != 200 {
		t.Fatalf("after submitting: status %d", status)
	}
	number := citizen.text("#nomor")
	code := strings.ReplaceAll(citizen.text("#kode"), " ", "")

	staff := newBrowser(t, s.URL)
	s.login(t, staff, "ppid.dinkes@contoh.go.id", "/staf/permohonan/"+number)
	staff.fill("missing", "Rincian informasi kurang jelas: sebutkan tahun dan kabupaten/kota.")
	staff.submit(`form[action$="/perlu-dilengkapi"] button[type="submit"]`)
	if got := staff.text(".flash"); !strings.Contains(got, "perlu dilengkapi") {
		t.Fatalf("flash after marking: %q", got)
	}
	if got := staff.text("#status"); got != "Perlu dilengkapi" {
		t.Fatalf("staff status: %q", got)
	}

	citizen.open("/lacak")
	citizen.typeIn("nomor", number)
	citizen.typeIn("kode", code)
	citizen.submit(`form[action="/lacak"] button[type="submit"]`)
	if got := citizen.text("#missing-text"); !strings.Contains(got, "sebutkan tahun") {
		t.Fatalf("what is missing on the tracking page: %q", got)
	}
	citizen.fill("information", "Data cakupan imunisasi dasar lengkap anak per kabupaten/kota tahun 2025")
	citizen.fill("completion-note", "Terima kasih atas penjelasannya.")
	if status := citizen.submit(`form[action$="/lengkapi"] button[type="submit"]`); status != 200 {
		t.Fatalf("after completing: status %d", status)
	}
	if got := citizen.text("#status"); got != "Terdaftar" {
		t.Fatalf("status after completing: %q", got)
	}
	citizen.mustSee("telah dilengkapi", "per kabupaten/kota tahun 2025")
	if body := citizen.text("body"); strings.Contains(body, "3201011203880004") || strings.Contains(body, "wayan@example.id") {
		t.Fatal("the tracking page shows personal data")
	}

	staff.open("/staf/permohonan/" + number)
	staff.mustSee("Riwayat perlu dilengkapi", "Terima kasih atas penjelasannya.", "per kabupaten/kota tahun 2025")
	if got := staff.text("#status"); got != "Terdaftar" {
		t.Fatalf("staff status after completion: %q", got)
	}
}
