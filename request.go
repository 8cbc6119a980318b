package terbuka

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka/workday"
)

// Legal periods of UU 14/2008 Pasal 22 (working days).
const (
	RequestDays   = 10 // written notice due after receipt
	ExtensionDays = 7  // the one extension
)

// RequesterKind is who asks: perseorangan, badan hukum or kelompok orang.
type RequesterKind string

const (
	Individual  RequesterKind = "individual"
	LegalEntity RequesterKind = "legal_entity"
	Group       RequesterKind = "group"
)

// Obtain is how the requester wants to get the information (cara memperoleh).
type Obtain string

// Delivery is how a copy is sent (cara mengirim).
type Delivery string

// ObtainValues and DeliveryValues list the allowed values in form order.
var (
	ObtainValues   = []Obtain{"view", "read", "listen", "note", "softcopy", "hardcopy"}
	DeliveryValues = []Delivery{"in_person", "courier", "post", "email", "fax", "app"}
)

// Channel is how a request reached the body.
type Channel string

const (
	ChannelWeb      Channel = "web"
	ChannelAPI      Channel = "api"
	ChannelLetter   Channel = "letter"
	ChannelPhone    Channel = "phone"
	ChannelInPerson Channel = "in_person"
	ChannelEmail    Channel = "email"
	ChannelFax      Channel = "fax"
)

// StaffChannels are the channels staff register on a requester's behalf.
var StaffChannels = []Channel{ChannelLetter, ChannelInPerson, ChannelPhone, ChannelEmail, ChannelFax}

// Status is a request's stored state (API.md "Statuses").
type Status string

const (
	StatusRegistered  Status = "registered"
	StatusInProcess   Status = "in_process"
	StatusExtended    Status = "extended"
	StatusAnswered    Status = "answered"
	StatusClosed      Status = "closed"
	StatusIncomplete  Status = "incomplete"
	StatusLapsed      Status = "lapsed"
	StatusTransferred Status = "transferred"
)

// Statuses lists every status in life-cycle order.
var Statuses = []Status{StatusRegistered, StatusInProcess, StatusExtended, StatusAnswered, StatusClosed,
	StatusIncomplete, StatusLapsed, StatusTransferred}

// Open reports whether the body still owes an answer.
func (s Status) Open() bool {
	return s == StatusRegistered || s == StatusInProcess || s == StatusExtended
}

// Requester is the person or entity asking. Everything but Kind and Name
// is personal data shown to staff only.
type Requester struct {
	Kind       RequesterKind `json:"kind"`
	Name       string        `json:"name"`
	IDNumber   string        `json:"id_number"`
	Address    string        `json:"address"`
	Email      string        `json:"email"`
	Phone      string        `json:"phone"`
	Occupation string        `json:"occupation"`
}

// Representative files for someone else under a power of attorney.
type Representative struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number"`
	Mandate  string `json:"mandate"`
}

// NewRequest is the intake: what the public form and the API POST carry.
type NewRequest struct {
	Requester      Requester       `json:"requester"`
	Information    string          `json:"information"`
	Purpose        string          `json:"purpose"`
	Obtain         Obtain          `json:"obtain"`
	Delivery       Delivery        `json:"delivery"`
	Representative *Representative `json:"representative"`
}

// Field length limits, in characters.
const (
	maxName        = 200
	maxAddress     = 500
	maxInformation = 5000
	maxPurpose     = 2000
	maxShort       = 200
)

// Normalize trims spaces and puts the phone into E.164 when it parses.
func (n *NewRequest) Normalize() {
	r := &n.Requester
	for _, s := range []*string{&r.Name, &r.IDNumber, &r.Address, &r.Email, &r.Phone, &r.Occupation, &n.Information, &n.Purpose} {
		*s = strings.TrimSpace(*s)
	}
	r.Email = strings.ToLower(r.Email)
	if p, ok := NormalizePhone(r.Phone); ok {
		r.Phone = p
	}
	if rep := n.Representative; rep != nil {
		rep.Name, rep.IDNumber, rep.Mandate = strings.TrimSpace(rep.Name), strings.TrimSpace(rep.IDNumber), strings.TrimSpace(rep.Mandate)
		if *rep == (Representative{}) {
			n.Representative = nil
		}
	}
}

