package workday

import (
	"math/rand/v2"
	"testing"
	"time"
)

var regionalUji = []Holiday{
	{Date: D(2026, 6, 22), Name: "Hari Jadi Kota Uji"},
	{Date: D(2026, 8, 17), Name: "Syukuran daerah"}, // on a national holiday: the national one wins
}

func TestDayOff(t *testing.T) {
	tests := []struct {
		name    string
		opt     Options
		day     Date
		off     bool
		kind    string
		holiday string
		weekday time.Weekday
	}{
		{name: "ordinary monday", day: D(2026, 1, 12)},
		{name: "national holiday", day: D(2026, 1, 16), off: true, kind: "national", holiday: "Isra Mikraj Nabi Muhammad SAW", weekday: time.Friday},
		{name: "cuti bersama", day: D(2026, 3, 18), off: true, kind: "cuti_bersama",
			holiday: "Cuti bersama Hari Suci Nyepi Tahun Baru Saka 1948", weekday: time.Wednesday},
		{name: "saturday", day: D(2026, 1, 17), off: true, kind: "weekend", weekday: time.Saturday},
		{name: "sunday", day: D(2026, 1, 18), off: true, kind: "weekend", weekday: time.Sunday},
		{name: "holiday on a saturday names the holiday", day: D(2026, 3, 21), off: true, kind: "national",
			holiday: "Idulfitri 1447 Hijriah", weekday: time.Saturday},
		{name: "regional", opt: Options{Regional: regionalUji}, day: D(2026, 6, 22), off: true, kind: "regional",
			holiday: "Hari Jadi Kota Uji", weekday: time.Monday},
		{name: "national outranks regional", opt: Options{Regional: regionalUji}, day: D(2026, 8, 17), off: true,
			kind: "national", holiday: "Proklamasi Kemerdekaan Republik Indonesia", weekday: time.Monday},
		{name: "cuti bersama as a workday", opt: Options{CutiBersamaIsWorkday: true}, day: D(2026, 3, 18)},
		{name: "national holiday stays with cuti as workday", opt: Options{CutiBersamaIsWorkday: true}, day: D(2026, 3, 19),
			off: true, kind: "national", holiday: "Hari Suci Nyepi Tahun Baru Saka 1948", weekday: time.Thursday},
		{name: "2025 amendment day", day: D(2025, 8, 18), off: true, kind: "cuti_bersama",
			holiday: "Cuti bersama HUT ke-80 Kemerdekaan Republik Indonesia", weekday: time.Monday},
		{name: "year without data", day: D(2027, 1, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cal(t, tt.opt)
			skip, off := c.DayOff(tt.day)
			if off != tt.off || c.IsWorkingDay(tt.day) == tt.off {
				t.Fatalf("DayOff(%s) off = %v, want %v", tt.day, off, tt.off)
			}
			if !off {
				if skip != (Skip{}) {
					t.Fatalf("working day with a reason: %+v", skip)
				}
				return
			}
			if skip.Date != tt.day || skip.Kind != tt.kind || skip.Name != tt.holiday || skip.Weekday != tt.weekday {
				t.Fatalf("DayOff(%s) = %+v, want %s %q on %s", tt.day, skip, tt.kind, tt.holiday, tt.weekday)
			}
		})
	}
}

func TestSkipReason(t *testing.T) {
	tests := []struct {
		skip   Skip
		id, en string
	}{
		{Skip{Kind: "weekend"}, "akhir pekan", "weekend"},
		{Skip{Kind: "national", Name: "Hari Buruh"}, "libur nasional: Hari Buruh", "national holiday: Hari Buruh"},
		{Skip{Kind: "cuti_bersama", Name: "Cuti Natal"}, "cuti bersama: Cuti Natal", "collective leave (cuti bersama): Cuti Natal"},
		{Skip{Kind: "regional", Name: "Hari Jadi"}, "libur daerah: Hari Jadi", "regional holiday: Hari Jadi"},
	}
	for _, tt := range tests {
		t.Run(tt.skip.Kind, func(t *testing.T) {
			if got := SkipReason(tt.skip, "id"); got != tt.id {
				t.Errorf("id: %q, want %q", got, tt.id)
			}
			if got := SkipReason(tt.skip, "en"); got != tt.en {
				t.Errorf("en: %q, want %q", got, tt.en)
			}
		})
	}
}

