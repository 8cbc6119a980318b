package api

import (
	"bytes"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

func TestParseFQ(t *testing.T) {
	classes := func(cs ...terbuka.Classification) []terbuka.Classification { return cs }
	since := time.Date(2026, 11, 22, 8, 30, 15, 123456000, time.UTC)
	for _, c := range []struct {
		name     string
		fq       string
		want     store.OpenDataFilter
		none     bool
		rejected string // the term named in the error, "" when accepted
	}{
		{name: "empty", fq: "  "},
		{name: "organization", fq: "organization:dinkes-uji", want: store.OpenDataFilter{Bodies: []string{"dinkes-uji"}}},
		{name: "plus and quotes", fq: `+organization:"dinkes-uji"`, want: store.OpenDataFilter{Bodies: []string{"dinkes-uji"}}},
		{name: "OR", fq: "organization:b OR organization:a", want: store.OpenDataFilter{Bodies: []string{"a", "b"}}},
		{name: "AND of two organizations is their intersection", fq: "organization:a organization:b", none: true},
		{name: "AND keeps the common one", fq: "organization:a OR organization:b AND organization:b", want: store.OpenDataFilter{Bodies: []string{"b"}}},
		{name: "excluded", fq: "-organization:a -organization:b", want: store.OpenDataFilter{ExcludeBodies: []string{"a", "b"}}},
		{name: "tags", fq: "tags:berkala OR tags:setiap_saat", want: store.OpenDataFilter{Classifications: classes(terbuka.Berkala, terbuka.SetiapSaat)}},
		{name: "not a tag", fq: "-tags:berkala", want: store.OpenDataFilter{Classifications: classes(terbuka.SertaMerta, terbuka.SetiapSaat)}},
		{name: "exempted is no tag of a dataset", fq: "tags:dikecualikan", none: true},
		{name: "unknown tag", fq: "tags:kesehatan", none: true},
		{name: "groups", fq: "groups:x", none: true},
		{name: "no groups", fq: "-groups:x"},
		{name: "what every dataset is", fq: "dataset_type:dataset +capacity:public state:active"},
		{name: "private", fq: "capacity:private", none: true},
		{name: "not a dataset", fq: "-dataset_type:dataset", none: true},
		{name: "harvester since", fq: "metadata_modified:[2026-11-22T08:30:15.123456Z TO *]", want: store.OpenDataFilter{ModifiedSince: since}},
		{name: "since without zone", fq: "metadata_modified:[2026-11-22T08:30:15.123456 TO NOW]", want: store.OpenDataFilter{ModifiedSince: since}},
		{name: "since with offset and Z", fq: "metadata_modified:[2026-11-22T15:30:15.123456+07:00Z TO *]", want: store.OpenDataFilter{ModifiedSince: since}},
		{name: "since a date", fq: "metadata_modified:[2026-11-22 TO *]", want: store.OpenDataFilter{ModifiedSince: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}},
		{name: "the later since wins", fq: "metadata_modified:[2020-01-01 TO *] metadata_modified:[2026-11-22T08:30:15.123456Z TO *]",
			want: store.OpenDataFilter{ModifiedSince: since}},
		{name: "whole range", fq: "metadata_modified:[* TO *]"},
		{name: "harvester's full query", fq: "-organization:a metadata_modified:[2026-11-22T08:30:15.123456Z TO *]",
			want: store.OpenDataFilter{ExcludeBodies: []string{"a"}, ModifiedSince: since}},
		{name: "escaped", fq: `organization:dinkes\-uji`, want: store.OpenDataFilter{Bodies: []string{"dinkes-uji"}}},

		{name: "unknown field", fq: "res_format:PDF", rejected: "res_format:PDF"},
		{name: "no field", fq: "dinkes", rejected: "dinkes"},
		{name: "no value", fq: "organization:", rejected: "organization:"},
		{name: "mixed OR", fq: "organization:a OR tags:berkala", rejected: "organization:a OR tags:berkala"},
		{name: "negated OR", fq: "organization:a OR -organization:b", rejected: "organization:a OR -organization:b"},
		{name: "parentheses", fq: "organization:(a OR b)", rejected: "organization:("},
		{name: "open quote", fq: `organization:"a`, rejected: `organization:"a`},
		{name: "open range", fq: "metadata_modified:[2026-01-01 TO", rejected: "metadata_modified:[2026-01-01 TO"},
		{name: "upper bound", fq: "metadata_modified:[2026-01-01 TO 2026-02-01]", rejected: "metadata_modified:[2026-01-01 TO 2026-02-01]"},
		{name: "date math", fq: "metadata_modified:[NOW-1DAY TO *]", rejected: "metadata_modified:[NOW-1DAY TO *]"},
		{name: "negated since", fq: "-metadata_modified:[* TO *]", rejected: "-metadata_modified:[* TO *]"},
		{name: "too many terms", fq: strings.Repeat("organization:a ", maxFQTerms+1), rejected: "(more than 100 terms)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var f fqFilter
			err := parseFQ(c.fq, &f)
			if c.rejected != "" {
				if e, ok := err.(errFQ); !ok || e.term != c.rejected {
					t.Fatalf("error %v, want the term %q rejected", err, c.rejected)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, ok := f.storeFilter()
			if ok == c.none {
				t.Fatalf("matchable = %v, want %v (%+v)", ok, !c.none, f)
			}
			if c.none {
				return
			}
			c.want.OpenOnly = true
			if !slices.Equal(got.Bodies, c.want.Bodies) || !slices.Equal(got.ExcludeBodies, c.want.ExcludeBodies) ||
				!slices.Equal(got.Classifications, c.want.Classifications) || !got.ModifiedSince.Equal(c.want.ModifiedSince) || !got.OpenOnly {
				t.Errorf("filter = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestParseCKANSort(t *testing.T) {
	for s, want := range map[string]store.OpenDataOrder{
		"": store.OrderModifiedDesc, "score desc, metadata_modified desc": store.OrderModifiedDesc, "id asc": store.OrderIDAsc,
		"id": store.OrderIDAsc, "id DESC": store.OrderIDDesc, "metadata_modified asc": store.OrderModifiedAsc,
		"metadata_created desc": store.OrderCreatedDesc, "metadata_created asc, id asc": store.OrderCreatedAsc, "score desc": store.OrderModifiedDesc,
	} {
		if got, ok := parseCKANSort(s); !ok || got != want {
			t.Errorf("%q = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"name asc", "title_string asc", "id sideways", "id asc extra", "views_recent desc"} {
		if _, ok := parseCKANSort(s); ok {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestCKANID(t *testing.T) {
	const site = "https://ppid.contoh.go.id"
	for _, id := range []int64{1, 42, 1 << 40, maxCKANID} {
		for _, kind := range []ckanKind{kindDataset, kindOrganization, kindResource} {
			u := ckanID(site, kind, id)
			if len(u) != 36 || u[14] != '8' || !strings.ContainsAny(u[19:20], "89ab") {
				t.Errorf("ckanID(%d, %d) = %s, want a version 8, RFC variant UUID", id, kind, u)
			}
			if got, ok := parseCKANID(site+"/", kind, strings.ToUpper(u)); !ok || got != id {
				t.Errorf("parse(%s) = %d, %v; want %d (the trailing slash and case do not matter)", u, got, ok, id)
			}
			if _, ok := parseCKANID("https://other.go.id", kind, u); ok {
				t.Errorf("%s parsed as another site's", u)
			}
			if _, ok := parseCKANID(site, kind%3+1, u); ok {
				t.Errorf("%s parsed as another kind", u)
			}
		}
	}
	// The same site and kind order their IDs as text the way they order
	// as numbers: CKAN's "sort=id asc" is creation order.
	ids := []int64{1, 2, 9, 10, 255, 256, 1 << 33}
	var texts []string
	for _, id := range ids {
		texts = append(texts, ckanID(site, kindDataset, id))
	}
	if !slices.IsSorted(texts) {
		t.Errorf("UUIDs do not sort as their IDs: %v", texts)
	}
	for _, s := range []string{"", "42", "00000000-0000-8000-8000-000000000000", ckanID(site, kindDataset, 1)[:35] + "g",
		strings.ReplaceAll(ckanID(site, kindDataset, 1), "-", "_")} {
		if _, ok := parseCKANID(site, kindDataset, s); ok {
			t.Errorf("%q parsed", s)
		}
	}
}

func TestPackageName(t *testing.T) {
	for _, c := range []struct {
		name string
		slug string
		id   int64
		ok   bool
	}{
		{"dinkes-uji-dip-42", "dinkes-uji", 42, true},
		{"a-dip-dip-7", "a-dip", 7, true},
		{"dinkes-uji-dip-042", "", 0, false},
		{"dinkes-uji-dip-", "", 0, false},
		{"-dip-4", "", 0, false},
		{"dinkes-uji-dip-4x", "", 0, false},
		{"dinkes-uji-dip-99999999999999999999", "", 0, false},
		{"dinkes-uji", "", 0, false},
	} {
		slug, id, ok := parsePackageName(c.name)
		if slug != c.slug || id != c.id || ok != c.ok {
			t.Errorf("parsePackageName(%q) = %q, %d, %v", c.name, slug, id, ok)
		}
	}
	if n := packageName("dinkes-uji", 42); n != "dinkes-uji-dip-42" {
		t.Errorf("packageName = %q", n)
	}
}

func TestHydraPage(t *testing.T) {
	r := httptest.NewRequest("GET", "/api/v1/catalogue/dcat.jsonld?body=dinkes-uji&page=2", nil)
	for _, c := range []struct {
		page, last     int
		next, previous bool
	}{{1, 1, false, false}, {1, 3, true, false}, {2, 3, true, true}, {3, 3, false, true}} {
		p := hydraPage("https://x.go.id", r, c.page, c.last, 1234)
		_, next := p["hydra:next"]
		_, nextPage := p["hydra:nextPage"]
		_, prev := p["hydra:previous"]
		_, prevPage := p["hydra:previousPage"]
		if next != c.next || nextPage != c.next || prev != c.previous || prevPage != c.previous {
			t.Errorf("page %d of %d: %v", c.page, c.last, p)
		}
		want := "https://x.go.id/api/v1/catalogue/dcat.jsonld?body=dinkes-uji&page=" + string(rune('0'+c.last))
		if p["hydra:lastPage"] != want || p["hydra:totalItems"] != 1234 {
			t.Errorf("page %d of %d: lastPage %v, want %s", c.page, c.last, p["hydra:lastPage"], want)
		}
	}
}

func TestAccrualPeriodicity(t *testing.T) {
	want := map[int]string{1: "MONTHLY", 2: "BIMONTHLY", 3: "QUARTERLY", 4: "ANNUAL_3", 5: "OTHER", 6: "ANNUAL_2"}
	for months, term := range want {
		if got := accrualPeriodicity(months); got != euFreq+term {
			t.Errorf("%d months = %s, want %s", months, got, term)
		}
	}
}

func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{"": "", "=1+1": "'=1+1", "+62812": "'+62812", "-5": "'-5", "@x": "'@x",
		"\tx": "'\tx", "\rx": "'\rx", "Laporan": "Laporan", "1-2": "1-2"} {
		if got := defuse(in); got != want {
			t.Errorf("defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCKANParams(t *testing.T) {
	post := func(ct, body string) map[string]any {
		r := httptest.NewRequest("POST", "/api/3/action/package_search?rows=5&fq=a", bytes.NewBufferString(body))
		r.Header.Set("Content-Type", ct)
		p, err := ckanParams(r)
		if err != nil {
			t.Fatalf("%s %q: %v", ct, body, err)
		}
		return p
	}
	if p := post("application/json", `{"rows": 7, "q": "x"}`); p["rows"].(interface{ String() string }).String() != "7" || p["q"] != "x" || p["fq"] != "a" {
		t.Errorf("JSON over query = %v", p)
	}
	if p := post("application/x-www-form-urlencoded", "q=x&fq=b&fq=c"); p["q"] != "x" || len(p["fq"].([]any)) != 2 || p["rows"] != "5" {
		t.Errorf("form = %v", p)
	}
	if p := post("application/json", "  "); p["rows"] != "5" {
		t.Errorf("empty body = %v", p)
	}
}

func TestCKANFail(t *testing.T) {
	for _, c := range []struct {
		name   string
		err    error
		status int
		want   []string
		hidden string
	}{
		{"not found", terbuka.ErrNotFound("body"), 404, []string{`"__type":"Not Found Error"`, `"success":false`}, ""},
		{"bad input names the field", terbuka.Problems{"q": terbuka.M("invalid.required")}.Err(), 409,
			[]string{`"__type":"Validation Error"`, `"q":["`}, ""},
		{"internal", errors.New("connection refused to 10.0.0.5"), 500, []string{`"__type":"Internal Error"`}, "10.0.0.5"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/api/3/action/package_search", nil)
			w := httptest.NewRecorder()
			(&API{}).ckanFail(w, &ckanCall{r: r, help: "h", lang: "en"}, c.err)
			body := w.Body.String()
			if w.Code != c.status {
				t.Errorf("status %d, want %d: %s", w.Code, c.status, body)
			}
			for _, s := range c.want {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %s: %s", s, body)
				}
			}
			if c.hidden != "" && strings.Contains(body, c.hidden) {
				t.Errorf("body shows the cause: %s", body)
			}
		})
	}
}
