package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

func fixtureObjectionLetter(kind terbuka.ObjectionDecisionKind, release terbuka.ReleaseScope) terbuka.ObjectionLetter {
	wib := time.FixedZone("WIB", 7*60*60)
	r := fixtureRequest()
	r.Status = terbuka.StatusAnswered
	r.Decision = &terbuka.Decision{Kind: terbuka.Denied, DecidedAt: time.Date(2026, 1, 20, 10, 0, 0, 0, wib),
		Exemption: &terbuka.Exemption{Letter: "h", Basis: "Pasal 17 huruf h UU 14/2008", ConsequenceTest: "Membuka data ini mengungkap rahasia pribadi."}}
	r.Representative = &terbuka.Representative{Name: "Rina Kusuma", IDNumber: "3201014101900002", Mandate: "SK-1/2026"}
	o := terbuka.Objection{
		Number: "KEB-DINKES-2026-000001", RequestNumber: r.Number, Reason: "a",
		Statement: "Informasi anggaran imunisasi bukan rahasia pribadi.", Status: terbuka.ObjectionDecided,
		ReceivedOn: workday.D(2026, 1, 22), DueOn: workday.D(2026, 3, 6),
		Decision: &terbuka.ObjectionDecision{Kind: kind, Release: release,
			Reasons:   "PPID telah menguji konsekuensi dengan benar; data memuat nama pasien.",
			DecidedBy: "Drs. Hendra Gunawan", Position: "Sekretaris Daerah Provinsi Contoh",
			DecidedAt: time.Date(2026, 2, 10, 9, 30, 0, 0, wib)},
	}
	head := terbuka.Body{Name: "Pemerintah Provinsi Contoh", Settings: terbuka.DefaultSettings(), Address: "Jl. Gubernur No. 1"}
	return terbuka.ObjectionLetter{Letterhead: head, Body: fixtureBody(), Request: r, Objection: o, DisputeBy: workday.D(2026, 3, 2)}
}

func TestObjectionDecision_ReadsBack(t *testing.T) {
	tests := []struct {
		name    string
		kind    terbuka.ObjectionDecisionKind
		release terbuka.ReleaseScope
		lang    string
		want    []string
	}{
		{"upheld, Indonesian", terbuka.Upheld, "", "id", []string{
			"Pemerintah Provinsi Contoh", "TANGGAPAN ATASAN PPID ATAS KEBERATAN", "Nomor registrasi keberatan: KEB-DINKES-2026-000001",
			"10 Februari 2026", "Budi Santoso", "Rina Kusuma", "DINKES-2026-000042", "Dinas Kesehatan Kota Bandung",
			"Salinan dokumen anggaran program imunisasi", "Kamis, 22 Januari 2026",
			"Pasal 35 ayat (1) huruf a UU 14/2008: penolakan atas permintaan informasi berdasarkan alasan pengecualian",
			"Informasi anggaran imunisasi bukan rahasia pribadi.",
			"Keberatan tidak diterima: atasan PPID menguatkan putusan PPID",
			"PPID telah menguji konsekuensi dengan benar; data memuat nama pasien.",
			"Komisi Informasi", "paling lambat 14 hari kerja", "Pasal 37 ayat (2) UU 14/2008", "Senin, 2 Maret 2026",
			"Atasan PPID", "Sekretaris Daerah Provinsi Contoh", "(Drs. Hendra Gunawan)", "pukul 09.30 WIB",
		}},
		{"release ordered in part", terbuka.ReleaseOrdered, terbuka.ReleasePartial, "id", []string{
			"Keberatan diterima sebagian: atasan PPID memerintahkan PPID memberikan sebagian informasi",
			"PPID wajib melaksanakan perintah ini",
		}},
		{"release ordered in full", terbuka.ReleaseOrdered, terbuka.ReleaseFull, "id", []string{
			"memerintahkan PPID memberikan seluruh informasi yang dimohon",
		}},
		{"English", terbuka.Upheld, "", "en", []string{
			"RESPONSE OF THE ATASAN PPID", "Objection number: KEB-DINKES-2026-000001", "10 February 2026",
			"upholds the PPID's decision", "within 14 working days", "Monday, 2 March 2026", "Article 35(1) letter a",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ObjectionDecision(fixtureObjectionLetter(tt.kind, tt.release), tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			text, pages := pdfText(t, doc)
			if pages < 1 {
				t.Fatalf("no pages")
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("letter lacks %q:\n%s", w, text)
				}
			}
			for _, never := range []string{"3201011501900001", "3201014101900002"} {
				if strings.Contains(text, never) {
					t.Errorf("letter shows an identity number %s", never)
				}
			}
		})
	}
}

func TestObjectionDecision_SameInputGivesSameBytes(t *testing.T) {
	in := fixtureObjectionLetter(terbuka.Upheld, "")
	a, err := ObjectionDecision(in, "id")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ObjectionDecision(in, "id")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of one decision differ")
	}
}

func TestObjectionDecision_RefusesUndecided(t *testing.T) {
	in := fixtureObjectionLetter(terbuka.Upheld, "")
	in.Objection.Decision = nil
	if _, err := ObjectionDecision(in, "id"); err == nil {
		t.Fatal("an undecided objection got a letter")
	}
}

func TestObjectionDecision_LongStatementAndEmoji(t *testing.T) {
	in := fixtureObjectionLetter(terbuka.Upheld, "")
	in.Objection.Statement = strings.Repeat("Keberatan panjang dengan emoji 🙂 dan tab\t. ", 200)
	doc, err := ObjectionDecision(in, "id")
	if err != nil {
		t.Fatal(err)
	}
	if _, pages := pdfText(t, doc); pages < 2 {
		t.Fatalf("a long statement fits on %d page(s)", pages)
	}
}
