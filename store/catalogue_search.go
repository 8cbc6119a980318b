package store

import (
	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/search"
)

// catalogueSearchText is the pre-stemmed text an entry is found by: its
// title, summary, holding unit and the extracted text of its documents'
// current versions. An exempted entry is found by its title only — the
// register row the law makes public — never by its summary, consequence
// test or documents.
func catalogueSearchText(e terbuka.CatalogueEntry, docTexts []string) string {
	if e.Classification == terbuka.Dikecualikan {
		return search.SearchText(e.Title)
	}
	parts := append([]string{e.Title, e.Summary, e.UnitName}, docTexts...)
	return search.SearchText(parts...)
}
