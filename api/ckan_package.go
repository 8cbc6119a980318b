package api

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// Datasets: a CKAN package is a public catalogue entry that is not
// exempted (the mapping table is in README, "Open data").

// The licence every dataset carries until bodies can choose their own.
// Public information under UU 14/2008 is open to anyone; CC BY is what
// Satu Data Indonesia lists for most government data, and "cc-by" is the
// id of CKAN's default licence list, so a harvesting CKAN recognises it.
const (
	ckanLicenseID    = "cc-by"
	ckanLicenseTitle = "Creative Commons Attribution"
	ckanLicenseURL   = "http://www.opendefinition.org/licenses/cc-by"
)

// ckanTime is CKAN's timestamp form: UTC, microseconds, no zone.
func ckanTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000") }

// modifiedAt is when an entry's public metadata last changed: the entry
// or the newest of its documents (store.OpenDataFilter.ModifiedSince uses
// the same rule).
func modifiedAt(e terbuka.CatalogueEntry, docs []terbuka.CatalogueDocument) time.Time {
	t := e.UpdatedAt
	for _, d := range docs {
		if d.UpdatedAt.After(t) {
			t = d.UpdatedAt
		}
	}
	return t
}

// publicDocuments returns the current public documents of entries, by
// entry ID (none for exempted entries: the store never returns theirs).
func (a *API) publicDocuments(ctx context.Context, entries []terbuka.CatalogueEntry) (map[int64][]terbuka.CatalogueDocument, error) {
	ids := make([]int64, 0, len(entries))
	for _, e := range entries {
		if e.Classification != terbuka.Dikecualikan {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) == 0 {
		return map[int64][]terbuka.CatalogueDocument{}, nil
	}
	return a.Store.PublicDocumentsOf(ctx, ids)
}

// ckanOrgRef is the organization of a dataset, as CKAN nests it.
func ckanOrgRef(site string, bodyID int64, slug, name string) map[string]any {
	return map[string]any{"id": ckanID(site, kindOrganization, bodyID), "name": slug, "title": name, "display_name": name,
		"type": "organization", "is_organization": true, "state": "active", "approval_status": "approved",
		"description": "", "image_url": ""}
}

// ckanPackage renders entry e (a public view, never exempted) with its
// documents as a CKAN package dict (package_show's form).
func ckanPackage(site string, e terbuka.CatalogueEntry, docs []terbuka.CatalogueDocument) map[string]any {
	id := ckanID(site, kindDataset, e.ID)
	extras := []map[string]string{}
	extra := func(k, v string) {
		if v != "" {
			extras = append(extras, map[string]string{"key": k, "value": v})
		}
	}
	extra("classification", string(e.Classification))
	extra("year", itoaOrEmpty(e.Year))
	extra("unit", e.UnitSlug)
	extra("responsible", e.Responsible)
	extra("created_place", e.CreatedPlace)
	extra("formats", formatsText(e.Formats))
	extra("retention", e.Retention)
	extra("valid_from", e.ValidFrom.String())
	extra("valid_until", e.ValidUntil.String())
	extra("update_months", itoaOrEmpty(e.UpdateMonths))
	extra("published_on", e.PublishedOn.String())
	extra("next_due", e.NextDue.String())
	resources := make([]map[string]any, 0, len(docs))
	for i, d := range docs {
		v := d.Current
		resources = append(resources, map[string]any{
			"id": ckanID(site, kindResource, d.ID), "package_id": id, "name": d.Title, "description": "",
			"format": documentFormat(v.Filename), "mimetype": v.ContentType, "mimetype_inner": nil, "size": v.Size,
			"hash": "sha256:" + v.SHA256, "url": documentURL(site, e.ID, d.ID), "created": ckanTime(d.CreatedAt),
			"last_modified": ckanTime(v.UploadedAt), "metadata_modified": ckanTime(d.UpdatedAt), "position": i,
			"state": "active", "url_type": nil, "resource_type": nil, "cache_url": nil, "datastore_active": false,
		})
	}
	tag := string(e.Classification)
	return map[string]any{
		"id": id, "name": packageName(e.BodySlug, e.ID), "title": e.Title, "notes": e.Summary,
		"url": entryURL(site, e.ID), "type": "dataset", "state": "active", "private": false,
		"owner_org": ckanID(site, kindOrganization, e.BodyID), "organization": ckanOrgRef(site, e.BodyID, e.BodySlug, e.BodyName),
		"author": e.Responsible, "author_email": nil, "maintainer": e.UnitName, "maintainer_email": nil,
		"license_id": ckanLicenseID, "license_title": ckanLicenseTitle, "license_url": ckanLicenseURL, "isopen": true,
		"version": nil, "creator_user_id": nil,
		"metadata_created": ckanTime(e.CreatedAt), "metadata_modified": ckanTime(modifiedAt(e, docs)),
		"tags": []map[string]any{{"id": tag, "name": tag, "display_name": classificationLabel(e.Classification),
			"state": "active", "vocabulary_id": nil}},
		"num_tags": 1, "groups": []any{}, "extras": extras, "resources": resources, "num_resources": len(resources),
		"relationships_as_object": []any{}, "relationships_as_subject": []any{},
	}
}

// documentFormat is a resource's CKAN format: the file's extension in
// capitals ("PDF"). The store fixes the extension to the type sniffed
// from the bytes, so it never claims another type than the file has.
func documentFormat(filename string) string {
	return strings.ToUpper(strings.TrimPrefix(path.Ext(filename), "."))
}

// ckanPackages renders entries with their documents.
func (a *API) ckanPackages(c *ckanCall, entries []terbuka.CatalogueEntry) ([]map[string]any, error) {
	docs, err := a.publicDocuments(c.r.Context(), entries)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(entries))
	for _, e := range entries {
		out = append(out, ckanPackage(c.site, e, docs[e.ID]))
	}
	return out, nil
}

