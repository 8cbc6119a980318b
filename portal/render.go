package portal

import (
	"bytes"
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/web"
	"github.com/terbuka-id/terbuka/workday"
)

// page is what every template receives: the visitor's language, the
// layout's parts, the form being filled in with its problems, and Data,
// the page's own view model.
type page struct {
	Lang       locale.Lang
	Title      string
	LangSwitch string // link to the same page in the other language
	User       *terbuka.User
	Flash      string            // one-time success message after a redirect
	Alert      string            // page-level problem, shown at the top
	Errors     map[string]string // field path → message in Lang
	Form       url.Values        // what the visitor sent, to fill the form again
	Bodies     []terbuka.Body    // for body selects
	Loc        *time.Location    // zone of the timestamps shown
	Unread     int               // the staff member's unread notifications, in the navigation (notification.go)
	Data       any
}

// newPage starts a page in the visitor's language with a title key. For
// GET requests it also takes the one-time flash message, if any.
func (p *Portal) newPage(w http.ResponseWriter, r *http.Request, titleKey string) *page {
	lang := p.lang(w, r)
	pg := &page{Lang: lang, Title: locale.T(lang, titleKey), LangSwitch: langSwitchURL(r, lang),
		Errors: map[string]string{}, Form: url.Values{}, Loc: workday.Jakarta}
	if r.Method == http.MethodGet {
		pg.Flash = p.takeFlash(w, r, lang)
	}
	return pg
}

// render writes page name with status. The page is rendered into a buffer
// first, so a template error becomes a clean 500 instead of half a page.
func (p *Portal) render(w http.ResponseWriter, r *http.Request, status int, name string, pg *page) {
	t, ok := p.pages[name]
	if !ok {
		p.Log.ErrorContext(r.Context(), "portal: unknown page", "page", name)
		http.Error(w, locale.T(pg.Lang, "internal"), http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.tmpl.ExecuteTemplate(&buf, "layout", pg); err != nil {
		p.Log.ErrorContext(r.Context(), "portal: render page", "page", name, "err", err)
		http.Error(w, locale.T(pg.Lang, "internal"), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Pages can hold personal data or a tracking code: never store them
	// in shared or browser caches.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail renders the error page for err with the status web.Describe maps
// it to. Internal errors are logged there and shown only generically.
func (p *Portal) fail(w http.ResponseWriter, r *http.Request, pg *page, err error) {
	status, body := web.Describe(r, p.Log, err, pg.Lang)
	pg.Title = locale.T(pg.Lang, "portal.error.title")
	pg.Alert, pg.Errors = "", map[string]string{}
	view := errorView{Status: status, Message: body.Error.Message}
	for _, m := range body.Error.Fields {
		view.Details = append(view.Details, m)
	}
	sort.Strings(view.Details)
	pg.Data = view
	p.render(w, r, status, "error", pg)
}

// errorView is the error page's data.
type errorView struct {
	Status  int
	Message string
	Details []string // what is wrong with each parameter, if anything
}

// problems puts err's message and field messages on the page and returns
// the status to render with. Field paths are the form's input names.
func (p *Portal) problems(r *http.Request, pg *page, err error) int {
	status, body := web.Describe(r, p.Log, err, pg.Lang)
	pg.Alert = body.Error.Message
	for k, v := range body.Error.Fields {
		pg.Errors[k] = v
	}
	return status
}

// notFound is the HTML 404 page for any path no other handler serves.
func (p *Portal) notFound(w http.ResponseWriter, r *http.Request) {
	p.fail(w, r, p.newPage(w, r, "portal.error.title"), terbuka.Errorf(terbuka.ENotFound, "not_found.page"))
}

// redirect answers a POST (or a GET that moves on) with 303 See Other.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}
