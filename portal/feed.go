package portal

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/locale"
)

// feedSize is how many new entries the Atom feed carries.
const feedSize = 50

// atomFeed is an Atom 1.0 feed (RFC 4287) of new catalogue entries.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

type atomEntry struct {
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published"`
	Author    atomPerson   `xml:"author"`
	Summary   string       `xml:"summary"`
	Link      atomLink     `xml:"link"`
	Category  atomCategory `xml:"category"`
}

// catalogueFeed serves GET /katalog/feed.atom: the feedSize newest public
// entries (never an exempted one: its register row is not news of
// available information), each with its page, body as author and summary.
// Titles are in the visitor's language (?lang=en for English).
func (p *Portal) catalogueFeed(w http.ResponseWriter, r *http.Request) {
	lang := p.lang(w, r)
	entries, err := p.Store.NewestCatalogue(r.Context(), feedSize)
	if err != nil {
		p.fail(w, r, p.newPage(w, r, "portal.error.title"), err)
		return
	}
	self := p.absURL(r, "/katalog/feed.atom")
	f := atomFeed{Lang: string(lang), ID: self, Title: locale.T(lang, "portal.catalogue.feed_title"),
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: p.absURL(r, "/katalog")}},
		Author: atomPerson{Name: "Terbuka"}}
	var newest time.Time
	for _, e := range entries {
		if e.UpdatedAt.After(newest) {
			newest = e.UpdatedAt
		}
		link := p.absURL(r, "/katalog/"+strconv.FormatInt(e.ID, 10))
		f.Entries = append(f.Entries, atomEntry{ID: link, Title: e.Title, Updated: atomTime(e.UpdatedAt),
			Published: atomTime(e.CreatedAt), Author: atomPerson{Name: e.BodyName}, Summary: e.Summary,
			Link:     atomLink{Rel: "alternate", Type: "text/html", Href: link},
			Category: atomCategory{Term: string(e.Classification), Label: locale.T(lang, "portal.class."+string(e.Classification))}})
	}
	if newest.IsZero() {
		// An empty catalogue: any fixed instant will do, and the epoch
		// of the law (UU 14/2008 came into force on 30 April 2010) reads
		// as what it is.
		newest = time.Date(2010, 4, 30, 0, 0, 0, 0, time.UTC)
	}
	f.Updated = atomTime(newest)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		p.fail(w, r, p.newPage(w, r, "portal.error.title"), err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	// No personal data here: feed readers and proxies may keep it a while.
	h.Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(buf.Bytes())
}

// atomTime writes an instant as RFC 3339 in UTC, as Atom asks.
func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// absURL is path on the portal's public address: BaseURL when set (the
// --base-url of cmd/terbuka), else the address the request came to.
func (p *Portal) absURL(r *http.Request, path string) string {
	base := strings.TrimRight(p.BaseURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + path
}
