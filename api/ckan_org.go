package api

import (
	"slices"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// Organizations: a CKAN organization is a public body (name = slug,
// title = name, id = a UUID from the body's ID, see ckan_id.go).

// ckanOrganization renders body b with its dataset count.
func ckanOrganization(site string, b terbuka.Body, count int) map[string]any {
	o := ckanOrgRef(site, b.ID, b.Slug, b.Name)
	o["package_count"] = count
	o["num_followers"] = 0
	extras := []map[string]string{{"key": "kind", "value": string(b.Kind)}}
	if b.ParentSlug != "" {
		extras = append(extras, map[string]string{"key": "parent", "value": b.ParentSlug})
	}
	if b.Website != "" {
		extras = append(extras, map[string]string{"key": "website", "value": b.Website})
	}
	o["extras"] = extras
	o["groups"], o["users"], o["tags"] = []any{}, []any{}, []any{}
	return o
}

// CKAN's limits on organization_list: ckan.group_and_organization_list_max
// and ..._all_fields_max.
const (
	maxOrgList          = 1000
	maxOrgListAllFields = 25
)

// organizationList answers organization_list: body slugs, or with
// all_fields=true the organizations, sorted by name (slug) unless sort
// says "title" or "package_count", then skipping offset and returning at
// most limit.
func (a *API) organizationList(c *ckanCall) (any, error) {
	all, err := c.boolean("all_fields", false)
	if err != nil {
		return nil, err
	}
	max := maxOrgList
	if all {
		max = maxOrgListAllFields
	}
	limit, err := c.natural("limit", max, max)
	if err != nil {
		return nil, err
	}
	offset, err := c.natural("offset", 0, 1<<30)
	if err != nil {
		return nil, err
	}
	sortText, _, err := c.str("sort")
	if err != nil {
		return nil, err
	}
	field, dir, _ := strings.Cut(strings.TrimSpace(sortText), " ")
	if field == "" {
		field = "name"
	}
	desc := strings.EqualFold(strings.TrimSpace(dir), "desc")
	if (field != "name" && field != "title" && field != "package_count") || (dir != "" && !desc && !strings.EqualFold(strings.TrimSpace(dir), "asc")) {
		return nil, c.invalid("sort", "invalid.ckan_org_sort")
	}
	bodies, err := a.Store.Bodies(c.r.Context())
	if err != nil {
		return nil, err
	}
	counts, err := a.Store.OpenDataBodyCounts(c.r.Context())
	if err != nil {
		return nil, err
	}
	slices.SortFunc(bodies, func(x, y terbuka.Body) int {
		var d int
		switch field {
		case "title":
			d = strings.Compare(x.Name, y.Name)
		case "package_count":
			d = counts[x.Slug] - counts[y.Slug]
		}
		if d == 0 {
			d = strings.Compare(x.Slug, y.Slug)
		}
		if desc {
			d = -d
		}
		return d
	})
	bodies = bodies[min(offset, len(bodies)):]
	bodies = bodies[:min(limit, len(bodies))]
	if !all {
		names := make([]string, len(bodies))
		for i, b := range bodies {
			names[i] = b.Slug
		}
		return names, nil
	}
	out := make([]map[string]any, len(bodies))
	for i, b := range bodies {
		out[i] = ckanOrganization(c.site, b, counts[b.Slug])
	}
	return out, nil
}

// maxOrgDatasets bounds include_datasets, a truncated list as in CKAN.
const maxOrgDatasets = 1000

// organizationShow answers organization_show: id is the organization's
// UUID or name (slug). include_datasets adds its datasets, newest
// modification first, at most 1000.
func (a *API) organizationShow(c *ckanCall) (any, error) {
	ref, err := c.required("id")
	if err != nil {
		return nil, err
	}
	withDatasets, err := c.boolean("include_datasets", false)
	if err != nil {
		return nil, err
	}
	var body terbuka.Body
	if id, ok := parseCKANID(c.site, kindOrganization, ref); ok {
		body, err = a.Store.BodyByID(c.r.Context(), id)
	} else {
		body, err = a.Store.BodyBySlug(c.r.Context(), ref)
	}
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		return nil, c.notFound()
	} else if err != nil {
		return nil, err
	}
	f := store.OpenDataFilter{OpenOnly: true, Bodies: []string{body.Slug}}
	limit := 1
	if withDatasets {
		limit = maxOrgDatasets
	}
	entries, total, err := a.Store.OpenDataPage(c.r.Context(), f, store.OrderModifiedDesc, 0, limit)
	if err != nil {
		return nil, err
	}
	o := ckanOrganization(c.site, body, total)
	if withDatasets {
		pkgs, err := a.ckanPackages(c, entries)
		if err != nil {
			return nil, err
		}
		o["packages"] = pkgs
	}
	return o, nil
}
