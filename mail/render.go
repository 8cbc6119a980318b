package mail

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/pdf"
	"github.com/terbuka-id/terbuka/workday"
)

// Kinds of request mail, as the store queues them (store.Mail.Kind).
const (
	RequestReceipt  = "request_receipt"  // registered: the receipt PDF attached
	RequestExtended = "request_extended" // the one extension: new due date and reason
	RequestDecided  = "request_decided"  // the written notice: the decision and the right to object
)

// excerptRunes is how much of the requested information a mail quotes.
const excerptRunes = 200

// RequestMessage renders mail of kind about request r at body b for the
// requester, in English when lang is "en" and Indonesian otherwise.
// portalURL is the portal's base address; the text links to its tracking
// page (portalURL + "/lacak?nomor=" + number).
//
// The text never contains the tracking token (it is not stored) nor the
// requester's or representative's identity number: should one appear in
// free text, it is masked. Only the receipt PDF attached to
// "request_receipt" shows personal data, as a receipt must.
//
// It fails for an unknown kind, a requester without an e-mail address,
// "request_extended" for a request that was not extended,
// "request_decided" for one without a decision, and when the receipt PDF
// cannot be drawn.
//
// docs are the stored documents of the decision (the written notice and
// any SK penolakan, see NoticeAttachments): "request_decided" attaches
// them and names them in its text; other kinds ignore them.
func RequestMessage(kind string, b terbuka.Body, r terbuka.Request, lang, portalURL string, docs ...Attachment) (Message, error) {
	if r.Requester.Email == "" {
		return Message{}, fmt.Errorf("render %s for %s: requester has no e-mail address", kind, r.Number)
	}
	p := phrasesFor(lang)
	var (
		m   Message
		err error
	)
	switch kind {
	case RequestReceipt:
		m, err = receiptMessage(p, b, r, lang)
	case RequestExtended:
		m, err = extendedMessage(p, b, r, lang)
	case RequestDecided:
		m, err = decidedMessage(p, b, r, lang)
		m = withNotices(m, docs, lang) // notice.go
	case RequestDeadlineChanged:
		m, err = deadlineChangedMessage(b, r, lang)
	default:
		err = errors.New("unknown kind")
	}
	if err != nil {
		return Message{}, fmt.Errorf("render %s for %s: %w", kind, r.Number, err)
	}
	m.To = r.Requester.Email
	m.Subject = mask(m.Subject+" – "+b.Name, r, p)
	m.Text = mask(fmt.Sprintf(p.greeting, r.Requester.Name)+m.Text+closing(p, b, r, portalURL), r, p)
	return m, nil
}

// receiptMessage confirms registration and attaches the receipt PDF,
// dated when the request was registered.
func receiptMessage(p phrases, b terbuka.Body, r terbuka.Request, lang string) (Message, error) {
	issued := r.CreatedAt
	if issued.IsZero() {
		issued = r.SubmittedAt
	}
	doc, err := pdf.Receipt(b, r, lang, issued)
	if err != nil {
		return Message{}, err
	}
	name := "tanda-bukti-" + r.Number + ".pdf"
	var t strings.Builder
	fmt.Fprintf(&t, p.receiptIntro, b.Name)
	fmt.Fprintf(&t, "%s: %s\n", p.number, r.Number)
	fmt.Fprintf(&t, "%s: %s\n", p.received, workday.FormatDate(r.ReceivedOn, lang))
	fmt.Fprintf(&t, "%s: %s (%s)\n\n", p.due, workday.FormatDate(r.DueOn, lang), fmt.Sprintf(p.dueNote, terbuka.RequestDays))
	fmt.Fprintf(&t, "%s:\n%s\n\n", p.information, excerpt(r.Information))
	fmt.Fprintf(&t, p.receiptLaw, terbuka.RequestDays, terbuka.ExtensionDays)
	fmt.Fprintf(&t, p.receiptAttached, name)
	return Message{
		Subject:     fmt.Sprintf(p.receiptSubject, r.Number),
		Text:        t.String(),
		Attachments: []Attachment{{Name: name, ContentType: "application/pdf", Data: doc}},
	}, nil
}

