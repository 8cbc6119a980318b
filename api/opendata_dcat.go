package api

import (
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// The DCAT-AP catalogue (JSON-LD): a dcat:Catalog with a dcat:Dataset per
// public catalogue entry that is not exempted, and a dcat:Distribution
// per public document, in DCAT-AP 2/3 property names. It is paged, as
// ckanext-dcat's RDF harvester and other DCAT-AP harvesters accept, with a
// Hydra paging node carrying both the current names (PartialCollectionView,
// first/next/last) and the legacy ones ckanext-dcat first read
// (PagedCollection, firstPage/nextPage/lastPage).

// dcatPageSize is how many datasets a page holds: a page with documents
// stays a few MiB.
const dcatPageSize = 500

const (
	euLanguage = "http://publications.europa.eu/resource/authority/language/IND"
	euFreq     = "http://publications.europa.eu/resource/authority/frequency/"
	euPublic   = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
	euLicence  = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
	ianaMedia  = "https://www.iana.org/assignments/media-types/"
	spdxSHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
)

var dcatContext = map[string]string{
	"dcat":  "http://www.w3.org/ns/dcat#",
	"dct":   "http://purl.org/dc/terms/",
	"foaf":  "http://xmlns.com/foaf/0.1/",
	"vcard": "http://www.w3.org/2006/vcard/ns#",
	"spdx":  "http://spdx.org/rdf/terms#",
	"hydra": "http://www.w3.org/ns/hydra/core#",
	"xsd":   "http://www.w3.org/2001/XMLSchema#",
}

// accrualPeriodicity maps a berkala update period (months) to the EU
// frequency vocabulary; 5 months has no term of its own and is OTHER.
func accrualPeriodicity(months int) string {
	switch months {
	case 1:
		return euFreq + "MONTHLY"
	case 2:
		return euFreq + "BIMONTHLY"
	case 3:
		return euFreq + "QUARTERLY"
	case 4:
		return euFreq + "ANNUAL_3" // three times a year
	case 6:
		return euFreq + "ANNUAL_2" // semiannual
	}
	return euFreq + "OTHER"
}

func langText(s string) map[string]string { return map[string]string{"@value": s, "@language": "id"} }

func typed(v, typ string) map[string]string { return map[string]string{"@value": v, "@type": typ} }

func iri(s string) map[string]string { return map[string]string{"@id": s} }

func dateTime(t time.Time) map[string]string {
	return typed(t.UTC().Format(time.RFC3339), "xsd:dateTime")
}

// dcatOrganization is a body as a foaf:Organization; its IRI is its list
// of entries on the portal.
func dcatOrganization(site, slug, name string) map[string]any {
	return map[string]any{"@id": site + "/katalog?body=" + slug, "@type": "foaf:Organization", "foaf:name": name}
}

// dcatDataset renders entry e (a public view, not exempted) with its
// documents; body is its body, for the contact point.
func dcatDataset(site string, e terbuka.CatalogueEntry, body terbuka.Body, docs []terbuka.CatalogueDocument) map[string]any {
	from, to := yearRange(e.Year)
	d := map[string]any{
		"@id": entryURL(site, e.ID), "@type": "dcat:Dataset",
		"dct:identifier":   ckanID(site, kindDataset, e.ID),
		"dct:title":        langText(e.Title),
		"dct:description":  langText(e.Summary),
		"dct:publisher":    dcatOrganization(site, e.BodySlug, e.BodyName),
		"dct:issued":       dateTime(e.CreatedAt),
		"dct:modified":     dateTime(modifiedAt(e, docs)),
		"dcat:keyword":     []any{langText(classificationLabel(e.Classification))},
		"dct:language":     iri(euLanguage),
		"dct:accessRights": iri(euPublic),
		"dcat:landingPage": map[string]any{"@id": entryURL(site, e.ID), "@type": "foaf:Document"},
		"dct:temporal": map[string]any{"@type": "dct:PeriodOfTime",
			"dcat:startDate": typed(from, "xsd:date"), "dcat:endDate": typed(to, "xsd:date")},
	}
	if e.Classification == terbuka.Berkala && e.UpdateMonths > 0 {
		d["dct:accrualPeriodicity"] = iri(accrualPeriodicity(e.UpdateMonths))
	}
	if body.ID != 0 {
		contact := map[string]any{"@type": "vcard:Organization", "vcard:fn": body.Name}
		if body.Email != "" {
			contact["vcard:hasEmail"] = iri("mailto:" + body.Email)
		}
		d["dcat:contactPoint"] = contact
	}
	dists := make([]any, 0, len(docs))
	for _, doc := range docs {
		v := doc.Current
		url := documentURL(site, e.ID, doc.ID)
		dist := map[string]any{
			"@id": url, "@type": "dcat:Distribution", "dct:title": langText(doc.Title),
			"dcat:accessURL": iri(url), "dcat:downloadURL": iri(url),
			"dcat:byteSize": typed(strconv.FormatInt(v.Size, 10), "xsd:nonNegativeInteger"),
			"spdx:checksum": map[string]any{"@type": "spdx:Checksum", "spdx:algorithm": iri(spdxSHA256),
				"spdx:checksumValue": typed(v.SHA256, "xsd:hexBinary")},
			"dct:issued": dateTime(doc.CreatedAt), "dct:modified": dateTime(v.UploadedAt),
			"dct:license": iri(euLicence),
		}
		if mt, _, err := mime.ParseMediaType(v.ContentType); err == nil {
			dist["dcat:mediaType"] = iri(ianaMedia + mt)
		}
		dists = append(dists, dist)
	}
	if len(dists) > 0 {
		d["dcat:distribution"] = dists
	}
	return d
}

// dcatCatalogue answers GET /api/v1/catalogue/dcat.jsonld?page=N with the
// filters of the exports (body, classification, year). page counts from
// 1; a page past the last is 404 (page 1 of an empty catalogue is 200).
func (a *API) dcatCatalogue(w http.ResponseWriter, r *http.Request) {
	f, err := a.exportFilter(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	f.OpenOnly = true
	page := 1
	if v := r.URL.Query().Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1<<30/dcatPageSize {
			a.fail(w, r, terbuka.Problems{"page": terbuka.M("invalid.page_number")}.Err())
			return
		}
		page = n
	}
	ctx := r.Context()
	total, err := a.Store.OpenDataCount(ctx, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	last := max(1, (total+dcatPageSize-1)/dcatPageSize)
	if page > last {
		a.fail(w, r, terbuka.Errorf(terbuka.ENotFound, "not_found.page"))
		return
	}
	var entries []terbuka.CatalogueEntry
	for e, err := range a.Store.OpenDataEntries(ctx, f, (page-1)*dcatPageSize, dcatPageSize) {
		if err != nil {
			a.fail(w, r, err)
			return
		}
		entries = append(entries, e)
	}
	docs, err := a.publicDocuments(ctx, entries)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	bodies, err := a.Store.Bodies(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	byID := map[int64]terbuka.Body{}
	for _, b := range bodies {
		byID[b.ID] = b
	}
	site := a.siteURL(r)
	datasets := make([]any, 0, len(entries))
	for _, e := range entries {
		datasets = append(datasets, dcatDataset(site, e, byID[e.BodyID], docs[e.ID]))
	}
	publisher := catalogPublisher(bodies, f)
	catalog := map[string]any{
		"@id": site + "/api/v1/catalogue/dcat.jsonld", "@type": "dcat:Catalog",
		"dct:title":       langText("Daftar Informasi Publik — " + publisher.Name),
		"dct:description": langText("Daftar Informasi Publik (UU 14/2008) " + publisher.Name + ", diterbitkan dengan Terbuka."),
		"dct:language":    iri(euLanguage),
		"foaf:homepage":   map[string]any{"@id": site + "/katalog", "@type": "foaf:Document"},
		"dcat:dataset":    datasets,
	}
	if publisher.ID != 0 {
		catalog["dct:publisher"] = dcatOrganization(site, publisher.Slug, publisher.Name)
	}
	doc := map[string]any{"@context": dcatContext,
		"@graph": []any{catalog, hydraPage(site, r, page, last, total)}}
	w.Header().Set("Content-Type", "application/ld+json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(doc)
}

// catalogPublisher is the body that publishes the catalogue: the filtered
// body, else the first top-level body that is not a Komisi Informasi
// (the government whose bodies the site serves).
func catalogPublisher(bodies []terbuka.Body, f store.OpenDataFilter) terbuka.Body {
	for _, b := range bodies {
		if len(f.Bodies) == 1 && b.Slug == f.Bodies[0] {
			return b
		}
	}
	for _, b := range bodies {
		if b.ParentID == 0 && b.Kind != terbuka.KindCommission {
			return b
		}
	}
	if len(bodies) > 0 {
		return bodies[0]
	}
	return terbuka.Body{Name: "Terbuka"}
}

// hydraPage is the paging node of page (1-based) of last.
func hydraPage(site string, r *http.Request, page, last, total int) map[string]any {
	at := func(n int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return site + r.URL.Path + "?" + q.Encode()
	}
	p := map[string]any{
		"@id": at(page), "@type": []string{"hydra:PartialCollectionView", "hydra:PagedCollection"},
		"hydra:totalItems": total, "hydra:itemsPerPage": dcatPageSize,
		"hydra:first": iri(at(1)), "hydra:last": iri(at(last)),
		"hydra:firstPage": at(1), "hydra:lastPage": at(last),
	}
	if page < last {
		p["hydra:next"], p["hydra:nextPage"] = iri(at(page+1)), at(page+1)
	}
	if page > 1 {
		p["hydra:previous"], p["hydra:previousPage"] = iri(at(page-1)), at(page-1)
	}
	return p
}
