package portal

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka/locale"
)

// Flash messages tell staff that an action worked, across the redirect
// that follows it. The cookie carries a message key and at most one number,
// never free text, so it cannot be used to inject words into a page.
const (
	flashCookie = "terbuka_flash"
	flashPrefix = "portal.flash."
)

// setFlash remembers key (portal.flash.*) and, for a message that shows
// one, its count for the next staff page.
func (p *Portal) setFlash(w http.ResponseWriter, key string, n ...int) {
	v := strings.TrimPrefix(key, flashPrefix)
	if len(n) > 0 {
		v += "." + strconv.Itoa(n[0])
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: v, Path: staffPath, MaxAge: 60,
		HttpOnly: true, Secure: p.Secure, SameSite: http.SameSiteLaxMode})
}

// takeFlash reads and clears the flash message, if any, in lang.
func (p *Portal) takeFlash(w http.ResponseWriter, r *http.Request, lang locale.Lang) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: staffPath, MaxAge: -1,
		HttpOnly: true, Secure: p.Secure, SameSite: http.SameSiteLaxMode})
	name, num, hasNum := strings.Cut(c.Value, ".")
	key := flashPrefix + name
	// A count is shown only by a message made for one, and such a message
	// is never shown without it.
	if !locale.Has(locale.ID, key) || hasNum != strings.Contains(locale.T(locale.ID, key), "%d") {
		return ""
	}
	if hasNum {
		n, err := strconv.Atoi(num)
		if err != nil {
			return ""
		}
		return locale.T(lang, key, n)
	}
	return locale.T(lang, key)
}
