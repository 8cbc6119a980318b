package portal

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/terbuka-id/terbuka/locale"
)

const langCookie = "lang"

// lang is the visitor's language: ?lang=en|id first (and remembered), then
// the lang cookie, else Indonesian. Accept-Language is ignored on purpose:
// a browser set to English does not mean its user reads English better than
// Indonesian, and the portal serves Indonesians first.
func (p *Portal) lang(w http.ResponseWriter, r *http.Request) locale.Lang {
	switch r.URL.Query().Get("lang") {
	case "en":
		p.setLangCookie(w, locale.EN)
		return locale.EN
	case "id":
		p.setLangCookie(w, locale.ID)
		return locale.ID
	}
	if c, err := r.Cookie(langCookie); err == nil && c.Value == "en" {
		return locale.EN
	}
	return locale.ID
}

func (p *Portal) setLangCookie(w http.ResponseWriter, l locale.Lang) {
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: p.Secure, SameSite: http.SameSiteLaxMode})
}

// switchLang serves GET /bahasa?l=en&next=/path: it remembers the choice
// and goes back to next, which must be a path on this site.
func (p *Portal) switchLang(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	l := locale.ID
	if q.Get("l") == "en" {
		l = locale.EN
	}
	p.setLangCookie(w, l)
	redirect(w, r, safeNext(q.Get("next"), "/"))
}

// langSwitchURL links to /bahasa with the other language and the current
// page as next. After a POST the page's own path is used, since the form
// cannot be sent again by a link.
func langSwitchURL(r *http.Request, current locale.Lang) string {
	next := r.URL.Path
	if r.Method == http.MethodGet {
		q := r.URL.Query()
		q.Del("lang")
		if enc := q.Encode(); enc != "" {
			next += "?" + enc
		}
	}
	return langLink(next, current)
}

// langLink links to /bahasa with the language other than current.
func langLink(next string, current locale.Lang) string {
	other := "en"
	if current == locale.EN {
		other = "id"
	}
	return "/bahasa?" + url.Values{"l": {other}, "next": {next}}.Encode()
}

// backTo makes the language link of a page rendered after a POST return
// to the page the form lives on, since the POST's own path may have no GET.
func (pg *page) backTo(path string) { pg.LangSwitch = langLink(path, pg.Lang) }

// safeNext returns next when it is a path on this site ("/staf/..."), and
// fallback otherwise, so no link can send a visitor to another site after
// logging in or switching language.
func safeNext(next, fallback string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return fallback
	}
	return next
}
