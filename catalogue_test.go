package terbuka

import (
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/workday"
)

// catalogueToday is the day every catalogue test is judged on.
var catalogueToday = workday.D(2026, 1, 12)

const consequence = "Membuka rekam medis mengungkap rahasia pribadi pasien; kepentingan publik tidak lebih besar."

func validEntry(c Classification) NewCatalogueEntry {
	in := NewCatalogueEntry{Title: "Laporan Keuangan Dinas Kesehatan Tahun 2025",
		Summary: "Laporan realisasi anggaran, neraca dan catatan atas laporan keuangan.", Classification: c, Year: 2025}
	if c == Dikecualikan {
		in.Exemption = &NewExemption{Basis: "Pasal 17 huruf h", ConsequenceTest: consequence}
	}
	return in
}

func TestNewCatalogueEntry_Entry(t *testing.T) {
	tests := []struct {
		name   string
		c      Classification
		mutate func(in *NewCatalogueEntry)
		field  string
		key    string
	}{
		{"berkala", Berkala, nil, "", ""},
		{"serta merta", SertaMerta, nil, "", ""},
		{"setiap saat", SetiapSaat, nil, "", ""},
		{"dikecualikan, permanent under h", Dikecualikan, nil, "", ""},
		{"dikecualikan under a until a date", Dikecualikan, func(in *NewCatalogueEntry) {
			in.Exemption = &NewExemption{Basis: "Pasal 17 huruf a", ConsequenceTest: consequence, Until: "2031-12-31"}
		}, "", ""},
		{"dikecualikan under another statute", Dikecualikan, func(in *NewCatalogueEntry) {
			in.Exemption = &NewExemption{Basis: "UU 36/2009 Pasal 57", ConsequenceTest: consequence, Until: "2030-01-01"}
		}, "", ""},
		{"all optional columns", SetiapSaat, func(in *NewCatalogueEntry) {
			in.Unit, in.Responsible, in.CreatedPlace, in.Retention = "dinkes-uji", "Sekretaris Dinas", "Kota Contoh", "5 tahun"
			in.Formats, in.ValidFrom, in.ValidUntil = []Format{Hardcopy, Softcopy, Hardcopy}, "2026-01-01", "2026-12-31"
		}, "", ""},
		{"missing title", Berkala, func(in *NewCatalogueEntry) { in.Title = "  " }, "title", "invalid.required"},
		{"missing summary", Berkala, func(in *NewCatalogueEntry) { in.Summary = "" }, "summary", "invalid.required"},
		{"long title", Berkala, func(in *NewCatalogueEntry) { in.Title = strings.Repeat("a", 401) }, "title", "invalid.too_long"},
		{"control characters", SetiapSaat, func(in *NewCatalogueEntry) { in.Summary = "ringkasan\x00isi" }, "summary", "invalid.control_chars"},
		{"missing classification", "", nil, "classification", "invalid.required"},
		{"unknown classification", "rahasia", nil, "classification", "invalid.choice"},
		{"missing year", Berkala, func(in *NewCatalogueEntry) { in.Year = 0 }, "year", "invalid.required"},
		{"year before 1945", Berkala, func(in *NewCatalogueEntry) { in.Year = 1900 }, "year", "invalid.catalogue_year"},
		{"year after next", Berkala, func(in *NewCatalogueEntry) { in.Year = 2028 }, "year", "invalid.catalogue_year"},
		{"next year is fine", Berkala, func(in *NewCatalogueEntry) { in.Year = 2027 }, "", ""},
		{"bad unit slug", SetiapSaat, func(in *NewCatalogueEntry) { in.Unit = "Dinas Kesehatan" }, "unit", "invalid.slug"},
		{"unknown format", SetiapSaat, func(in *NewCatalogueEntry) { in.Formats = []Format{"pdf"} }, "formats", "invalid.choice"},
		{"bad valid_from", SetiapSaat, func(in *NewCatalogueEntry) { in.ValidFrom = "12/01/2026" }, "valid_from", "invalid.date"},
		{"validity ends before it starts", SetiapSaat, func(in *NewCatalogueEntry) { in.ValidFrom, in.ValidUntil = "2026-02-01", "2026-01-31" },
			"valid_until", "invalid.date_order"},
		{"update period on a non-berkala entry", SetiapSaat, func(in *NewCatalogueEntry) { in.UpdateMonths = 3 }, "update_months", "invalid.berkala_only"},
		{"update period longer than 6 months", Berkala, func(in *NewCatalogueEntry) { in.UpdateMonths = 12 }, "update_months", "invalid.update_months"},
		{"update period of 3 months", Berkala, func(in *NewCatalogueEntry) { in.UpdateMonths = 3 }, "", ""},
		{"dikecualikan without exemption", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption = nil }, "exemption", "invalid.catalogue_exemption_required"},
		{"dikecualikan with an empty exemption", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption = &NewExemption{} },
			"exemption", "invalid.catalogue_exemption_required"},
		{"exemption on a berkala entry", Berkala, func(in *NewCatalogueEntry) {
			in.Exemption = &NewExemption{Basis: "h", ConsequenceTest: consequence}
		}, "exemption", "invalid.exemption_not_allowed"},
		{"empty exemption object on setiap saat is ignored", SetiapSaat, func(in *NewCatalogueEntry) { in.Exemption = &NewExemption{} }, "", ""},
		{"missing basis", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption.Basis = "" }, "exemption.basis", "invalid.required"},
		{"unknown basis", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption.Basis = "rahasia negara" }, "exemption.basis", "invalid.catalogue_basis"},
		{"regulation below statute", Dikecualikan, func(in *NewCatalogueEntry) {
			in.Exemption.Basis, in.Exemption.Until = "Permenkes 24/2022 Pasal 26", "2030-01-01"
		}, "exemption.basis", "invalid.exemption_statute_only"},
		{"thin consequence test", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption.ConsequenceTest = "rahasia pribadi" },
			"exemption.consequence_test", "invalid.too_short"},
		{"missing consequence test", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption.ConsequenceTest = " " },
			"exemption.consequence_test", "invalid.required"},
		{"letter a needs an end", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption.Basis = "Pasal 17 huruf a" },
			"exemption.until", "invalid.exemption_until_required"},
		{"another statute needs an end", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption.Basis = "UU 36/2009 Pasal 57" },
			"exemption.until", "invalid.exemption_until_required"},
		{"letter g may be permanent", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption.Basis = "17(g)" }, "", ""},
		{"end in the past", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption.Until = "2026-01-12" },
			"exemption.until", "invalid.exemption_until_past"},
		{"end not a date", Dikecualikan, func(in *NewCatalogueEntry) { in.Exemption.Until = "selamanya" }, "exemption.until", "invalid.date"},
		{"letter a longer than 30 years", Dikecualikan, func(in *NewCatalogueEntry) {
			in.Exemption.Basis, in.Exemption.Until = "a", "2056-01-13"
		}, "exemption.until", "invalid.exemption_until_too_long"},
		{"letter a for exactly 30 years", Dikecualikan, func(in *NewCatalogueEntry) {
			in.Exemption.Basis, in.Exemption.Until = "a", "2056-01-12"
		}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validEntry(tt.c)
			if tt.mutate != nil {
				tt.mutate(&in)
			}
			e, err := in.Entry(catalogueToday)
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			got := AsError(err)
			if got == nil || got.Code != EInvalid || got.Fields[tt.field].Key != tt.key {
				t.Fatalf("got %v, want %s at %s", err, tt.key, tt.field)
			}
			_ = e
		})
	}
}

