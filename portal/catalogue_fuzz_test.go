package portal

import (
	"net/url"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
)

// FuzzCatalogueQuery feeds any query string to the catalogue pages'
// parser: it never panics, keeps only meaningful values, and what it
// keeps survives a round trip through the links it builds.
func FuzzCatalogueQuery(f *testing.F) {
	for _, s := range []string{"", "q=memohon&body=dinkes-uji&classification=berkala&year=2025&hal=3",
		"q=%ff%fe&year=-1&hal=0", "body=&classification=rahasia&year=99999", "q=" + string(make([]byte, 300)), "hal=99999999999999999999"} {
		f.Add(s)
	}
	bodies := []terbuka.Body{{Slug: "dinkes-uji"}, {Slug: "dindik-uji"}}
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw)
		q := parseCatalogueQuery(v, bodies)
		if !utf8.ValidString(q.Text) || utf8.RuneCountInString(q.Text) > maxQueryText {
			t.Fatalf("text %q", q.Text)
		}
		if q.Classification != "" && !q.Classification.Valid() {
			t.Fatalf("classification %q", q.Classification)
		}
		if q.BodySlug != "" && q.BodySlug != "dinkes-uji" && q.BodySlug != "dindik-uji" {
			t.Fatalf("body %q", q.BodySlug)
		}
		if q.Year != 0 && (q.Year < terbuka.MinCatalogueYear || q.Year > 9999) || q.Page < 1 || q.Page >= 100_000 {
			t.Fatalf("year %d page %d", q.Year, q.Page)
		}
		back := q.values()
		if q.Page > 1 {
			back.Set("hal", strconv.Itoa(q.Page))
		}
		if again := parseCatalogueQuery(back, bodies); again != q {
			t.Fatalf("round trip %+v → %+v", q, again)
		}
	})
}

// FuzzSitemapName feeds any name to the sitemap part parser: it accepts
// only umum.xml, entri-N.xml and dokumen-N.xml with N ≥ 1, written back
// exactly as given.
func FuzzSitemapName(f *testing.F) {
	for _, s := range []string{"umum.xml", "entri-1.xml", "dokumen-20.xml", "entri-0.xml", "entri-01.xml", "entri-.xml",
		"entri-1", "rahasia-1.xml", "entri-9999999.xml", "entri--1.xml"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		kind, n, ok := parseSitemapName(name)
		if !ok {
			return
		}
		want := "umum.xml"
		if kind != "umum" {
			if n < 1 {
				t.Fatalf("%q: part %d", name, n)
			}
			want = kind + "-" + strconv.Itoa(n) + ".xml"
		}
		if name != want {
			t.Fatalf("%q accepted as %q", name, want)
		}
	})
}
