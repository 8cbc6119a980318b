package workday

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func cal(t *testing.T, opt Options) *Calendar {
	t.Helper()
	return New(MustBase(), nil, opt)
}

func TestAddWorkingDays_DomainWorkedExamples(t *testing.T) {
	c := cal(t, Options{})
	tests := []struct {
		name     string
		from     Date
		days     int
		want     Date
		extended Date
	}{
		{"isra mikraj skipped", D(2026, 1, 12), 10, D(2026, 1, 27), D(2026, 2, 5)},
		{"lebaran 2026 run", D(2026, 3, 16), 10, D(2026, 4, 7), D(2026, 4, 16)},
		{"year end 2025 into 2026", D(2025, 12, 22), 10, D(2026, 1, 8), D(2026, 1, 20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkingDays(tt.from, tt.days)
			if got.Date != tt.want {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.days, got.Date, tt.want)
			}
			if ext := c.AddWorkingDays(got.Date, 7).Date; ext != tt.extended {
				t.Fatalf("extension of %s = %s, want %s", got.Date, ext, tt.extended)
			}
		})
	}
}

func TestAddWorkingDays_TableOfEdges(t *testing.T) {
	c := cal(t, Options{})
	tests := []struct {
		name string
		from Date
		days int
		want Date
	}{
		{"zero days is the same day", D(2026, 1, 12), 0, D(2026, 1, 12)},
		{"friday plus one is monday", D(2026, 1, 9), 1, D(2026, 1, 12)},
		{"from saturday counts monday as first", D(2026, 1, 10), 1, D(2026, 1, 12)},
		{"from a holiday is never counted", D(2026, 1, 1), 1, D(2026, 1, 2)},
		{"new year 2026 skipped", D(2025, 12, 31), 1, D(2026, 1, 2)},
		{"christmas and cuti bersama 2025", D(2025, 12, 24), 1, D(2025, 12, 29)},
		{"christmas eve cuti bersama 2026", D(2026, 12, 23), 1, D(2026, 12, 28)},
		{"lebaran 2025 whole run", D(2025, 3, 27), 1, D(2025, 4, 8)},
		{"18 august 2025 amendment day skipped", D(2025, 8, 15), 1, D(2025, 8, 19)},
		{"waisak and cuti bersama 2025", D(2025, 5, 9), 2, D(2025, 5, 15)},
		{"iduladha 2026 with cuti", D(2026, 5, 26), 1, D(2026, 5, 29)},
		{"leap-free february 2026", D(2026, 2, 13), 2, D(2026, 2, 19)},
		{"2027 has no data: weekends only", D(2026, 12, 31), 1, D(2027, 1, 1)},
		{"ten days from new year's eve 2025", D(2025, 12, 31), 10, D(2026, 1, 15)},
		{"ten days over christmas 2025 and new year", D(2025, 12, 24), 10, D(2026, 1, 12)},
		{"ten days from 23 december 2026 into 2027 without data", D(2026, 12, 23), 10, D(2027, 1, 8)},
		{"2027 new year's day counts without data", D(2026, 12, 31), 2, D(2027, 1, 4)},
		{"nyepi and idulfitri 2026 run", D(2026, 3, 17), 1, D(2026, 3, 25)},
		{"negative days is the same day", D(2026, 1, 12), -3, D(2026, 1, 12)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.AddWorkingDays(tt.from, tt.days).Date; got != tt.want {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.days, got, tt.want)
			}
		})
	}
}

func TestCutiBersamaCanCountAsWorkday(t *testing.T) {
	c := cal(t, Options{CutiBersamaIsWorkday: true})
	// 2026-03-18 is cuti bersama (Nyepi) and 19 March is Nyepi itself.
	if got := c.AddWorkingDays(D(2026, 3, 17), 1).Date; got != D(2026, 3, 18) {
		t.Fatalf("got %s, want 2026-03-18 when cuti bersama is a workday", got)
	}
	if got := c.AddWorkingDays(D(2026, 3, 18), 1).Date; got != D(2026, 3, 20) {
		t.Fatalf("got %s, want 2026-03-20: Nyepi stays a holiday", got)
	}
}