// Validate checks a normalised intake and names every bad field by its
// JSON path.
func (n NewRequest) Validate() error {
	p := Problems{}
	r := n.Requester
	switch r.Kind {
	case Individual, LegalEntity, Group:
	case "":
		p.Add("requester.kind", "invalid.required")
	default:
		p.Add("requester.kind", "invalid.requester_kind")
	}
	text(p, "requester.name", r.Name, maxName, true)
	switch r.Kind {
	case Individual:
		if r.IDNumber == "" {
			p.Add("requester.id_number", "invalid.required")
		} else if key := NIKProblem(r.IDNumber); key != "" {
			p.Add("requester.id_number", key)
		}
	case LegalEntity:
		if r.IDNumber == "" {
			p.Add("requester.id_number", "invalid.required")
		} else if !strings.ContainsAny(r.IDNumber, "0123456789") || len(r.IDNumber) < 5 {
			p.Add("requester.id_number", "invalid.ahu_number")
		}
	}
	text(p, "requester.id_number", r.IDNumber, 100, false)
	text(p, "requester.address", r.Address, maxAddress, true)
	text(p, "requester.occupation", r.Occupation, 100, false)
	if r.Email == "" && r.Phone == "" {
		p.Add("requester.email", "invalid.contact_required")
		p.Add("requester.phone", "invalid.contact_required")
	}
	if r.Email != "" && !ValidEmail(r.Email) {
		p.Add("requester.email", "invalid.email")
	}
	if r.Phone != "" {
		if _, ok := NormalizePhone(r.Phone); !ok {
			p.Add("requester.phone", "invalid.phone")
		}
	}
	text(p, "information", n.Information, maxInformation, true)
	if utf8.RuneCountInString(n.Information) < 10 && n.Information != "" {
		p.Add("information", "invalid.too_short", 10)
	}
	text(p, "purpose", n.Purpose, maxPurpose, true)
	if !oneOf(n.Obtain, ObtainValues) {
		p.Add("obtain", choiceKey(string(n.Obtain)))
	}
	if !oneOf(n.Delivery, DeliveryValues) {
		p.Add("delivery", choiceKey(string(n.Delivery)))
	}
	if n.Delivery == "email" && r.Email == "" {
		p.Add("requester.email", "invalid.email_for_delivery")
	}
	if n.Delivery == "fax" && r.Phone == "" {
		p.Add("requester.phone", "invalid.phone_for_fax")
	}
	rep := n.Representative
	if rep == nil && (r.Kind == Group || r.Kind == LegalEntity) {
		p.Add("representative", "invalid.representative_required")
	}
	if rep != nil {
		text(p, "representative.name", rep.Name, maxName, true)
		if rep.IDNumber == "" {
			p.Add("representative.id_number", "invalid.required")
		} else if key := NIKProblem(rep.IDNumber); key != "" {
			p.Add("representative.id_number", key)
		}
		// A legal entity acts through its organ; a power of attorney is
		// needed for groups and for anyone filing for an individual.
		if rep.Mandate == "" && r.Kind != LegalEntity {
			p.Add("representative.mandate", "invalid.mandate_required")
		}
		text(p, "representative.mandate", rep.Mandate, maxShort, false)
	}
	return p.Err()
}

func choiceKey(v string) string {
	if v == "" {
		return "invalid.required"
	}
	return "invalid.choice"
}

func oneOf[T comparable](v T, list []T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// text checks one free-text field: required, length, and no control
// characters other than newlines and tabs.
func text(p Problems, field, v string, max int, required bool) {
	if v == "" {
		if required {
			p.Add(field, "invalid.required")
		}
		return
	}
	if !utf8.ValidString(v) {
		p.Add(field, "invalid.utf8")
		return
	}
	if utf8.RuneCountInString(v) > max {
		p.Add(field, "invalid.too_long", max)
		return
	}
	for _, r := range v {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			p.Add(field, "invalid.control_chars")
			return
		}
	}
}

// Request is an information request (permohonan informasi publik).
type Request struct {
	ID              int64
	Number          string
	BodyID          int64
	BodySlug        string
	BodyName        string
	BodyTimeZone    string
	Status          Status
	Channel         Channel
	Requester       Requester
	Representative  *Representative
	Information     string
	Purpose         string
	Obtain          Obtain
	Delivery        Delivery
	Lang            string // the requester's language, for notices
	SubmittedAt     time.Time
	ReceivedOn      workday.Date
	DueOn           workday.Date // current due date, after any extension
	OriginalDueOn   workday.Date
	Extended        bool
	ExtensionReason string
	CalendarVersion string
	Decision        *Decision
	Events          []Event
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Overdue reports whether an unanswered request is past its due date on
// day today (in the body's zone). The stored status stays as it is.
func (r Request) Overdue(today workday.Date) bool {
	return r.Status.Open() && today.After(r.DueOn)
}

// CheckExtend enforces Pasal 22(8): one extension, before the original due
// date has passed, while the request is still open.
func (r Request) CheckExtend(today workday.Date, reason string) error {
	if err := r.checkWaiting(); err != nil { // incomplete: its clock is stopped (incomplete.go)
		return err
	}
	p := Problems{}
	text(p, "reason", strings.TrimSpace(reason), maxInformation, true)
	if err := p.Err(); err != nil {
		return err
	}
	switch {
	case r.Extended:
		return Errorf(EConflict, "conflict.already_extended")
	case !r.Status.Open():
		return Errorf(EConflict, "conflict.not_open", string(r.Status))
	case today.After(r.OriginalDueOn):
		return Errorf(EConflict, "conflict.extend_too_late", r.OriginalDueOn.String())
	}
	return nil
}

// CheckDecide enforces that only an open request gets a decision.
func (r Request) CheckDecide() error {
	if err := r.checkWaiting(); err != nil { // incomplete: decided only once completed (incomplete.go)
		return err
	}
	if !r.Status.Open() {
		return Errorf(EConflict, "conflict.not_open", string(r.Status))
	}
	return nil
}

// Event is one step in a request's history. Public events are shown to
// the requester on the tracking page; the others only to staff.
type Event struct {
	At     time.Time
	Kind   string
	Status Status
	Note   string
	Public bool
	Actor  string // staff name, empty for the requester or the system
}