// extendedMessage gives the new due date and the reason (Pasal 22(8)).
func extendedMessage(p phrases, b terbuka.Body, r terbuka.Request, lang string) (Message, error) {
	if !r.Extended {
		return Message{}, fmt.Errorf("request was not extended")
	}
	var t strings.Builder
	fmt.Fprintf(&t, p.extendedIntro, b.Name, r.Number, terbuka.ExtensionDays)
	if !r.OriginalDueOn.IsZero() {
		fmt.Fprintf(&t, "%s: %s\n", p.oldDue, workday.FormatDate(r.OriginalDueOn, lang))
	}
	fmt.Fprintf(&t, "%s: %s\n\n", p.newDue, workday.FormatDate(r.DueOn, lang))
	fmt.Fprintf(&t, "%s:\n%s\n\n", p.reason, strings.TrimSpace(r.ExtensionReason))
	fmt.Fprintf(&t, "%s:\n%s\n\n", p.information, excerpt(r.Information))
	t.WriteString(p.extendedOnce)
	return Message{Subject: fmt.Sprintf(p.extendedSubject, r.Number), Text: t.String()}, nil
}

// decidedMessage states the decision, its grounds, the PPID's note and
// the right to file keberatan.
func decidedMessage(p phrases, b terbuka.Body, r terbuka.Request, lang string) (Message, error) {
	d := r.Decision
	if d == nil {
		return Message{}, fmt.Errorf("request has no decision")
	}
	var t strings.Builder
	fmt.Fprintf(&t, p.decidedIntro, b.Name, r.Number)
	fmt.Fprintf(&t, "%s:\n%s\n\n", p.information, excerpt(r.Information))
	fmt.Fprintf(&t, "%s: %s\n\n", p.decision, decisionWords(*d, lang))
	if e := d.Exemption; e != nil && d.Kind.NeedsExemption() {
		fmt.Fprintf(&t, "%s: %s", p.basis, e.Basis)
		if ground := terbuka.Pasal17[e.Letter]; ground != "" {
			fmt.Fprintf(&t, " (%s)", ground)
		}
		t.WriteString("\n")
		if e.ConsequenceTest != "" {
			fmt.Fprintf(&t, "%s:\n%s\n", p.consequence, e.ConsequenceTest)
		}
		t.WriteString("\n")
	}
	if d.Kind == terbuka.PartiallyGranted {
		t.WriteString(p.redacted)
	}
	if note := strings.TrimSpace(d.Note); note != "" {
		fmt.Fprintf(&t, "%s:\n%s\n\n", p.note, note)
	}
	fmt.Fprintf(&t, p.keberatan, b.Name)
	return Message{Subject: fmt.Sprintf(p.decidedSubject, r.Number), Text: t.String()}, nil
}

// closing ends every mail: where to track the request, and who wrote.
func closing(p phrases, b terbuka.Body, r terbuka.Request, portalURL string) string {
	var t strings.Builder
	fmt.Fprintf(&t, "%s\n%s\n%s\n\n", p.track, trackingURL(portalURL, r.Number), p.trackCode)
	fmt.Fprintf(&t, "%s\nPPID %s\n", p.regards, b.Name)
	for _, c := range []struct{ label, value string }{{p.phone, b.Phone}, {"E-mail", b.Email}, {p.website, b.Website}} {
		if c.value != "" {
			fmt.Fprintf(&t, "%s: %s\n", c.label, c.value)
		}
	}
	t.WriteString("\n" + p.automatic)
	return t.String()
}

// trackingURL is the portal page where anyone holding the tracking code
// follows request number; it carries the number only, never the code.
func trackingURL(portalURL, number string) string {
	return strings.TrimRight(portalURL, "/") + "/lacak?nomor=" + url.QueryEscape(number)
}

// excerpt quotes the start of the requested information.
func excerpt(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= excerptRunes {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:excerptRunes])) + " …"
}

// mask hides the requester's and representative's identity numbers,
// which may have been typed into free text such as the information asked
// for; too short a number is left alone so ordinary words survive.
func mask(s string, r terbuka.Request, p phrases) string {
	ids := []string{r.Requester.IDNumber}
	if r.Representative != nil {
		ids = append(ids, r.Representative.IDNumber)
	}
	for _, id := range ids {
		if id = strings.TrimSpace(id); len(id) >= 6 {
			s = strings.ReplaceAll(s, id, p.masked)
		}
	}
	return s
}
