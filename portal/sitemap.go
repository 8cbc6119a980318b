package portal

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/store"
)

// Sitemaps (sitemaps.org protocol 0.9) of the public pages: the home page,
// the catalogue, the exemption register and every public entry and
// document page. Exempted entries are left out: their register row is on
// /katalog/dikecualikan, and their content has no page. A catalogue may
// hold a million entries, so the pages are streamed from the store in
// batches and split into files of at most SitemapPageSize URLs behind a
// sitemap index once they do not fit in one.

// maxSitemapURLs is the protocol's limit of URLs in one file.
const maxSitemapURLs = 50_000

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// staticPaths are the public pages besides entries and documents.
var staticPaths = []string{"/", "/katalog", "/katalog/dikecualikan"}

// sitemapSize is the most URLs one sitemap file holds.
func (p *Portal) sitemapSize() int {
	if p.SitemapPageSize <= 0 || p.SitemapPageSize > maxSitemapURLs {
		return maxSitemapURLs
	}
	return p.SitemapPageSize
}

// sitemap serves GET /sitemap.xml: every public URL in one urlset when
// they fit, else a sitemap index of /sitemap/umum.xml (the fixed pages),
// /sitemap/entri-N.xml and /sitemap/dokumen-N.xml.
func (p *Portal) sitemap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	entries, docs, err := p.Store.SitemapCounts(ctx)
	if err != nil {
		p.fail(w, r, p.newPage(w, r, "portal.error.title"), err)
		return
	}
	size := p.sitemapSize()
	if len(staticPaths)+entries+docs <= size {
		p.writeURLSet(w, r, p.Store.SitemapEntries(ctx, 0, entries), p.Store.SitemapDocuments(ctx, 0, docs), true)
		return
	}
	sw := newXMLWriter(w)
	sw.printf(`%s<sitemapindex xmlns="%s">`+"\n", xml.Header, sitemapNS)
	sw.loc("sitemap", p.absURL(r, "/sitemap/umum.xml"), time.Time{})
	for n := 1; n <= pages(entries, size); n++ {
		sw.loc("sitemap", p.absURL(r, "/sitemap/entri-"+strconv.Itoa(n)+".xml"), time.Time{})
	}
	for n := 1; n <= pages(docs, size); n++ {
		sw.loc("sitemap", p.absURL(r, "/sitemap/dokumen-"+strconv.Itoa(n)+".xml"), time.Time{})
	}
	sw.printf("</sitemapindex>\n")
	if err := sw.flush(); err != nil {
		p.Log.WarnContext(ctx, "portal: write sitemap index", "err", err)
	}
}

// sitemapPart serves GET /sitemap/{name}, one file of a split sitemap:
// umum.xml, entri-N.xml or dokumen-N.xml (N from 1). Any other name, or a
// part past the last one, is the 404 page.
func (p *Portal) sitemapPart(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	kind, n, ok := parseSitemapName(r.PathValue("name"))
	if !ok {
		p.notFound(w, r)
		return
	}
	if kind == "umum" {
		p.writeURLSet(w, r, nil, nil, true)
		return
	}
	entries, docs, err := p.Store.SitemapCounts(ctx)
	if err != nil {
		p.fail(w, r, p.newPage(w, r, "portal.error.title"), err)
		return
	}
	size := p.sitemapSize()
	offset := (n - 1) * size
	switch {
	case kind == "entri" && n <= pages(entries, size):
		p.writeURLSet(w, r, p.Store.SitemapEntries(ctx, offset, size), nil, false)
	case kind == "dokumen" && n <= pages(docs, size):
		p.writeURLSet(w, r, nil, p.Store.SitemapDocuments(ctx, offset, size), false)
	default:
		p.notFound(w, r)
	}
}

// parseSitemapName reads "umum.xml", "entri-N.xml" or "dokumen-N.xml".
func parseSitemapName(name string) (kind string, n int, ok bool) {
	base, found := strings.CutSuffix(name, ".xml")
	if !found {
		return "", 0, false
	}
	if base == "umum" {
		return base, 0, true
	}
	kind, num, found := strings.Cut(base, "-")
	if !found || (kind != "entri" && kind != "dokumen") || num == "" || num[0] == '0' || len(num) > 6 ||
		strings.TrimLeft(num, "0123456789") != "" {
		return "", 0, false
	}
	n, err := strconv.Atoi(num)
	return kind, n, err == nil
}

