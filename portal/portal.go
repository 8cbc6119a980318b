// Package portal serves Terbuka's HTML pages: the public pages where a
// citizen files and tracks an information request (permohonan informasi
// publik) and checks a deadline, and the /staf pages where PPID staff work
// through requests, register paper requests, download the buku register and
// keep the working-day calendar.
//
// Every page works without JavaScript: plain links and forms, POST then
// redirect then GET. Pages are Indonesian by default and English when the
// visitor chooses it (a "lang" cookie set by /bahasa, or ?lang=en); the
// browser's Accept-Language is ignored on purpose. Templates and the style
// sheet are embedded and parsed once by Init. Errors map to statuses through
// web.Describe, the same mapping the JSON API uses.
package portal

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// Portal holds what the handlers need. Set the exported fields in main,
// call Init once, then Routes.
type Portal struct {
	Store  *store.Store
	Log    *slog.Logger // nil discards logs
	Login  *web.Limiter // per-IP limit on staff login attempts; nil for none
	Intake *web.Limiter // per-IP limit on public form submissions; nil for none
	Secure bool         // set the Secure flag on cookies (serve over HTTPS)
	// BaseURL is the portal's public address ("https://ppid.example.go.id")
	// for the absolute links of the Atom feed, the sitemap and robots.txt;
	// empty means the address each request came to.
	BaseURL string
	// SitemapPageSize is the most URLs one sitemap file holds; 0 means the
	// protocol's 50,000. Tests set it small to see the split.
	SitemapPageSize int

	pages  map[string]*pageTemplate
	static http.Handler
}

// Init parses the embedded templates and prepares the static files. It
// must be called once before Routes; an error means a broken template.
func (p *Portal) Init() error {
	if p.Store == nil {
		return errors.New("portal: Store is required")
	}
	if p.Log == nil {
		p.Log = slog.New(slog.DiscardHandler)
	}
	pages, err := parseTemplates()
	if err != nil {
		return err
	}
	p.pages = pages
	p.static = staticHandler()
	return nil
}

// Routes registers every portal page on mux. It panics when Init has not
// been called, since that is a wiring mistake, not a runtime condition.
// It registers the catch-all "/" (an HTML 404 page), so mount other
// packages on more specific patterns (as /api/, /healthz and /metrics are).
func (p *Portal) Routes(mux *http.ServeMux) {
	if p.pages == nil {
		panic("portal: Routes called before Init")
	}
	mux.Handle("GET /static/", p.static)
	mux.HandleFunc("GET /{$}", p.home)
	mux.HandleFunc("GET /bahasa", p.switchLang)

	mux.HandleFunc("GET /permohonan/{slug}", p.requestForm)
	mux.HandleFunc("POST /permohonan/{slug}", p.submitRequest)
	mux.HandleFunc("GET /permohonan/terdaftar/{number}", p.requestRegistered)
	mux.HandleFunc("GET /lacak", p.track)
	mux.HandleFunc("POST /lacak", p.track)
	mux.HandleFunc("GET /lacak/{number}/tanda-bukti.pdf", p.receipt)
	mux.HandleFunc("POST /lacak/{number}/tanda-bukti.pdf", p.receipt)
	mux.HandleFunc("GET /kalkulator", p.calculator)

	mux.HandleFunc("GET /staf/masuk", p.loginForm)
	mux.HandleFunc("POST /staf/masuk", p.login)
	mux.HandleFunc("POST /staf/keluar", p.logout)
	mux.HandleFunc("GET /staf", p.staff(p.staffHome))
	mux.HandleFunc("GET /staf/{$}", p.staff(p.staffHome))
	mux.HandleFunc("GET /staf/permohonan", p.staff(p.listRequests))
	mux.HandleFunc("GET /staf/permohonan/baru", p.staff(p.intakeForm))
	mux.HandleFunc("POST /staf/permohonan/baru", p.staff(p.registerIntake))
	mux.HandleFunc("GET /staf/permohonan/{number}", p.staff(p.showRequest))
	mux.HandleFunc("GET /staf/permohonan/{number}/terdaftar", p.staff(p.intakeRegistered))
	mux.HandleFunc("POST /staf/permohonan/{number}/perpanjang", p.staff(p.extendRequest))
	mux.HandleFunc("POST /staf/permohonan/{number}/keputusan", p.staff(p.decideRequest))
	mux.HandleFunc("GET /staf/register.xlsx", p.staff(p.registerXLSX))
	mux.HandleFunc("GET /staf/register.csv", p.staff(p.registerCSV))
	mux.HandleFunc("GET /staf/kalender", p.staff(p.admin(p.calendarPage)))
	mux.HandleFunc("POST /staf/kalender/pengaturan", p.staff(p.calendarAction(p.updateSettings)))
	mux.HandleFunc("POST /staf/kalender/libur", p.staff(p.calendarAction(p.addHoliday)))
	mux.HandleFunc("POST /staf/kalender/libur/{id}/hapus", p.staff(p.calendarAction(p.deleteHoliday)))
	mux.HandleFunc("POST /staf/kalender/perubahan", p.staff(p.calendarAction(p.loadAmendment)))
	p.routingRoutes(mux) // perlu dilengkapi, disposisi (incomplete.go)
	p.noticeRoutes(mux)  // notices, fees, released files (notice.go)
	// Keberatan and sengketa (objection.go).
	p.objectionRoutes(mux)
	p.notificationRoutes(mux) // in-app notifications (notification.go)
	p.auditRoutes(mux)        // a request's audit history (audit.go)
	p.catalogueRoutes(mux)    // the public catalogue, feed, sitemap and the staff's catalogue (catalogue.go)
	// Bulk import of a DIP from XLSX/CSV (catalogue_import.go).
	p.catalogueImportRoutes(mux)
	mux.HandleFunc("/staf/", p.staff(p.staffNotFound))
	mux.HandleFunc("/", p.notFound)
}
