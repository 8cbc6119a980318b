package register

import (
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

// kind is what a cell holds, so that each writer can store it natively:
// XLSX keeps numbers and dates as numbers, CSV writes them as text.
type kind int

const (
	textCell   kind = iota
	numberCell      // a whole number (the No column)
	dateCell        // a calendar day
	timeCell        // a wall-clock timestamp
)

// cell is one value of the register. Only the field that matches kind is
// set; a zero date or time is an empty cell.
type cell struct {
	kind kind
	text string
	n    int
	date workday.Date
	at   time.Time
}

// text is a text cell; "" becomes "-", the register's mark for "nothing to
// record", so a blank never looks like a value someone forgot to fill in.
func text(s string) cell {
	if s == "" {
		s = "-"
	}
	return cell{kind: textCell, text: s}
}

func number(n int) cell { return cell{kind: numberCell, n: n} }

func date(d workday.Date) cell { return cell{kind: dateCell, date: d} }

func timestamp(t time.Time) cell { return cell{kind: timeCell, at: t} }

// empty reports whether a date or timestamp cell has no value.
func (c cell) empty() bool {
	return (c.kind == dateCell && c.date.IsZero()) || (c.kind == timeCell && c.at.IsZero())
}

// String is the cell as text: dates as YYYY-MM-DD and timestamps as
// YYYY-MM-DD HH:MM, so that a text sort is a date sort; empty cells are "".
func (c cell) String() string {
	switch {
	case c.empty():
		return ""
	case c.kind == numberCell:
		return strconv.Itoa(c.n)
	case c.kind == dateCell:
		return c.date.String()
	case c.kind == timeCell:
		return c.at.Format("2006-01-02 15:04")
	}
	return c.text
}
