package portal_test

import (
	"encoding/xml"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/portal"
)

// urlSet and sitemapIndex read a sitemap back, to prove it well-formed
// and see what it lists.
type urlSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

func (u urlSet) locs() []string {
	var out []string
	for _, x := range u.URLs {
		out = append(out, x.Loc)
	}
	return out
}

func parseXML(t *testing.T, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := xml.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, rec.Body.String())
	}
}

func TestSitemap_ListsPublicPagesOnly(t *testing.T) {
	base := func(p *portal.Portal) { p.BaseURL = "https://ppid.uji.go.id/" }
	eachCatalogueEngine(t, base, func(t *testing.T, e *env, f catalogueFixture) {
		e.runCatalogue(t, f, []scenario{
			{name: "one urlset", url: "/sitemap.xml", status: 200,
				wantHeader: map[string]string{"Content-Type": "application/xml"},
				want: []string{"https://ppid.uji.go.id/katalog/{pub}</loc>", "https://ppid.uji.go.id/katalog/{pub}/dokumen/{pubdoc}</loc>",
					"https://ppid.uji.go.id/katalog/dikecualikan</loc>", "<lastmod>2026-01-12T02:00:00Z</lastmod>"},
				notWant: []string{"/katalog/{exempt}<", "/katalog/{exempt}/", catalogueSecret},
				check: func(t *testing.T, _ *env, rec *httptest.ResponseRecorder) {
					var u urlSet
					parseXML(t, rec, &u)
					if got := len(u.URLs); got != 3+2+1 { // fixed pages, public entries, public documents
						t.Errorf("%d URLs: %q", got, u.locs())
					}
				}},
			{name: "robots.txt points to it", url: "/robots.txt", status: 200,
				want: []string{"Sitemap: https://ppid.uji.go.id/sitemap.xml", "Disallow: /staf/"}},
			{name: "parts need an index first", url: "/sitemap/entri-2.xml", status: 404},
		})
	})
}

func TestSitemap_SplitsIntoAnIndex(t *testing.T) {
	small := func(p *portal.Portal) { p.SitemapPageSize = 1 }
	eachCatalogueEngine(t, small, func(t *testing.T, e *env, f catalogueFixture) {
		count := func(n int) func(t *testing.T, _ *env, rec *httptest.ResponseRecorder) {
			return func(t *testing.T, _ *env, rec *httptest.ResponseRecorder) {
				var u urlSet
				parseXML(t, rec, &u)
				if len(u.URLs) != n {
					t.Errorf("%d URLs, want %d: %q", len(u.URLs), n, u.locs())
				}
			}
		}
		e.runCatalogue(t, f, []scenario{
			{name: "index", url: "/sitemap.xml", status: 200,
				check: func(t *testing.T, _ *env, rec *httptest.ResponseRecorder) {
					var idx sitemapIndex
					parseXML(t, rec, &idx)
					var got []string
					for _, s := range idx.Sitemaps {
						got = append(got, strings.TrimPrefix(s.Loc, "http://example.com"))
					}
					want := "/sitemap/umum.xml /sitemap/entri-1.xml /sitemap/entri-2.xml /sitemap/dokumen-1.xml"
					if strings.Join(got, " ") != want {
						t.Errorf("index lists %q, want %q", got, want)
					}
				}},
			{name: "fixed pages", url: "/sitemap/umum.xml", status: 200, check: count(3)},
			{name: "first entries", url: "/sitemap/entri-1.xml", status: 200, check: count(1),
				want: []string{"/katalog/{pub}</loc>"}},
			{name: "last entries", url: "/sitemap/entri-2.xml", status: 200, check: count(1),
				want: []string{"/katalog/{berkala}</loc>"}, notWant: []string{"/katalog/{exempt}<"}},
			{name: "documents", url: "/sitemap/dokumen-1.xml", status: 200, check: count(1),
				want: []string{"/katalog/{pub}/dokumen/{pubdoc}</loc>"}},
			{name: "past the last part", url: "/sitemap/entri-3.xml", status: 404},
			{name: "part zero", url: "/sitemap/entri-0.xml", status: 404},
			{name: "leading zero", url: "/sitemap/entri-01.xml", status: 404},
			{name: "unknown kind", url: "/sitemap/rahasia-1.xml", status: 404},
			{name: "not xml", url: "/sitemap/entri-1", status: 404},
		})
	})
}

// atomFeed reads the feed back.
type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Link struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestFeed_NewPublicEntries(t *testing.T) {
	eachCatalogueEngine(t, nil, func(t *testing.T, e *env, f catalogueFixture) {
		e.runCatalogue(t, f, []scenario{
			{name: "atom", url: "/katalog/feed.atom", status: 200,
				wantHeader: map[string]string{"Content-Type": "application/atom+xml"},
				notWant:    []string{catalogueSecret, f.exempt.Title},
				check: func(t *testing.T, _ *env, rec *httptest.ResponseRecorder) {
					var feed atomFeed
					parseXML(t, rec, &feed)
					if feed.ID != "http://example.com/katalog/feed.atom" || feed.Updated != "2026-01-12T02:00:00Z" || len(feed.Entries) != 2 {
						t.Fatalf("feed %s updated %s with %d entries", feed.ID, feed.Updated, len(feed.Entries))
					}
					newest := feed.Entries[0]
					if newest.Title != f.berkala.Title || newest.Author.Name != "Dinas Kesehatan Uji" ||
						newest.Link.Href != f.ids("http://example.com/katalog/{berkala}") || newest.ID != newest.Link.Href ||
						newest.Summary != "Realisasi anggaran per semester." {
						t.Errorf("newest entry %+v", newest)
					}
				}},
			{name: "English title", url: "/katalog/feed.atom?lang=en", status: 200,
				want: []string{`xml:lang="en"`, "New entries of the public information list"}},
		})
	})
}
