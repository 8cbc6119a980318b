package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// ld reads a JSON-LD value the way the catalogue writes it: {"@value"}
// or {"@id"} objects, or plain values.
func ld(v any) any {
	if m, ok := v.(map[string]any); ok {
		if x, ok := m["@value"]; ok {
			return x
		}
		if x, ok := m["@id"]; ok {
			return x
		}
	}
	return v
}

func TestOpenData_DCAT(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		d := seedOpenData(t, f)
		status, hdr, body := f.get(t, "/api/v1/catalogue/dcat.jsonld")
		if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/ld+json") {
			t.Fatalf("dcat.jsonld: %d %q %s", status, hdr.Get("Content-Type"), body)
		}
		var doc struct {
			Context map[string]string `json:"@context"`
			Graph   []map[string]any  `json:"@graph"`
		}
		if err := json.Unmarshal(body, &doc); err != nil || len(doc.Graph) != 2 {
			t.Fatalf("not JSON-LD with a catalogue and a page: %v\n%s", err, body)
		}
		if doc.Context["dcat"] != "http://www.w3.org/ns/dcat#" || doc.Context["dct"] != "http://purl.org/dc/terms/" ||
			doc.Context["spdx"] != "http://spdx.org/rdf/terms#" {
			t.Errorf("@context = %v", doc.Context)
		}
		catalog, page := doc.Graph[0], doc.Graph[1]
		if catalog["@type"] != "dcat:Catalog" || ld(catalog["dct:language"]) != "http://publications.europa.eu/resource/authority/language/IND" {
			t.Errorf("catalog = %v", catalog)
		}
		if pub, _ := catalog["dct:publisher"].(map[string]any); pub["foaf:name"] != "Pemerintah Provinsi Uji" {
			t.Errorf("catalog publisher = %v, want the province", catalog["dct:publisher"])
		}
		datasets, _ := catalog["dcat:dataset"].([]any)
		if len(datasets) != 3 {
			t.Fatalf("%d datasets, want 3 (the exempted entry is none)", len(datasets))
		}
		byID := map[string]map[string]any{}
		for _, x := range datasets {
			ds := x.(map[string]any)
			byID[ds["@id"].(string)] = ds
		}
		ds := byID[f.url+"/katalog/"+strconv.FormatInt(d.berkala, 10)]
		if ds == nil {
			t.Fatalf("no dataset for the berkala entry: %v", byID)
		}
		for prop, want := range map[string]any{
			"@type": "dcat:Dataset", "dct:title": formulaTitle, "dct:description": "Laporan realisasi anggaran dan neraca.",
			"dct:accrualPeriodicity": "http://publications.europa.eu/resource/authority/frequency/QUARTERLY",
			"dcat:landingPage":       f.url + "/katalog/" + strconv.FormatInt(d.berkala, 10),
			"dct:accessRights":       "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
		} {
			if got := ld(ds[prop]); got != want {
				t.Errorf("%s = %v, want %v", prop, got, want)
			}
		}
		if title, _ := ds["dct:title"].(map[string]any); title["@language"] != "id" {
			t.Errorf("dct:title = %v, want a literal tagged id", ds["dct:title"])
		}
		if id, _ := ds["dct:identifier"].(string); len(id) != 36 {
			t.Errorf("dct:identifier = %v, want the dataset's UUID", ds["dct:identifier"])
		}
		for _, p := range []string{"dct:issued", "dct:modified"} {
			if m, _ := ds[p].(map[string]any); m["@type"] != "xsd:dateTime" || !strings.HasPrefix(m["@value"].(string), "2026-01-12T") {
				t.Errorf("%s = %v", p, ds[p])
			}
		}
		if pub, _ := ds["dct:publisher"].(map[string]any); pub["@type"] != "foaf:Organization" || pub["foaf:name"] != "Dinas Kesehatan Uji" {
			t.Errorf("dct:publisher = %v", ds["dct:publisher"])
		}
		if kw, _ := ds["dcat:keyword"].([]any); len(kw) != 1 || ld(kw[0]) != "Berkala" {
			t.Errorf("dcat:keyword = %v", ds["dcat:keyword"])
		}
		if tm, _ := ds["dct:temporal"].(map[string]any); ld(tm["dcat:startDate"]) != "2025-01-01" || ld(tm["dcat:endDate"]) != "2025-12-31" {
			t.Errorf("dct:temporal = %v", ds["dct:temporal"])
		}
		dists, _ := ds["dcat:distribution"].([]any)
		if len(dists) != 1 {
			t.Fatalf("distributions = %v, want the one document", ds["dcat:distribution"])
		}
		dist := dists[0].(map[string]any)
		url := f.url + "/katalog/" + strconv.FormatInt(d.berkala, 10) + "/dokumen/" + d.doc + "/unduh"
		for prop, want := range map[string]any{
			"@type": "dcat:Distribution", "dcat:downloadURL": url, "dcat:accessURL": url,
			"dcat:mediaType": "https://www.iana.org/assignments/media-types/application/pdf",
			"dcat:byteSize":  strconv.Itoa(len(pdfFile)), "dct:title": "Laporan Keuangan 2025",
		} {
			if got := ld(dist[prop]); got != want {
				t.Errorf("distribution %s = %v, want %v", prop, got, want)
			}
		}
		if sum, _ := dist["spdx:checksum"].(map[string]any); ld(sum["spdx:checksumValue"]) != d.docSHA ||
			ld(sum["spdx:algorithm"]) != "http://spdx.org/rdf/terms#checksumAlgorithm_sha256" {
			t.Errorf("spdx:checksum = %v", dist["spdx:checksum"])
		}
		if serta := byID[f.url+"/katalog/"+strconv.FormatInt(d.serta, 10)]; serta["dct:accrualPeriodicity"] != nil || serta["dcat:distribution"] != nil {
			t.Errorf("serta merta dataset = %v, want no periodicity and no distribution", serta)
		}
		types, _ := page["@type"].([]any)
		if len(types) != 2 || page["hydra:totalItems"] != float64(3) || page["hydra:itemsPerPage"] != float64(500) ||
			page["hydra:next"] != nil || page["hydra:nextPage"] != nil || !strings.HasSuffix(page["hydra:lastPage"].(string), "page=1") {
			t.Errorf("page = %v", page)
		}

		status, _, body = f.get(t, "/api/v1/catalogue/dcat.jsonld?body=dindik-uji&page=1")
		if status != http.StatusOK || strings.Count(string(body), `"dcat:Dataset"`) != 1 || !strings.Contains(string(body), `"foaf:name":"Dinas Pendidikan Uji"`) {
			t.Errorf("filtered by body: %d %s", status, body)
		}
		f.runAll(t, []scenario{
			{name: "page past the last", method: "GET", url: "/api/v1/catalogue/dcat.jsonld?page=2", status: http.StatusNotFound, code: "not_found"},
			{name: "page zero", method: "GET", url: "/api/v1/catalogue/dcat.jsonld?page=0", status: http.StatusUnprocessableEntity, fields: []string{"page"}},
			{name: "page not a number", method: "GET", url: "/api/v1/catalogue/dcat.jsonld?page=dua", status: http.StatusUnprocessableEntity, fields: []string{"page"}},
			{name: "page too large", method: "GET", url: "/api/v1/catalogue/dcat.jsonld?page=99999999999999999999", status: http.StatusUnprocessableEntity, fields: []string{"page"}},
			{name: "unknown body", method: "GET", url: "/api/v1/catalogue/dcat.jsonld?body=tidak-ada", status: http.StatusNotFound},
			{name: "bad classification", method: "GET", url: "/api/v1/catalogue/dcat.jsonld?classification=x", status: http.StatusUnprocessableEntity, fields: []string{"classification"}},
		})
	})
}

