package store

import (
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// where builds the WHERE clause of a list query with numbered parameters,
// so every list filters, searches text and judges "today" the same way.
type where struct {
	conds []string
	args  []any
}

// arg binds v and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

// and adds a condition.
func (w *where) and(cond string) { w.conds = append(w.conds, cond) }

// contains adds a case-insensitive substring match of text (trimmed; none
// when empty) over any of columns, with LIKE's wildcards escaped.
func (w *where) contains(text string, columns ...string) {
	t := strings.TrimSpace(text)
	if t == "" {
		return
	}
	p := w.arg("%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(t)) + "%")
	ors := make([]string, len(columns))
	for i, c := range columns {
		ors[i] = "LOWER(" + c + ") LIKE " + p + ` ESCAPE '\'`
	}
	w.and("(" + strings.Join(ors, " OR ") + ")")
}

// perZone adds one condition per time zone, ORed, each for the bodies of
// that zone (zoneColumn) with today being the date there: "today" is two
// hours apart between WIB and WIT around midnight.
func (w *where) perZone(clock terbuka.Clock, zoneColumn string, cond func(today workday.Date) string) {
	var zones []string
	for _, z := range terbuka.TimeZones {
		today := workday.DateOf(clock.Now().In(terbuka.BodySettings{TimeZone: z}.Location()))
		zones = append(zones, "("+zoneColumn+" = "+w.arg(z)+" AND "+cond(today)+")")
	}
	w.and("(" + strings.Join(zones, " OR ") + ")")
}

// sql is the clause: " WHERE …", or "" without conditions.
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// page binds LIMIT and OFFSET: limit ≤ 0 becomes def, more than most
// becomes most.
func (w *where) page(limit, offset, def, most int) string {
	switch {
	case limit <= 0:
		limit = def
	case limit > most:
		limit = most
	}
	return " LIMIT " + w.arg(limit) + " OFFSET " + w.arg(max(offset, 0))
}
