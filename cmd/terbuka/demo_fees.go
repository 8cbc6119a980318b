package main

import (
	"context"
	"fmt"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// demoFees is the fee table of every demo OPD: actual copying and sending
// costs, electronic copies free (DOMAIN.md section 1, "Fees").
var demoFees = terbuka.FeeTableInput{
	Items: []terbuka.FeeItem{
		{Code: "fotokopi-a4", Name: "Fotokopi A4 hitam-putih", Unit: "lembar", Price: 500},
		{Code: "fotokopi-a4-warna", Name: "Fotokopi A4 berwarna", Unit: "lembar", Price: 2_000},
		{Code: "cd", Name: "CD-R berisi salinan elektronik", Unit: "keping", Price: 10_000},
		{Code: "flashdisk", Name: "Flash disk 8 GB", Unit: "buah", Price: 60_000},
		{Code: "kurir-dalam-kota", Name: "Kurir dalam Kota Contoh", Unit: "kiriman", Price: 15_000},
		{Code: "pos-zona-1", Name: "Pos tercatat zona 1 (Jawa dan Bali)", Unit: "kiriman", Price: 20_000},
		{Code: "pos-zona-2", Name: "Pos tercatat zona 2 (luar Jawa dan Bali)", Unit: "kiriman", Price: 35_000},
	},
	PaymentInstructions: "Tunai di meja layanan PPID, atau transfer ke rekening Kas Daerah Provinsi Contoh, " +
		"Bank Pembangunan Daerah Contoh nomor 001-234-5678, dengan berita nomor pendaftaran permohonan.",
}

// seedDemoFees gives every demo OPD the demo fee table, set by the demo
// admin as an admin would.
func seedDemoFees(ctx context.Context, s *store.Store) error {
	admin, err := s.UserByEmail(ctx, "admin@contoh.go.id")
	if err != nil {
		return fmt.Errorf("demo fees: %w", err)
	}
	for _, b := range demoBodies {
		if b.Kind != terbuka.KindOPD {
			continue
		}
		if _, err := s.UpdateFeeTable(ctx, admin, b.Slug, demoFees); err != nil {
			return fmt.Errorf("demo fees of %s: %w", b.Slug, err)
		}
	}
	return nil
}

// demoFeeTables is how many fee tables seedDemoFees sets (one audit
// entry each).
func demoFeeTables() int {
	n := 0
	for _, b := range demoBodies {
		if b.Kind == terbuka.KindOPD {
			n++
		}
	}
	return n
}