func TestHolidays(t *testing.T) {
	tests := []struct {
		name     string
		opt      Options
		year     int
		want     int
		regional int
	}{
		{"2026 national table", Options{}, 2026, 25, 0},
		{"2026 with a regional day", Options{Regional: regionalUji[:1]}, 2026, 26, 1},
		{"a regional day on a national holiday is listed once", Options{Regional: regionalUji}, 2026, 26, 1},
		{"cuti bersama as workdays", Options{CutiBersamaIsWorkday: true, Regional: regionalUji[:1]}, 2026, 18, 1},
		{"2025 with the august amendment", Options{}, 2025, 28, 0},
		{"regional days stay in their year", Options{Regional: regionalUji}, 2025, 28, 0},
		{"no data", Options{}, 2027, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := cal(t, tt.opt).Holidays(tt.year)
			if len(list) != tt.want {
				t.Fatalf("Holidays(%d) has %d days, want %d", tt.year, len(list), tt.want)
			}
			regional := 0
			for i, h := range list {
				if h.Date.Year != tt.year || h.Name == "" || !h.Kind.Valid() {
					t.Fatalf("bad entry %+v", h)
				}
				if i > 0 && !list[i-1].Date.Before(h.Date) {
					t.Fatalf("not sorted or duplicated: %s then %s", list[i-1].Date, h.Date)
				}
				if tt.opt.CutiBersamaIsWorkday && h.Kind == CutiBersama {
					t.Fatalf("cuti bersama listed as a day off: %+v", h)
				}
				if h.Kind == Regional {
					regional++
					if h.Date != D(2026, 6, 22) || h.Name != "Hari Jadi Kota Uji" {
						t.Fatalf("regional entry %+v", h)
					}
				}
			}
			if regional != tt.regional {
				t.Fatalf("%d regional days, want %d", regional, tt.regional)
			}
		})
	}
}

// TestAddWorkingDays_Property checks AddWorkingDays against its definition
// on random dates over the loaded years and the first unknown one: the
// result is from itself for n = 0; otherwise a later working day with
// exactly n working days in (from, result], every other day skipped.
func TestAddWorkingDays_Property(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 14))
	cals := map[string]*Calendar{
		"default":          cal(t, Options{}),
		"cuti as workday":  cal(t, Options{CutiBersamaIsWorkday: true}),
		"regional, in WIT": cal(t, Options{Regional: regionalUji, Location: mustZone("Asia/Jayapura")}),
	}
	start := D(2025, 1, 1)
	for name, c := range cals {
		t.Run(name, func(t *testing.T) {
			for i := 0; i < 3000; i++ {
				from := start.AddDays(rng.IntN(3 * 365))
				n := rng.IntN(41)
				got := c.AddWorkingDays(from, n)
				if got.From != from || got.Days != n {
					t.Fatalf("span %+v does not echo its input %s, %d", got, from, n)
				}
				if n == 0 {
					if got.Date != from || len(got.Skipped) != 0 {
						t.Fatalf("AddWorkingDays(%s, 0) = %+v", from, got)
					}
					continue
				}
				if !got.Date.After(from) || !c.IsWorkingDay(got.Date) {
					t.Fatalf("AddWorkingDays(%s, %d) = %s: not a later working day", from, n, got.Date)
				}
				working, off := 0, 0
				for d := from.AddDays(1); !d.After(got.Date); d = d.AddDays(1) {
					if c.IsWorkingDay(d) {
						working++
					} else {
						if off >= len(got.Skipped) || got.Skipped[off].Date != d {
							t.Fatalf("AddWorkingDays(%s, %d): skipped list %+v lacks %s", from, n, got.Skipped, d)
						}
						off++
					}
				}
				if working != n || off != len(got.Skipped) {
					t.Fatalf("AddWorkingDays(%s, %d) = %s: %d working days in between, %d skipped (%d listed)",
						from, n, got.Date, working, off, len(got.Skipped))
				}
				if next := c.NextWorkingDay(from); next != c.AddWorkingDays(from, 1).Date || !next.After(from) {
					t.Fatalf("NextWorkingDay(%s) = %s", from, next)
				}
			}
		})
	}
}

// TestEffectiveReceipt_Property: whatever the moment, the request counts as
// received on a working day, never before the local date it was sent, and
// no later than the next working day after it.
func TestEffectiveReceipt_Property(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2008))
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, zone := range []string{"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"} {
		c := cal(t, Options{Location: mustZone(zone), Regional: regionalUji})
		t.Run(zone, func(t *testing.T) {
			for i := 0; i < 3000; i++ {
				at := base.Add(time.Duration(rng.Int64N(int64(2 * 365 * 24 * time.Hour))))
				local := DateOf(at.In(c.Location()))
				got, how, _ := c.EffectiveReceipt(at)
				if !c.IsWorkingDay(got) || got.Before(local) || got.After(c.NextWorkingDay(local)) {
					t.Fatalf("EffectiveReceipt(%s) = %s (%s), local date %s", at.In(c.Location()), got, how, local)
				}
				if (got == local) != (how == InHours || how == BeforeHours) {
					t.Fatalf("EffectiveReceipt(%s) = %s with reason %s", at.In(c.Location()), got, how)
				}
			}
		})
	}
}
