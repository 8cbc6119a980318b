// Package locale renders message keys in Indonesian (the default) or
// English. Legal terms (PPID, keberatan, DIP) stay Indonesian in both.
package locale

import (
	"fmt"
	"strings"

	"github.com/terbuka-id/terbuka"
)

// Lang is "id" or "en".
type Lang string

const (
	ID Lang = "id"
	EN Lang = "en"
)

// Parse picks a language from an Accept-Language header or a "lang"
// parameter: English only when asked for, Indonesian otherwise.
func Parse(s string) Lang {
	for _, part := range strings.Split(s, ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case tag == "id" || strings.HasPrefix(tag, "id-") || tag == "in":
			return ID
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			return EN
		}
	}
	return ID
}

// T renders key in lang; unknown keys render as themselves so a missing
// translation is visible rather than silent.
func T(lang Lang, key string, args ...any) string {
	cat := id
	if lang == EN {
		cat = en
	}
	f, ok := cat[key]
	if !ok {
		if f, ok = id[key]; !ok {
			return key
		}
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Msg renders a domain message.
func Msg(lang Lang, m terbuka.Msg) string { return T(lang, m.Key, m.Args...) }

// Keys lists every key of the Indonesian catalogue (for tests).
func Keys() []string {
	out := make([]string, 0, len(id))
	for k := range id {
		out = append(out, k)
	}
	return out
}

// Has reports whether lang has its own text for key.
func Has(lang Lang, key string) bool {
	if lang == EN {
		_, ok := en[key]
		return ok
	}
	_, ok := id[key]
	return ok
}