// pages is how many files of size URLs hold n.
func pages(n, size int) int { return (n + size - 1) / size }

// writeURLSet streams a urlset: the fixed pages when withStatic, then the
// entry pages of entries and the document pages of docs (either may be
// nil). A store error before anything is sent is the error page; after,
// the file is cut short, which a crawler sees as a broken file to fetch
// again, never as a complete list.
func (p *Portal) writeURLSet(w http.ResponseWriter, r *http.Request, entries, docs iter.Seq2[store.SitemapItem, error], withStatic bool) {
	sw := newXMLWriter(w)
	sw.printf(`%s<urlset xmlns="%s">`+"\n", xml.Header, sitemapNS)
	if withStatic {
		for _, path := range staticPaths {
			sw.loc("url", p.absURL(r, path), time.Time{})
		}
	}
	for _, seq := range []iter.Seq2[store.SitemapItem, error]{entries, docs} {
		if seq == nil {
			continue
		}
		for it, err := range seq {
			if err != nil {
				if !sw.started {
					p.fail(w, r, p.newPage(w, r, "portal.error.title"), err)
					return
				}
				p.Log.ErrorContext(r.Context(), "portal: sitemap cut short", "err", err)
				_ = sw.flush()
				return
			}
			path := "/katalog/" + strconv.FormatInt(it.EntryID, 10)
			if it.DocumentID != 0 {
				path += "/dokumen/" + strconv.FormatInt(it.DocumentID, 10)
			}
			sw.loc("url", p.absURL(r, path), it.LastMod)
		}
	}
	sw.printf("</urlset>\n")
	if err := sw.flush(); err != nil {
		p.Log.WarnContext(r.Context(), "portal: write sitemap", "err", err)
	}
}

// xmlWriter buffers a sitemap and sends the headers with its first bytes
// on the wire, so an error before then can still become an error page.
type xmlWriter struct {
	w       http.ResponseWriter
	buf     *bufio.Writer
	started bool
}

func newXMLWriter(w http.ResponseWriter) *xmlWriter {
	x := &xmlWriter{w: w}
	x.buf = bufio.NewWriterSize(writerFunc(x.send), 64<<10)
	return x
}

func (x *xmlWriter) send(b []byte) (int, error) {
	if !x.started {
		x.started = true
		h := x.w.Header()
		h.Set("Content-Type", "application/xml; charset=utf-8")
		h.Set("Cache-Control", "public, max-age=3600")
	}
	return x.w.Write(b)
}

func (x *xmlWriter) printf(format string, args ...any) { fmt.Fprintf(x.buf, format, args...) }

// loc writes <tag><loc>u</loc><lastmod>…</lastmod></tag>; u is escaped.
func (x *xmlWriter) loc(tag, u string, lastmod time.Time) {
	x.printf("<%s><loc>", tag)
	_ = xml.EscapeText(x.buf, []byte(u))
	x.printf("</loc>")
	if !lastmod.IsZero() {
		x.printf("<lastmod>%s</lastmod>", lastmod.UTC().Format(time.RFC3339))
	}
	x.printf("</%s>\n", tag)
}

// flush sends what is buffered, starting the response if nothing was.
func (x *xmlWriter) flush() error {
	if x.buf.Buffered() == 0 && !x.started {
		_, err := x.send(nil)
		return err
	}
	return x.buf.Flush()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// robots serves GET /robots.txt: crawlers may read the public pages and
// are pointed to the sitemap; the staff area and the tracking pages (whose
// URLs can carry a tracking code) are no place for them.
func (p *Portal) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	fmt.Fprintf(w, "User-agent: *\nDisallow: /staf/\nDisallow: /lacak\nDisallow: /permohonan/terdaftar/\n\nSitemap: %s\n",
		p.absURL(r, "/sitemap.xml"))
}
