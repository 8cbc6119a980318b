package terbuka

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka/workday"
)

// Incomplete requests (perlu dilengkapi, DOMAIN.md section 1, issue 3
// bullet 0). Agency SOPs give the PPID 3 working days after receipt to say
// what is missing and the requester 3 working days to complete it, the
// clock starting again on completion. No primary text confirms either
// window (UNCONFIRMED), so both are deployment settings (RoutingConfig,
// flags --incomplete-flag-days and --incomplete-complete-days); the
// completion window is fixed when a request is flagged and stored with it,
// so changing the setting never moves a date a requester was given.
const (
	DefaultIncompleteFlagDays     = 3
	DefaultIncompleteCompleteDays = 3
	// maxWindowDays bounds every configurable window: longer than the
	// request's own legal period would make no sense.
	maxWindowDays = RequestDays + ExtensionDays
)

// Routing audit actions (the prefix names the record changed).
const (
	AuditRequestMarkedIncomplete = "request.marked_incomplete"
	AuditRequestCompleted        = "request.completed"
	AuditRequestLapsed           = "request.lapsed"
	AuditRequestDisposed         = "request.disposed"
	AuditDispositionAnswered     = "request.disposition_answered"
	AuditDispositionWithdrawn    = "request.disposition_withdrawn"
	AuditRequestTransferLinked   = "request.transfer_linked"
)

// RoutingConfig holds the deployment's windows for incomplete requests and
// the default internal deadline of a disposition, all in working days. A
// zero field means its default.
type RoutingConfig struct {
	IncompleteFlagDays     int // after received_on, to mark a request incomplete
	IncompleteCompleteDays int // after the flag, for the requester to complete it
	DispositionDays        int // default internal deadline of a disposisi
}

// DefaultRoutingConfig is 3, 3 and 5 working days.
func DefaultRoutingConfig() RoutingConfig {
	return RoutingConfig{IncompleteFlagDays: DefaultIncompleteFlagDays,
		IncompleteCompleteDays: DefaultIncompleteCompleteDays, DispositionDays: DefaultDispositionDays}
}

// WithDefaults fills zero fields with the defaults.
func (c RoutingConfig) WithDefaults() RoutingConfig {
	d := DefaultRoutingConfig()
	if c.IncompleteFlagDays == 0 {
		c.IncompleteFlagDays = d.IncompleteFlagDays
	}
	if c.IncompleteCompleteDays == 0 {
		c.IncompleteCompleteDays = d.IncompleteCompleteDays
	}
	if c.DispositionDays == 0 {
		c.DispositionDays = d.DispositionDays
	}
	return c
}

// Validate checks that every window lies between 1 and 17 working days.
func (c RoutingConfig) Validate() error {
	p := Problems{}
	for _, f := range []struct {
		name string
		v    int
	}{{"incomplete_flag_days", c.IncompleteFlagDays}, {"incomplete_complete_days", c.IncompleteCompleteDays},
		{"disposition_days", c.DispositionDays}} {
		if f.v < 1 || f.v > maxWindowDays {
			p.Add(f.name, "invalid.window_days", 1, maxWindowDays)
		}
	}
	return p.Err()
}

// Incompleteness is one "perlu dilengkapi" episode of a request: what
// staff said is missing, by when the requester must complete it, and how
// it ended (completed or lapsed; neither while it is pending). The
// request's dates before the clock restarted are kept here and in the
// request's history.
type Incompleteness struct {
	ID                  int64
	RequestID           int64
	Missing             string
	FlaggedAt           time.Time
	FlaggedBy           string
	CompleteBy          workday.Date // last day to complete, ends 23:59 in the body's zone
	CompletedAt         time.Time
	CompletionNote      string
	LapsedAt            time.Time
	PrevReceivedOn      workday.Date
	PrevDueOn           workday.Date
	PrevCalendarVersion string
}

// Pending reports whether the requester may still complete the request.
func (i Incompleteness) Pending() bool { return i.CompletedAt.IsZero() && i.LapsedAt.IsZero() }

// maxMissing bounds the "what is missing" text.
const maxMissing = 2000

// NormalizeMissing trims what staff say is missing and checks it: it is
// required, because the requester must be told what to add.
func NormalizeMissing(s string) (string, error) {
	s = strings.TrimSpace(s)
	p := Problems{}
	text(p, "missing", s, maxMissing, true)
	if n := utf8.RuneCountInString(s); n > 0 && n < 5 {
		p.Add("missing", "invalid.too_short", 5)
	}
	return s, p.Err()
}

