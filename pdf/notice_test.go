package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// harm is a consequence test long enough to be summarised in the notice.
var harm = "Membuka rincian harga penawaran peserta lelang sebelum kontrak ditandatangani akan merugikan " +
	"persaingan usaha yang sehat, karena peserta lain dapat menyesuaikan penawarannya. " +
	strings.Repeat("Kepentingan publik atas keterbukaan terpenuhi setelah kontrak ditandatangani. ", 12) +
	"KALIMAT PENUTUP UJI KONSEKUENSI."

// noticeDoc is the fixture request decided as kind on 20 January 2026.
func noticeDoc(kind terbuka.DecisionKind) terbuka.NoticeDocument {
	r := fixtureRequest()
	issued := time.Date(2026, 1, 20, 3, 30, 0, 0, time.UTC) // 10.30 WIB
	d := &terbuka.Decision{Kind: kind, DecidedAt: issued, DecidedBy: "Siti Rahma"}
	switch kind {
	case terbuka.PartiallyGranted, terbuka.Denied:
		d.Exemption = &terbuka.Exemption{Letter: "b", Basis: "Pasal 17 huruf b UU 14/2008", ConsequenceTest: harm}
	case terbuka.Transferred:
		d.TransferredTo = "Badan Pengelola Keuangan Daerah Kota Bandung"
	}
	r.Decision, r.Status = d, kind.StatusAfter()
	doc := terbuka.NoticeDocument{
		Notice: terbuka.Notice{Number: "PEMB-DINKES-2026-000007", IssuedAt: issued, IssuedOn: workday.D(2026, 1, 20),
			ObjectionDueOn: workday.D(2026, 3, 4), Signer: "Siti Rahma"},
		Body: fixtureBody(), Request: r,
	}
	if kind.Refusal() {
		doc.RefusalNumber = "SKP-DINKES-2026-000003"
	}
	return doc
}

// common is what every notice shows whatever its decision.
var common = []string{
	"PEMBERITAHUAN TERTULIS", "Nomor: PEMB-DINKES-2026-000007", "Dinas Kesehatan Kota Bandung",
	"Pejabat Pengelola Informasi dan Dokumentasi (PPID)",
	"pada tanggal 12 Januari 2026 dengan nomor pendaftaran DINKES-2026-000042",
	"Budi Santoso", "Jl. Merdeka No. 1, Bandung", "+6281234567890 / budi@example.com",
	"Salinan dokumen anggaran program imunisasi tahun 2025.", "Liputan tentang belanja kesehatan daerah.",
	"a. Penguasaan informasi", "b. Badan publik yang menguasai", "c. Keputusan dan alasannya",
	"d. Informasi yang diberikan", "e. Bagian yang dikecualikan", "f. Media dan format",
	"g. Biaya dan cara pembayaran",
	"Batas akhir pengajuan keberatan : Rabu, 4 Maret 2026", "atasan PPID paling lambat 30 hari kerja",
	"sampai dengan Rabu, 4 Maret 2026", "Pasal 22 ayat (7)", "Peraturan Komisi Informasi Nomor 1 Tahun 2021",
	"20 Januari 2026", "(Siti Rahma)", "Selasa, 20 Januari 2026 pukul 10.30 WIB", "Halaman 1 dari",
}