// TestOpenData_NeverLeaksExempted reads every open-data answer after an
// exempted entry was added with a unique phrase in its summary, its
// consequence test and its document: the phrase never appears, and the
// DCAT catalogue and the CKAN API do not even name the entry.
func TestOpenData_NeverLeaksExempted(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		d := seedOpenData(t, f)
		exemptID := strconv.FormatInt(d.exempt, 10)
		name := "dinkes-uji-dip-" + exemptID
		_, pkg := f.ckan(t, "GET", "/api/3/action/package_show?id=dinkes-uji-dip-"+strconv.FormatInt(d.berkala, 10), "")
		uuid := sameSiteUUID(t, pkg["result"].(map[string]any)["id"].(string), d.exempt)
		for _, c := range []struct {
			url       string
			dataset   bool // the exempted entry must not appear at all
			wantCount int  // for package_search: the expected count, -1 to skip
		}{
			{"/api/v1/catalogue/export.csv", false, -1},
			{"/api/v1/catalogue/export.json", false, -1},
			{"/api/v1/catalogue/export.csv?classification=dikecualikan", false, -1},
			{"/api/v1/catalogue/dcat.jsonld", true, -1},
			{"/api/v1/catalogue/dcat.jsonld?classification=dikecualikan", true, -1},
			{"/api/3/action/package_list", true, -1},
			{"/api/3/action/package_search?rows=1000", true, 3},
			{"/api/3/action/package_search?q=" + exemptPhrase, true, 0},
			{"/api/3/action/package_search?q=Rekam+medis+pasien", true, 0},
			{"/api/3/action/package_search?fq=tags:dikecualikan", true, 0},
			{"/api/3/action/organization_show?id=dinkes-uji&include_datasets=true", true, -1},
			{"/api/3/action/package_show?id=" + name, true, -1},
			{"/api/3/action/package_show?id=" + uuid, true, -1},
			{"/api/action/package_show?id=" + name, true, -1},
		} {
			status, _, body := f.get(t, c.url)
			text := string(body)
			if strings.Contains(text, exemptPhrase) || strings.Contains(text, "Rekam medis lengkap") {
				t.Errorf("%s leaks the exempted content: %s", c.url, body)
			}
			if c.dataset && (strings.Contains(text, exemptTitle) || strings.Contains(text, `"`+name+`"`) ||
				strings.Contains(text, "/katalog/"+exemptID+`"`)) {
				t.Errorf("%s names the exempted entry: %s", c.url, body)
			}
			if strings.Contains(c.url, "package_show") && status != http.StatusNotFound {
				t.Errorf("%s: status %d, want 404", c.url, status)
			}
			if c.wantCount >= 0 {
				var env struct {
					Result struct {
						Count int `json:"count"`
					} `json:"result"`
				}
				if err := json.Unmarshal(body, &env); err != nil || env.Result.Count != c.wantCount {
					t.Errorf("%s: count %d (%v), want %d", c.url, env.Result.Count, err, c.wantCount)
				}
			}
		}
	})
}
