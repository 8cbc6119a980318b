package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/terbuka-id/terbuka/store"
)

// demoDocuments are files attached to demo catalogue entries, by entry
// title, so the catalogue shows documents, versions and document-text
// search out of the box. The exempted entry's document stays hidden from
// the public like its summary.
var demoDocuments = []struct {
	entry, by, title, filename string
	versions                   []string // the content of each version, oldest first
}{
	{"Laporan Keuangan Dinas Kesehatan Tahun 2025", "ppid.dinkes@contoh.go.id", "Laporan realisasi anggaran 2025",
		"realisasi-anggaran-dinkes-2025.csv", []string{
			"Program;Pagu (Rp);Realisasi (Rp)\nPelayanan kesehatan masyarakat;12500000000;11875000000\n" +
				"Pencegahan dan pengendalian penyakit;4200000000;3990000000\n",
			"Program;Pagu (Rp);Realisasi (Rp)\nPelayanan kesehatan masyarakat;12500000000;12010000000\n" +
				"Pencegahan dan pengendalian penyakit;4200000000;4105000000\nImunisasi rutin dan kejar;950000000;948500000\n",
		}},
	{"SOP layanan informasi publik", "ppid@contoh.go.id", "SOP pelayanan permohonan informasi", "sop-layanan-informasi.txt",
		[]string{"Standar operasional prosedur pelayanan permohonan informasi publik.\n\n" +
			"1. Pemohon mengajukan permohonan melalui formulir daring, surat atau datang langsung.\n" +
			"2. Petugas mencatat permohonan dan memberikan nomor pendaftaran.\n" +
			"3. PPID memberikan pemberitahuan tertulis paling lambat 10 hari kerja, dapat diperpanjang 7 hari kerja.\n" +
			"4. Pemohon yang keberatan dapat mengajukan keberatan kepada atasan PPID dalam 30 hari kerja.\n"}},
	{"Memorandum internal telaahan rancangan Peraturan Gubernur tentang zonasi PPDB", "ppid@contoh.go.id",
		"Naskah telaahan (internal)", "telaahan-internal.txt",
		[]string{"Telaahan internal yang masih dibahas: simulasi kuota jalur zonasi dan usulan pembagian wilayah.\n"}},
}

// seedDemoDocuments uploads demoDocuments through the store (sniffing,
// extraction, search indexing and audit as for any upload).
func seedDemoDocuments(ctx context.Context, s *store.Store) (int, error) {
	n := 0
	for _, d := range demoDocuments {
		u, err := s.UserByEmail(ctx, d.by)
		if err != nil {
			return n, fmt.Errorf("demo document: %s: %w", d.by, err)
		}
		entries, _, err := s.ListCatalogue(ctx, store.CatalogueFilter{Viewer: &u, Limit: 500})
		if err != nil {
			return n, fmt.Errorf("demo document: %w", err)
		}
		var id int64
		for _, e := range entries {
			if e.Title == d.entry {
				id = e.ID
			}
		}
		if id == 0 {
			continue // the demo catalogue changed; nothing to attach to
		}
		doc, err := s.AddCatalogueDocument(ctx, u, id, store.DocumentUpload{Title: d.title, Filename: d.filename,
			Body: strings.NewReader(d.versions[0])})
		if err != nil {
			return n, fmt.Errorf("demo document %q: %w", d.title, err)
		}
		for _, v := range d.versions[1:] {
			if _, err := s.AddCatalogueDocumentVersion(ctx, u, id, doc.ID, store.DocumentUpload{Filename: d.filename,
				Body: strings.NewReader(v)}); err != nil {
				return n, fmt.Errorf("demo document %q: %w", d.title, err)
			}
		}
		n++
	}
	return n, nil
}
