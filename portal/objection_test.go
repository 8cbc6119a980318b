package portal_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
)

// withAtasan adds the atasan PPID of the province (session key "atasan")
// and has the PPID Pelaksana deny the setup request under Pasal 17 huruf
// h, at the fixed clock (Monday 12 January 2026): reason a opens that day.
func withAtasan(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	if _, err := e.store.CreateUser(ctx, terbuka.NewUser{Email: "atasan@uji.go.id", Name: "Sekda Uji", Role: terbuka.RoleAtasanPPID,
		BodySlug: "prov-uji", Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	_, secret, err := e.store.Login(ctx, "atasan@uji.go.id", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	e.sessions["atasan"] = secret
	pelaksana, err := e.store.UserByEmail(ctx, "pelaksana@uji.go.id")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.DecideRequest(ctx, pelaksana, e.number, terbuka.DecisionInput{Decision: terbuka.Denied,
		Exemption: &terbuka.Exemption{Basis: "h", ConsequenceTest: "Membuka dokumen ini mengungkap rahasia pribadi pasien."}}); err != nil {
		t.Fatal(err)
	}
}

func TestObjectionPages(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		withAtasan(t, e)
		const keb = "KEB-DINKES-2026-000001"
		track := url.Values{"nomor": {"{number}"}, "kode": {"{token}"}}
		object := func(reason string) url.Values {
			return url.Values{"kode": {"{token}"}, "objection.reason": {reason},
				"objection.statement": {"Anggaran imunisasi bukan rahasia pribadi siapa pun."}}
		}
		e.run(t, []scenario{
			{name: "the tracking page offers the form", method: "POST", url: "/lacak", form: track, status: 200,
				want: []string{`action="/lacak/{number}/keberatan"`, `id="objection-reason-a"`, `name="objection.reason"`,
					"a. penolakan atas permintaan informasi berdasarkan alasan pengecualian sebagaimana dimaksud dalam Pasal 17",
					"g. penyampaian informasi yang melebihi waktu", "huruf a, paling lambat Kamis, 26 Februari 2026",
					`<label for="objection-statement">`},
				notWant: []string{"huruf c, paling lambat"}},
			{name: "in English", method: "POST", url: "/lacak", form: track, lang: "en", status: 200,
				want: []string{"File a keberatan (objection)", "a. The request was refused on an exemption under Article 17"}},
			{name: "a ground not yet open says why, next to the reasons", method: "POST", url: "/lacak/{number}/keberatan",
				form: object("c"), status: 422,
				want: []string{`id="objection-reason-error"`, "2026-01-12", "2026-01-27", `href="#objection-reason"`,
					"Anggaran imunisasi bukan rahasia pribadi siapa pun."}},
			{name: "a wrong code is the generic 404", method: "POST", url: "/lacak/{number}/keberatan",
				form:   url.Values{"kode": {"salah"}, "objection.reason": {"a"}, "objection.statement": {"Bukan rahasia pribadi."}},
				status: 404, notWant: []string{keb}},
			{name: "filed", method: "POST", url: "/lacak/{number}/keberatan", form: object("a"), status: 200,
				want: []string{"Keberatan Anda sudah didaftarkan", "Keberatan " + keb, `id="objection-0-status">Terdaftar`,
					"Kamis, 26 Februari 2026", "Pasal 35 ayat (1) huruf a", keb + " — Pasal 35 ayat (1) huruf a"},
				notWant: []string{`action="/lacak/{number}/keberatan"`, "3201011501900001"}},
			{name: "a second one while it is pending", method: "POST", url: "/lacak/{number}/keberatan", form: object("e"),
				status: 409, want: []string{"belum diputus"}},
			{name: "pelaksana lists its unit's", url: "/staf/keberatan", as: "pelaksana", status: 200,
				want: []string{`href="/staf/keberatan/` + keb + `"`, "1 keberatan", "/staf/keberatan/register.xlsx"}},
			{name: "another OPD lists none", url: "/staf/keberatan", as: "other", status: 200, want: []string{"0 keberatan"}},
			{name: "the evaluator may not", url: "/staf/keberatan", as: "eval", status: 403},
			{name: "the pelaksana sees it but may not decide", url: "/staf/keberatan/" + keb, as: "pelaksana", status: 200,
				want: []string{"hanya akun atasan PPID", "Budi Santoso"}, notWant: []string{`name="objection.decision"`}},
			{name: "another OPD cannot see it", url: "/staf/keberatan/" + keb, as: "other", status: 404},
			{name: "the atasan gets the form", url: "/staf/keberatan/" + keb, as: "atasan", status: 200,
				want: []string{`action="/staf/keberatan/` + keb + `/keputusan"`, `id="objection-decision-upheld"`,
					`<label for="objection-position">`, "Kamis, 26 Februari 2026"}},
			{name: "the pelaksana's decision is refused", method: "POST", url: "/staf/keberatan/" + keb + "/keputusan", as: "pelaksana",
				form: url.Values{"objection.decision": {"release_ordered"}, "objection.position": {"Kepala Dinas"}}, status: 403},
			{name: "upholding needs reasons", method: "POST", url: "/staf/keberatan/" + keb + "/keputusan", as: "atasan",
				form: url.Values{"objection.decision": {"upheld"}, "objection.position": {"Sekretaris Daerah"}}, status: 422,
				want: []string{`id="objection-reasons-error"`, `value="Sekretaris Daerah"`}},
			{name: "the atasan upholds", method: "POST", url: "/staf/keberatan/" + keb + "/keputusan", as: "atasan",
				form: url.Values{"objection.decision": {"upheld"}, "objection.reasons": {"Dokumen memuat nama pasien; uji konsekuensi tepat."},
					"objection.position": {"Sekretaris Daerah Provinsi Uji"}},
				status: 303, wantHeader: map[string]string{"Location": "/staf/keberatan/" + keb}},
			{name: "the decision on the staff page", url: "/staf/keberatan/" + keb, as: "atasan", status: 200,
				want:    []string{"Atasan PPID menguatkan keputusan PPID", "Sekda Uji, Sekretaris Daerah Provinsi Uji", "surat-tanggapan.pdf"},
				notWant: []string{`action="/staf/keberatan/` + keb + `/keputusan"`}},
			{name: "the request page links it", url: "/staf/permohonan/{number}", as: "ppid", status: 200,
				want: []string{`href="/staf/keberatan/` + keb + `"`, "Keberatan atas permohonan ini"}},
			{name: "the requester sees the decision", method: "POST", url: "/lacak", form: track, status: 200,
				want: []string{`id="objection-0-decision"><strong>Atasan PPID menguatkan keputusan PPID; keberatan tidak diterima`,
					"Dokumen memuat nama pasien", `action="/lacak/{number}/keberatan/` + keb + `/surat-tanggapan.pdf"`,
					`name="objection.response"`, `name="dispute.lodged_on"`, "Keberatan diputus atasan PPID"}},
			{name: "the letter", method: "POST", url: "/lacak/{number}/keberatan/" + keb + "/surat-tanggapan.pdf",
				form: url.Values{"kode": {"{token}"}}, status: 200, wantHeader: map[string]string{"Content-Type": "application/pdf"}},
			{name: "the letter needs the code", method: "POST", url: "/lacak/{number}/keberatan/" + keb + "/surat-tanggapan.pdf",
				form: url.Values{"kode": {"salah"}}, status: 404},
			{name: "the staff letter", url: "/staf/keberatan/" + keb + "/surat-tanggapan.pdf", as: "pelaksana", status: 200,
				wantHeader: map[string]string{"Content-Type": "application/pdf"}},
			{name: "the requester responds", method: "POST", url: "/lacak/{number}/keberatan/" + keb + "/tanggapan-pemohon",
				form: url.Values{"kode": {"{token}"}, "objection.response": {"Saya akan mengajukan sengketa."}}, status: 200,
				want: []string{"Tanggapan Anda sudah dicatat.", "Saya akan mengajukan sengketa."}, notWant: []string{`name="objection.response"`}},
			{name: "a dispute dated tomorrow", method: "POST", url: "/lacak/{number}/keberatan/" + keb + "/sengketa",
				form: url.Values{"kode": {"{token}"}, "dispute.lodged_on": {"2026-01-13"}, "dispute.ki_number": {"001/I/KIP-PS/2026"},
					"dispute.commission": {"Komisi Informasi Provinsi Uji"}}, status: 422,
				want: []string{`id="dispute-lodged_on-error"`, `value="001/I/KIP-PS/2026"`}},
			{name: "the dispute recorded", method: "POST", url: "/lacak/{number}/keberatan/" + keb + "/sengketa",
				form: url.Values{"kode": {"{token}"}, "dispute.lodged_on": {"2026-01-12"}, "dispute.ki_number": {"001/I/KIP-PS/2026"},
					"dispute.commission": {"Komisi Informasi Provinsi Uji"}}, status: 200,
				want:    []string{"Sengketa Anda di Komisi Informasi sudah dicatat.", "001/I/KIP-PS/2026", "Belum ada tahap yang dicatat."},
				notWant: []string{`name="dispute.lodged_on"`}},
			{name: "the stage form", url: "/staf/keberatan/" + keb, as: "ppid", status: 200,
				want: []string{`action="/staf/keberatan/` + keb + `/sengketa"`, `<option value="pemeriksaan_awal">Pemeriksaan awal</option>`}},
			{name: "no mediation of a Pasal 17 refusal", method: "POST", url: "/staf/keberatan/" + keb + "/sengketa", as: "ppid",
				form: url.Values{"stage.stage": {"mediasi"}, "stage.date": {"2026-01-12"}}, status: 422,
				want: []string{`id="stage-stage-error"`, "Pasal 40 ayat (2)"}},
			{name: "a stage recorded", method: "POST", url: "/staf/keberatan/" + keb + "/sengketa", as: "ppid",
				form:   url.Values{"stage.stage": {"registrasi"}, "stage.date": {"2026-01-12"}, "stage.note": {"Diregistrasi KI."}},
				status: 303, wantHeader: map[string]string{"Location": "/staf/keberatan/" + keb}},
			{name: "the requester sees the stage", method: "POST", url: "/lacak", form: track, status: 200,
				want: []string{"Registrasi di Komisi Informasi", "Diregistrasi KI.", "Sengketa diajukan ke Komisi Informasi"}},
			{name: "the register", url: "/staf/keberatan/register.csv?tahun=2026", as: "atasan", status: 200,
				wantHeader: map[string]string{"Content-Type": "text/csv", "Content-Disposition": `attachment; filename="register-keberatan-2026.csv"`},
				check: func(t *testing.T, e *env, rec *httptest.ResponseRecorder) {
					for _, w := range []string{keb, "Menguatkan putusan PPID", "Saya akan mengajukan sengketa.", "Sekretaris Daerah Provinsi Uji"} {
						if !strings.Contains(rec.Body.String(), w) {
							t.Errorf("register lacks %q", w)
						}
					}
				}},
			{name: "the register in XLSX", url: "/staf/keberatan/register.xlsx", as: "pelaksana", status: 200,
				wantHeader: map[string]string{"Content-Type": "application/vnd.openxmlformats"}},
			{name: "a bad register year", url: "/staf/keberatan/register.csv?tahun=99", as: "atasan", status: 422},
			{name: "no register for the evaluator", url: "/staf/keberatan/register.csv", as: "eval", status: 403},
		})
	})
}
