package workday

import (
	"fmt"
	"strings"
	"time"
)

// Deadline is a request's receipt date, due date and extended due date,
// with everything needed to explain them ("why this date").
type Deadline struct {
	SubmittedAt   time.Time
	ReceivedOn    Date
	Receipt       Receipt
	ReceiptSkips  []Skip
	Days          int
	DueOn         Date
	DueSkips      []Skip
	ExtensionDays int
	ExtendedDueOn Date
	ExtendSkips   []Skip
	MissingYears  []int // years the count reached without loaded holiday data
	Version       string
	Location      *time.Location
	Hours         OfficeHours
}

// RequestDeadline computes the deadlines of a request submitted at t:
// received on the effective receipt date, due days working days later, and
// at most extension working days after that.
func (c *Calendar) RequestDeadline(t time.Time, days, extension int) Deadline {
	recv, how, rskips := c.EffectiveReceipt(t)
	due := c.AddWorkingDays(recv, days)
	ext := c.AddWorkingDays(due.Date, extension)
	dl := Deadline{
		SubmittedAt: t, ReceivedOn: recv, Receipt: how, ReceiptSkips: rskips,
		Days: days, DueOn: due.Date, DueSkips: due.Skipped,
		ExtensionDays: extension, ExtendedDueOn: ext.Date, ExtendSkips: ext.Skipped,
		Version: c.version, Location: c.loc, Hours: c.hours,
	}
	for y := DateOf(t.In(c.loc)).Year; y <= ext.Date.Year; y++ {
		if !c.years[y] {
			dl.MissingYears = append(dl.MissingYears, y)
		}
	}
	return dl
}

// Explain writes the "why this date" text in Indonesian ("id") or English.
func (d Deadline) Explain(lang string) string {
	en := lang == "en"
	var b strings.Builder
	local := d.SubmittedAt.In(d.Location)
	hours := FormatClock(d.Hours.Open) + "–" + FormatClock(d.Hours.Close)
	if en {
		fmt.Fprintf(&b, "Submitted %s %s (%s). ", FormatDate(DateOf(local), lang), local.Format("15:04 MST"), d.Location)
	} else {
		fmt.Fprintf(&b, "Diajukan %s pukul %s (%s). ", FormatDate(DateOf(local), lang), local.Format("15.04 MST"), d.Location)
	}
	switch d.Receipt {
	case InHours:
		if en {
			fmt.Fprintf(&b, "Received within office hours (%s), so it counts as received that day. ", hours)
		} else {
			fmt.Fprintf(&b, "Diterima dalam jam layanan (%s), sehingga dihitung diterima hari itu. ", hours)
		}
	case BeforeHours:
		if en {
			fmt.Fprintf(&b, "Received before office hours (%s) open on a working day, so it counts as received that day. ", hours)
		} else {
			fmt.Fprintf(&b, "Diterima sebelum jam layanan (%s) dibuka pada hari kerja, sehingga dihitung diterima hari itu. ", hours)
		}
	case AfterHours:
		if en {
			fmt.Fprintf(&b, "Received after office hours (%s), so it counts as received on the next working day, %s. ", hours, FormatDate(d.ReceivedOn, lang))
		} else {
			fmt.Fprintf(&b, "Diterima setelah jam layanan (%s), sehingga dihitung diterima pada hari kerja berikutnya, %s. ", hours, FormatDate(d.ReceivedOn, lang))
		}
	case OnDayOff:
		if en {
			fmt.Fprintf(&b, "Received on a day off, so it counts as received on the next working day, %s. ", FormatDate(d.ReceivedOn, lang))
		} else {
			fmt.Fprintf(&b, "Diterima pada hari libur, sehingga dihitung diterima pada hari kerja berikutnya, %s. ", FormatDate(d.ReceivedOn, lang))
		}
	}
	if len(d.ReceiptSkips) > 0 {
		b.WriteString(skipSentence(d.ReceiptSkips, lang, "before receipt"))
	}
	if en {
		fmt.Fprintf(&b, "The receipt day is day 0; the written notice is due on working day %d: %s (until 23:59 local time). ",
			d.Days, FormatDate(d.DueOn, lang))
	} else {
		fmt.Fprintf(&b, "Hari penerimaan adalah hari ke-0; pemberitahuan tertulis paling lambat hari kerja ke-%d: %s (pukul 23.59 waktu setempat). ",
			d.Days, FormatDate(d.DueOn, lang))
	}
	b.WriteString(skipSentence(d.DueSkips, lang, "counting"))
	if en {
		fmt.Fprintf(&b, "With the one extension of %d working days the latest date is %s. ", d.ExtensionDays, FormatDate(d.ExtendedDueOn, lang))
	} else {
		fmt.Fprintf(&b, "Dengan satu kali perpanjangan %d hari kerja, batas paling akhir %s. ", d.ExtensionDays, FormatDate(d.ExtendedDueOn, lang))
	}
	b.WriteString(skipSentence(d.ExtendSkips, lang, "extension"))
	for _, y := range d.MissingYears {
		if en {
			fmt.Fprintf(&b, "Warning: no national holiday data is loaded for %d yet; only weekends and regional holidays were skipped in that year. ", y)
		} else {
			fmt.Fprintf(&b, "Perhatian: data hari libur nasional tahun %d belum dimuat; pada tahun itu hanya akhir pekan dan libur daerah yang dilewati. ", y)
		}
	}
	if en {
		fmt.Fprintf(&b, "Calendar version %s.", d.Version)
	} else {
		fmt.Fprintf(&b, "Versi kalender %s.", d.Version)
	}
	return b.String()
}

func skipSentence(skips []Skip, lang, phase string) string {
	en := lang == "en"
	if len(skips) == 0 {
		if en {
			return "No day was skipped. "
		}
		return "Tidak ada hari yang dilewati. "
	}
	parts := make([]string, len(skips))
	for i, s := range skips {
		parts[i] = FormatDate(s.Date, lang) + " (" + SkipReason(s, lang) + ")"
	}
	if en {
		return "Skipped: " + strings.Join(parts, "; ") + ". "
	}
	return "Dilewati: " + strings.Join(parts, "; ") + ". "
}

// SkipReason names why a day was skipped, in Indonesian or English.
func SkipReason(s Skip, lang string) string {
	en := lang == "en"
	switch s.Kind {
	case "weekend":
		if en {
			return "weekend"
		}
		return "akhir pekan"
	case string(National):
		if en {
			return "national holiday: " + s.Name
		}
		return "libur nasional: " + s.Name
	case string(CutiBersama):
		if en {
			return "collective leave (cuti bersama): " + s.Name
		}
		return "cuti bersama: " + s.Name
	default:
		if en {
			return "regional holiday: " + s.Name
		}
		return "libur daerah: " + s.Name
	}
}

var (
	dayID   = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
	monthID = [...]string{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
)

// FormatDate writes d for people: "Selasa, 27 Januari 2026" or
// "Tuesday, 27 January 2026". time.Format has no Indonesian names.
func FormatDate(d Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	if lang == "en" {
		return d.time().Format("Monday, 2 January 2006")
	}
	return fmt.Sprintf("%s, %d %s %d", dayID[d.Weekday()], d.Day, monthID[d.Month], d.Year)
}

// MonthName is the Indonesian name of m.
func MonthName(m time.Month) string { return monthID[m] }