// packageList answers package_list: dataset names in ID order, all of
// them unless limit is given (then at most 1000), skipping offset. All of
// them may be a million names: they are streamed batch by batch, never
// held in memory together.
func (a *API) packageList(c *ckanCall) (any, error) {
	limit, err := c.natural("limit", 0, 1000)
	if err != nil {
		return nil, err
	}
	offset, err := c.natural("offset", 0, 1<<40)
	if err != nil {
		return nil, err
	}
	seq := a.Store.OpenDataEntries(c.r.Context(), store.OpenDataFilter{OpenOnly: true}, offset, limit)
	var s stream
	var bw *bufio.Writer
	n := 0
	begin := func() {
		h := c.w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		c.w.WriteHeader(http.StatusOK)
		s, bw = newStream(c.w), bufio.NewWriterSize(c.w, 64<<10)
		help, _ := json.Marshal(c.help)
		_, _ = bw.WriteString(`{"help":` + string(help) + `,"success":true,"result":[`)
	}
	for e, err := range seq {
		switch {
		case err != nil && n == 0:
			return nil, err // nothing sent yet: an ordinary error answer
		case err != nil:
			_ = bw.Flush()
			a.abort(c.r.Context(), s, "package_list", err)
			return nil, nil
		case n == 0:
			begin()
		default:
			_ = bw.WriteByte(',')
		}
		name, _ := json.Marshal(packageName(e.BodySlug, e.ID))
		_, _ = bw.Write(name)
		if n++; n%1000 == 0 {
			_ = bw.Flush()
			s.flush()
		}
	}
	if n == 0 {
		begin()
	}
	_, _ = bw.WriteString("]}\n")
	_ = bw.Flush()
	return nil, nil
}

// packageShow answers package_show: id is the dataset's UUID or name.
// An exempted entry is not found, like one that does not exist.
func (a *API) packageShow(c *ckanCall) (any, error) {
	ref, err := c.required("id")
	if err != nil {
		return nil, err
	}
	id, ok := parseCKANID(c.site, kindDataset, ref)
	slug := ""
	if !ok {
		if slug, id, ok = parsePackageName(ref); !ok {
			return nil, c.notFound()
		}
	}
	e, err := a.Store.CatalogueEntryFor(c.r.Context(), nil, id)
	switch {
	case terbuka.ErrorCode(err) == terbuka.ENotFound:
		return nil, c.notFound()
	case err != nil:
		return nil, err
	case e.Classification == terbuka.Dikecualikan || (slug != "" && slug != e.BodySlug):
		return nil, c.notFound()
	}
	pkgs, err := a.ckanPackages(c, []terbuka.CatalogueEntry{e})
	if err != nil {
		return nil, err
	}
	return pkgs[0], nil
}

