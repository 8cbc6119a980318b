package terbuka

import (
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

// Legal periods of UU 14/2008 Pasal 36 (working days).
const (
	ObjectionFilingDays = 30 // the requester files within 30 HK of the ground arising, Pasal 36(1)
	ObjectionAnswerDays = 30 // the atasan PPID answers within 30 HK of receipt, Pasal 36(2)
)

// ObjectionReason is the ground of a keberatan: a letter of Pasal 35(1).
type ObjectionReason string

// ObjectionReasons lists the letters a–g in the law's order.
var ObjectionReasons = []ObjectionReason{"a", "b", "c", "d", "e", "f", "g"}

// Pasal35 is the wording of each ground of UU 14/2008 Pasal 35 ayat (1).
var Pasal35 = map[ObjectionReason]string{
	"a": "penolakan atas permintaan informasi berdasarkan alasan pengecualian sebagaimana dimaksud dalam Pasal 17",
	"b": "tidak disediakannya informasi berkala sebagaimana dimaksud dalam Pasal 9",
	"c": "tidak ditanggapinya permintaan informasi",
	"d": "permintaan informasi ditanggapi tidak sebagaimana yang diminta",
	"e": "tidak dipenuhinya permintaan informasi",
	"f": "pengenaan biaya yang tidak wajar",
	"g": "penyampaian informasi yang melebihi waktu yang diatur dalam Undang-Undang ini",
}

// Late reports whether the ground is a missed time limit (c, g): it
// arises the day after the due date, not on the date of a notice.
func (r ObjectionReason) Late() bool { return r == "c" || r == "g" }

// Valid reports whether r is one of a–g.
func (r ObjectionReason) Valid() bool { return oneOf(r, ObjectionReasons) }

// ObjectionStatus is an objection's stored state (API.md "Statuses").
type ObjectionStatus string

const (
	ObjectionRegistered ObjectionStatus = "registered"
	ObjectionDecided    ObjectionStatus = "decided"
)

// ObjectionStatuses lists the statuses in life-cycle order.
var ObjectionStatuses = []ObjectionStatus{ObjectionRegistered, ObjectionDecided}

// ObjectionDecisionKind is the atasan PPID's answer.
type ObjectionDecisionKind string

const (
	// Upheld: the atasan PPID confirms (menguatkan) the PPID's decision;
	// written reasons are mandatory (Pasal 36(2)).
	Upheld ObjectionDecisionKind = "upheld"
	// ReleaseOrdered: the atasan PPID orders the PPID to give the
	// information, in full or in part.
	ReleaseOrdered ObjectionDecisionKind = "release_ordered"
)

// ObjectionDecisionKinds lists the answers in form order.
var ObjectionDecisionKinds = []ObjectionDecisionKind{Upheld, ReleaseOrdered}

// ReleaseScope says how much an order to release covers.
type ReleaseScope string

const (
	ReleaseFull    ReleaseScope = "full"
	ReleasePartial ReleaseScope = "partial"
)

// ReleaseScopes lists the scopes in form order.
var ReleaseScopes = []ReleaseScope{ReleaseFull, ReleasePartial}

// Audit actions and entity of objections and disputes.
const (
	AuditObjectionCreated           = "objection.created"
	AuditObjectionDecided           = "objection.decided"
	AuditObjectionResponded         = "objection.responded"
	AuditObjectionDeadlineRecompute = "objection.deadline_recomputed" // a calendar change moved the due date
	AuditDisputeLodged              = "dispute.lodged"
	AuditDisputeStage               = "dispute.stage_recorded"

	AuditEntityObjection = "objection" // ref: the objection number
	AuditEntityDispute   = "dispute"   // ref: the dispute ID
)

// Limits of an objection's free text, in characters.
const (
	maxStatement     = 5000
	maxResponse      = 2000
	MinStatement     = 10
	MinUpheldReasons = 20 // the shortest written reasons for upholding
)

// NewObjection is what the requester files.
type NewObjection struct {
	Reason    ObjectionReason `json:"reason"`
	Statement string          `json:"statement"`
}

// Validate trims and checks the filing; the window is checked against
// the request by CheckObjection.
func (n *NewObjection) Validate() error {
	p := Problems{}
	n.Reason = ObjectionReason(strings.ToLower(strings.TrimSpace(string(n.Reason))))
	n.Statement = strings.TrimSpace(n.Statement)
	if !n.Reason.Valid() {
		p.Add("reason", choiceKey(string(n.Reason)))
	}
	text(p, "statement", n.Statement, maxStatement, true)
	if c := len([]rune(n.Statement)); c > 0 && c < MinStatement {
		p.Add("statement", "invalid.too_short", MinStatement)
	}
	return p.Err()
}

// ObjectionWindow is when an objection on one ground may be filed: from
// the day the ground arose (day 0) up to and including Closes, the 30th
// working day after it, until 23:59 in the body's zone.
type ObjectionWindow struct {
	Reason   ObjectionReason
	GroundOn workday.Date
	Closes   workday.Date
}

// Contains reports whether filing on day d is in time.
func (w ObjectionWindow) Contains(d workday.Date) bool {
	return !d.Before(w.GroundOn) && !d.After(w.Closes)
}

// ObjectionGround computes when the ground reason arose for request r and
// the window it opens, with cal the calendar of r's body:
//
//   - c and g (not answered, late) arise the day after the missed due date
//     (r.DueOn, after any extension), provided the request was not answered
//     by then: it is still open, or its decision came after the due date;
//   - a, b, d, e and f arise on the date of the PPID's decision (the written
//     notice), in the body's zone; a needs a refusal under Pasal 17 (denied
//     or partially granted).
//
// A ground that has not arisen, or cannot arise, is an EInvalid error on
// field "reason" that says why and, where one exists, from when.
func ObjectionGround(r Request, reason ObjectionReason, cal *workday.Calendar) (ObjectionWindow, error) {
	fail := func(key string, args ...any) (ObjectionWindow, error) {
		return ObjectionWindow{}, Problems{"reason": M(key, args...)}.Err()
	}
	w := ObjectionWindow{Reason: reason}
	if reason.Late() {
		w.GroundOn = r.DueOn.AddDays(1)
		if d := r.Decision; d != nil {
			answered := workday.DateOf(d.DecidedAt.In(cal.Location()))
			if !answered.After(r.DueOn) {
				return fail("invalid.objection_answered_in_time", string(reason), answered.String(), r.DueOn.String())
			}
		} else if !r.Status.Open() {
			return fail("invalid.objection_no_ground", string(reason), string(r.Status))
		}
	} else {
		d := r.Decision
		if d == nil {
			return fail("invalid.objection_no_decision", string(reason), r.DueOn.String())
		}
		if reason == "a" && !d.Kind.NeedsExemption() {
			return fail("invalid.objection_not_refused")
		}
		w.GroundOn = workday.DateOf(d.DecidedAt.In(cal.Location()))
	}
	w.Closes = ObjectionDeadline(cal, w.GroundOn)
	return w, nil
}

// CheckObjection decides whether an objection on reason may be filed at
// instant at: the ground must have arisen (ObjectionGround) and the local
// date of at must lie in its window (Pasal 36(1)). Errors are EInvalid on
// ObjectionDeadline is the last day to file keberatan for a ground that
// arose on ground: the ObjectionFilingDays-th working day after it, the
// ground's own day not counted (Pasal 36 ayat (1)).
func ObjectionDeadline(cal *workday.Calendar, ground workday.Date) workday.Date {
	return cal.AddWorkingDays(ground, ObjectionFilingDays).Date
}

// field "reason" with the window's dates.
func CheckObjection(r Request, reason ObjectionReason, at time.Time, cal *workday.Calendar) (ObjectionWindow, error) {
	w, err := ObjectionGround(r, reason, cal)
	if err != nil {
		return w, err
	}
	filed := workday.DateOf(at.In(cal.Location()))
	switch {
	case filed.Before(w.GroundOn) && reason.Late():
		return w, Problems{"reason": M("invalid.objection_not_overdue", string(reason), r.DueOn.String(),
			w.GroundOn.String(), w.Closes.String())}.Err()
	case filed.Before(w.GroundOn):
		return w, Problems{"reason": M("invalid.objection_too_early", string(reason), w.GroundOn.String(), w.Closes.String())}.Err()
	case filed.After(w.Closes):
		return w, Problems{"reason": M("invalid.objection_window_closed", string(reason), ObjectionFilingDays,
			w.GroundOn.String(), w.Closes.String())}.Err()
	}
	return w, nil
}

// ObjectionDecisionInput is what the atasan PPID submits.
type ObjectionDecisionInput struct {
	Decision ObjectionDecisionKind `json:"decision"`
	Release  ReleaseScope          `json:"release"`
	Reasons  string                `json:"reasons"`
	Position string                `json:"position"`
}

// Validate trims and checks the answer: upholding needs written reasons
// (Pasal 36(2)); an order to release is in full unless it says partial,
// and a partial one must say in its reasons what stays withheld. The
// signer's position (jabatan) is always required.
func (in *ObjectionDecisionInput) Validate() error {
	p := Problems{}
	in.Reasons = strings.TrimSpace(in.Reasons)
	in.Position = strings.TrimSpace(in.Position)
	in.Release = ReleaseScope(strings.TrimSpace(string(in.Release)))
	if !oneOf(in.Decision, ObjectionDecisionKinds) {
		p.Add("decision", choiceKey(string(in.Decision)))
	}
	switch in.Decision {
	case Upheld:
		in.Release = ""
		if in.Reasons == "" {
			p.Add("reasons", "invalid.objection_reasons_required")
		}
	case ReleaseOrdered:
		if in.Release == "" {
			in.Release = ReleaseFull
		}
		if !oneOf(in.Release, ReleaseScopes) {
			p.Add("release", "invalid.choice")
		} else if in.Release == ReleasePartial && in.Reasons == "" {
			p.Add("reasons", "invalid.objection_partial_reasons")
		}
	}
	text(p, "reasons", in.Reasons, maxInformation, false)
	if c := len([]rune(in.Reasons)); in.Decision == Upheld && c > 0 && c < MinUpheldReasons {
		p.Add("reasons", "invalid.too_short", MinUpheldReasons)
	}
	text(p, "position", in.Position, maxShort, true)
	return p.Err()
}

// ObjectionDecision is the atasan PPID's recorded answer.
type ObjectionDecision struct {
	Kind      ObjectionDecisionKind
	Release   ReleaseScope // for ReleaseOrdered
	Reasons   string
	DecidedBy string // the atasan's name
	Position  string // and position (jabatan)
	DecidedAt time.Time
}

// Objection is a keberatan against a request's handling, filed with the
// atasan PPID (UU 14/2008 Pasal 35–36).
type Objection struct {
	ID              int64
	Number          string // KEB-<body code>-<year>-<seq>
	RequestID       int64
	RequestNumber   string
	BodyID          int64
	BodySlug        string
	BodyName        string
	BodyTimeZone    string
	Reason          ObjectionReason
	Statement       string
	Status          ObjectionStatus
	Lang            string // the requester's language, for letters and mail
	SubmittedAt     time.Time
	ReceivedOn      workday.Date // effective receipt, as for requests
	DueOn           workday.Date // ObjectionAnswerDays after ReceivedOn
	GroundOn        workday.Date // the day the ground arose
	WindowCloses    workday.Date // the last day it could be filed
	CalendarVersion string
	Decision        *ObjectionDecision
	Response        string // tanggapan pemohon, after the decision
	RespondedAt     time.Time
	Dispute         *Dispute
	CreatedAt       time.Time
	UpdatedAt       time.Time

	// From the request, for the register and the letter.
	RequesterName      string
	RepresentativeName string
	Information        string
	Purpose            string
}

// Overdue reports whether the atasan PPID has let the due date pass on
// day today (in the body's zone) without answering: the state DOMAIN.md
// calls tidak_ditanggapi. The stored status stays registered.
func (o Objection) Overdue(today workday.Date) bool {
	return o.Status == ObjectionRegistered && today.After(o.DueOn)
}

// CheckDecide enforces that an objection is answered once.
func (o Objection) CheckDecide() error {
	if o.Status != ObjectionRegistered {
		return Errorf(EConflict, "conflict.objection_decided", o.Number)
	}
	return nil
}

// CheckRespond enforces that the requester responds once, to a decision.
func (o Objection) CheckRespond(response string) error {
	p := Problems{}
	text(p, "response", strings.TrimSpace(response), maxResponse, true)
	if err := p.Err(); err != nil {
		return err
	}
	switch {
	case o.Status != ObjectionDecided:
		return Errorf(EConflict, "conflict.objection_not_decided", o.Number)
	case o.Response != "":
		return Errorf(EConflict, "conflict.objection_responded", o.Number)
	}
	return nil
}

// ObjectionNotice is the in-app notification (and mail subject) for the
// atasan PPID when an objection is filed. It names numbers, the ground and
// the due date only, never the requester.
func ObjectionNotice(o Objection) (title, body string) {
	title = "Keberatan baru " + o.Number + " atas permohonan " + o.RequestNumber
	body = "Keberatan " + o.Number + " diajukan dengan alasan Pasal 35 ayat (1) huruf " + string(o.Reason) + " (" +
		Pasal35[o.Reason] + ") terhadap permohonan " + o.RequestNumber + " kepada " + o.BodyName +
		". Atasan PPID wajib memberikan tanggapan tertulis paling lambat " + o.DueOn.String() + " (Pasal 36 UU 14/2008)."
	return title, body
}

// ReleaseOrderNotice is the in-app notification for the PPID when the
// atasan PPID orders the information released: the PPID must now give it.
func ReleaseOrderNotice(o Objection) (title, body string) {
	scope := "seluruhnya"
	if o.Decision != nil && o.Decision.Release == ReleasePartial {
		scope = "sebagian"
	}
	title = "Atasan PPID memerintahkan pemberian informasi: keberatan " + o.Number
	body = "Atas keberatan " + o.Number + " terhadap permohonan " + o.RequestNumber + " kepada " + o.BodyName +
		", atasan PPID memerintahkan PPID memberikan informasi yang dimohon (" + scope + ")."
	return title, body
}

// ObjectionLetter is what the atasan PPID's written answer on an
// objection (package pdf) is drawn from.
type ObjectionLetter struct {
	// Letterhead is the body the atasan PPID answers for: the government
	// (province, regency, city or ministry) above the unit that handled
	// the request, or that unit when it stands alone.
	Letterhead Body
	Body       Body    // the unit whose PPID decided the request
	Request    Request // with the requester's personal data: the letter is theirs
	Objection  Objection
	// DisputeBy is the last day to take the matter to the Komisi
	// Informasi (Pasal 37(2)); zero leaves the date out.
	DisputeBy workday.Date
}
