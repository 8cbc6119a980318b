package portal

import (
	"fmt"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/workday"
)

// T renders a message key in the page's language.
func (pg *page) T(key string, args ...any) string { return locale.T(pg.Lang, key, args...) }

// Word names an enum value: Word "obtain." "softcopy".
func (pg *page) Word(prefix string, v any) string {
	s := fmt.Sprint(v)
	if s == "" {
		return ""
	}
	return pg.T(prefix + s)
}

// Date writes a day for people: "Selasa, 27 Januari 2026".
func (pg *page) Date(d workday.Date) string { return workday.FormatDate(d, string(pg.Lang)) }

// At writes an instant in the page's zone: "Senin, 12 Januari 2026 09.00 WIB".
func (pg *page) At(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	local := t.In(pg.Loc)
	layout := "15.04 MST"
	if pg.Lang == locale.EN {
		layout = "15:04 MST"
	}
	return pg.Date(workday.DateOf(local)) + " " + local.Format(layout)
}

// Grouped writes a tracking code in groups of four so it can be copied by
// hand; the portal ignores spaces when the code is typed back.
func (pg *page) Grouped(code string) string {
	var b strings.Builder
	for i, r := range code {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// EventNote is an event's note for people: the channel of a registration
// and the words of a decision instead of their codes.
func (pg *page) EventNote(e terbuka.Event) string {
	if s, ok := pg.objectionEventNote(e); ok { // objection.go
		return s
	}
	switch e.Kind {
	case "registered":
		if c, ok := strings.CutPrefix(e.Note, "channel:"); ok {
			return pg.T("portal.event.via", pg.T("channel."+c))
		}
	case "decided":
		kind, note, _ := strings.Cut(e.Note, ": ")
		words := pg.T("decision." + kind)
		if note != "" {
			return words + ": " + note
		}
		return words
	}
	return e.Note
}

// EventKind names an event; unknown kinds show as they are.
func (pg *page) EventKind(kind string) string {
	key := "portal.event." + kind
	if !locale.Has(locale.ID, key) {
		return kind
	}
	return pg.T(key)
}

// Meaning is the Pasal 17 meaning of an exemption letter.
func (pg *page) Meaning(letter string) string { return terbuka.Pasal17[letter] }

// Or shows a dash for an empty value, so an empty cell reads as "none".
func (pg *page) Or(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// IsEN reports whether the page is in English.
func (pg *page) IsEN() bool { return pg.Lang == locale.EN }
