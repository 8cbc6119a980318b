package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ckan sends one CKAN action call and decodes the envelope. Every answer
// must be JSON, never a 5xx; a body that is a JSON string (CKAN's 400)
// comes back as {"message": string}.
func (f *fixture) ckan(t *testing.T, method, path, body string, kv ...string) (int, map[string]any) {
	t.Helper()
	status, hdr, raw := f.do(t, f.url, method, path, headers(kv...), body)
	if status >= 500 {
		t.Fatalf("%s %s: %d %s", method, path, status, raw)
	}
	if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s %s: Content-Type %q", method, path, ct)
	}
	var env map[string]any
	if err := json.Unmarshal(raw, &env); err != nil {
		var s string
		if err2 := json.Unmarshal(raw, &s); err2 != nil {
			t.Fatalf("%s %s: not JSON: %v %s", method, path, err, raw)
		}
		return status, map[string]any{"message": s}
	}
	return status, env
}

// result returns the envelope's result after checking success.
func result(t *testing.T, status int, env map[string]any) any {
	t.Helper()
	if status != http.StatusOK || env["success"] != true || !strings.Contains(fmt.Sprint(env["help"]), "/api/3/action/help_show?name=") {
		t.Fatalf("status %d, envelope %v", status, env)
	}
	return env["result"]
}

// wantCKANError checks a failed call: status, __type and, for a
// Validation Error, the parameter it names.
func wantCKANError(t *testing.T, status int, env map[string]any, wantStatus int, typ, field string) {
	t.Helper()
	e, _ := env["error"].(map[string]any)
	if status != wantStatus || env["success"] != false || e["__type"] != typ {
		t.Fatalf("status %d, envelope %v; want %d %s", status, env, wantStatus, typ)
	}
	if field != "" {
		if msgs, _ := e[field].([]any); len(msgs) != 1 || msgs[0] == "" {
			t.Errorf("error %v does not name %q", e, field)
		}
	}
}

// sameSiteUUID is the UUID of record id made by the site that made known:
// the same first 18 hex digits, the ID with the variant bits after them.
func sameSiteUUID(t *testing.T, known string, id int64) string {
	t.Helper()
	if len(known) != 36 {
		t.Fatalf("not a UUID: %q", known)
	}
	h := fmt.Sprintf("%016x", uint64(id)|1<<63)
	return known[:19] + h[:4] + "-" + h[4:]
}

func names(t *testing.T, v any) []string {
	t.Helper()
	list, ok := v.([]any)
	if !ok {
		t.Fatalf("not a list: %v", v)
	}
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = fmt.Sprint(x)
	}
	return out
}