func TestNewCatalogueEntry_Defaults(t *testing.T) {
	e, err := validEntry(Berkala).Entry(catalogueToday)
	if err != nil {
		t.Fatal(err)
	}
	if e.UpdateMonths != 6 || e.PublishedOn != catalogueToday || e.NextDue != workday.D(2026, 7, 12) {
		t.Errorf("berkala: update %d, published %s, next due %s", e.UpdateMonths, e.PublishedOn, e.NextDue)
	}
	if e.ValidFrom != catalogueToday || !e.ValidUntil.IsZero() || len(e.Formats) != 1 || e.Formats[0] != Softcopy {
		t.Errorf("defaults: valid %s–%s, formats %v", e.ValidFrom, e.ValidUntil, e.Formats)
	}
	in := validEntry(SetiapSaat)
	in.Formats = []Format{Hardcopy, Softcopy, Hardcopy}
	in.Title = "  SOP Layanan Informasi  "
	e, err = in.Entry(catalogueToday)
	if err != nil {
		t.Fatal(err)
	}
	if e.UpdateMonths != 0 || !e.NextDue.IsZero() || len(e.Formats) != 2 || e.Formats[0] != Softcopy || e.Title != "SOP Layanan Informasi" {
		t.Errorf("setiap saat: update %d, next due %s, formats %v, title %q", e.UpdateMonths, e.NextDue, e.Formats, e.Title)
	}
	x, err := validEntry(Dikecualikan).Entry(catalogueToday)
	if err != nil {
		t.Fatal(err)
	}
	if ex := x.Exemption; ex == nil || ex.Letter != "h" || ex.Basis != "Pasal 17 huruf h UU 14/2008" || !ex.Permanent() {
		t.Errorf("exemption = %+v", ex)
	}
}

