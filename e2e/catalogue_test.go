package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/go-pdf/fpdf"
)

// exemptPhrase is in the summary, the consequence test and the document
// of the exempted entry this test adds; no public surface may carry it.
const exemptPhrase = "kerahasiaanzamrud"

// TestCatalogue follows a document from staff to a citizen and checks an
// exempted entry's content stays closed everywhere: staff add an entry
// and upload a PDF, the public search finds it by another form of a word
// in the PDF, a citizen who is not logged in opens it and downloads the
// very bytes that were uploaded; then an exempted entry with a unique
// phrase is added with a document, and the phrase is looked for in every
// public page, feed, sitemap, export and API.
func TestCatalogue(t *testing.T) {
	s := needServer(t)
	pdf := catalogueTestPDF(t)
	path := filepath.Join(t.TempDir(), "laporan-layanan.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}

	staff := newBrowser(t, s.URL)
	staff.open("/staf/katalog")
	staff.typeIn("email", "ppid@contoh.go.id")
	staff.typeIn("password", s.password(t, "ppid@contoh.go.id"))
	staff.submit(`form[action="/staf/masuk"] button[type="submit"]`)
	staff.submit(`a[href="/staf/katalog/baru"]`)
	staff.fill("body", "dinkes-contoh")
	staff.fill("title", "Laporan layanan informasi Dinkes triwulan pertama")
	staff.fill("summary", "Rekapitulasi layanan informasi publik Dinas Kesehatan.")
	staff.fill("classification", "setiap_saat")
	staff.fill("year", "2026")
	staff.submit(`form[action="/staf/katalog/baru"] button[type="submit"]`)
	if got := staff.text(".flash"); !strings.Contains(got, "Entri katalog disimpan") {
		t.Fatalf("flash after saving: %q", got)
	}
	entryPath := strings.TrimPrefix(staff.url(), s.URL)
	if !regexp.MustCompile(`^/staf/katalog/\d+$`).MatchString(entryPath) {
		t.Fatalf("after saving: %s", entryPath)
	}
	id := strings.TrimPrefix(entryPath, "/staf/katalog/")
	staff.fill("title", "Rekap permohonan triwulan I")
	staff.setFile("file", path)
	staff.submit(`#add-document button[type="submit"]`)
	if got := staff.text(".flash"); !strings.Contains(got, "Dokumen diunggah") {
		t.Fatalf("flash after uploading: %q", got)
	}
	staff.mustSee("Rekap permohonan triwulan I", "application/pdf")

	// The PDF says "permohonan"; the citizen searches "memohon".
	citizen := newBrowser(t, s.URL)
	citizen.disableJavaScript()
	citizen.open("/")
	citizen.typeIn("home-q", "memohon")
	citizen.submit(`form[action="/katalog/cari"] button[type="submit"]`)
	citizen.mustSee("Laporan layanan informasi Dinkes triwulan pertama")
	citizen.submit(`a[href="/katalog/` + id + `"]`)
	citizen.mustSee("Rekapitulasi layanan informasi publik Dinas Kesehatan.", "Rekap permohonan triwulan I")
	citizen.submit(`a[href^="/katalog/` + id + `/dokumen/"]:not([download])`)
	sum := sha256.Sum256(pdf)
	citizen.mustSee(hex.EncodeToString(sum[:]))
	download := citizen.attr("#download", "href")
	status, got := fetch(t, s.URL+download)
	if status != http.StatusOK || !bytes.Equal(got, pdf) {
		t.Fatalf("download %s: status %d, %d bytes, want the %d uploaded", download, status, len(got), len(pdf))
	}

	// An exempted entry with the phrase in every closed part.
	staff.open("/staf/katalog/baru")
	staff.fill("body", "dinkes-contoh")
	staff.fill("title", "Rekam medis pasien rujukan")
	staff.fill("summary", "Catatan medis "+exemptPhrase+" pasien rujukan.")
	staff.fill("classification", "dikecualikan")
	staff.fill("year", "2025")
	staff.fill("exemption-basis", "Pasal 17 huruf h")
	staff.fill("exemption-consequence_test", "Membuka catatan "+exemptPhrase+" mengungkap rahasia pribadi pasien; kepentingan publik tidak lebih besar.")
	staff.submit(`form[action="/staf/katalog/baru"] button[type="submit"]`)
	exemptPath := strings.TrimPrefix(staff.url(), s.URL)
	exemptID := strings.TrimPrefix(exemptPath, "/staf/katalog/")
	if exemptID == exemptPath {
		t.Fatalf("the exempted entry was not saved: %s", exemptPath)
	}
	secretFile := filepath.Join(t.TempDir(), "rekam-medis.txt")
	if err := os.WriteFile(secretFile, []byte("Rekam medis "+exemptPhrase+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	staff.fill("title", "Berkas rekam medis")
	staff.setFile("file", secretFile)
	staff.submit(`#add-document button[type="submit"]`)
	staff.mustSee(exemptPhrase, "Berkas rekam medis") // staff see it all

	assertClosedEverywhere(t, s.URL, exemptID)
}

// assertClosedEverywhere fetches every public surface as an anonymous
// client and fails where exemptPhrase shows. Search pages echo the words
// searched for; those echoes are taken out before looking.
func assertClosedEverywhere(t *testing.T, base, exemptID string) {
	t.Helper()
	q := url.QueryEscape(exemptPhrase)
	pages := []string{
		"/katalog/cari?q=" + q, "/api/v1/catalogue/search?q=" + q, "/katalog", "/katalog?classification=dikecualikan",
		"/katalog/" + exemptID, "/katalog/dikecualikan", "/katalog/feed.atom", "/sitemap.xml",
		"/api/v1/catalogue/" + exemptID, "/api/v1/catalogue/" + exemptID + "/documents",
		"/api/v1/catalogue/export.csv", "/api/v1/catalogue/export.json", "/api/v1/catalogue/dcat.jsonld",
		"/api/3/action/package_search?q=" + q, "/api/3/action/package_search?q=rekam+medis", "/api/3/action/package_list",
	}
	for _, p := range pages {
		status, body := fetch(t, base+p)
		// The echoes: the search box, the result count and the language
		// link back to the same search.
		text := strings.NewReplacer(`value="`+exemptPhrase+`"`, "", "&#34;"+exemptPhrase+"&#34;", "",
			"%3D"+exemptPhrase, "", `"q":"`+exemptPhrase+`"`, "").Replace(string(body))
		if strings.Contains(strings.ToLower(text), exemptPhrase) {
			t.Errorf("%s (status %d) shows the exempted content", p, status)
		}
		if status >= 500 {
			t.Errorf("%s: status %d", p, status)
		}
	}
	if _, body := fetch(t, base+"/katalog/dikecualikan"); !strings.Contains(string(body), "Rekam medis pasien rujukan") {
		t.Error("the register of exempted information lacks the entry's title")
	}
	if _, body := fetch(t, base+"/sitemap.xml"); strings.Contains(string(body), "/katalog/"+exemptID+"<") {
		t.Error("the sitemap lists the exempted entry")
	}
	// Every dataset CKAN lists, shown in full, and the exempted entry
	// asked for by the name it would have.
	_, list := fetch(t, base+"/api/3/action/package_list")
	var names struct{ Result []string }
	if err := json.Unmarshal(list, &names); err != nil || len(names.Result) == 0 {
		t.Fatalf("package_list: %v, %d names", err, len(names.Result))
	}
	for _, name := range append(names.Result, "dinkes-contoh-dip-"+exemptID) {
		status, body := fetch(t, base+"/api/3/action/package_show?id="+url.QueryEscape(name))
		if status >= 500 || strings.Contains(strings.ToLower(string(body)), exemptPhrase) {
			t.Errorf("package_show %s: status %d, or shows the exempted content", name, status)
		}
	}
}

// fetch GETs u without cookies, as a citizen's plain HTTP client would.
func fetch(t *testing.T, u string) (int, []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", u, err)
	}
	return resp.StatusCode, body
}

// catalogueTestPDF is a one-page PDF whose text has "permohonan".
func catalogueTestPDF(t *testing.T) []byte {
	t.Helper()
	doc := fpdf.New("P", "mm", "A4", "")
	doc.AddPage()
	doc.SetFont("Helvetica", "", 12)
	doc.MultiCell(0, 6, "Rekapitulasi permohonan informasi publik triwulan pertama 2026. "+
		"Jumlah permohonan yang diterima dan dijawab tepat waktu.", "", "L", false)
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setFile chooses a file for the file input with this id. It lives here,
// not in browser_test.go, because only the catalogue uploads through the
// browser.
func (b *browser) setFile(id, path string) {
	b.t.Helper()
	b.step("choose a file for #"+id, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID(id), []string{path}))
	})
}
