package main

import (
	"context"
	"fmt"
	"io"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// demoBodies is the province of API.md section 2.
var demoBodies = []terbuka.Body{
	{Slug: "prov-contoh", Code: "PROV", Name: "Pemerintah Provinsi Contoh", Kind: terbuka.KindProvince,
		Address: "Jl. Gubernur No. 1, Kota Contoh", Email: "setda@contoh.go.id", Website: "https://contoh.go.id"},
	{Slug: "diskominfo-contoh", Code: "DISKOMINFO", Name: "Dinas Komunikasi dan Informatika Provinsi Contoh",
		Kind: terbuka.KindOPD, ParentSlug: "prov-contoh", PPID: terbuka.PPIDUtama,
		Address: "Jl. Merdeka No. 10, Kota Contoh", Email: "ppid@contoh.go.id", Phone: "(0361) 123456", Website: "https://ppid.contoh.go.id"},
	{Slug: "dinkes-contoh", Code: "DINKES", Name: "Dinas Kesehatan Provinsi Contoh", Kind: terbuka.KindOPD,
		ParentSlug: "prov-contoh", PPID: terbuka.PPIDPelaksana, Address: "Jl. Kesehatan No. 5, Kota Contoh", Email: "dinkes@contoh.go.id"},
	{Slug: "dindik-contoh", Code: "DINDIK", Name: "Dinas Pendidikan Provinsi Contoh", Kind: terbuka.KindOPD,
		ParentSlug: "prov-contoh", PPID: terbuka.PPIDPelaksana, Address: "Jl. Pendidikan No. 7, Kota Contoh", Email: "dindik@contoh.go.id"},
	{Slug: "dpupr-contoh", Code: "DPUPR", Name: "Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Contoh", Kind: terbuka.KindOPD,
		ParentSlug: "prov-contoh", PPID: terbuka.PPIDPelaksana, Address: "Jl. Pembangunan No. 3, Kota Contoh", Email: "dpupr@contoh.go.id"},
	{Slug: "ki-contoh", Code: "KIP", Name: "Komisi Informasi Provinsi Contoh", Kind: terbuka.KindCommission,
		Address: "Jl. Keterbukaan No. 14, Kota Contoh", Email: "ki@contoh.go.id"},
}

// demoUsers has one account per role.
var demoUsers = []struct {
	email, name string
	role        terbuka.Role
	body        string
}{
	{"admin@contoh.go.id", "Admin Provinsi Contoh", terbuka.RoleAdmin, "prov-contoh"},
	{"ppid@contoh.go.id", "Siti Rahma (PPID Utama)", terbuka.RolePPID, "diskominfo-contoh"},
	{"ppid.dinkes@contoh.go.id", "Andi Wijaya (PPID Pelaksana Dinkes)", terbuka.RolePPIDPelaksana, "dinkes-contoh"},
	{"atasan@contoh.go.id", "Sekretaris Daerah Provinsi Contoh", terbuka.RoleAtasanPPID, "prov-contoh"},
	{"verifikator@contoh.go.id", "Dewi Lestari (Verifikator Pengaduan)", terbuka.RoleVerifikator, "diskominfo-contoh"},
	{"evaluator@contoh.go.id", "Made Santika (Komisi Informasi)", terbuka.RoleEvaluator, "ki-contoh"},
	{"informan@contoh.go.id", "Prof. Rina Kusuma (Informan Ahli)", terbuka.RoleInformanAhli, "ki-contoh"},
}

// seedDemo loads the demo province when the database has no bodies yet,
// and prints each account's password once.
func seedDemo(ctx context.Context, s *store.Store, out io.Writer) error {
	n, err := s.CountBodies(ctx)
	if err != nil || n > 0 {
		return err
	}
	for _, b := range demoBodies {
		if _, err := s.CreateBody(ctx, b); err != nil {
			return fmt.Errorf("body %s: %w", b.Slug, err)
		}
	}
	fmt.Fprintln(out, "Demo data loaded. Staff accounts (passwords are shown only this once):")
	for _, u := range demoUsers {
		pw := demoPassword()
		if _, err := s.CreateUser(ctx, terbuka.NewUser{Email: u.email, Name: u.name, Role: u.role, BodySlug: u.body, Password: pw}); err != nil {
			return fmt.Errorf("user %s: %w", u.email, err)
		}
		fmt.Fprintf(out, "  %-15s %-26s %s\n", u.role, u.email, pw)
	}
	for _, d := range demoRequests {
		if _, _, err := s.CreateRequest(ctx, d.body, d.req, store.CreateOptions{Channel: terbuka.ChannelWeb}); err != nil {
			return fmt.Errorf("demo request: %w", err)
		}
	}
	entries, err := seedDemoCatalogue(ctx, s)
	if err != nil {
		return err
	}
	if err := seedDemoFees(ctx, s); err != nil { // demo_fees.go
		return err
	}
	docs, err := seedDemoDocuments(ctx, s) // demo_documents.go
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Demo catalogue: %d entries (berkala, serta_merta, setiap_saat, dikecualikan), %d documents.\n", entries, docs)
	return nil
}

// demoCatalogue has entries of every classification across the demo
// bodies (API.md section 2), each added through the store by the staff
// account by. Year 0 means the year of seeding; an exemption with
// untilYears ends on 31 December that many years after seeding.
var demoCatalogue = []struct {
	body, by   string
	untilYears int
	in         terbuka.NewCatalogueEntry
}{
	{"dinkes-contoh", "ppid.dinkes@contoh.go.id", 0, terbuka.NewCatalogueEntry{
		Title:          "Laporan Keuangan Dinas Kesehatan Tahun 2025",
		Summary:        "Laporan realisasi anggaran, neraca, laporan operasional dan catatan atas laporan keuangan Dinas Kesehatan Provinsi Contoh tahun anggaran 2025 yang telah diperiksa BPK.",
		Classification: terbuka.Berkala, Year: 2025, Responsible: "Sekretaris Dinas Kesehatan", CreatedPlace: "Kota Contoh",
		Formats: []terbuka.Format{terbuka.Softcopy, terbuka.Hardcopy}, Retention: "10 tahun"}},
	{"prov-contoh", "ppid@contoh.go.id", 0, terbuka.NewCatalogueEntry{
		Title:          "Rencana Strategis Pemerintah Provinsi Contoh 2025–2029",
		Summary:        "Visi, misi, tujuan, sasaran, strategi, arah kebijakan dan program pembangunan daerah lima tahun beserta indikator kinerja dan pagu indikatif.",
		Classification: terbuka.Berkala, Year: 2025, Unit: "diskominfo-contoh", Responsible: "Sekretaris Daerah Provinsi Contoh",
		CreatedPlace: "Kota Contoh", Formats: []terbuka.Format{terbuka.Softcopy}, Retention: "Selama berlaku, lalu arsip permanen",
		ValidFrom: "2025-01-01", ValidUntil: "2029-12-31"}},
	{"dindik-contoh", "ppid@contoh.go.id", 0, terbuka.NewCatalogueEntry{
		Title:          "Profil dan Data Pokok Pendidikan Provinsi Contoh Tahun 2025",
		Summary:        "Jumlah satuan pendidikan SMA, SMK dan SLB, peserta didik, guru dan tenaga kependidikan per kabupaten/kota, angka partisipasi sekolah dan kondisi ruang kelas.",
		Classification: terbuka.Berkala, Year: 2025, Responsible: "Kepala Bidang Perencanaan", CreatedPlace: "Kota Contoh",
		Retention: "5 tahun", UpdateMonths: 6}},
	{"dpupr-contoh", "ppid@contoh.go.id", 0, terbuka.NewCatalogueEntry{
		Title:          "Peringatan dini banjir di Kecamatan Sungai Contoh",
		Summary:        "Tinggi muka air Sungai Contoh di atas batas siaga. Warga bantaran di Desa Sukamaju dan Desa Mekarsari diminta mengungsi ke balai desa; posko bantuan di Kantor Kecamatan Sungai Contoh, telepon 112.",
		Classification: terbuka.SertaMerta, Responsible: "Kepala Bidang Sumber Daya Air", CreatedPlace: "Kecamatan Sungai Contoh",
		Retention: "1 tahun"}},
	{"dinkes-contoh", "ppid.dinkes@contoh.go.id", 0, terbuka.NewCatalogueEntry{
		Title:          "Kejadian luar biasa demam berdarah dengue di Kabupaten Contoh Utara",
		Summary:        "Kasus DBD naik tiga kali lipat dalam empat minggu. Lakukan 3M Plus, segera periksakan demam lebih dari dua hari ke puskesmas; pemeriksaan dan perawatan DBD di puskesmas dan RSUD tidak dipungut biaya.",
		Classification: terbuka.SertaMerta, Responsible: "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
		CreatedPlace: "Kota Contoh", Retention: "2 tahun"}},
	{"diskominfo-contoh", "ppid@contoh.go.id", 0, terbuka.NewCatalogueEntry{
		Title:          "Daftar Informasi Publik Pemerintah Provinsi Contoh",
		Summary:        "Daftar seluruh informasi publik yang dikuasai perangkat daerah Provinsi Contoh, ringkasan isinya, pejabat yang menguasai, waktu pembuatan, format dan jangka waktu penyimpanan.",
		Classification: terbuka.SetiapSaat, Responsible: "PPID Utama Provinsi Contoh", CreatedPlace: "Kota Contoh",
		Formats: []terbuka.Format{terbuka.Softcopy, terbuka.Hardcopy}, Retention: "Diperbarui setiap tahun"}},
	{"diskominfo-contoh", "ppid@contoh.go.id", 0, terbuka.NewCatalogueEntry{
		Title:          "SOP layanan informasi publik",
		Summary:        "Standar operasional prosedur permohonan informasi, pemberitahuan tertulis, perpanjangan waktu, keberatan dan penanganan sengketa informasi di lingkungan Pemerintah Provinsi Contoh.",
		Classification: terbuka.SetiapSaat, Year: 2025, Responsible: "PPID Utama Provinsi Contoh", CreatedPlace: "Kota Contoh",
		Retention: "Selama berlaku"}},
	{"dpupr-contoh", "ppid@contoh.go.id", 0, terbuka.NewCatalogueEntry{
		Title:          "Kontrak pembangunan jembatan Sungai Contoh tahun anggaran 2025",
		Summary:        "Surat perjanjian, syarat-syarat kontrak, rencana anggaran biaya, jadwal pelaksanaan dan adendum pekerjaan pembangunan jembatan rangka baja Sungai Contoh sepanjang 60 meter.",
		Classification: terbuka.SetiapSaat, Year: 2025, Responsible: "Pejabat Pembuat Komitmen Bidang Bina Marga",
		CreatedPlace: "Kota Contoh", Formats: []terbuka.Format{terbuka.Softcopy, terbuka.Hardcopy}, Retention: "10 tahun"}},
	{"dinkes-contoh", "ppid.dinkes@contoh.go.id", 0, terbuka.NewCatalogueEntry{
		Title:          "Rekam medis pasien RSUD Provinsi Contoh",
		Summary:        "Identitas pasien, anamnesis, diagnosis, hasil pemeriksaan penunjang, tindakan dan pengobatan yang dicatat dokter dan tenaga kesehatan RSUD Provinsi Contoh.",
		Classification: terbuka.Dikecualikan, Year: 2025, Responsible: "Direktur RSUD Provinsi Contoh", CreatedPlace: "RSUD Provinsi Contoh",
		Formats: []terbuka.Format{terbuka.Softcopy, terbuka.Hardcopy}, Retention: "25 tahun",
		Exemption: &terbuka.NewExemption{Basis: "Pasal 17 huruf h",
			ConsequenceTest: "Rekam medis memuat riwayat, kondisi dan perawatan kesehatan fisik dan psikis seseorang. Membukanya mengungkap rahasia pribadi pasien (Pasal 17 huruf h angka 2) dan merugikan pasien serta keluarganya; tidak ada kepentingan publik yang lebih besar daripada perlindungan itu. Data agregat tanpa identitas tetap dibuka dalam profil kesehatan."}}},
	{"dpupr-contoh", "ppid@contoh.go.id", 2, terbuka.NewCatalogueEntry{
		Title:          "Dokumen penyelidikan dugaan korupsi pengadaan jalan provinsi",
		Summary:        "Permintaan keterangan dan dokumen dari Kejaksaan Tinggi Contoh, daftar saksi serta salinan dokumen pengadaan yang diserahkan kepada penyelidik.",
		Classification: terbuka.Dikecualikan, Responsible: "Sekretaris Dinas PUPR", CreatedPlace: "Kota Contoh",
		Retention: "Sampai perkara berkekuatan hukum tetap",
		Exemption: &terbuka.NewExemption{Basis: "Pasal 17 huruf a",
			ConsequenceTest: "Membuka dokumen selama penyelidikan berjalan dapat menghambat proses penyelidikan dan mengungkap identitas saksi (Pasal 17 huruf a angka 1 dan 4). Kepentingan publik atas pengadaan tetap terlayani karena kontrak dan realisasinya dibuka; pengecualian berakhir ketika perkara dilimpahkan ke pengadilan atau dihentikan."}}},
	{"dindik-contoh", "ppid@contoh.go.id", 1, terbuka.NewCatalogueEntry{
		Title:          "Memorandum internal telaahan rancangan Peraturan Gubernur tentang zonasi PPDB",
		Summary:        "Telaahan staf, catatan rapat terbatas dan usulan alternatif kebijakan yang masih dibahas antarperangkat daerah sebelum rancangan Peraturan Gubernur ditetapkan.",
		Classification: terbuka.Dikecualikan, Responsible: "Kepala Dinas Pendidikan", CreatedPlace: "Kota Contoh",
		Retention: "5 tahun",
		Exemption: &terbuka.NewExemption{Basis: "Pasal 17 huruf i",
			ConsequenceTest: "Membuka telaahan yang masih dibahas dapat menghambat pertimbangan yang bebas antarperangkat daerah dan menimbulkan salah paham atas kebijakan yang belum ditetapkan. Rancangan akhir dibuka untuk konsultasi publik; pengecualian berakhir setelah Peraturan Gubernur ditetapkan."}}},
}

// seedDemoCatalogue adds demoCatalogue and returns how many entries it added.
func seedDemoCatalogue(ctx context.Context, s *store.Store) (int, error) {
	year := s.Now().Year()
	for _, d := range demoCatalogue {
		u, err := s.UserByEmail(ctx, d.by)
		if err != nil {
			return 0, fmt.Errorf("demo catalogue: %s: %w", d.by, err)
		}
		in := d.in
		if in.Year == 0 {
			in.Year = year
		}
		if in.Exemption != nil && d.untilYears > 0 {
			x := *in.Exemption
			x.Until = fmt.Sprintf("%d-12-31", year+d.untilYears)
			in.Exemption = &x
		}
		if _, err := s.CreateCatalogueEntry(ctx, u, d.body, in); err != nil {
			return 0, fmt.Errorf("demo catalogue %q: %w", in.Title, err)
		}
	}
	return len(demoCatalogue), nil
}

var demoRequests = []struct {
	body string
	req  terbuka.NewRequest
}{
	{"dinkes-contoh", terbuka.NewRequest{
		Requester:   terbuka.Requester{Kind: terbuka.Individual, Name: "Budi Santoso", IDNumber: "5171011501900001", Address: "Jl. Melati 3, Kota Contoh", Phone: "081234567890", Occupation: "Wartawan"},
		Information: "Data jumlah kasus demam berdarah per kabupaten tahun 2025", Purpose: "Bahan liputan kesehatan masyarakat",
		Obtain: "softcopy", Delivery: "app"}},
	{"dpupr-contoh", terbuka.NewRequest{
		Requester:      terbuka.Requester{Kind: terbuka.LegalEntity, Name: "Yayasan Transparansi Anggaran Contoh", IDNumber: "AHU-0012345.AH.01.04.Tahun 2020", Address: "Jl. Kenanga 12, Kota Contoh", Phone: "(0361) 765432"},
		Representative: &terbuka.Representative{Name: "Rina Maharani", IDNumber: "5171014506880002", Mandate: "Akta pendirian No. 12/2020, ketua yayasan"},
		Information:    "Dokumen kontrak pembangunan jembatan Sungai Contoh tahun anggaran 2025", Purpose: "Pemantauan pengadaan barang dan jasa",
		Obtain: "hardcopy", Delivery: "post"}},
}

// demoPassword is random, readable and strong enough for PasswordWeakness.
func demoPassword() string {
	s := newDemoSecret()
	return "demo-" + s[:6] + "-" + s[6:12]
}
