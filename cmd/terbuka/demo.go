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
	return nil
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
