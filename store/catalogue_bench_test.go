package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/workday"
)

// benchRoots are Indonesian roots of a public body's documents; the
// generator inflects them (me-, di-, pe-an, ke-an, -kan) so the corpus
// exercises the stemmer as real text does.
var benchRoots = strings.Fields(`anggar belanja daerah laporan informasi publik layan sehat didik jalan bangun
	jembatan air bersih sampah pasar tani ikan hutan tambang pajak retribusi izin usaha kerja tenaga sekolah guru
	murid puskesmas rumah sakit obat dokter imunisasi gizi banjir bencana evakuasi jalur peta tata ruang wilayah
	kota desa kecamatan camat lurah warga penduduk catat sipil akta nikah lahir mati pindah data statistik program
	kegiatan realisasi rencana strategis kinerja audit periksa keuangan aset barang jasa lelang tender kontrak
	mohon tolak terima putus atur tetap ubah cabut umum siar kirim bayar biaya tarif subsidi bantuan sosial miskin
	lindung anak perempuan disabilitas lansia pemuda olahraga budaya wisata seni agama masjid gereja pura vihara
	transportasi angkut terminal pelabuhan bandara listrik energi lampu telekomunikasi internet aplikasi sistem
	arsip dokumen simpan jaga aman tertib polisi pamong praja kebakaran damkar lingkung hijau taman udara limbah`)

// inflect gives root w one of its common written forms.
func inflect(r *rand.Rand, w string) string {
	switch r.IntN(6) {
	case 0:
		return "pe" + w + "an"
	case 1:
		return "di" + w
	case 2:
		return "ke" + w + "an"
	case 3:
		return w + "kan"
	}
	return w
}

// benchWords draws n words, the first roots far more often than the last
// (a Zipf-like spread, as in real text).
func benchWords(r *rand.Rand, n int) string {
	z := rand.NewZipf(r, 1.1, 4, uint64(len(benchRoots)-1))
	words := make([]string, n)
	for i := range words {
		words[i] = inflect(r, benchRoots[z.Uint64()])
	}
	return strings.Join(words, " ")
}

var benchClasses = []terbuka.Classification{terbuka.Berkala, terbuka.Berkala, terbuka.SetiapSaat, terbuka.SetiapSaat,
	terbuka.SertaMerta, terbuka.Dikecualikan}

// benchQueries are what citizens type: common and rare words, several
// words, other inflections of indexed words, and filters.
var benchQueries = []store.CatalogueQuery{
	{Text: "informasi"}, {Text: "laporan keuangan"}, {Text: "penganggaran daerah"}, {Text: "imunisasi anak puskesmas"},
	{Text: "vihara"}, {Text: "limbah udara"}, {Text: "dibangun jembatan"}, {Text: "permohonan ditolak"},
	{Text: "banjir", BodySlug: "opd-3"}, {Text: "realisasi anggaran", Year: 2024},
	{Text: "tender", Classification: terbuka.SetiapSaat}, {Text: "pelayanan kesehatan rumah sakit"},
}

// BenchmarkCatalogueSearch builds a generated catalogue of
// TERBUKA_BENCH_CATALOGUE entries (default 20,000; README's figures use
// 1,000,000) on each engine, reports the index rate, then times every
// query of benchQueries and reports p50/p95 latency. Run it with
// -benchtime 1x: the corpus is built once per run.
func BenchmarkCatalogueSearch(b *testing.B) {
	n := 20_000
	if v, err := strconv.Atoi(os.Getenv("TERBUKA_BENCH_CATALOGUE")); err == nil && v > 0 {
		n = v
	}
	for _, eng := range storetest.Engines() {
		b.Run(fmt.Sprintf("%s/%d", eng.Name, n), func(b *testing.B) {
			ctx := context.Background()
			f := newFixture(b, eng.Open(b))
			var bodies []terbuka.Body
			for i := range 20 {
				body, err := f.s.CreateBody(ctx, terbuka.Body{Slug: "opd-" + strconv.Itoa(i), Code: "OPD" + strconv.Itoa(i),
					Name: "Dinas " + benchRoots[i], Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDPelaksana})
				if err != nil {
					b.Fatal(err)
				}
				bodies = append(bodies, body)
			}
			r := rand.New(rand.NewPCG(1, 2))
			today := workday.D(2026, 1, 12)
			start := time.Now()
			const batch = 1000
			for done := 0; done < n; done += batch {
				entries := make([]terbuka.CatalogueEntry, 0, batch)
				for range min(batch, n-done) {
					body := bodies[r.IntN(len(bodies))]
					e := terbuka.CatalogueEntry{BodyID: body.ID, UnitID: body.ID, Title: benchWords(r, 4+r.IntN(5)),
						Summary: benchWords(r, 20+r.IntN(30)), Classification: benchClasses[r.IntN(len(benchClasses))],
						Year: 2015 + r.IntN(12), Formats: []terbuka.Format{terbuka.Softcopy}, ValidFrom: today, PublishedOn: today}
					if e.Classification == terbuka.Dikecualikan {
						e.Exemption = &terbuka.CatalogueExemption{Letter: "h", Basis: "Pasal 17 huruf h UU 14/2008",
							ConsequenceTest: "Membuka informasi ini mengungkap rahasia pribadi."}
					}
					entries = append(entries, e)
				}
				if err := f.s.AddCatalogueBatch(ctx, f.admin, entries); err != nil {
					b.Fatal(err)
				}
			}
			rate := float64(n) / time.Since(start).Seconds()
			b.ResetTimer()
			var lat []time.Duration
			perQuery := make([][]time.Duration, len(benchQueries))
			rounds := max(b.N, 5)
			for range rounds {
				for i, q := range benchQueries {
					t0 := time.Now()
					if _, _, err := f.s.SearchCatalogue(ctx, q); err != nil {
						b.Fatal(err)
					}
					d := time.Since(t0)
					lat, perQuery[i] = append(lat, d), append(perQuery[i], d)
				}
			}
			b.StopTimer()
			for i, q := range benchQueries {
				slices.Sort(perQuery[i])
				b.Logf("%-40q median %v", fmt.Sprintf("%s %s %s %d", q.Text, q.BodySlug, q.Classification, q.Year), perQuery[i][len(perQuery[i])/2])
			}
			slices.Sort(lat)
			ms := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(rate, "indexed/s")
			b.ReportMetric(ms(0.50), "p50-ms")
			b.ReportMetric(ms(0.95), "p95-ms")
			b.ReportMetric(0, "ns/op")
		})
	}
}
