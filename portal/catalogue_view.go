package portal

import (
	"slices"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
)

// Template helpers of the catalogue pages.

// ClassOptions are the classifications, in DIP order, as select options.
func (pg *page) ClassOptions() []option {
	out := make([]option, 0, len(terbuka.Classifications))
	for _, c := range terbuka.Classifications {
		out = append(out, option{Value: string(c), Label: pg.T("portal.class." + string(c))})
	}
	return out
}

// BodyOptions lists bodies as select options.
func (pg *page) BodyOptions(bodies []terbuka.Body) []option {
	out := make([]option, 0, len(bodies))
	for _, b := range bodies {
		out = append(out, option{Value: b.Slug, Label: b.Name})
	}
	return out
}

// FormatChoices are the formats as checkboxes, ticked as the form says.
func (pg *page) FormatChoices() []option {
	out := make([]option, 0, len(terbuka.Formats))
	for _, f := range terbuka.Formats {
		out = append(out, option{Value: string(f), Label: pg.T("portal.format." + string(f)),
			Selected: slices.Contains(pg.Form["formats"], string(f))})
	}
	return out
}

// FormatWords names an entry's formats: "Salinan elektronik, Salinan cetak".
func (pg *page) FormatWords(fs []terbuka.Format) string {
	words := make([]string, 0, len(fs))
	for _, f := range fs {
		words = append(words, pg.T("portal.format."+string(f)))
	}
	return pg.Or(strings.Join(words, ", "))
}

// Until writes the end of an exemption: its last day, or "permanent" for
// Pasal 17 g and h, which have no end (Pasal 20).
func (pg *page) Until(x *terbuka.CatalogueExemption) string {
	if x == nil {
		return "—"
	}
	if x.Permanent() {
		return pg.T("portal.catalogue.permanent")
	}
	return pg.Date(x.Until)
}

// Short is the first 12 characters of a digest, for a narrow column; the
// whole digest stays in the page for copying.
func (pg *page) Short(digest string) string {
	if len(digest) <= 12 {
		return digest
	}
	return digest[:12] + "…"
}

// CatalogueInput is Input with the catalogue's own label and hint where
// the shared ones say something else: the exemption of an entry may rest
// on another statute (Pasal 17 huruf j), not only on a Pasal 17 letter as
// in a decision, so "exemption.basis" needs other words here.
func (pg *page) CatalogueInput(name, typ string, required bool) field {
	f := pg.Input(name, typ, required)
	if key := "portal.catfield." + name; locale.Has(locale.ID, key) {
		f.Label = pg.T(key)
	}
	if key := "portal.cathint." + name; locale.Has(locale.ID, key) {
		f.Hints = strings.Split(pg.T(key), "\n")
	}
	return f
}