func TestRegionalHolidaysAreSkipped(t *testing.T) {
	c := cal(t, Options{Regional: []Holiday{{Date: D(2026, 1, 13), Name: "Hari Jadi Provinsi"}}, RegionalRevision: 3})
	got := c.AddWorkingDays(D(2026, 1, 12), 1)
	if got.Date != D(2026, 1, 14) {
		t.Fatalf("got %s, want 2026-01-14", got.Date)
	}
	if len(got.Skipped) != 1 || got.Skipped[0].Kind != string(Regional) {
		t.Fatalf("skipped = %+v, want one regional day", got.Skipped)
	}
	if !strings.HasSuffix(c.Version(), "+R3") {
		t.Fatalf("version %q does not name the regional revision", c.Version())
	}
}

func TestEffectiveReceipt(t *testing.T) {
	wita := mustZone("Asia/Makassar")
	wit := mustZone("Asia/Jayapura")
	utc := func(y int, m time.Month, d, h, min, sec int) time.Time {
		return time.Date(y, m, d, h, min, sec, 0, time.UTC)
	}
	tests := []struct {
		name string
		opt  Options
		at   time.Time
		want Date
		how  Receipt
	}{
		{"in hours", Options{}, time.Date(2026, 1, 12, 10, 0, 0, 0, Jakarta), D(2026, 1, 12), InHours},
		{"before opening counts that day", Options{}, time.Date(2026, 1, 12, 6, 30, 0, 0, Jakarta), D(2026, 1, 12), BeforeHours},
		{"at closing counts next day", Options{}, time.Date(2026, 1, 12, 16, 0, 0, 0, Jakarta), D(2026, 1, 13), AfterHours},
		{"friday evening counts monday", Options{}, time.Date(2026, 1, 9, 20, 0, 0, 0, Jakarta), D(2026, 1, 12), AfterHours},
		{"thursday evening before isra mikraj", Options{}, time.Date(2026, 1, 15, 17, 0, 0, 0, Jakarta), D(2026, 1, 19), AfterHours},
		{"saturday counts monday", Options{}, time.Date(2026, 1, 10, 10, 0, 0, 0, Jakarta), D(2026, 1, 12), OnDayOff},
		{"on a holiday", Options{}, time.Date(2026, 1, 16, 10, 0, 0, 0, Jakarta), D(2026, 1, 19), OnDayOff},
		{"lebaran 2026", Options{}, time.Date(2026, 3, 19, 9, 0, 0, 0, Jakarta), D(2026, 3, 25), OnDayOff},
		{"utc instant read in WIB", Options{}, time.Date(2026, 1, 12, 9, 30, 0, 0, time.UTC), D(2026, 1, 13), AfterHours},
		{"utc instant read in WITA", Options{Location: wita}, time.Date(2026, 1, 12, 7, 30, 0, 0, time.UTC), D(2026, 1, 12), InHours},
		{"utc late sunday is monday morning in WIB", Options{}, time.Date(2026, 1, 11, 23, 0, 0, 0, time.UTC), D(2026, 1, 12), BeforeHours},
		{"custom hours", Options{Hours: OfficeHours{Open: 7 * 60, Close: 15 * 60}}, time.Date(2026, 1, 12, 15, 30, 0, 0, Jakarta), D(2026, 1, 13), AfterHours},
		{"new year's eve evening", Options{}, time.Date(2025, 12, 31, 18, 0, 0, 0, Jakarta), D(2026, 1, 2), AfterHours},
		// WITA (UTC+8) and WIT (UTC+9) around local midnight.
		{"WITA 23:59 monday is after hours", Options{Location: wita}, utc(2026, 1, 12, 15, 59, 0), D(2026, 1, 13), AfterHours},
		{"WITA midnight monday is before opening", Options{Location: wita}, utc(2026, 1, 11, 16, 0, 0), D(2026, 1, 12), BeforeHours},
		{"WITA 23:59 sunday is a day off", Options{Location: wita}, utc(2026, 1, 11, 15, 59, 0), D(2026, 1, 12), OnDayOff},
		{"WITA midnight into isra mikraj", Options{Location: wita}, utc(2026, 1, 15, 16, 0, 0), D(2026, 1, 19), OnDayOff},
		{"WIT 23:59:59 monday is after hours", Options{Location: wit}, utc(2026, 1, 12, 14, 59, 59), D(2026, 1, 13), AfterHours},
		{"WIT midnight tuesday is before opening", Options{Location: wit}, utc(2026, 1, 12, 15, 0, 0), D(2026, 1, 13), BeforeHours},
		{"WIT 16:30 is closed", Options{Location: wit}, utc(2026, 1, 12, 7, 30, 0), D(2026, 1, 13), AfterHours},
		{"the same instant is 14:30 in WIB", Options{}, utc(2026, 1, 12, 7, 30, 0), D(2026, 1, 12), InHours},
		{"the same instant is 15:30 in WITA", Options{Location: wita}, utc(2026, 1, 12, 7, 30, 0), D(2026, 1, 12), InHours},
		{"WIT new year's day starts at 15:00 UTC", Options{Location: wit}, utc(2025, 12, 31, 15, 0, 0), D(2026, 1, 2), OnDayOff},
		{"WIT saturday 00:30", Options{Location: wit}, utc(2026, 1, 9, 15, 30, 0), D(2026, 1, 12), OnDayOff},
		{"the same instant is friday evening in WIB", Options{}, utc(2026, 1, 9, 15, 30, 0), D(2026, 1, 12), AfterHours},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cal(t, tt.opt)
			got, how, _ := c.EffectiveReceipt(tt.at)
			if got != tt.want || how != tt.how {
				t.Fatalf("EffectiveReceipt(%s) = %s %s, want %s %s", tt.at, got, how, tt.want, tt.how)
			}
		})
	}
}