func TestNotice_ShowsPointsAToGForEveryDecision(t *testing.T) {
	tests := []struct {
		kind    terbuka.DecisionKind
		want    []string
		notWant []string
	}{
		{terbuka.Granted, []string{"Informasi dikuasai oleh Dinas Kesehatan Kota Bandung.",
			"Dinas Kesehatan Kota Bandung (badan publik ini).", "Permohonan DITERIMA SELURUHNYA.",
			"Seluruh informasi yang dimohon.", "Tidak ada.", "Salinan softcopy; disampaikan melalui: Email.",
			"Tidak dikenakan biaya."}, []string{"Keputusan PPID tentang Penolakan", "uji konsekuensi"}},
		{terbuka.PartiallyGranted, []string{"Permohonan DITERIMA SEBAGIAN",
			"Pasal 17 huruf b UU 14/2008 (mengganggu perlindungan hak kekayaan intelektual",
			"bagian yang dikecualikan dihitamkan", "Bagian yang dikecualikan dihitamkan (disensor) dengan alasan Pasal 17 huruf b",
			"Ringkasan uji konsekuensi: Membuka rincian harga penawaran", "…", "Salinan softcopy; disampaikan melalui: Email."},
			[]string{"KALIMAT PENUTUP UJI KONSEKUENSI", "Keputusan PPID tentang Penolakan"}},
		{terbuka.Denied, []string{"Permohonan DITOLAK: informasi yang dimohon dikecualikan berdasarkan Pasal 17 huruf b UU 14/2008",
			"Tidak ada informasi yang diberikan.", "Seluruh informasi dikecualikan dengan alasan Pasal 17 huruf b",
			"Ringkasan uji konsekuensi", "Tidak berlaku: tidak ada informasi yang diberikan.", "Tidak dikenakan biaya.",
			"Keputusan PPID tentang Penolakan Permohonan Informasi nomor SKP-DINKES-2026-000003"}, nil},
		{terbuka.NotHeld, []string{"Informasi tidak dikuasai oleh Dinas Kesehatan Kota Bandung.",
			"Tidak diketahui oleh badan publik ini.", "belum dikuasai oleh badan publik ini",
			"Tidak ada informasi yang diberikan.", "SKP-DINKES-2026-000003"}, []string{"uji konsekuensi"}},
		{terbuka.NotDocumented, []string{"belum didokumentasikan", "Permohonan DITOLAK", "SKP-DINKES-2026-000003"}, nil},
		{terbuka.Transferred, []string{"Informasi tidak dikuasai oleh Dinas Kesehatan Kota Bandung.",
			"Badan Pengelola Keuangan Daerah Kota Bandung", "Permohonan DIALIHKAN kepada Badan Pengelola Keuangan Daerah"},
			[]string{"SKP-", "Penolakan"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			doc, err := Notices{}.Notice(noticeDoc(tt.kind))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(doc, []byte("%PDF-")) {
				t.Fatal("not a PDF")
			}
			text, _ := pdfText(t, doc)
			for _, s := range append(append([]string{}, common...), tt.want...) {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q\n%s", s, text)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(text, s) {
					t.Errorf("text has %q", s)
				}
			}
		})
	}
}

func TestNotice_QuotesTheFeeAndHowToPay(t *testing.T) {
	d := noticeDoc(terbuka.Granted)
	d.Request.Obtain, d.Request.Delivery = "hardcopy", "post"
	d.Fee = &terbuka.FeeQuote{Total: 37_500, Lines: []terbuka.FeeLine{
		{Item: "fotokopi", Name: "Fotokopi A4", Unit: "lembar", Quantity: 45, UnitPrice: 500, Subtotal: 22_500},
		{Item: "pos-zona-1", Name: "Pengiriman pos zona 1 (Jawa)", Unit: "kiriman", Quantity: 1, UnitPrice: 15_000, Subtotal: 15_000},
	}}
	d.PaymentInstructions = "Transfer ke Bank Jabar rekening 0012345678 a.n. RKUD Kota Bandung."
	doc, err := Notices{}.Notice(d)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := pdfText(t, doc)
	for _, s := range []string{"Jumlah biaya: Rp37.500", "Fotokopi A4", "45 lembar", "Rp500", "Rp22.500",
		"Pengiriman pos zona 1 (Jawa)", "1 kiriman", "Rp15.000", "Jumlah biaya Rp37.500",
		"Cara pembayaran: Transfer ke Bank Jabar rekening 0012345678", "Salinan hardcopy; disampaikan melalui: Pos."} {
		if !strings.Contains(text, s) {
			t.Errorf("text lacks %q\n%s", s, text)
		}
	}
	if strings.Contains(text, "Tidak dikenakan biaya") {
		t.Error("a notice with a fee says it is free")
	}
}

