package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// openData is the catalogue every open-data test starts from, added
// through the API in this order (so IDs ascend): a berkala entry of dinkes
// whose title starts like a spreadsheet formula, updated every 3 months,
// with a PDF document; an exempted dinkes entry whose summary, consequence
// test and document hold exemptPhrase; a setiap saat dinkes entry of 2024;
// a serta merta dindik entry.
type openData struct {
	berkala, exempt, setiap, serta int64
	doc                            string // the berkala entry's document ID
	docSHA                         string
}

const formulaTitle = "=HYPERLINK(\"http://x\") Laporan Keuangan Dinas Kesehatan"

// exemptTitle is the exempted entry's title: public in the exemption
// register (the exports), never a dataset (DCAT, CKAN).
const exemptTitle = "Rekam medis pasien RSUD"

func seedOpenData(t *testing.T, f *fixture) openData {
	t.Helper()
	var d openData
	d.berkala = f.createEntry(t, f.pelaksana, "dinkes-uji", `{"title": `+strconv.Quote(formulaTitle)+`,
		"summary": "Laporan realisasi anggaran dan neraca.", "classification": "berkala", "year": 2025, "update_months": 3,
		"responsible": "Sekretaris Dinas", "created_place": "Kota Uji", "formats": ["softcopy", "hardcopy"], "retention": "10 tahun"}`)
	d.exempt = f.createEntry(t, f.pelaksana, "dinkes-uji", exemptEntry)
	d.setiap = f.createEntry(t, f.pelaksana, "dinkes-uji", `{"title": "SOP pelayanan informasi", "summary": "Prosedur pelayanan.",
		"classification": "setiap_saat", "year": 2024}`)
	d.serta = f.createEntry(t, f.other, "dindik-uji", `{"title": "Peringatan dini banjir sekolah", "summary": "Siaga banjir.",
		"classification": "serta_merta", "year": 2025}`)
	up, ct := multipartBody(t, "file", "laporan.pdf", pdfFile, "title", "Laporan Keuangan 2025")
	raw := f.run(t, scenario{method: "POST", url: "/api/v1/catalogue/" + strconv.FormatInt(d.berkala, 10) + "/documents",
		headers: bearer(f.pelaksana, "Content-Type", ct), body: up, status: http.StatusCreated})
	d.doc = idOf(t, raw)
	sum := sha256.Sum256(pdfFile)
	d.docSHA = hex.EncodeToString(sum[:])
	secret, secretCT := multipartBody(t, "file", "rm.txt", []byte("isi rahasia "+exemptPhrase), "title", "Rekam medis lengkap")
	f.run(t, scenario{method: "POST", url: "/api/v1/catalogue/" + strconv.FormatInt(d.exempt, 10) + "/documents",
		headers: bearer(f.pelaksana, "Content-Type", secretCT), body: secret, status: http.StatusCreated})
	return d
}

// get fetches url and returns the status, headers and body; never a 5xx.
func (f *fixture) get(t *testing.T, url string) (int, http.Header, []byte) {
	t.Helper()
	status, hdr, body := f.do(t, f.url, "GET", url, nil, "")
	if status >= 500 {
		t.Fatalf("GET %s: %d %s", url, status, body)
	}
	return status, hdr, body
}

// readCSV parses an export: a byte order mark, then RFC 4180 records.
func readCSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(body, []byte("\ufeff"))
	if !ok {
		t.Fatalf("CSV without a byte order mark: %q", body[:min(len(body), 20)])
	}
	if !bytes.Contains(rest, []byte("\r\n")) {
		t.Error("CSV lines do not end in CRLF")
	}
	records, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatalf("parse CSV: %v\n%s", err, rest)
	}
	return records
}

// column returns the value of the named column of record rec.
func column(t *testing.T, header, rec []string, name string) string {
	t.Helper()
	for i, h := range header {
		if h == name {
			return rec[i]
		}
	}
	t.Fatalf("no column %q in %q", name, header)
	return ""
}

