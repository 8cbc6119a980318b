package portal

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/workday"
)

// TestTemplates_TrackRouting renders the tracking page's routing part for
// a lapsed request and for transfers, with and without an e-mailed code.
func TestTemplates_TrackRouting(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	render := func(v trackView) string {
		t.Helper()
		pg := &page{Lang: locale.ID, Errors: map[string]string{}, Form: url.Values{}, Loc: workday.Jakarta, Data: v}
		var buf bytes.Buffer
		if err := pages["track"].tmpl.ExecuteTemplate(&buf, "layout", pg); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	lapsed := render(trackView{Found: true, Request: terbuka.Request{Number: "DINKES-2026-000001", Status: terbuka.StatusLapsed},
		Routing: trackRouting{Latest: &terbuka.Incompleteness{Missing: "fotokopi KTP", CompleteBy: workday.D(2026, 1, 15), LapsedAt: time.Now()}}})
	for _, want := range []string{`id="lapsed"`, "Permohonan gugur", "tidak dilengkapi sampai Kamis, 15 Januari 2026", "fotokopi KTP"} {
		if !strings.Contains(lapsed, want) {
			t.Errorf("lapsed page lacks %q", want)
		}
	}
	if strings.Contains(lapsed, "/lengkapi") {
		t.Error("a lapsed request offers the completion form")
	}
	link := &terbuka.TransferLink{FromNumber: "DINKES-2026-000001", ToNumber: "DINDIK-2026-000007", ToBodyName: "Dinas Pendidikan Uji"}
	noMail := render(trackView{Found: true, Request: terbuka.Request{Number: "DINKES-2026-000001", Status: terbuka.StatusTransferred},
		Routing: trackRouting{To: link}})
	for _, want := range []string{`<strong id="new-number">DINDIK-2026-000007</strong>`, "Hubungi PPID Dinas Pendidikan Uji"} {
		if !strings.Contains(noMail, want) {
			t.Errorf("transfer without e-mail lacks %q", want)
		}
	}
	mailed := *link
	mailed.Mailed = true
	withMail := render(trackView{Found: true, Request: terbuka.Request{Number: "DINKES-2026-000001", Status: terbuka.StatusTransferred},
		Routing: trackRouting{To: &mailed}})
	if !strings.Contains(withMail, "telah dikirim ke email Anda") || strings.Contains(withMail, "Hubungi PPID") {
		t.Error("a mailed code is not explained")
	}
}
