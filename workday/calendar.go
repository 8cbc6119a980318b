package workday

import (
	"fmt"
	"sort"
	"time"
)

// OfficeHours is the window, in minutes after local midnight, in which a
// body receives requests on a working day. Close is exclusive.
type OfficeHours struct {
	Open  int
	Close int
}

// DefaultOfficeHours is 08:00–16:00, DOMAIN.md's default.
var DefaultOfficeHours = OfficeHours{Open: 8 * 60, Close: 16 * 60}

// Valid reports whether the window lies within one day and is not empty.
func (h OfficeHours) Valid() bool {
	return h.Open >= 0 && h.Close <= 24*60 && h.Open < h.Close
}

// ParseClock reads "HH:MM" into minutes after midnight.
func ParseClock(s string) (int, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("parse clock %q: %w", s, err)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// FormatClock writes minutes after midnight as "HH:MM".
func FormatClock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// Options are the per-body settings a calendar is built with.
type Options struct {
	Location *time.Location // nil means Asia/Jakarta
	Hours    OfficeHours    // zero means DefaultOfficeHours
	// CutiBersamaIsWorkday makes cuti bersama count as working days; by
	// default (DOMAIN.md section 9) deadlines skip them.
	CutiBersamaIsWorkday bool
	Regional             []Holiday
	// RegionalRevision identifies the body's regional table in Version.
	RegionalRevision int
}

// Calendar answers which days are working days for one body.
type Calendar struct {
	version string
	days    map[Date]Holiday
	years   map[int]bool
	loc     *time.Location
	hours   OfficeHours
}

// Jakarta is WIB, the default zone. Loaded once; the binary embeds tzdata.
var Jakarta = mustZone("Asia/Jakarta")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// New builds the calendar of base with amendments applied in order and the
// body's own options on top. Later entries for the same day win.
func New(base Base, amendments []Amendment, opt Options) *Calendar {
	c := &Calendar{days: map[Date]Holiday{}, years: map[int]bool{}, loc: opt.Location, hours: opt.Hours}
	if c.loc == nil {
		c.loc = Jakarta
	}
	if c.hours == (OfficeHours{}) {
		c.hours = DefaultOfficeHours
	}
	for y := range base.Years {
		c.years[y] = true
	}
	add := func(h Holiday) {
		if h.Kind == CutiBersama && opt.CutiBersamaIsWorkday {
			return
		}
		if prev, ok := c.days[h.Date]; ok && prev.Kind == National && h.Kind != National {
			return // a national holiday outranks leave or a regional day on the same date
		}
		c.days[h.Date] = h
	}
	for _, h := range base.Holidays {
		add(h)
	}
	c.version = base.Version
	for _, a := range amendments {
		for _, d := range a.Remove {
			if h, ok := c.days[d]; ok && h.Kind != Regional {
				delete(c.days, d)
			}
		}
		for _, h := range a.Add {
			c.years[h.Date.Year] = true
			add(h)
		}
	}
	if len(amendments) > 0 {
		c.version += fmt.Sprintf("+A%d", len(amendments))
	}
	for _, h := range opt.Regional {
		h.Kind = Regional
		add(h)
	}
	if opt.RegionalRevision > 0 {
		c.version += fmt.Sprintf("+R%d", opt.RegionalRevision)
	}
	return c
}

// Version names the data this calendar was built from; every stored
// deadline keeps it so it can be explained and recomputed later.
func (c *Calendar) Version() string { return c.version }

// Location is the body's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Hours is the body's office-hours window.
func (c *Calendar) Hours() OfficeHours { return c.hours }

// HasYear reports whether national holiday data is loaded for year y.
func (c *Calendar) HasYear(y int) bool { return c.years[y] }

// Skip is one day that was not counted, with why.
type Skip struct {
	Date    Date
	Kind    string // "weekend" or a holiday Kind
	Name    string
	Weekday time.Weekday
}

// DayOff reports whether d is not a working day and why.
func (c *Calendar) DayOff(d Date) (Skip, bool) {
	if h, ok := c.days[d]; ok {
		return Skip{Date: d, Kind: string(h.Kind), Name: h.Name, Weekday: d.Weekday()}, true
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return Skip{Date: d, Kind: "weekend", Weekday: wd}, true
	}
	return Skip{}, false
}

// IsWorkingDay reports whether d counts towards a deadline.
func (c *Calendar) IsWorkingDay(d Date) bool {
	_, off := c.DayOff(d)
	return !off
}

// Span is the result of counting working days, with every day skipped.
type Span struct {
	From    Date
	Days    int
	Date    Date
	Skipped []Skip
}

// AddWorkingDays returns the n-th working day after from; from itself is
// never counted. n <= 0 returns from unchanged.
func (c *Calendar) AddWorkingDays(from Date, n int) Span {
	s := Span{From: from, Days: n, Date: from}
	d := from
	for counted := 0; counted < n; {
		d = d.AddDays(1)
		if skip, off := c.DayOff(d); off {
			s.Skipped = append(s.Skipped, skip)
			continue
		}
		counted++
	}
	s.Date = d
	return s
}

// NextWorkingDay is the first working day strictly after d.
func (c *Calendar) NextWorkingDay(d Date) Date { return c.AddWorkingDays(d, 1).Date }

// Holidays lists the days off of year y (not weekends), sorted by date.
func (c *Calendar) Holidays(y int) []Holiday {
	var out []Holiday
	for d, h := range c.days {
		if d.Year == y {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Date == out[j].Date {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Date.Before(out[j].Date)
	})
	return out
}

// Receipt says how the effective receipt date was reached.
type Receipt string

const (
	InHours     Receipt = "in_hours"     // received during office hours
	BeforeHours Receipt = "before_hours" // before opening on a working day: counts that day
	AfterHours  Receipt = "after_hours"  // after closing: counts the next working day
	OnDayOff    Receipt = "day_off"      // on a weekend or holiday: counts the next working day
)

// EffectiveReceipt is the working day a submission at t counts as received:
// the day of the next moment the office is open at or after t.
func (c *Calendar) EffectiveReceipt(t time.Time) (Date, Receipt, []Skip) {
	local := t.In(c.loc)
	d := DateOf(local)
	if skip, off := c.DayOff(d); off {
		next := c.AddWorkingDays(d, 1)
		return next.Date, OnDayOff, append([]Skip{skip}, next.Skipped...)
	}
	minute := local.Hour()*60 + local.Minute()
	switch {
	case minute < c.hours.Open:
		return d, BeforeHours, nil
	case minute < c.hours.Close:
		return d, InHours, nil
	default:
		next := c.AddWorkingDays(d, 1)
		return next.Date, AfterHours, next.Skipped
	}
}

// Later returns the later of a deadline already given and a recomputed one:
// an amendment may lengthen a deadline, never shorten one a requester has
// been told (DOMAIN.md section 9).
func Later(given, recomputed Date) Date {
	if recomputed.After(given) {
		return recomputed
	}
	return given
}
