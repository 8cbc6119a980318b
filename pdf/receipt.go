package pdf

import (
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// Receipt renders the tanda bukti permohonan informasi publik for request r
// to body b (UU 14/2008 Pasal 22(4)): the registration number, the dates
// and time limits, the requester's identity, what was asked for and how,
// how to track the request, the legal basis and the officer's signature
// block, dated issued in the body's time zone.
//
// The receipt goes to the requester only, so it shows their personal data
// (NIK or AHU number, address, contacts). It never shows the tracking
// token, which is not stored. lang "en" gives English labels; anything else
// gives Indonesian. The same arguments always give the same bytes.
//
// The due date printed is r.OriginalDueOn (r.DueOn when that is unset);
// the date after the one extension is printed only when r.Extended, as
// r.DueOn. An error means the document could not be drawn.
func Receipt(b terbuka.Body, r terbuka.Request, lang string, issued time.Time) ([]byte, error) {
	w := wordsFor(lang)
	loc := b.Settings.Location()
	if loc == nil { // no time zone database: Indonesian bodies default to WIB
		loc = time.FixedZone("WIB", 7*60*60)
	}
	f, err := newDocument(meta{
		title:   fmt.Sprintf("%s %s", w.receiptTitle, r.Number),
		author:  b.Name,
		subject: r.Number,
		lang:    lang,
		issued:  issued,
		footer:  fmt.Sprintf("%s: %s", w.number, r.Number),
	})
	if err != nil {
		return nil, fmt.Errorf("receipt %s: %w", r.Number, err)
	}
	f.AddPage()
	l := letter{f: f}

	l.kop(b, w)
	l.title(w.receiptTitle, w.number+": "+r.Number)

	l.heading(w.timeHeading)
	timeRows(l, w, r, loc, lang)

	l.heading(w.requesterHeading)
	requesterRows(l, w, r, lang)

	l.heading(w.infoHeading)
	l.row(w.information, r.Information)
	l.row(w.purpose, r.Purpose)
	l.row(w.obtain, obtainWord(r.Obtain, lang))
	l.row(w.delivery, deliveryWord(r.Delivery, lang))

	l.heading(w.trackHeading)
	l.paragraph(fmt.Sprintf(w.track, r.Number))
	l.paragraph(fmt.Sprintf(w.legal, terbuka.RequestDays, terbuka.ExtensionDays))

	local := issued.In(loc)
	l.signature(dayMonthYear(workday.DateOf(local), lang), w.officer, "PPID "+b.Name)
	l.note(fmt.Sprintf(w.made, instant(issued, loc, lang)))

	out, err := output(f)
	if err != nil {
		return nil, fmt.Errorf("receipt %s: %w", r.Number, err)
	}
	return out, nil
}

// timeRows draws when the request came in and when it must be answered.
func timeRows(l letter, w words, r terbuka.Request, loc *time.Location, lang string) {
	due := r.OriginalDueOn
	if due.IsZero() {
		due = r.DueOn
	}
	l.row(w.submitted, instant(r.SubmittedAt, loc, lang))
	l.row(w.received, workday.FormatDate(r.ReceivedOn, lang))
	l.row(w.due, fmt.Sprintf("%s (%s)", workday.FormatDate(due, lang), fmt.Sprintf(w.dueNote, terbuka.RequestDays)))
	if r.Extended {
		l.row(w.extension, fmt.Sprintf(w.extensionDone, terbuka.ExtensionDays,
			workday.FormatDate(r.DueOn, lang), r.ExtensionReason))
	} else {
		l.row(w.extension, fmt.Sprintf(w.extensionOpen, terbuka.ExtensionDays))
	}
}

// requesterRows draws the requester's identity and any representative.
func requesterRows(l letter, w words, r terbuka.Request, lang string) {
	q := r.Requester
	l.row(w.name, q.Name)
	l.row(w.kind, kindWord(q.Kind, lang))
	l.row(idLabel(q.Kind, w), q.IDNumber)
	l.row(w.address, q.Address)
	l.row(w.phone, q.Phone)
	l.row(w.email, q.Email)
	l.row(w.occupation, q.Occupation)
	if rep := r.Representative; rep != nil {
		l.row(w.repName, rep.Name)
		l.row(w.repID, rep.IDNumber)
		l.row(w.repMandate, rep.Mandate)
	}
}
