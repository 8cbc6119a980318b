package register

import (
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// columns lists the register's columns in order: the Perki 1/2010 register
// (DOMAIN.md section 1) first, Terbuka's own columns after it. It builds a
// new slice on each call so no caller can change another's table.
func columns() []column[terbuka.Request] {
	return []column[terbuka.Request]{
		{"No", "No.", 6, false, func(no int, _ terbuka.Request, _ string) cell { return number(no) }},
		{"Tanggal", "Date received", 12, false, func(_ int, r terbuka.Request, _ string) cell { return date(r.ReceivedOn) }},
		{"Waktu diajukan", "Submitted at", 17, false, func(_ int, r terbuka.Request, _ string) cell { return timestamp(r.SubmittedAt) }},
		{"Nomor pendaftaran", "Registration number", 22, false, func(_ int, r terbuka.Request, _ string) cell { return text(r.Number) }},
		{"Nama", "Name", 24, true, func(_ int, r terbuka.Request, _ string) cell { return text(r.Requester.Name) }},
		{"Alamat", "Address", 30, true, func(_ int, r terbuka.Request, _ string) cell { return text(r.Requester.Address) }},
		{"Kontak", "Contact", 28, true, func(_ int, r terbuka.Request, _ string) cell { return text(contact(r.Requester)) }},
		{"Pekerjaan", "Occupation", 16, true, func(_ int, r terbuka.Request, _ string) cell { return text(r.Requester.Occupation) }},
		{"Informasi yang diminta", "Information requested", 48, true, func(_ int, r terbuka.Request, _ string) cell { return text(r.Information) }},
		{"Tujuan penggunaan", "Purpose", 36, true, func(_ int, r terbuka.Request, _ string) cell { return text(r.Purpose) }},
		{"Status informasi", "Information status", 26, true, func(_ int, r terbuka.Request, lang string) cell { return text(informationStatus(r, lang)) }},
		{"Bentuk informasi", "Form of information", 18, true, func(_ int, r terbuka.Request, lang string) cell { return text(form(r.Obtain, lang)) }},
		{"Jenis permohonan", "Type of request", 18, true, func(_ int, r terbuka.Request, lang string) cell { return text(requestType(r.Obtain, lang)) }},
		{"Keputusan", "Decision", 18, true, func(_ int, r terbuka.Request, lang string) cell { return text(decision(r.Decision, lang)) }},
		{"Alasan penolakan", "Reason for refusal", 30, true, func(_ int, r terbuka.Request, lang string) cell { return text(refusalReason(r.Decision, lang)) }},
		{"Tanggal pemberitahuan tertulis", "Written notice date", 14, false, func(_ int, r terbuka.Request, _ string) cell { return date(noticeDate(r.Decision)) }},
		// Fees are not recorded yet; "-" says so rather than "free".
		{"Biaya dan cara pembayaran", "Fee and payment method", 18, true, func(int, terbuka.Request, string) cell { return text("") }},
		{"Status", "Status", 16, false, func(_ int, r terbuka.Request, lang string) cell { return text(status(r.Status, lang)) }},
		{"Batas waktu", "Due date", 12, false, func(_ int, r terbuka.Request, _ string) cell { return date(r.DueOn) }},
		{"Diperpanjang", "Extended", 12, false, func(_ int, r terbuka.Request, lang string) cell { return text(yesNo(r.Extended, lang)) }},
		{"Saluran", "Channel", 16, false, func(_ int, r terbuka.Request, lang string) cell { return text(channel(r.Channel, lang)) }},
	}
}

// contact joins the requester's e-mail and phone. The e-mail goes first
// because an E.164 phone starts with "+", which spreadsheets read as a
// formula and the writers must then defuse with a visible apostrophe.
func contact(q terbuka.Requester) string {
	parts := make([]string, 0, 2)
	for _, s := range []string{q.Email, q.Phone} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "; ")
}

// noticeDate is the day the written notice (pemberitahuan tertulis) was
// decided, or the zero Date while there is none.
func noticeDate(d *terbuka.Decision) workday.Date {
	if d == nil || d.DecidedAt.IsZero() {
		return workday.Date{}
	}
	return workday.DateOf(d.DecidedAt)
}
