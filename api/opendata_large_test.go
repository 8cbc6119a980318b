package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
)

// TestOpenData_AcrossBatches crosses the store's batch of 500 and the
// DCAT page of 500: 501 open entries and one exempted entry in the middle.
func TestOpenData_AcrossBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("adds 502 entries")
	}
	eachEngine(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		u, err := f.st.UserByToken(ctx, f.pelaksana)
		if err != nil {
			t.Fatal(err)
		}
		var open []int64
		for i := range 502 {
			in := terbuka.NewCatalogueEntry{Title: fmt.Sprintf("Entri %d", i), Summary: "Ringkasan.", Classification: terbuka.SetiapSaat, Year: 2025}
			if i == 250 {
				in = terbuka.NewCatalogueEntry{Title: exemptTitle, Summary: exemptPhrase, Classification: terbuka.Dikecualikan, Year: 2025,
					Exemption: &terbuka.NewExemption{Basis: "Pasal 17 huruf h", ConsequenceTest: "Membuka data mengungkap rahasia pribadi " + exemptPhrase}}
			}
			e, err := f.st.CreateCatalogueEntry(ctx, u, "dinkes-uji", in)
			if err != nil {
				t.Fatal(err)
			}
			if i != 250 {
				open = append(open, e.ID)
			}
		}

		_, _, body := f.get(t, "/api/v1/catalogue/export.csv")
		recs := readCSV(t, body)
		if len(recs) != 503 {
			t.Fatalf("%d CSV records, want a header and 502 rows", len(recs))
		}
		prev := int64(0)
		for i, r := range recs[1:] {
			id, _ := strconv.ParseInt(r[1], 10, 64)
			if r[0] != strconv.Itoa(i+1) || id <= prev {
				t.Fatalf("row %d: No %s, ID %d after %d", i+1, r[0], id, prev)
			}
			prev = id
		}
		if strings.Contains(string(body), exemptPhrase) {
			t.Error("the CSV leaks the exempted content")
		}

		names := map[string]bool{}
		for _, page := range []string{"1", "2"} {
			status, _, body := f.get(t, "/api/v1/catalogue/dcat.jsonld?page="+page)
			var doc struct {
				Graph []map[string]any `json:"@graph"`
			}
			if err := json.Unmarshal(body, &doc); err != nil || status != http.StatusOK {
				t.Fatalf("page %s: %d %v", page, status, err)
			}
			datasets := doc.Graph[0]["dcat:dataset"].([]any)
			_, hasNext := doc.Graph[1]["hydra:nextPage"]
			if want := map[string]int{"1": 500, "2": 1}[page]; len(datasets) != want || hasNext != (page == "1") {
				t.Errorf("page %s: %d datasets, next %v", page, len(datasets), hasNext)
			}
			for _, d := range datasets {
				names[d.(map[string]any)["@id"].(string)] = true
			}
		}
		if len(names) != 501 {
			t.Errorf("%d distinct datasets over both pages, want 501", len(names))
		}

		list := f.ok(t, "GET", "/api/3/action/package_list").([]any)
		if len(list) != 501 || list[0] != "dinkes-uji-dip-"+strconv.FormatInt(open[0], 10) ||
			list[500] != "dinkes-uji-dip-"+strconv.FormatInt(open[500], 10) {
			t.Errorf("package_list: %d names, first %v, last %v", len(list), list[0], list[len(list)-1])
		}
		r := f.ok(t, "GET", "/api/3/action/package_search?sort=id+asc&rows=250&start=500").(map[string]any)
		if r["count"] != float64(501) || len(r["results"].([]any)) != 1 {
			t.Errorf("last search page: count %v, %d results", r["count"], len(r["results"].([]any)))
		}
	})
}
