// Package workday holds Indonesia's working-day calendar and the deadline
// arithmetic built on it. It is pure: no clock, no I/O beyond the embedded
// holiday table, so every rule can be checked with table tests.
package workday

import (
	"fmt"
	"time"
)

// Date is a calendar day without a time or a zone. It is comparable, so it
// can key maps, and its zero value is invalid.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D builds a Date; out-of-range parts are normalised as time.Date does.
func D(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf is the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads YYYY-MM-DD strictly.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return DateOf(t), nil
}

func (d Date) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// AddDays moves by n calendar days.
func (d Date) AddDays(n int) Date { return DateOf(d.time().AddDate(0, 0, n)) }

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.time().Weekday() }

// Before reports whether d is strictly earlier than o.
func (d Date) Before(o Date) bool { return d.time().Before(o.time()) }

// After reports whether d is strictly later than o.
func (d Date) After(o Date) bool { return d.time().After(o.time()) }

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// In returns the instant d begins in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// EndIn returns the last minute of d in loc: a deadline on d ends at 23:59.
func (d Date) EndIn(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 23, 59, 59, 0, loc)
}