func TestRequestDeadlineExplainsEverySkippedDay(t *testing.T) {
	c := cal(t, Options{})
	dl := c.RequestDeadline(time.Date(2026, 3, 14, 9, 0, 0, 0, Jakarta), 10, 7)
	if dl.ReceivedOn != D(2026, 3, 16) || dl.DueOn != D(2026, 4, 7) || dl.ExtendedDueOn != D(2026, 4, 16) {
		t.Fatalf("got %s / %s / %s", dl.ReceivedOn, dl.DueOn, dl.ExtendedDueOn)
	}
	id := dl.Explain("id")
	for _, want := range []string{"Sabtu, 14 Maret 2026", "Senin, 16 Maret 2026", "cuti bersama: Cuti bersama Hari Suci Nyepi",
		"libur nasional: Hari Suci Nyepi", "Selasa, 24 Maret 2026", "libur nasional: Wafat Yesus Kristus", "Selasa, 7 April 2026", "ID-2026.1"} {
		if !strings.Contains(id, want) {
			t.Errorf("Indonesian explanation lacks %q:\n%s", want, id)
		}
	}
	en := dl.Explain("en")
	for _, want := range []string{"Tuesday, 7 April 2026", "Thursday, 16 April 2026", "national holiday: Wafat Yesus Kristus"} {
		if !strings.Contains(en, want) {
			t.Errorf("English explanation lacks %q:\n%s", want, en)
		}
	}
}

func TestRequestDeadlineWarnsOfMissingYear(t *testing.T) {
	c := cal(t, Options{})
	dl := c.RequestDeadline(time.Date(2026, 12, 21, 9, 0, 0, 0, Jakarta), 10, 7)
	if len(dl.MissingYears) != 1 || dl.MissingYears[0] != 2027 {
		t.Fatalf("missing years = %v, want [2027]", dl.MissingYears)
	}
	if !strings.Contains(dl.Explain("id"), "tahun 2027 belum dimuat") {
		t.Fatal("explanation does not warn about 2027")
	}
}

