package api

import (
	"bytes"
	"net/http/httptest"
	"testing"
)

// FuzzParseFQ feeds arbitrary package_search filters through the fq
// reader: it must never panic, and whatever it accepts must become a
// store filter that never asks for exempted entries.
func FuzzParseFQ(f *testing.F) {
	for _, s := range []string{
		"organization:dinkes-uji", "-organization:a -organization:b metadata_modified:[2026-11-22T08:30:15.123456Z TO *]",
		"organization:a OR organization:b", `tags:"berkala"`, "groups:x", "metadata_modified:[* TO NOW]", "organization:(a OR b)",
		`organization:a\`, `"`, "[", "OR OR", "a:b OR", "metadata_modified:{2026-01-01 TO *}", "tags:dikecualikan",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fq string) {
		var q fqFilter
		if err := parseFQ(fq, &q); err != nil {
			if _, ok := err.(errFQ); !ok {
				t.Fatalf("error of another type: %T %v", err, err)
			}
			return
		}
		sf, _ := q.storeFilter()
		if !sf.OpenOnly {
			t.Fatal("a CKAN filter must leave out exempted entries")
		}
		for _, c := range sf.Classifications {
			if c == "dikecualikan" || !c.Valid() {
				t.Fatalf("filter asks for classification %q", c)
			}
		}
	})
}

// FuzzCKANID checks that any text is either not an ID of this site or
// the ID it was made from, and that parsing never panics.
func FuzzCKANID(f *testing.F) {
	const site = "https://ppid.contoh.go.id"
	f.Add(ckanID(site, kindDataset, 42), "dinkes-uji-dip-42")
	f.Add("00000000-0000-8000-8000-000000000000", "-dip-")
	f.Fuzz(func(t *testing.T, s, name string) {
		if id, ok := parseCKANID(site, kindDataset, s); ok {
			if id <= 0 || id > maxCKANID {
				t.Fatalf("parsed ID %d out of range", id)
			}
			if back, ok := parseCKANID(site, kindDataset, ckanID(site, kindDataset, id)); !ok || back != id {
				t.Fatalf("round trip of %d failed", id)
			}
		}
		if slug, id, ok := parsePackageName(name); ok && (id <= 0 || packageName(slug, id) != name) {
			t.Fatalf("parsePackageName(%q) = %q, %d", name, slug, id)
		}
	})
}

// FuzzCKANParams feeds arbitrary POST bodies to the parameter reader and
// the typed getters: errors, never panics.
func FuzzCKANParams(f *testing.F) {
	for _, s := range []string{`{"rows": 5, "fq": ["a", "b"], "all_fields": true}`, `{"id": null}`, `[]`, `{`, `{"rows": 1e400}`,
		`{"rows": "99999999999999999999"}`, `{"limit": -1}`, "id=a&id=b"} {
		f.Add(s, "application/json")
	}
	f.Add("q=x&rows=abc", "application/x-www-form-urlencoded")
	f.Fuzz(func(t *testing.T, body, ct string) {
		r := httptest.NewRequest("POST", "/api/3/action/package_search?start=1", bytes.NewBufferString(body))
		r.Header.Set("Content-Type", ct)
		params, err := ckanParams(r)
		if err != nil {
			return
		}
		c := &ckanCall{r: r, params: params}
		for _, name := range []string{"rows", "start", "limit", "id", "q", "fq", "all_fields"} {
			if n, err := c.natural(name, 0, 1000); err == nil && (n < 0 || n > 1000) {
				t.Fatalf("%s = %d outside 0–1000", name, n)
			}
			_, _ = c.boolean(name, false)
			_, _ = c.strs(name)
			_, _ = c.required(name)
		}
	})
}
