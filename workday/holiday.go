package workday

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
)

// Kind says why a day is off.
type Kind string

const (
	National    Kind = "national"     // libur nasional
	CutiBersama Kind = "cuti_bersama" // collective leave
	Regional    Kind = "regional"     // a body's own regional holiday
)

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool { return k == National || k == CutiBersama || k == Regional }

// Holiday is one day off with its legal source.
type Holiday struct {
	Date   Date
	Name   string
	Kind   Kind
	Source string
}

// Amendment changes the national table after publication, as the SKB of
// 7 August 2025 did when it made 18 August 2025 cuti bersama. Amendments are
// applied in order; Remove takes days out of the table.
type Amendment struct {
	ID        string
	Source    string
	Effective Date
	Add       []Holiday
	Remove    []Date
}

// Base is the embedded national table: every year's SKB, with its version.
type Base struct {
	Version  string
	Years    map[int]string // year → the decree that set it
	Holidays []Holiday
}

//go:embed data/holidays.json
var dataFS embed.FS

type fileYear struct {
	Year        int           `json:"year"`
	Source      string        `json:"source"`
	URL         string        `json:"url"`
	National    []fileHoliday `json:"national"`
	CutiBersama []fileHoliday `json:"cuti_bersama"`
}

type fileHoliday struct {
	Date   string `json:"date"`
	Name   string `json:"name"`
	Source string `json:"source,omitempty"`
}

type file struct {
	Version string     `json:"version"`
	Years   []fileYear `json:"years"`
}

// LoadBase reads the embedded national table. It fails only if the shipped
// data file is broken, which the package tests rule out.
func LoadBase() (Base, error) {
	raw, err := dataFS.ReadFile("data/holidays.json")
	if err != nil {
		return Base{}, fmt.Errorf("read holiday table: %w", err)
	}
	var f file
	if err := json.Unmarshal(raw, &f); err != nil {
		return Base{}, fmt.Errorf("decode holiday table: %w", err)
	}
	b := Base{Version: f.Version, Years: map[int]string{}}
	for _, y := range f.Years {
		b.Years[y.Year] = y.Source
		for _, group := range []struct {
			kind Kind
			list []fileHoliday
		}{{National, y.National}, {CutiBersama, y.CutiBersama}} {
			for _, h := range group.list {
				d, err := ParseDate(h.Date)
				if err != nil {
					return Base{}, fmt.Errorf("holiday table %d: %w", y.Year, err)
				}
				if d.Year != y.Year {
					return Base{}, fmt.Errorf("holiday table %d: %s lies in another year", y.Year, h.Date)
				}
				src := h.Source
				if src == "" {
					src = y.Source
				}
				b.Holidays = append(b.Holidays, Holiday{Date: d, Name: h.Name, Kind: group.kind, Source: src})
			}
		}
	}
	sort.Slice(b.Holidays, func(i, j int) bool { return b.Holidays[i].Date.Before(b.Holidays[j].Date) })
	return b, nil
}

// MustBase is LoadBase for program start-up and tests.
func MustBase() Base {
	b, err := LoadBase()
	if err != nil {
		panic(err)
	}
	return b
}