func TestOpenData_ExportCSV(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		d := seedOpenData(t, f)
		status, hdr, body := f.get(t, "/api/v1/catalogue/export.csv")
		if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") ||
			hdr.Get("Content-Disposition") != `attachment; filename="dip.csv"` {
			t.Fatalf("export.csv: %d %q %q", status, hdr.Get("Content-Type"), hdr.Get("Content-Disposition"))
		}
		recs := readCSV(t, body)
		header := recs[0]
		wantHeader := []string{"No", "ID", "Badan publik", "Kode badan publik", "Judul informasi", "Ringkasan isi informasi",
			"Klasifikasi", "Pejabat/unit yang menguasai informasi", "Penanggung jawab pembuatan informasi", "Waktu pembuatan",
			"Tempat pembuatan", "Format informasi yang tersedia", "Jangka waktu penyimpanan", "Berlaku sejak", "Berlaku sampai",
			"Pemutakhiran (bulan)", "Terakhir diterbitkan", "Dasar hukum pengecualian", "Dikecualikan sampai", "Tautan"}
		if strings.Join(header, "|") != strings.Join(wantHeader, "|") {
			t.Fatalf("header = %q", header)
		}
		if len(recs) != 5 {
			t.Fatalf("%d records, want a header and 4 rows", len(recs))
		}
		for i, id := range []int64{d.berkala, d.exempt, d.setiap, d.serta} {
			if got := column(t, header, recs[i+1], "ID"); got != strconv.FormatInt(id, 10) || column(t, header, recs[i+1], "No") != strconv.Itoa(i+1) {
				t.Errorf("row %d: ID %s, want %d in ID order", i+1, got, id)
			}
		}
		berkala, exempt := recs[1], recs[2]
		for name, want := range map[string]string{
			"Judul informasi": "'" + formulaTitle, "Klasifikasi": "Berkala", "Badan publik": "Dinas Kesehatan Uji",
			"Pejabat/unit yang menguasai informasi": "Dinas Kesehatan Uji", "Penanggung jawab pembuatan informasi": "Sekretaris Dinas",
			"Waktu pembuatan": "2025", "Tempat pembuatan": "Kota Uji", "Format informasi yang tersedia": "softcopy, hardcopy",
			"Jangka waktu penyimpanan": "10 tahun", "Pemutakhiran (bulan)": "3", "Berlaku sejak": "2026-01-12",
			"Dasar hukum pengecualian": "", "Tautan": f.url + "/katalog/" + strconv.FormatInt(d.berkala, 10),
		} {
			if got := column(t, header, berkala, name); got != want {
				t.Errorf("berkala %s = %q, want %q", name, got, want)
			}
		}
		// The exempted entry is its register row: title, classification,
		// year, body, legal basis, end — and nothing else.
		for name, want := range map[string]string{
			"Judul informasi": exemptTitle, "Klasifikasi": "Dikecualikan", "Waktu pembuatan": "2025",
			"Badan publik": "Dinas Kesehatan Uji", "Dasar hukum pengecualian": "Pasal 17 huruf h UU 14/2008",
			"Dikecualikan sampai": "permanen", "Ringkasan isi informasi": "", "Pejabat/unit yang menguasai informasi": "",
			"Penanggung jawab pembuatan informasi": "", "Format informasi yang tersedia": "", "Berlaku sejak": "",
		} {
			if got := column(t, header, exempt, name); got != want {
				t.Errorf("exempted %s = %q, want %q", name, got, want)
			}
		}

		for _, c := range []struct {
			url, filename string
			ids           []int64
		}{
			{"/api/v1/catalogue/export.csv?body=dindik-uji", "dip-dindik-uji.csv", []int64{d.serta}},
			{"/api/v1/catalogue/export.csv?classification=setiap_saat&year=2024", "dip-setiap_saat-2024.csv", []int64{d.setiap}},
			{"/api/v1/catalogue/export.csv?classification=dikecualikan", "dip-dikecualikan.csv", []int64{d.exempt}},
			{"/api/v1/catalogue/export.csv?year=2023", "dip-2023.csv", nil},
		} {
			status, hdr, body := f.get(t, c.url)
			if status != http.StatusOK || hdr.Get("Content-Disposition") != `attachment; filename="`+c.filename+`"` {
				t.Errorf("%s: %d %q", c.url, status, hdr.Get("Content-Disposition"))
				continue
			}
			recs := readCSV(t, body)
			var got []string
			for _, r := range recs[1:] {
				got = append(got, r[1])
			}
			var want []string
			for _, id := range c.ids {
				want = append(want, strconv.FormatInt(id, 10))
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s: IDs %v, want %v", c.url, got, want)
			}
		}
		f.runAll(t, []scenario{
			{name: "unknown body", method: "GET", url: "/api/v1/catalogue/export.csv?body=tidak-ada", status: http.StatusNotFound, code: "not_found"},
			{name: "unknown classification", method: "GET", url: "/api/v1/catalogue/export.csv?classification=rahasia",
				status: http.StatusUnprocessableEntity, fields: []string{"classification"}},
			{name: "year not a number", method: "GET", url: "/api/v1/catalogue/export.json?year=dua-ribu", status: http.StatusUnprocessableEntity, fields: []string{"year"}},
			{name: "year too early", method: "GET", url: "/api/v1/catalogue/export.csv?year=1800", status: http.StatusUnprocessableEntity, fields: []string{"year"}},
			{name: "POST is not allowed", method: "POST", url: "/api/v1/catalogue/export.csv", status: http.StatusMethodNotAllowed},
		})
	})
}

func TestOpenData_ExportJSON(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		d := seedOpenData(t, f)
		status, hdr, body := f.get(t, "/api/v1/catalogue/export.json?body=dinkes-uji")
		if status != http.StatusOK || hdr.Get("Content-Disposition") != `attachment; filename="dip-dinkes-uji.json"` {
			t.Fatalf("export.json: %d %q %s", status, hdr.Get("Content-Disposition"), body)
		}
		var out struct {
			GeneratedAt string           `json:"generated_at"`
			Total       int              `json:"total"`
			Items       []map[string]any `json:"items"`
		}
		if err := json.Unmarshal(body, &out); err != nil {
			t.Fatalf("export.json is not JSON: %v\n%s", err, body)
		}
		if out.Total != 3 || len(out.Items) != 3 || out.GeneratedAt == "" {
			t.Fatalf("total %d, %d items, generated_at %q; want 3, 3", out.Total, len(out.Items), out.GeneratedAt)
		}
		for i, id := range []int64{d.berkala, d.exempt, d.setiap} {
			if got := out.Items[i]["id"]; got != float64(id) {
				t.Errorf("item %d id = %v, want %d", i, got, id)
			}
		}
		if out.Items[0]["summary"] != "Laporan realisasi anggaran dan neraca." || out.Items[0]["update_months"] != float64(3) {
			t.Errorf("berkala item = %v", out.Items[0])
		}
		ex := out.Items[1]
		if _, has := ex["summary"]; has || ex["title"] != exemptTitle {
			t.Errorf("exempted item is more than its register row: %v", ex)
		}
		if x, _ := ex["exemption"].(map[string]any); x == nil || x["basis"] != "Pasal 17 huruf h UU 14/2008" || len(x) != 2 {
			t.Errorf("exempted item's exemption = %v, want basis and until only", ex["exemption"])
		}
	})
}
