package portal

import (
	"net/http"
	"strings"
	"time"
)

// The tracking code is shown once, on the page the form redirects to. It
// crosses the redirect in a cookie that only that page receives (its Path
// is the page), lives ten minutes, is HttpOnly and SameSite=Strict, and is
// cleared when the page is shown. So the code never appears in a URL, a
// log line, the browser history or a Referer header.
const (
	handoffCookie = "terbuka_kode"
	handoffMaxAge = 10 * time.Minute
)

// handOff stores token for the result page at path.
func (p *Portal) handOff(w http.ResponseWriter, path, token string) {
	http.SetCookie(w, &http.Cookie{Name: handoffCookie, Value: token, Path: path, MaxAge: int(handoffMaxAge.Seconds()),
		HttpOnly: true, Secure: p.Secure, SameSite: http.SameSiteStrictMode})
}

// takeHandOff returns the token handed to this page, if any, and clears it.
func (p *Portal) takeHandOff(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(handoffCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: handoffCookie, Value: "", Path: r.URL.Path, MaxAge: -1,
		HttpOnly: true, Secure: p.Secure, SameSite: http.SameSiteStrictMode})
	return strings.TrimSpace(c.Value)
}

// normalizeCode undoes the grouping of a tracking code as shown on pages
// and receipts: spaces and dashes go, letters become lower case.
func normalizeCode(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, s))
}
