package register

import (
	"io"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/workday"
)

// The register keberatan (DOMAIN.md section 3): one row per objection, in
// the columns of the register form — nomor registrasi, the date received,
// the applicant or proxy, the request number, the information requested
// and its purpose, the Pasal 35 ground, the atasan PPID's decision and its
// date, the atasan's name and position and the applicant's response — then
// Terbuka's own answer due date and status. It is written with the same
// guards as the request register: text cells defused against formula
// injection, CSV with a byte order mark and CRLF, XLSX with real dates.

func objectionColumns() []column[terbuka.Objection] {
	return []column[terbuka.Objection]{
		{"No", "No.", 6, false, func(no int, _ terbuka.Objection, _ string) cell { return number(no) }},
		{"Nomor registrasi keberatan", "Objection registration number", 26, false, func(_ int, o terbuka.Objection, _ string) cell { return text(o.Number) }},
		{"Tanggal diterima", "Date received", 12, false, func(_ int, o terbuka.Objection, _ string) cell { return date(o.ReceivedOn) }},
		{"Nama pemohon / kuasa", "Applicant / proxy", 28, true, func(_ int, o terbuka.Objection, lang string) cell { return text(applicant(o, lang)) }},
		{"Nomor pendaftaran permohonan", "Request registration number", 22, false, func(_ int, o terbuka.Objection, _ string) cell { return text(o.RequestNumber) }},
		{"Informasi yang diminta", "Information requested", 44, true, func(_ int, o terbuka.Objection, _ string) cell { return text(o.Information) }},
		{"Tujuan penggunaan informasi", "Purpose", 32, true, func(_ int, o terbuka.Objection, _ string) cell { return text(o.Purpose) }},
		{"Alasan keberatan (Pasal 35 ayat (1))", "Ground (Article 35(1))", 40, true, func(_ int, o terbuka.Objection, _ string) cell { return text(ground(o.Reason)) }},
		{"Keputusan atasan PPID", "Decision of the atasan PPID", 34, true, func(_ int, o terbuka.Objection, lang string) cell { return text(atasanDecision(o.Decision, lang)) }},
		{"Tanggal keputusan", "Decision date", 12, false, func(_ int, o terbuka.Objection, _ string) cell { return date(decidedOn(o)) }},
		{"Nama dan jabatan atasan PPID", "Name and position of the atasan PPID", 32, true, func(_ int, o terbuka.Objection, _ string) cell { return text(signer(o.Decision)) }},
		{"Tanggapan pemohon", "Applicant's response", 36, true, func(_ int, o terbuka.Objection, _ string) cell { return text(o.Response) }},
		{"Batas waktu tanggapan", "Answer due", 12, false, func(_ int, o terbuka.Objection, _ string) cell { return date(o.DueOn) }},
		{"Status", "Status", 16, false, func(_ int, o terbuka.Objection, lang string) cell { return text(objectionStatus(o.Status, lang)) }},
	}
}

// ObjectionRows builds the objection register of list: one header row and
// one row per objection in the order given, as plain (not defused)
// strings. Headers and words are English when lang is "en"; the legal
// citation of the ground stays Indonesian.
func ObjectionRows(list []terbuka.Objection, lang string) (header []string, rows [][]string) {
	cols := objectionColumns()
	return headers(cols, lang), plainRows(cols, list, lang)
}

// objectionHeading is the register's title line.
func objectionHeading(title, lang string) string {
	h := say(lang, "Register Keberatan", "Objection Register (register keberatan)")
	if title != "" {
		h += " — " + title
	}
	return h
}

// WriteObjectionCSV writes the objection register of list to w as CSV,
// exactly as WriteCSV writes the request register: UTF-8 with a byte order
// mark, CRLF, a heading record when title is not "", the header, then one
// record per objection, every text cell defused.
func WriteObjectionCSV(w io.Writer, title string, list []terbuka.Objection, lang string) error {
	return writeCSV(w, objectionTable(title, list, lang), title != "")
}

// WriteObjectionXLSX writes the objection register of list to w as an
// Excel workbook with one sheet, SheetName, laid out as WriteXLSX lays out
// the request register: heading, a frozen bold header with filter buttons,
// real dates, wrapped long text, defused text cells.
func WriteObjectionXLSX(w io.Writer, title string, list []terbuka.Objection, lang string) error {
	return writeXLSX(w, objectionTable(title, list, lang))
}

// objectionTable is the objection register of list as a table.
func objectionTable(title string, list []terbuka.Objection, lang string) table[terbuka.Objection] {
	return table[terbuka.Objection]{heading: objectionHeading(title, lang), name: "RegisterKeberatan",
		cols: objectionColumns(), items: list, ref: func(o terbuka.Objection) string { return o.Number }, lang: lang}
}

// applicant is the requester, and the proxy who acts for them if any.
func applicant(o terbuka.Objection, lang string) string {
	if o.RepresentativeName == "" {
		return o.RequesterName
	}
	return o.RequesterName + say(lang, " (kuasa: ", " (proxy: ") + o.RepresentativeName + ")"
}

// ground cites the Pasal 35(1) letter with its words.
func ground(r terbuka.ObjectionReason) string {
	if words, ok := terbuka.Pasal35[r]; ok {
		return "huruf " + string(r) + ": " + words
	}
	return string(r)
}

// atasanDecision is the atasan PPID's answer in the register's words, ""
// before it.
func atasanDecision(d *terbuka.ObjectionDecision, lang string) string {
	if d == nil {
		return ""
	}
	switch {
	case d.Kind == terbuka.Upheld:
		return say(lang, "Menguatkan putusan PPID", "Upholds the PPID's decision")
	case d.Kind == terbuka.ReleaseOrdered && d.Release == terbuka.ReleasePartial:
		return say(lang, "Memerintahkan PPID memberikan sebagian informasi", "Orders the PPID to release part of the information")
	case d.Kind == terbuka.ReleaseOrdered:
		return say(lang, "Memerintahkan PPID memberikan informasi", "Orders the PPID to release the information")
	}
	return string(d.Kind)
}

// decidedOn is the decision's date in the body's zone.
func decidedOn(o terbuka.Objection) workday.Date {
	if o.Decision == nil || o.Decision.DecidedAt.IsZero() {
		return workday.Date{}
	}
	loc := terbuka.BodySettings{TimeZone: o.BodyTimeZone}.Location()
	return workday.DateOf(o.Decision.DecidedAt.In(loc))
}

// signer is the atasan's name and position.
func signer(d *terbuka.ObjectionDecision) string {
	if d == nil {
		return ""
	}
	parts := make([]string, 0, 2)
	for _, s := range []string{d.DecidedBy, d.Position} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// objectionStatus names the objection's status in the portal's words.
func objectionStatus(s terbuka.ObjectionStatus, lang string) string {
	l, key := locale.Parse(lang), "objection_status."+string(s)
	if !locale.Has(l, key) && !locale.Has(locale.ID, key) {
		return string(s)
	}
	return locale.T(l, key)
}
