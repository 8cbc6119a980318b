package portal_test

import (
	"testing"
)

// TestEveryPageInBothLanguages renders each GET page in Indonesian and in
// English: 200, the lang attribute, and a link to the other language.
func TestEveryPageInBothLanguages(t *testing.T) {
	pages := []struct{ url, as string }{
		{"/", ""}, {"/permohonan/dinkes-uji", ""}, {"/lacak", ""}, {"/lacak?nomor={number}&kode={token}", ""},
		{"/kalkulator", ""}, {"/kalkulator?badan=dinkes-uji&tanggal=2026-05-14&jam=10%3A00", ""},
		{"/permohonan/terdaftar/{number}", ""}, {"/staf/masuk", ""},
		{"/staf/permohonan", "ppid"}, {"/staf/permohonan/{number}", "ppid"}, {"/staf/permohonan/baru", "ppid"},
		{"/staf/permohonan/{number}/terdaftar", "ppid"}, {"/staf/kalender", "admin"}, {"/staf/kalender?badan=dinkes-uji", "admin"},
	}
	eachEngine(t, nil, func(t *testing.T, e *env) {
		var scenarios []scenario
		for _, p := range pages {
			scenarios = append(scenarios,
				scenario{name: p.url + " id", url: p.url, as: p.as, status: 200,
					want: []string{`<html lang="id">`, `hreflang="en">English</a>`, `<main id="main"`}},
				scenario{name: p.url + " en", url: p.url, as: p.as, lang: "en", status: 200,
					want: []string{`<html lang="en">`, `hreflang="id">Bahasa Indonesia</a>`, "Skip to main content"}})
		}
		e.run(t, scenarios)
	})
}