func TestAmendmentAddsDayAndNeverShortens(t *testing.T) {
	base := MustBase()
	var without Base = Base{Version: base.Version, Years: base.Years}
	for _, h := range base.Holidays {
		if h.Date != D(2025, 8, 18) {
			without.Holidays = append(without.Holidays, h)
		}
	}
	before := New(without, nil, Options{})
	given := before.AddWorkingDays(D(2025, 8, 11), 10).Date
	if given != D(2025, 8, 25) {
		t.Fatalf("before amendment due = %s, want 2025-08-25", given)
	}
	am := Amendment{ID: "skb-933-2025", Effective: D(2025, 8, 7),
		Add: []Holiday{{Date: D(2025, 8, 18), Name: "Cuti bersama HUT RI", Kind: CutiBersama}}}
	after := New(without, []Amendment{am}, Options{})
	recomputed := after.AddWorkingDays(D(2025, 8, 11), 10).Date
	if recomputed != D(2025, 8, 26) {
		t.Fatalf("after amendment due = %s, want 2025-08-26", recomputed)
	}
	if after.Version() != base.Version+"+A1" {
		t.Fatalf("version = %q", after.Version())
	}
	if got := Later(given, recomputed); got != recomputed {
		t.Fatalf("Later lengthening = %s", got)
	}
	removal := Amendment{ID: "undo", Remove: []Date{D(2025, 8, 18)}}
	shorter := New(without, []Amendment{am, removal}, Options{}).AddWorkingDays(D(2025, 8, 11), 10).Date
	if got := Later(recomputed, shorter); got != recomputed {
		t.Fatalf("Later shortened a given deadline to %s", got)
	}
}

func TestBaseHolidayTableMatchesDomain(t *testing.T) {
	b := MustBase()
	count := map[int]map[Kind]int{}
	for _, h := range b.Holidays {
		if count[h.Date.Year] == nil {
			count[h.Date.Year] = map[Kind]int{}
		}
		count[h.Date.Year][h.Kind]++
		if h.Name == "" || h.Source == "" {
			t.Errorf("%s has no name or source", h.Date)
		}
	}
	want := map[int]map[Kind]int{2025: {National: 17, CutiBersama: 11}, 2026: {National: 17, CutiBersama: 8}}
	for y, kinds := range want {
		for k, n := range kinds {
			if count[y][k] != n {
				t.Errorf("%d %s: %d days, want %d", y, k, count[y][k], n)
			}
		}
	}
}

