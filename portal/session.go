package portal

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// Staff sessions live in the database (Store.Login), so every instance
// sees them; the cookie holds only the random secret and is sent to /staf
// pages alone.
const (
	sessionCookie = "terbuka_session"
	staffPath     = "/staf"
	loginPath     = "/staf/masuk"
)

// staffHandler is a handler for a logged-in staff member.
type staffHandler func(w http.ResponseWriter, r *http.Request, u terbuka.User)

// staff requires a live session. Without one, the visitor is sent to the
// login page with next set to the page asked for (for a GET; after a POST,
// to the staff home, since a form cannot be sent again by a redirect).
func (p *Portal) staff(h staffHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var u terbuka.User
		var err error = terbuka.Errorf(terbuka.EUnauthorized, "unauthorized.login")
		if c, cerr := r.Cookie(sessionCookie); cerr == nil && c.Value != "" {
			u, err = p.Store.SessionUser(r.Context(), c.Value)
		}
		if terbuka.ErrorCode(err) == terbuka.EUnauthorized {
			next := staffPath
			if r.Method == http.MethodGet {
				next = r.URL.RequestURI()
			}
			redirect(w, r, loginPath+"?"+url.Values{"next": {next}}.Encode())
			return
		}
		if err != nil {
			p.fail(w, r, p.newPage(w, r, "portal.error.title"), err)
			return
		}
		h(w, r, u)
	}
}

// staffPage starts a page for logged-in staff.
func (p *Portal) staffPage(w http.ResponseWriter, r *http.Request, u terbuka.User, titleKey string) *page {
	pg := p.newPage(w, r, titleKey)
	pg.User = &u
	pg.Unread = p.unreadCount(r, u) // notification.go
	return pg
}

// loginView is the data of the login page.
type loginView struct{ Next string }

// loginForm serves GET /staf/masuk.
func (p *Portal) loginForm(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.login.title")
	pg.Data = loginView{Next: safeNext(r.URL.Query().Get("next"), staffPath)}
	p.render(w, r, http.StatusOK, "login", pg)
}

// login serves POST /staf/masuk: at most Portal.Login attempts per client
// address (429 beyond), then Store.Login, which also locks an account after
// repeated failures. Success sets the session cookie and goes to next.
func (p *Portal) login(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.login.title")
	view := loginView{Next: staffPath}
	pg.Data = view
	if err := parseForm(w, r); err != nil {
		p.render(w, r, p.problems(r, pg, err), "login", pg)
		return
	}
	view.Next = safeNext(r.PostForm.Get("next"), staffPath)
	pg.Data = view
	keep(pg, r, "email")
	if p.Login != nil && !p.Login.Allow(web.ClientIP(r)) {
		p.render(w, r, p.problems(r, pg, terbuka.Errorf(terbuka.ERateLimited, "rate_limited")), "login", pg)
		return
	}
	email, pw := strings.TrimSpace(r.PostForm.Get("email")), r.PostForm.Get("password")
	if email == "" || pw == "" {
		p.render(w, r, p.problems(r, pg, terbuka.Errorf(terbuka.EUnauthorized, "invalid.login")), "login", pg)
		return
	}
	_, secret, err := p.Store.Login(r.Context(), email, pw)
	if err != nil {
		p.render(w, r, p.problems(r, pg, err), "login", pg)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: staffPath,
		MaxAge: int(store.SessionLifetime.Seconds()), HttpOnly: true, Secure: p.Secure, SameSite: http.SameSiteLaxMode})
	redirect(w, r, view.Next)
}

// logout serves POST /staf/keluar: it ends the session everywhere and
// clears the cookie. It is a POST so that no link or image can log anyone
// out; CrossOriginProtection refuses it from other sites.
func (p *Portal) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := p.Store.Logout(r.Context(), c.Value); err != nil {
			p.fail(w, r, p.newPage(w, r, "portal.error.title"), err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: staffPath, MaxAge: -1,
		HttpOnly: true, Secure: p.Secure, SameSite: http.SameSiteLaxMode})
	redirect(w, r, loginPath)
}

// staffHome sends /staf to the request list.
func (p *Portal) staffHome(w http.ResponseWriter, r *http.Request, _ terbuka.User) {
	redirect(w, r, "/staf/permohonan")
}

// staffNotFound is the 404 page for unknown /staf paths, shown only to
// logged-in staff so the staff area's layout stays private.
func (p *Portal) staffNotFound(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	p.fail(w, r, p.staffPage(w, r, u, "portal.error.title"), terbuka.Errorf(terbuka.ENotFound, "not_found.page"))
}