func TestParseCatalogueBasis(t *testing.T) {
	tests := []struct {
		in, letter, canonical, key string
	}{
		{"h", "h", "Pasal 17 huruf h UU 14/2008", ""},
		{"Pasal 17 huruf a", "a", "Pasal 17 huruf a UU 14/2008", ""},
		{"UU 14/2008 Pasal 17 huruf h", "h", "Pasal 17 huruf h UU 14/2008", ""},
		{"Pasal 17 huruf c Undang-Undang Nomor 14 Tahun 2008", "c", "Pasal 17 huruf c UU 14/2008", ""},
		{"UU No. 14 Tahun 2008 Pasal 17 ayat (1) huruf i", "i", "Pasal 17 huruf i UU 14/2008", ""},
		{"UU 14/2008", "", "", "invalid.catalogue_basis"},
		{"UU 14/2008 Pasal 18", "", "", "invalid.catalogue_basis"},
		{"UU 36/2009 Pasal 57", "j", "Pasal 17 huruf j UU 14/2008 jo. UU 36/2009 Pasal 57", ""},
		{"  Undang-Undang Nomor 27 Tahun 2022   Pasal 4 ", "j", "Pasal 17 huruf j UU 14/2008 jo. Undang-Undang Nomor 27 Tahun 2022 Pasal 4", ""},
		{"Pasal 43 KUHAP", "j", "Pasal 17 huruf j UU 14/2008 jo. Pasal 43 KUHAP", ""},
		{"UU 36/2009", "", "", "invalid.catalogue_basis"},
		{"PP 61/2010 Pasal 5", "", "", "invalid.exemption_statute_only"},
		{"Perda Provinsi Contoh 3/2020 Pasal 2", "", "", "invalid.exemption_statute_only"},
		{"Keputusan Kepala Dinas", "", "", "invalid.exemption_statute_only"},
		{"rahasia", "", "", "invalid.catalogue_basis"},
		{"Pasal 18 huruf a", "", "", "invalid.catalogue_basis"},
		{strings.Repeat("UU 36/2009 Pasal 57 ", 20), "", "", "invalid.too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			letter, canon, key := ParseCatalogueBasis(tt.in)
			if letter != tt.letter || canon != tt.canonical || key != tt.key {
				t.Fatalf("ParseCatalogueBasis(%q) = %q, %q, %q; want %q, %q, %q", tt.in, letter, canon, key, tt.letter, tt.canonical, tt.key)
			}
		})
	}
}