// maxSearchRows is CKAN's default ckan.search.rows_max.
const maxSearchRows = 1000

// packageSearch answers package_search. Without q it filters and sorts
// in the store (fq, sort, rows, start); with q it uses the catalogue
// search, best match first, where fq may narrow to one organization and
// one tag only.
func (a *API) packageSearch(c *ckanCall) (any, error) {
	rows, err := c.natural("rows", 10, maxSearchRows)
	if err != nil {
		return nil, err
	}
	start, err := c.natural("start", 0, 1<<40)
	if err != nil {
		return nil, err
	}
	var f fqFilter
	fqs, err := c.strs("fq")
	if err != nil {
		return nil, err
	}
	list, err := c.strs("fq_list")
	if err != nil {
		return nil, err
	}
	for _, fq := range append(fqs, list...) {
		var bad errFQ
		if err := parseFQ(fq, &f); errors.As(err, &bad) {
			return nil, c.invalid("fq", "invalid.ckan_fq", bad.term)
		}
	}
	sortText, _, err := c.str("sort")
	if err != nil {
		return nil, err
	}
	order, ok := parseCKANSort(sortText)
	if !ok {
		return nil, c.invalid("sort", "invalid.ckan_sort")
	}
	if sortText == "" {
		sortText = "score desc, metadata_modified desc"
	}
	q, _, err := c.str("q")
	if err != nil {
		return nil, err
	}
	if q = strings.TrimSpace(q); q == "*:*" || q == "*" {
		q = ""
	}
	filter, matchable := f.storeFilter()
	var entries []terbuka.CatalogueEntry
	total := 0
	switch {
	case !matchable:
	case q != "":
		if entries, total, err = a.searchPackages(c, q, filter, start, rows); err != nil {
			return nil, err
		}
	case rows > 0:
		if entries, total, err = a.Store.OpenDataPage(c.r.Context(), filter, order, start, rows); err != nil {
			return nil, err
		}
	default:
		if total, err = a.Store.OpenDataCount(c.r.Context(), filter); err != nil {
			return nil, err
		}
	}
	results, err := a.ckanPackages(c, entries)
	if err != nil {
		return nil, err
	}
	return map[string]any{"count": total, "results": results, "sort": sortText,
		"facets": map[string]any{}, "search_facets": map[string]any{}}, nil
}

// searchPackages runs q through the catalogue search, without exempted
// entries (they are no datasets). The search ranks a bounded set of
// candidates; start and rows page within it.
func (a *API) searchPackages(c *ckanCall, q string, f store.OpenDataFilter, start, rows int) ([]terbuka.CatalogueEntry, int, error) {
	if len(f.Bodies) > 1 || len(f.Classifications) > 1 || len(f.ExcludeBodies) > 0 || !f.ModifiedSince.IsZero() {
		return nil, 0, c.invalid("fq", "invalid.ckan_q_fq")
	}
	cq := store.CatalogueQuery{Text: q, OpenOnly: true}
	if len(f.Bodies) == 1 {
		if _, err := a.Store.BodyBySlug(c.r.Context(), f.Bodies[0]); terbuka.ErrorCode(err) == terbuka.ENotFound {
			return nil, 0, nil // an unknown organization filters everything out
		} else if err != nil {
			return nil, 0, err
		}
		cq.BodySlug = f.Bodies[0]
	}
	if len(f.Classifications) == 1 {
		cq.Classification = f.Classifications[0]
	}
	// The search answers at most 100 a call; rows may be up to 1000.
	var out []terbuka.CatalogueEntry
	total := 0
	for first := true; first || len(out) < rows; first = false { // rows=0 still asks for the count
		cq.Offset, cq.Limit = start+len(out), min(max(rows-len(out), 1), 100)
		hits, n, err := a.Store.SearchCatalogue(c.r.Context(), cq)
		if err != nil {
			return nil, 0, err
		}
		total = n
		for _, h := range hits[:min(len(hits), rows-len(out))] {
			out = append(out, h.Entry)
		}
		if len(hits) < cq.Limit {
			break
		}
	}
	return out, total, nil
}