var ckanTimeRe = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$`)

func TestCKAN_Packages(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		d := seedOpenData(t, f)
		nameOf := func(slug string, id int64) string { return slug + "-dip-" + strconv.FormatInt(id, 10) }
		berkala, setiap, serta := nameOf("dinkes-uji", d.berkala), nameOf("dinkes-uji", d.setiap), nameOf("dindik-uji", d.serta)

		t.Run("package_list", func(t *testing.T) {
			for path, want := range map[string][]string{
				"/api/3/action/package_list":                  {berkala, setiap, serta},
				"/api/action/package_list":                    {berkala, setiap, serta},
				"/api/3/action/package_list?limit=1&offset=1": {setiap},
				"/api/3/action/package_list?offset=3":         {},
			} {
				got := names(t, f.ok(t, "GET", path))
				if !slices.Equal(got, want) {
					t.Errorf("%s = %v, want %v", path, got, want)
				}
			}
			got := names(t, f.ok(t, "POST", "/api/3/action/package_list", `{"limit": 2}`))
			if !slices.Equal(got, []string{berkala, setiap}) {
				t.Errorf("POST limit 2 = %v", got)
			}
		})

		t.Run("package_show", func(t *testing.T) {
			pkg := f.ok(t, "GET", "/api/3/action/package_show?id="+berkala).(map[string]any)
			org := pkg["organization"].(map[string]any)
			for k, want := range map[string]any{
				"name": berkala, "title": formulaTitle, "notes": "Laporan realisasi anggaran dan neraca.", "type": "dataset",
				"state": "active", "private": false, "license_id": "cc-by", "isopen": true, "owner_org": org["id"],
				"url": f.url + "/katalog/" + strconv.FormatInt(d.berkala, 10), "author": "Sekretaris Dinas",
				"maintainer": "Dinas Kesehatan Uji", "num_resources": float64(1), "num_tags": float64(1),
			} {
				if pkg[k] != want {
					t.Errorf("%s = %v, want %v", k, pkg[k], want)
				}
			}
			if org["name"] != "dinkes-uji" || org["title"] != "Dinas Kesehatan Uji" || org["is_organization"] != true {
				t.Errorf("organization = %v", org)
			}
			for _, k := range []string{"metadata_created", "metadata_modified"} {
				if s, _ := pkg[k].(string); !ckanTimeRe.MatchString(s) {
					t.Errorf("%s = %v, want CKAN's 2026-01-12T02:00:00.000000", k, pkg[k])
				}
			}
			extras := map[string]any{}
			for _, x := range pkg["extras"].([]any) {
				m := x.(map[string]any)
				extras[m["key"].(string)] = m["value"]
			}
			for k, want := range map[string]string{"classification": "berkala", "year": "2025", "responsible": "Sekretaris Dinas",
				"retention": "10 tahun", "valid_from": "2026-01-12", "update_months": "3", "formats": "softcopy, hardcopy"} {
				if extras[k] != want {
					t.Errorf("extra %s = %v, want %q", k, extras[k], want)
				}
			}
			if tags := pkg["tags"].([]any); len(tags) != 1 || tags[0].(map[string]any)["name"] != "berkala" {
				t.Errorf("tags = %v", pkg["tags"])
			}
			res := pkg["resources"].([]any)[0].(map[string]any)
			for k, want := range map[string]any{
				"url":    f.url + "/katalog/" + strconv.FormatInt(d.berkala, 10) + "/dokumen/" + d.doc + "/unduh",
				"format": "PDF", "mimetype": "application/pdf", "size": float64(len(pdfFile)), "hash": "sha256:" + d.docSHA,
				"name": "Laporan Keuangan 2025", "package_id": pkg["id"],
			} {
				if res[k] != want {
					t.Errorf("resource %s = %v, want %v", k, res[k], want)
				}
			}
			byUUID := f.ok(t, "GET", "/api/3/action/package_show?id="+pkg["id"].(string)).(map[string]any)
			upper := f.ok(t, "POST", "/api/3/action/package_show", `{"id": "`+strings.ToUpper(pkg["id"].(string))+`"}`).(map[string]any)
			form := f.ok(t, "POST", "/api/3/action/package_show", "id="+url.QueryEscape(berkala),
				"Content-Type", "application/x-www-form-urlencoded").(map[string]any)
			if byUUID["name"] != berkala || upper["name"] != berkala || form["name"] != berkala {
				t.Errorf("by UUID %v, upper-case UUID %v, form %v; want %s", byUUID["name"], upper["name"], form["name"], berkala)
			}
			other := sameSiteUUID(t, pkg["id"].(string), d.serta)
			if got := f.ok(t, "GET", "/api/3/action/package_show?id="+other).(map[string]any); got["name"] != serta {
				t.Errorf("UUID of the serta merta entry shows %v", got["name"])
			}
		})

		t.Run("package_show errors", func(t *testing.T) {
			for _, c := range []struct {
				method, path, body string
				status             int
				typ, field         string
			}{
				{"GET", "/api/3/action/package_show", "", http.StatusConflict, "Validation Error", "id"},
				{"GET", "/api/3/action/package_show?id=", "", http.StatusConflict, "Validation Error", "id"},
				{"POST", "/api/3/action/package_show", `{"id": ["a"]}`, http.StatusConflict, "Validation Error", "id"},
				{"GET", "/api/3/action/package_show?id=tidak-ada", "", http.StatusNotFound, "Not Found Error", ""},
				{"GET", "/api/3/action/package_show?id=dinkes-uji-dip-999999", "", http.StatusNotFound, "Not Found Error", ""},
				{"GET", "/api/3/action/package_show?id=dindik-uji-dip-" + strconv.FormatInt(d.berkala, 10), "", http.StatusNotFound, "Not Found Error", ""},
				{"GET", "/api/3/action/package_show?id=dinkes-uji-dip-0" + strconv.FormatInt(d.berkala, 10), "", http.StatusNotFound, "Not Found Error", ""},
				{"GET", "/api/3/action/package_show?id=00000000-0000-8000-8000-000000000001", "", http.StatusNotFound, "Not Found Error", ""},
			} {
				status, env := f.ckan(t, c.method, c.path, c.body)
				wantCKANError(t, status, env, c.status, c.typ, c.field)
			}
			status, env := f.ckan(t, "GET", "/api/3/action/package_show?id=tidak-ada", "", "Accept-Language", "en")
			if e, _ := env["error"].(map[string]any); status != http.StatusNotFound || e["message"] != "Not found" {
				t.Errorf("English not found: %d %v", status, env)
			}
		})

		t.Run("bad requests", func(t *testing.T) {
			for _, c := range []struct {
				method, path, body, lang, want string
			}{
				{"GET", "/api/3/action/package_create", "", "en", "Bad request - Action name not known: package_create"},
				{"POST", "/api/3/action/datastore_search", `{}`, "id", "Permintaan tidak valid - Nama action tidak dikenal: datastore_search"},
				{"POST", "/api/3/action/package_show", `{"id": `, "en", "Bad request - JSON Error"},
				{"POST", "/api/3/action/package_show", `[1, 2]`, "en", "Bad request - JSON Error"},
				{"POST", "/api/3/action/package_show", `{"id": "a"} {"id": "b"}`, "en", "Bad request - JSON Error"},
				{"POST", "/api/3/action/package_list", `{"limit": 1}` + strings.Repeat(" ", 70<<10), "en", "Bad request - JSON Error"},
			} {
				status, env := f.ckan(t, c.method, c.path, c.body, "Accept-Language", c.lang)
				if status != http.StatusBadRequest || !strings.HasPrefix(fmt.Sprint(env["message"]), c.want) {
					t.Errorf("%s %s: %d %v, want 400 %q", c.method, c.path, status, env, c.want)
				}
			}
			f.run(t, scenario{name: "PUT", method: "PUT", url: "/api/3/action/package_list", status: http.StatusMethodNotAllowed})
			f.run(t, scenario{name: "no action", method: "GET", url: "/api/3/action/", status: http.StatusNotFound})
		})

		t.Run("help_show", func(t *testing.T) {
			if got := f.ok(t, "GET", "/api/3/action/help_show?name=package_search"); !strings.Contains(fmt.Sprint(got), "fq") {
				t.Errorf("help = %v", got)
			}
			status, env := f.ckan(t, "GET", "/api/3/action/help_show?name=package_create", "")
			wantCKANError(t, status, env, http.StatusNotFound, "Not Found Error", "")
		})
	})
}

// ok sends a call that must succeed and returns its result. Arguments
// after the path are the body, then header name, value pairs.
func (f *fixture) ok(t *testing.T, method, path string, bodyAndHeaders ...string) any {
	t.Helper()
	body := ""
	if len(bodyAndHeaders) > 0 {
		body, bodyAndHeaders = bodyAndHeaders[0], bodyAndHeaders[1:]
	}
	status, env := f.ckan(t, method, path, body, bodyAndHeaders...)
	return result(t, status, env)
}

// search runs package_search with params and returns count and names.
func (f *fixture) search(t *testing.T, params url.Values) (int, []string) {
	t.Helper()
	r := f.ok(t, "GET", "/api/3/action/package_search?"+params.Encode()).(map[string]any)
	if _, ok := r["facets"].(map[string]any); !ok {
		t.Errorf("no facets object: %v", r)
	}
	if _, ok := r["search_facets"].(map[string]any); !ok {
		t.Errorf("no search_facets object: %v", r)
	}
	var out []string
	for _, x := range r["results"].([]any) {
		out = append(out, x.(map[string]any)["name"].(string))
	}
	return int(r["count"].(float64)), out
}

func TestCKAN_PackageSearch(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		d := seedOpenData(t, f)
		nameOf := func(slug string, id int64) string { return slug + "-dip-" + strconv.FormatInt(id, 10) }
		berkala, setiap, serta := nameOf("dinkes-uji", d.berkala), nameOf("dinkes-uji", d.setiap), nameOf("dindik-uji", d.serta)
		// An entry added a day later is the only one a harvester that last
		// ran in between must fetch again.
		f.clock.Set(start.Add(24 * time.Hour))
		later := nameOf("dindik-uji", f.createEntry(t, f.other, "dindik-uji", `{"title": "Jadwal ujian sekolah", "summary": "Jadwal.",
			"classification": "setiap_saat", "year": 2026}`))
		q := func(kv ...string) url.Values {
			v := url.Values{}
			for i := 0; i+1 < len(kv); i += 2 {
				v.Add(kv[i], kv[i+1])
			}
			return v
		}
		between := start.Add(12*time.Hour).UTC().Format("2006-01-02T15:04:05.000000") + "Z"
		for _, c := range []struct {
			name   string
			params url.Values
			count  int
			want   []string
		}{
			{"default sort is newest modification first", q(), 4, []string{later, serta, setiap, berkala}},
			{"id asc, as ckanext-harvest pages", q("sort", "id asc", "rows", "100", "start", "0"), 4, []string{berkala, setiap, serta, later}},
			{"second page", q("sort", "id asc", "rows", "2", "start", "2"), 4, []string{serta, later}},
			{"past the last page", q("sort", "id asc", "rows", "100", "start", "100"), 4, nil},
			{"rows 0 counts only", q("rows", "0"), 4, nil},
			{"rows above 1000 are clamped", q("rows", "5000", "sort", "id asc"), 4, []string{berkala, setiap, serta, later}},
			{"metadata_modified desc", q("sort", "metadata_modified desc"), 4, []string{later, serta, setiap, berkala}},
			{"metadata_created asc", q("sort", "metadata_created asc"), 4, []string{berkala, setiap, serta, later}},
			{"organization", q("fq", "organization:dinkes-uji", "sort", "id asc"), 2, []string{berkala, setiap}},
			{"organization OR organization", q("fq", "organization:dinkes-uji OR organization:ki-uji", "sort", "id asc"), 2, []string{berkala, setiap}},
			{"excluded organizations", q("fq", "-organization:dinkes-uji -organization:ki-uji", "sort", "id asc"), 2, []string{serta, later}},
			{"unknown organization", q("fq", "organization:tidak-ada"), 0, nil},
			{"tags", q("fq", "tags:setiap_saat", "sort", "id asc"), 2, []string{setiap, later}},
			{"not a tag", q("fq", "-tags:setiap_saat -tags:berkala"), 1, []string{serta}},
			{"groups match nothing", q("fq", "groups:kesehatan"), 0, nil},
			{"no groups excluded", q("fq", "-groups:kesehatan +dataset_type:dataset capacity:public"), 4, nil},
			{"harvester's changes since", q("fq", "metadata_modified:["+between+" TO *]", "sort", "id asc", "rows", "100", "start", "0"), 1, []string{later}},
			{"changes since, quoted fq_list", q("fq_list", `organization:"dindik-uji"`, "fq_list", "metadata_modified:["+between+" TO NOW]"), 1, []string{later}},
			{"changes since the start", q("fq", "metadata_modified:[* TO *]", "rows", "0"), 4, nil},
			{"changes since later", q("fq", "metadata_modified:[2027-01-01T00:00:00Z TO *]"), 0, nil},
			{"q", q("q", "laporan keuangan"), 1, []string{berkala}},
			{"q everything", q("q", "*:*", "rows", "0"), 4, nil},
			{"q in an organization", q("q", "laporan", "fq", "organization:dindik-uji"), 0, nil},
			{"q in an unknown organization", q("q", "laporan", "fq", "organization:tidak-ada"), 0, nil},
			{"q with a tag", q("q", "laporan", "fq", "tags:berkala"), 1, []string{berkala}},
			{"q counts with rows 0", q("q", "jadwal", "rows", "0"), 1, nil},
			{"q pages with start", q("q", "jadwal", "start", "1"), 1, nil},
		} {
			t.Run(c.name, func(t *testing.T) {
				count, got := f.search(t, c.params)
				if count != c.count || (c.want != nil && !slices.Equal(got, c.want)) || (c.want == nil && len(got) != 0 && c.params.Get("rows") != "") {
					t.Errorf("count %d, %v; want %d, %v", count, got, c.count, c.want)
				}
			})
		}
		r := f.ok(t, "POST", "/api/3/action/package_search", `{"fq": "organization:dindik-uji", "rows": 1, "sort": "id desc"}`).(map[string]any)
		if r["count"] != float64(2) || r["sort"] != "id desc" || len(r["results"].([]any)) != 1 ||
			r["results"].([]any)[0].(map[string]any)["name"] != later {
			t.Errorf("POST search = %v", r)
		}
		for _, c := range []struct{ params, field string }{
			{"rows=abc", "rows"}, {"rows=-1", "rows"}, {"start=x", "start"}, {"sort=name+asc", "sort"}, {"sort=id+sideways", "sort"},
			{"fq=res_format:PDF", "fq"}, {"fq=organization:(a+OR+b)", "fq"}, {"fq=metadata_modified:[kemarin+TO+*]", "fq"},
			{"fq=metadata_modified:[2026-01-01+TO+2026-02-01]", "fq"}, {"fq=organization:a+OR+tags:b", "fq"}, {"fq=%22unterminated", "fq"},
			{"q=laporan&fq=-organization:dinkes-uji", "fq"}, {"fq=" + strings.Repeat("organization:a+", 101), "fq"},
		} {
			status, env := f.ckan(t, "GET", "/api/3/action/package_search?"+c.params, "")
			wantCKANError(t, status, env, http.StatusConflict, "Validation Error", c.field)
		}
	})
}

func TestCKAN_Organizations(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		d := seedOpenData(t, f)
		all := []string{"dindik-uji", "dinkes-uji", "diskominfo-uji", "ki-uji", "prov-uji"}
		for path, want := range map[string][]string{
			"/api/3/action/organization_list":                                 all,
			"/api/3/action/organization_list?limit=2&offset=1":                all[1:3],
			"/api/3/action/organization_list?sort=name+desc":                  {"prov-uji", "ki-uji", "diskominfo-uji", "dinkes-uji", "dindik-uji"},
			"/api/3/action/organization_list?sort=title+asc":                  {"dinkes-uji", "dindik-uji", "diskominfo-uji", "ki-uji", "prov-uji"},
			"/api/3/action/organization_list?sort=package_count+desc&limit=2": {"dinkes-uji", "dindik-uji"},
		} {
			if got := names(t, f.ok(t, "GET", path)); !slices.Equal(got, want) {
				t.Errorf("%s = %v, want %v", path, got, want)
			}
		}
		orgs := f.ok(t, "GET", "/api/3/action/organization_list?all_fields=true").([]any)
		counts := map[string]any{}
		for _, o := range orgs {
			m := o.(map[string]any)
			counts[m["name"].(string)] = m["package_count"]
			if len(m["id"].(string)) != 36 || m["type"] != "organization" {
				t.Errorf("organization = %v", m)
			}
		}
		if counts["dinkes-uji"] != float64(2) || counts["dindik-uji"] != float64(1) || counts["prov-uji"] != float64(0) {
			t.Errorf("package counts = %v (the exempted entry is no dataset)", counts)
		}

		org := f.ok(t, "GET", "/api/3/action/organization_show?id=dinkes-uji").(map[string]any)
		if org["title"] != "Dinas Kesehatan Uji" || org["package_count"] != float64(2) || org["packages"] != nil {
			t.Errorf("organization_show = %v", org)
		}
		byID := f.ok(t, "POST", "/api/3/action/organization_show", `{"id": "`+org["id"].(string)+`", "include_datasets": true}`).(map[string]any)
		pkgs, _ := byID["packages"].([]any)
		if byID["name"] != "dinkes-uji" || len(pkgs) != 2 || pkgs[1].(map[string]any)["name"] != "dinkes-uji-dip-"+strconv.FormatInt(d.berkala, 10) {
			t.Errorf("organization_show by UUID with datasets = %v", byID)
		}
		for _, c := range []struct {
			path       string
			status     int
			typ, field string
		}{
			{"/api/3/action/organization_show", http.StatusConflict, "Validation Error", "id"},
			{"/api/3/action/organization_show?id=tidak-ada", http.StatusNotFound, "Not Found Error", ""},
			{"/api/3/action/organization_show?id=dinkes-uji&include_datasets=mungkin", http.StatusConflict, "Validation Error", "include_datasets"},
			{"/api/3/action/organization_list?all_fields=mungkin", http.StatusConflict, "Validation Error", "all_fields"},
			{"/api/3/action/organization_list?limit=-5", http.StatusConflict, "Validation Error", "limit"},
			{"/api/3/action/organization_list?sort=created+asc", http.StatusConflict, "Validation Error", "sort"},
		} {
			status, env := f.ckan(t, "GET", c.path, "")
			wantCKANError(t, status, env, c.status, c.typ, c.field)
		}
	})
}
