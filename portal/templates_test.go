package portal

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/workday"
)

// zeroData is the view model of every page, at its zero value. A page
// added without an entry here fails TestTemplates_RenderWithZeroData.
var zeroData = map[string]any{
	"home":          nil,
	"request_form":  requestFormView{},
	"registered":    registeredView{},
	"track":         trackView{},
	"calculator":    calculatorView{},
	"login":         loginView{},
	"error":         errorView{},
	"staff_list":    listView{},
	"staff_request": staffRequestView{},
	"staff_intake":  nil,
	"calendar":      calendarView{},
	"fees":          feesView{},

	// objection_staff.go
	"staff_objections": objectionListView{},
	"staff_objection":  staffObjectionView{},

	// notification.go, audit.go
	"notifications": notificationView{},
	"staff_audit":   auditView{},

	// catalogue*.go
	"catalogue":             catalogueListView{},
	"catalogue_register":    catalogueListView{},
	"catalogue_entry":       catalogueEntryView{},
	"catalogue_document":    catalogueDocumentView{},
	"catalogue_search":      catalogueSearchView{},
	"staff_catalogue":       staffCatalogueView{},
	"staff_catalogue_form":  catalogueFormView{},
	"staff_catalogue_entry": staffCatalogueEntryView{},

	// catalogue_import.go
	"staff_catalogue_import":        importListView{},
	"staff_catalogue_import_status": importStatusView{},
}

func TestTemplates_RenderWithZeroData(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for name := range pages {
		if _, ok := zeroData[name]; !ok {
			t.Errorf("page %s has no zero data in this test", name)
		}
	}
	users := map[string]*terbuka.User{"public": nil, "staff": {Name: "Petugas", Role: terbuka.RoleAdmin}}
	for name, data := range zeroData {
		tmpl, ok := pages[name]
		if !ok {
			t.Errorf("no template for page %s", name)
			continue
		}
		for _, lang := range []locale.Lang{locale.ID, locale.EN} {
			for who, u := range users {
				pg := &page{Lang: lang, Title: "t", LangSwitch: "/bahasa", User: u, Errors: map[string]string{},
					Form: url.Values{}, Loc: workday.Jakarta, Data: data}
				var buf bytes.Buffer
				if err := tmpl.tmpl.ExecuteTemplate(&buf, "layout", pg); err != nil {
					t.Errorf("%s (%s, %s): %v", name, lang, who, err)
				}
			}
		}
	}
}

// TestTemplates_FieldErrorsAreWiredForAssistiveTech renders a form with a
// problem and checks the message sits next to its input and is announced.
func TestTemplates_FieldErrorsAreWiredForAssistiveTech(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	pg := &page{Lang: locale.ID, Errors: map[string]string{"requester.id_number": "NIK harus 16 digit."},
		Form: url.Values{"requester.id_number": {"123"}}, Loc: workday.Jakarta, Data: requestFormView{}}
	var buf bytes.Buffer
	if err := pages["request_form"].tmpl.ExecuteTemplate(&buf, "layout", pg); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, want := range []string{
		`<label for="requester-id_number">`,
		`<p class="field-error" id="requester-id_number-error">NIK harus 16 digit.</p>`,
		`aria-describedby="requester-id_number-hint requester-id_number-error" aria-invalid="true"`,
		`value="123"`,
		`role="alert"`, `<a href="#requester-id_number">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q", want)
		}
	}
}

// TestTemplates_NoInlineScriptOrStyle keeps the pages within the CSP
// (default-src 'self'): no inline scripts, event handlers or style attributes.
func TestTemplates_NoInlineScriptOrStyle(t *testing.T) {
	bad := regexp.MustCompile(`(?i)<script|\sstyle=|\son[a-z]+=|javascript:`)
	err := fs.WalkDir(files, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(path)
		if err != nil {
			return err
		}
		if m := bad.Find(b); m != nil {
			t.Errorf("%s contains %q", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCatalogue_HasEveryPortalKey checks that each key the templates and
// handlers name, and each key built from a domain value, has Indonesian and
// English text.
func TestCatalogue_HasEveryPortalKey(t *testing.T) {
	keys := map[string]bool{}
	literal := regexp.MustCompile(`"(portal\.[a-zA-Z0-9_.]*[a-zA-Z0-9_])"`)
	input := regexp.MustCompile(`(?:Input|Select|Check) "([a-z_.]+)"`)
	collect := func(b []byte) {
		for _, m := range literal.FindAllSubmatch(b, -1) {
			keys[string(m[1])] = true
		}
		for _, m := range input.FindAllSubmatch(b, -1) {
			keys["portal.field."+string(m[1])] = true
		}
	}
	err := fs.WalkDir(files, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(path)
		collect(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := os.DirFS(".")
	goFiles, err := fs.Glob(dir, "*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range goFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := fs.ReadFile(dir, f)
		if err != nil {
			t.Fatal(err)
		}
		collect(b)
	}
	for _, k := range []terbuka.RequesterKind{terbuka.Individual, terbuka.LegalEntity, terbuka.Group} {
		keys["requester_kind."+string(k)] = true
	}
	for _, v := range terbuka.ObtainValues {
		keys["obtain."+string(v)] = true
	}
	for _, v := range terbuka.DeliveryValues {
		keys["delivery."+string(v)] = true
	}
	for _, v := range append([]terbuka.Channel{terbuka.ChannelWeb, terbuka.ChannelAPI}, terbuka.StaffChannels...) {
		keys["channel."+string(v)] = true
	}
	for _, v := range terbuka.DecisionKinds {
		keys["decision."+string(v)] = true
	}
	for _, v := range terbuka.Statuses {
		keys["portal.statusinfo."+string(v)] = true
		keys["status."+string(v)] = true
	}
	for _, z := range terbuka.TimeZones {
		keys["portal.zone."+z] = true
	}
	for _, s := range []string{stateOnTime, stateDueSoon, stateOverdue, stateDone} {
		keys["portal.state."+s] = true
	}
	for _, k := range []workday.Kind{workday.National, workday.CutiBersama, workday.Regional} {
		keys["portal.holiday."+string(k)] = true
	}
	for _, k := range fieldOrder {
		keys["portal.field."+k] = true
	}
	for k := range keys {
		if strings.HasSuffix(k, ".") {
			continue // a prefix, covered above
		}
		for _, lang := range []locale.Lang{locale.ID, locale.EN} {
			if !locale.Has(lang, k) {
				t.Errorf("catalogue %s lacks %q", lang, k)
			}
		}
	}
}