func TestNotice_English(t *testing.T) {
	d := noticeDoc(terbuka.Denied)
	d.Request.Lang = "en"
	doc, err := Notices{}.Notice(d)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := pdfText(t, doc)
	for _, s := range []string{"WRITTEN NOTICE", "Number: PEMB-DINKES-2026-000007", "a. Information held",
		"g. Fee and how to pay", "No fee is charged", "Wednesday, 4 March 2026", "keberatan", "atasan PPID", "Page 1 of"} {
		if !strings.Contains(text, s) {
			t.Errorf("text lacks %q\n%s", s, text)
		}
	}
}

func TestNotice_SameDocumentGivesSameBytes(t *testing.T) {
	a, err := Notices{}.Notice(noticeDoc(terbuka.PartiallyGranted))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Notices{}.Notice(noticeDoc(terbuka.PartiallyGranted))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two notices of the same document differ")
	}
	c, err := Notices{}.Refusal(noticeDoc(terbuka.Denied))
	if err != nil {
		t.Fatal(err)
	}
	e, err := Notices{}.Refusal(noticeDoc(terbuka.Denied))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c, e) {
		t.Fatal("two SK penolakan of the same document differ")
	}
}

func TestNotice_NeedsADecision(t *testing.T) {
	d := noticeDoc(terbuka.Granted)
	d.Request.Decision = nil
	if _, err := (Notices{}).Notice(d); err == nil {
		t.Fatal("a notice without a decision was drawn")
	}
}

func TestRefusal_ShowsTheSKContents(t *testing.T) {
	tests := []struct {
		kind    terbuka.DecisionKind
		want    []string
		notWant []string
	}{
		{terbuka.Denied, []string{"INFORMASI YANG DIKECUALIKAN",
			"Dasar pengecualian : Pasal 17 huruf b UU 14/2008 (mengganggu perlindungan hak kekayaan intelektual",
			"dapat menimbulkan konsekuensi sebagai berikut", "Membuka rincian harga penawaran",
			"KALIMAT PENUTUP UJI KONSEKUENSI."}, nil},
		{terbuka.NotHeld, []string{"INFORMASI YANG BELUM DIKUASAI", "Tidak berlaku: penolakan tidak didasarkan pada pengecualian",
			"belum dikuasai oleh Dinas Kesehatan Kota Bandung"}, []string{"Pasal 17 huruf"}},
		{terbuka.NotDocumented, []string{"INFORMASI YANG BELUM DIDOKUMENTASIKAN",
			"belum didokumentasikan oleh Dinas Kesehatan Kota Bandung"}, []string{"Pasal 17 huruf"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			doc, err := Notices{}.Refusal(noticeDoc(tt.kind))
			if err != nil {
				t.Fatal(err)
			}
			text, _ := pdfText(t, doc)
			want := append([]string{"KEPUTUSAN PPID TENTANG PENOLAKAN PERMOHONAN INFORMASI", "Nomor: SKP-DINKES-2026-000003",
				"Nomor pendaftaran : DINKES-2026-000042", "Budi Santoso", "Jl. Merdeka No. 1, Bandung",
				"Salinan dokumen anggaran program imunisasi tahun 2025.", "PPID Dinas Kesehatan Kota Bandung memutuskan",
				"PERMOHONAN INFORMASI DITOLAK", "Batas akhir pengajuan keberatan : Rabu, 4 Maret 2026",
				"paling lambat 30 hari kerja", "sampai dengan Rabu, 4 Maret 2026", "pemberitahuan tertulis nomor PEMB-DINKES-2026-000007",
				"(Siti Rahma)", "Pejabat Pengelola Informasi dan Dokumentasi (PPID)"}, tt.want...)
			for _, s := range want {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q\n%s", s, text)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(text, s) {
					t.Errorf("text has %q", s)
				}
			}
		})
	}
}

func TestRefusal_OnlyForRefusals(t *testing.T) {
	for _, k := range []terbuka.DecisionKind{terbuka.Granted, terbuka.PartiallyGranted, terbuka.Transferred} {
		if _, err := (Notices{}).Refusal(noticeDoc(k)); err == nil {
			t.Errorf("an SK penolakan was drawn for %s", k)
		}
	}
}