func TestCatalogueEntry_Stale(t *testing.T) {
	e, err := validEntry(Berkala).Entry(catalogueToday)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		today workday.Date
		stale bool
	}{{catalogueToday, false}, {workday.D(2026, 7, 12), false}, {workday.D(2026, 7, 13), true}} {
		if got := e.Stale(tt.today); got != tt.stale {
			t.Errorf("Stale(%s) = %v, want %v (next due %s)", tt.today, got, tt.stale, e.NextDue)
		}
	}
	s, _ := validEntry(SetiapSaat).Entry(catalogueToday)
	if s.Stale(workday.D(2030, 1, 1)) {
		t.Error("a setiap saat entry is never stale")
	}
}

func TestCatalogueExemption_Expired(t *testing.T) {
	x := CatalogueExemption{Letter: "a", Until: workday.D(2030, 12, 31)}
	if x.Expired(workday.D(2030, 12, 31)) || !x.Expired(workday.D(2031, 1, 1)) {
		t.Error("an exemption ends after its last day")
	}
	if (CatalogueExemption{Letter: "h"}).Expired(workday.D(2999, 1, 1)) {
		t.Error("a permanent exemption never expires")
	}
}

func TestCatalogueEntry_PublicView(t *testing.T) {
	const secret = "nama pasien Ni Luh Rahasia"
	x, err := NewCatalogueEntry{Title: "Rekam medis pasien RSUD", Summary: "Berisi " + secret, Classification: Dikecualikan,
		Year: 2025, Responsible: "Direktur RSUD " + secret, CreatedPlace: "RSUD", Retention: "25 tahun",
		Exemption: &NewExemption{Basis: "h", ConsequenceTest: consequence + " " + secret}}.Entry(catalogueToday)
	if err != nil {
		t.Fatal(err)
	}
	x.ID, x.BodySlug, x.CreatedBy = 7, "dinkes-uji", 3
	x.Exemption.DecidedBy = "Andi " + secret
	pub := x.PublicView()
	if !pub.Public || pub.ID != 7 || pub.BodySlug != "dinkes-uji" || pub.Title != x.Title || pub.Year != 2025 ||
		pub.Exemption == nil || pub.Exemption.Basis != "Pasal 17 huruf h UU 14/2008" {
		t.Fatalf("the register columns are missing: %+v", pub)
	}
	if dump := strings.Join([]string{pub.Summary, pub.Responsible, pub.CreatedPlace, pub.Retention, pub.Exemption.ConsequenceTest,
		pub.Exemption.DecidedBy}, "|"); strings.Contains(dump, secret) || strings.Trim(dump, "|") != "" || pub.Formats != nil {
		t.Fatalf("the public view of an exempted entry shows content: %q %v", dump, pub.Formats)
	}
	open, _ := validEntry(SetiapSaat).Entry(catalogueToday)
	open.CreatedBy = 3
	if p := open.PublicView(); !p.Public || p.Summary != open.Summary || p.CreatedBy != 0 {
		t.Fatalf("the public view of an open entry: %+v", p)
	}
}

func TestAddMonths(t *testing.T) {
	for _, tt := range []struct {
		from workday.Date
		n    int
		want workday.Date
	}{
		{workday.D(2026, 1, 12), 6, workday.D(2026, 7, 12)},
		{workday.D(2025, 8, 31), 6, workday.D(2026, 2, 28)},
		{workday.D(2027, 8, 31), 6, workday.D(2028, 2, 29)},
		{workday.D(2026, 12, 15), 1, workday.D(2027, 1, 15)},
		{workday.D(2026, 3, 31), -1, workday.D(2026, 2, 28)},
		{workday.D(2026, 1, 12), 360, workday.D(2056, 1, 12)},
	} {
		if got := AddMonths(tt.from, tt.n); got != tt.want {
			t.Errorf("AddMonths(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}