func TestRequestDeadline_Table(t *testing.T) {
	c := cal(t, Options{})
	tests := []struct {
		name           string
		at             time.Time
		received       Date
		how            Receipt
		due, extended  Date
		missing        []int
		mustExplain    []string
		dueSkips       int
		dueSkipsByKind map[string]int
	}{
		{name: "new year's eve 2025", at: time.Date(2025, 12, 31, 10, 0, 0, 0, Jakarta),
			received: D(2025, 12, 31), how: InHours, due: D(2026, 1, 15), extended: D(2026, 1, 27),
			mustExplain: []string{"Kamis, 1 Januari 2026 (libur nasional: Tahun Baru 2026 Masehi)"}},
		{name: "christmas eve 2025", at: time.Date(2025, 12, 24, 10, 0, 0, 0, Jakarta),
			received: D(2025, 12, 24), how: InHours, due: D(2026, 1, 12), extended: D(2026, 1, 22),
			mustExplain: []string{"cuti bersama: Cuti bersama Kelahiran Yesus Kristus"}},
		{name: "23 december 2026 runs into 2027 without data", at: time.Date(2026, 12, 23, 10, 0, 0, 0, Jakarta),
			received: D(2026, 12, 23), how: InHours, due: D(2027, 1, 8), extended: D(2027, 1, 19), missing: []int{2027},
			mustExplain: []string{"data hari libur nasional tahun 2027 belum dimuat"}},
		{name: "lebaran 2025: thursday before the run", at: time.Date(2025, 3, 27, 10, 0, 0, 0, Jakarta),
			received: D(2025, 3, 27), how: InHours, due: D(2025, 4, 22), extended: D(2025, 5, 2),
			mustExplain:    []string{"libur nasional: Idulfitri 1446 Hijriah", "cuti bersama: Cuti bersama Idulfitri 1446 Hijriah", "Selasa, 22 April 2025"},
			dueSkips:       16,
			dueSkipsByKind: map[string]int{"weekend": 6, string(National): 5, string(CutiBersama): 5}},
		{name: "lebaran 2025: thursday evening", at: time.Date(2025, 3, 27, 17, 0, 0, 0, Jakarta),
			received: D(2025, 4, 8), how: AfterHours, due: D(2025, 4, 23), extended: D(2025, 5, 5)},
		{name: "lebaran 2025: on nyepi", at: time.Date(2025, 3, 29, 10, 0, 0, 0, Jakarta),
			received: D(2025, 4, 8), how: OnDayOff, due: D(2025, 4, 23), extended: D(2025, 5, 5),
			mustExplain: []string{"Sabtu, 29 Maret 2025 (libur nasional: Hari Suci Nyepi Tahun Baru Saka 1947)", "Senin, 7 April 2025"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dl := c.RequestDeadline(tt.at, 10, 7)
			if dl.ReceivedOn != tt.received || dl.Receipt != tt.how || dl.DueOn != tt.due || dl.ExtendedDueOn != tt.extended {
				t.Fatalf("got %s (%s) / %s / %s, want %s (%s) / %s / %s", dl.ReceivedOn, dl.Receipt, dl.DueOn, dl.ExtendedDueOn,
					tt.received, tt.how, tt.due, tt.extended)
			}
			if fmt.Sprint(dl.MissingYears) != fmt.Sprint(tt.missing) {
				t.Fatalf("missing years %v, want %v", dl.MissingYears, tt.missing)
			}
			text := dl.Explain("id")
			for _, want := range tt.mustExplain {
				if !strings.Contains(text, want) {
					t.Errorf("explanation lacks %q:\n%s", want, text)
				}
			}
			if tt.dueSkips > 0 && len(dl.DueSkips) != tt.dueSkips {
				t.Fatalf("%d days skipped, want %d: %+v", len(dl.DueSkips), tt.dueSkips, dl.DueSkips)
			}
			if tt.dueSkipsByKind != nil {
				got := map[string]int{}
				for _, s := range dl.DueSkips {
					got[s.Kind]++
				}
				if fmt.Sprint(got) != fmt.Sprint(tt.dueSkipsByKind) {
					t.Fatalf("skipped by kind %v, want %v", got, tt.dueSkipsByKind)
				}
			}
		})
	}
}

func TestRequestDeadline_CountsUnknownYearAsWorkdays(t *testing.T) {
	c := cal(t, Options{})
	dl := c.RequestDeadline(time.Date(2026, 12, 23, 10, 0, 0, 0, Jakarta), 10, 7)
	for _, s := range dl.DueSkips {
		if s.Date.Year == 2027 && s.Kind != "weekend" {
			t.Fatalf("skipped %+v in a year without data", s)
		}
	}
	if !c.IsWorkingDay(D(2027, 1, 1)) || c.HasYear(2027) || !c.HasYear(2026) {
		t.Fatal("2027 must be unknown: only weekends are days off")
	}
	en := dl.Explain("en")
	if !strings.Contains(en, "no national holiday data is loaded for 2027") {
		t.Fatalf("English explanation does not warn:\n%s", en)
	}
	// A deadline that stays inside loaded years carries no warning.
	if dl := c.RequestDeadline(time.Date(2026, 12, 1, 10, 0, 0, 0, Jakarta), 10, 7); len(dl.MissingYears) != 0 {
		t.Fatalf("missing years %v for a December 2026 deadline", dl.MissingYears)
	}
}