// IncompleteFlagBy is the last day staff may mark a request received on
// receivedOn incomplete: flagDays working days after it.
func IncompleteFlagBy(cal *workday.Calendar, receivedOn workday.Date, flagDays int) workday.Date {
	return cal.AddWorkingDays(receivedOn, flagDays).Date
}

// IncompleteCompleteBy is the last day to complete a request flagged on
// day flagged: completeDays working days after it.
func IncompleteCompleteBy(cal *workday.Calendar, flagged workday.Date, completeDays int) workday.Date {
	return cal.AddWorkingDays(flagged, completeDays).Date
}

// CheckMarkIncomplete enforces that only a registered request, not yet
// routed, extended or answered, is marked incomplete, and only up to
// flagBy (IncompleteFlagBy).
func (r Request) CheckMarkIncomplete(today, flagBy workday.Date) error {
	switch {
	case r.Status == StatusIncomplete:
		return Errorf(EConflict, "conflict.already_incomplete")
	case r.Status != StatusRegistered:
		return Errorf(EConflict, "conflict.incomplete_not_registered", string(r.Status))
	case today.After(flagBy):
		return Errorf(EConflict, "conflict.incomplete_too_late", flagBy.String())
	}
	return nil
}

// CheckComplete enforces that only an incomplete request is completed,
// and only up to its completeBy date.
func (r Request) CheckComplete(today, completeBy workday.Date) error {
	switch {
	case r.Status != StatusIncomplete:
		return Errorf(EConflict, "conflict.not_incomplete", string(r.Status))
	case today.After(completeBy):
		return Errorf(EConflict, "conflict.completion_too_late", completeBy.String())
	}
	return nil
}

// CheckLapse reports whether an incomplete request lapses on day today:
// its completion window ended before today. Anything else is a conflict,
// which the lapse job takes as "nothing to do".
func (r Request) CheckLapse(today, completeBy workday.Date) error {
	switch {
	case r.Status != StatusIncomplete:
		return Errorf(EConflict, "conflict.not_incomplete", string(r.Status))
	case !today.After(completeBy):
		return Errorf(EConflict, "conflict.lapse_too_early", completeBy.String())
	}
	return nil
}

// checkWaiting is the clear refusal for acting on a request that waits for
// the requester: its due date is not running, so it can be neither
// extended nor decided until it is completed.
func (r Request) checkWaiting() error {
	if r.Status == StatusIncomplete {
		return Errorf(EConflict, "conflict.incomplete_waiting")
	}
	return nil
}

// Completion is what the requester sends to complete an incomplete
// request: the information text again (corrected or with what was
// missing), optionally a new purpose and new contact or identity details,
// and a free note to the PPID. Empty optional fields keep the current
// values.
type Completion struct {
	Information string               `json:"information"`
	Purpose     string               `json:"purpose"`
	Note        string               `json:"note"`
	Requester   *CompletionRequester `json:"requester"`
}

// CompletionRequester are the requester's details a completion may change
// (the kind and the name stay: another person would file a new request).
type CompletionRequester struct {
	IDNumber   string `json:"id_number"`
	Address    string `json:"address"`
	Email      string `json:"email"`
	Phone      string `json:"phone"`
	Occupation string `json:"occupation"`
}

// maxCompletionNote bounds the requester's note.
const maxCompletionNote = 2000

// Apply merges the completion into r's intake and validates the result as
// a new intake would be (NewRequest.Validate), so the same rules and the
// same field paths apply; the note is checked on its own. It returns the
// merged intake.
func (c *Completion) Apply(r Request) (NewRequest, error) {
	c.Note = strings.TrimSpace(c.Note)
	n := NewRequest{Requester: r.Requester, Information: c.Information, Purpose: r.Purpose, Obtain: r.Obtain,
		Delivery: r.Delivery, Representative: r.Representative}
	if r.Representative != nil {
		rep := *r.Representative
		n.Representative = &rep
	}
	if strings.TrimSpace(c.Purpose) != "" {
		n.Purpose = c.Purpose
	}
	if q := c.Requester; q != nil {
		for _, f := range []struct{ from, to *string }{{&q.IDNumber, &n.Requester.IDNumber}, {&q.Address, &n.Requester.Address},
			{&q.Email, &n.Requester.Email}, {&q.Phone, &n.Requester.Phone}, {&q.Occupation, &n.Requester.Occupation}} {
			if strings.TrimSpace(*f.from) != "" {
				*f.to = *f.from
			}
		}
	}
	n.Normalize()
	p := Problems{}
	if err := n.Validate(); err != nil {
		for k, v := range AsError(err).Fields {
			p[k] = v
		}
	}
	text(p, "note", c.Note, maxCompletionNote, false)
	return n, p.Err()
}
