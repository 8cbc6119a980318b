package terbuka

import (
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

// Routing inside a government (disposisi, DOMAIN.md section 5, issue 3
// bullet 1): the PPID Utama forwards a request to one or more PPID
// Pelaksana (OPD) with an internal deadline; each OPD answers back, with
// the information or a proposal to deny it, and the PPID Utama decides
// through the ordinary decision. The answer is internal: the requester
// never sees it.

// DefaultDispositionDays is the internal deadline when staff give none.
const DefaultDispositionDays = 5

// DispositionState is where a disposition stands.
type DispositionState string

const (
	DispositionOpen      DispositionState = "open"      // waiting for the OPD's answer
	DispositionAnswered  DispositionState = "answered"  // the OPD answered
	DispositionWithdrawn DispositionState = "withdrawn" // the PPID Utama took it back; the OPD no longer sees the request
)

// AnswerKind is what an OPD answers.
type AnswerKind string

const (
	AnswerInformation  AnswerKind = "information"   // the information (text, optionally a catalogue entry)
	AnswerDenyProposal AnswerKind = "deny_proposal" // a proposal to deny under Pasal 17, with the consequence test
)

// AnswerKinds lists the answers in form order.
var AnswerKinds = []AnswerKind{AnswerInformation, AnswerDenyProposal}

// Disposition is one forwarding of a request to one OPD.
type Disposition struct {
	ID            int64
	RequestID     int64
	RequestNumber string
	RequestBodyID int64 // whose calendar counts the internal deadline
	ToBodyID      int64
	ToBodySlug    string
	ToBodyName    string
	Days          int
	DueOn         workday.Date // internal deadline, never after the request's due date
	Instructions  string
	State         DispositionState
	CreatedAt     time.Time
	CreatedByID   int64
	CreatedBy     string
	Answer        *DispositionAnswer
	WithdrawnAt   time.Time
	WithdrawnBy   string
}

// DispositionAnswer is what the OPD sent back.
type DispositionAnswer struct {
	Kind        AnswerKind
	Text        string
	CatalogueID int64 // 0 for none
	Exemption   *Exemption
	AnsweredAt  time.Time
	AnsweredBy  string
}

// Internal-deadline states, shown in words and colour.
const (
	DispositionOnTime  = "ontime"
	DispositionDueSoon = "soon"
	DispositionOverdue = "overdue"
	DispositionDone    = "done" // answered, withdrawn, or the request no longer open
)

// DispositionReminderDays is how many working days before its internal
// deadline the OPD is reminded, and when the deadline shows as due soon.
const DispositionReminderDays = 1

// DeadlineState says how the internal deadline stands on day today for a
// request whose status is requestStatus: DispositionDone once nothing is
// awaited any more, DispositionOverdue after the deadline, DispositionDueSoon
// with at most DispositionReminderDays working days left, else on time.
func (d Disposition) DeadlineState(cal *workday.Calendar, today workday.Date, requestStatus Status) string {
	switch {
	case d.State != DispositionOpen || !requestStatus.Open():
		return DispositionDone
	case today.After(d.DueOn):
		return DispositionOverdue
	case WorkingDaysUntil(cal, today, d.DueOn) <= DispositionReminderDays:
		return DispositionDueSoon
	}
	return DispositionOnTime
}

// WorkingDaysUntil counts the working days d with from < d <= to (0 when
// to is not after from).
func WorkingDaysUntil(cal *workday.Calendar, from, to workday.Date) int {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if cal.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// DispositionInput is what the PPID Utama submits: the OPD slugs, the
// internal deadline in working days (0: the deployment default) and the
// instructions.
type DispositionInput struct {
	To           []string `json:"to"`
	Days         int      `json:"days"`
	Instructions string   `json:"instructions"`
}

// maxDispositionTargets bounds one disposition round.
const maxDispositionTargets = 50

// Validate normalises the input (trimmed, de-duplicated slugs; the default
// days) and checks it. Whether the slugs name OPDs of the same government
// and whether the deadline fits before the request's due date is checked
// with the data (CheckDispositionDue).
func (in *DispositionInput) Validate(defaultDays int) error {
	p := Problems{}
	seen := map[string]bool{}
	var to []string
	for _, s := range in.To {
		s = strings.ToLower(strings.TrimSpace(s))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		if !ValidSlug(s) {
			p.Add("to", "invalid.slug")
		}
		to = append(to, s)
	}
	in.To = to
	switch {
	case len(to) == 0:
		p.Add("to", "invalid.disposition_to_required")
	case len(to) > maxDispositionTargets:
		p.Add("to", "invalid.disposition_too_many", maxDispositionTargets)
	}
	if in.Days == 0 {
		in.Days = defaultDays
	}
	if in.Days < 1 || in.Days > maxWindowDays {
		p.Add("days", "invalid.window_days", 1, maxWindowDays)
	}
	in.Instructions = strings.TrimSpace(in.Instructions)
	text(p, "instructions", in.Instructions, maxInformation, true)
	return p.Err()
}

// CheckDispositionDue refuses an internal deadline due that ends after the
// request's due date: the OPD answers within the same clock (DOMAIN.md
// section 5). The message names the longest deadline still possible.
func CheckDispositionDue(cal *workday.Calendar, today, due, requestDue workday.Date) error {
	if !due.After(requestDue) {
		return nil
	}
	return Problems{"days": M("invalid.disposition_after_due", due.String(), requestDue.String(),
		WorkingDaysUntil(cal, today, requestDue))}.Err()
}

// CheckDispose enforces that only an open request is forwarded; an
// incomplete one waits for the requester first.
func (r Request) CheckDispose() error {
	if err := r.checkWaiting(); err != nil {
		return err
	}
	if !r.Status.Open() {
		return Errorf(EConflict, "conflict.not_open", string(r.Status))
	}
	return nil
}

// StatusAfterDispose is the stored status once a request is forwarded: a
// registered request is now in process; an extended one stays extended
// (its extension must stay visible).
func (r Request) StatusAfterDispose() Status {
	if r.Status == StatusRegistered {
		return StatusInProcess
	}
	return r.Status
}

// CheckAnswer enforces that an OPD answers an open disposition of a
// request that still waits for its decision, once.
func (r Request) CheckAnswer(d Disposition) error {
	switch {
	case d.State == DispositionAnswered:
		return Errorf(EConflict, "conflict.disposition_answered")
	case d.State == DispositionWithdrawn:
		return Errorf(EConflict, "conflict.disposition_withdrawn")
	}
	if err := r.checkWaiting(); err != nil {
		return err
	}
	if !r.Status.Open() {
		return Errorf(EConflict, "conflict.not_open", string(r.Status))
	}
	return nil
}

// CheckWithdraw enforces that only an unanswered disposition is taken back.
func (d Disposition) CheckWithdraw() error {
	switch d.State {
	case DispositionAnswered:
		return Errorf(EConflict, "conflict.disposition_answered")
	case DispositionWithdrawn:
		return Errorf(EConflict, "conflict.disposition_withdrawn")
	}
	return nil
}

// CanDispose reports whether u may forward requests: PPID Utama staff (role
// ppid at the body holding the PPID Utama) and admins.
func CanDispose(u User, own Body) bool {
	return u.Role == RoleAdmin || (u.Role == RolePPID && own.PPID == PPIDUtama)
}

// DispositionTarget reports whether body b can receive a disposition of a
// request held by body requestBodyID: an OPD with a PPID Pelaksana other
// than the body that holds the request. (The same-government check is a
// subtree query in the store.)
func DispositionTarget(b Body, requestBodyID int64) bool {
	return b.PPID == PPIDPelaksana && b.ID != requestBodyID
}

// AnswerInput is what the OPD submits.
type AnswerInput struct {
	Kind        AnswerKind `json:"kind"`
	Text        string     `json:"text"`
	CatalogueID int64      `json:"catalogue_id"`
	Exemption   *Exemption `json:"exemption"`
}

// Validate checks the answer: a known kind and a text; a proposal to deny
// needs its Pasal 17 letter and a consequence test, checked as a decision's
// are (DecisionInput.Validate, same field paths); the information may link
// a catalogue entry.
func (in *AnswerInput) Validate() error {
	p := Problems{}
	in.Text = strings.TrimSpace(in.Text)
	if !oneOf(in.Kind, AnswerKinds) {
		p.Add("kind", choiceKey(string(in.Kind)))
	}
	text(p, "text", in.Text, maxInformation, true)
	if in.CatalogueID < 0 {
		p.Add("catalogue_id", "invalid.choice")
	}
	if in.Kind == AnswerDenyProposal {
		d := DecisionInput{Decision: Denied, Exemption: in.Exemption}
		if err := d.Validate(); err != nil {
			for k, v := range AsError(err).Fields {
				p[k] = v
			}
		}
		in.Exemption = d.Exemption
		in.CatalogueID = 0
	} else {
		in.Exemption = nil
	}
	return p.Err()
}

// ChannelTransfer marks a request created here by the transfer of a
// request from another body of this deployment (dialihkan).
const ChannelTransfer Channel = "transfer"

// TransferLink joins a transferred request to the one created for it at
// the receiving body, when that body runs in the same deployment.
type TransferLink struct {
	FromNumber   string
	FromBodyName string
	ToNumber     string
	ToBodySlug   string
	ToBodyName   string
	CreatedAt    time.Time
	// Mailed reports whether the new tracking code was sent to the
	// requester's e-mail; without an e-mail the requester must ask the
	// receiving body, which never shows the code on a public page.
	Mailed bool
}

// AnswerableBy reports whether u may answer d: staff of the OPD it was
// forwarded to who handle requests there.
func (d Disposition) AnswerableBy(u User) bool {
	return u.BodyID == d.ToBodyID && u.Role.CanHandleRequests()
}
