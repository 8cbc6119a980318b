package terbuka

import (
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

// DisputeFilingDays is how long after the atasan PPID's answer, or after
// the end of the 30 working days it had, the requester may take the matter
// to the Komisi Informasi (UU 14/2008 Pasal 37(2)).
const DisputeFilingDays = 14

// DisputeStageKind is a step of a sengketa informasi at the Komisi
// Informasi (Perki 1/2013) and, after its putusan, in court (Pasal 47–50).
type DisputeStageKind string

const (
	StageRegistrasi      DisputeStageKind = "registrasi"
	StagePemeriksaanAwal DisputeStageKind = "pemeriksaan_awal"
	StageMediasi         DisputeStageKind = "mediasi"
	StageAjudikasi       DisputeStageKind = "ajudikasi"  // ajudikasi nonlitigasi
	StagePutusan         DisputeStageKind = "putusan"    // the KI's decision
	StagePengadilan      DisputeStageKind = "pengadilan" // PTUN or PN, Pasal 47–48
	StageKasasi          DisputeStageKind = "kasasi"     // Mahkamah Agung, Pasal 50
)

// DisputeStages lists the stages in the order a dispute moves through
// them; a stage may be recorded again (a second hearing) but never after
// a later one.
var DisputeStages = []DisputeStageKind{StageRegistrasi, StagePemeriksaanAwal, StageMediasi, StageAjudikasi,
	StagePutusan, StagePengadilan, StageKasasi}

// rank is a stage's place in DisputeStages, 0 for none yet.
func (k DisputeStageKind) rank() int {
	for i, s := range DisputeStages {
		if s == k {
			return i + 1
		}
	}
	return 0
}

// DisputeOutcome is what a stage ended with.
type DisputeOutcome string

const (
	OutcomeSettled         DisputeOutcome = "mediasi_berhasil"
	OutcomeMediationFailed DisputeOutcome = "mediasi_gagal"
	OutcomeGranted         DisputeOutcome = "dikabulkan"
	OutcomePartlyGranted   DisputeOutcome = "dikabulkan_sebagian"
	OutcomeRejected        DisputeOutcome = "ditolak"
	OutcomeNotAdmissible   DisputeOutcome = "tidak_diterima"
)

// DisputeOutcomes lists every outcome; MediationOutcomes and
// RulingOutcomes say which stage takes which.
var (
	MediationOutcomes = []DisputeOutcome{OutcomeSettled, OutcomeMediationFailed}
	RulingOutcomes    = []DisputeOutcome{OutcomeGranted, OutcomePartlyGranted, OutcomeRejected, OutcomeNotAdmissible}
	DisputeOutcomes   = append(append([]DisputeOutcome{}, MediationOutcomes...), RulingOutcomes...)
)

// Courts that hear an objection to a KI's putusan: the PTUN for a state
// body, the PN for any other (Pasal 47).
var Courts = []string{"ptun", "pn"}

// NewDispute is what the requester records: the date the dispute was
// lodged with the Komisi Informasi, the KI's registration number and which
// commission (Pusat, Provinsi, Kabupaten/Kota).
type NewDispute struct {
	LodgedOn   string `json:"lodged_on"`
	KINumber   string `json:"ki_number"`
	Commission string `json:"commission"`
}

// Validate trims and checks the fields and returns the lodging date.
func (n *NewDispute) Validate() (workday.Date, error) {
	p := Problems{}
	n.KINumber, n.Commission = strings.TrimSpace(n.KINumber), strings.TrimSpace(n.Commission)
	var d workday.Date
	if s := strings.TrimSpace(n.LodgedOn); s == "" {
		p.Add("lodged_on", "invalid.required")
	} else if parsed, err := workday.ParseDate(s); err != nil {
		p.Add("lodged_on", "invalid.date")
	} else {
		d = parsed
	}
	text(p, "ki_number", n.KINumber, 100, true)
	text(p, "commission", n.Commission, maxShort, true)
	return d, p.Err()
}

// DisputeWindow is when a dispute on objection o may be lodged, with cal
// the calendar of its body and today the current date there:
//
//   - after the atasan's answer, from its date to the 14th working day
//     after it;
//   - without an answer, from the day after the objection's due date to
//     the 14th working day after that due date;
//   - after a late answer, from the day after the due date to the 14th
//     working day after the answer (both grounds are open to the
//     requester, so the later end applies).
//
// Before the answer and while its due date has not passed, it is an
// EInvalid error on field "lodged_on" saying until when the atasan may
// answer.
func DisputeWindow(o Objection, today workday.Date, cal *workday.Calendar) (opens, closes workday.Date, err error) {
	if d := o.Decision; d != nil {
		answered := workday.DateOf(d.DecidedAt.In(cal.Location()))
		opens, closes = answered, cal.AddWorkingDays(answered, DisputeFilingDays).Date
		if answered.After(o.DueOn) {
			opens = o.DueOn.AddDays(1)
		}
		return opens, closes, nil
	}
	if !today.After(o.DueOn) {
		return opens, closes, Problems{"lodged_on": M("invalid.dispute_too_early", o.DueOn.String())}.Err()
	}
	return o.DueOn.AddDays(1), cal.AddWorkingDays(o.DueOn, DisputeFilingDays).Date, nil
}

// CheckDispute decides whether a dispute lodged on day lodged may be
// recorded for objection o on day today: one per objection, lodged in its
// window (DisputeWindow) and not in the future.
func CheckDispute(o Objection, lodged, today workday.Date, cal *workday.Calendar) error {
	if o.Dispute != nil {
		return Errorf(EConflict, "conflict.dispute_exists", o.Number)
	}
	opens, closes, err := DisputeWindow(o, today, cal)
	if err != nil {
		return err
	}
	switch {
	case lodged.After(today):
		return Problems{"lodged_on": M("invalid.dispute_future", today.String())}.Err()
	case lodged.Before(opens) || lodged.After(closes):
		return Problems{"lodged_on": M("invalid.dispute_window", DisputeFilingDays, opens.String(), closes.String())}.Err()
	}
	return nil
}

// DisputeStageInput is what staff record about a stage.
type DisputeStageInput struct {
	Stage   DisputeStageKind `json:"stage"`
	Date    string           `json:"date"`
	Court   string           `json:"court"`
	Outcome DisputeOutcome   `json:"outcome"`
	Note    string           `json:"note"`
}

// Validate trims and checks the input on its own and returns the stage's
// date: a putusan, a court ruling and a kasasi need an outcome of
// RulingOutcomes, a mediation may have one of MediationOutcomes, other
// stages none; a court stage names the court (ptun or pn).
func (in *DisputeStageInput) Validate() (workday.Date, error) {
	p := Problems{}
	in.Note, in.Court = strings.TrimSpace(in.Note), strings.TrimSpace(in.Court)
	in.Outcome = DisputeOutcome(strings.TrimSpace(string(in.Outcome)))
	var d workday.Date
	if !oneOf(in.Stage, DisputeStages) {
		p.Add("stage", choiceKey(string(in.Stage)))
	}
	if s := strings.TrimSpace(in.Date); s == "" {
		p.Add("date", "invalid.required")
	} else if parsed, err := workday.ParseDate(s); err != nil {
		p.Add("date", "invalid.date")
	} else {
		d = parsed
	}
	switch in.Stage {
	case StagePutusan, StagePengadilan, StageKasasi:
		if !oneOf(in.Outcome, RulingOutcomes) {
			p.Add("outcome", choiceKey(string(in.Outcome)))
		}
	case StageMediasi:
		if in.Outcome != "" && !oneOf(in.Outcome, MediationOutcomes) {
			p.Add("outcome", "invalid.choice")
		}
	default:
		if in.Outcome != "" {
			p.Add("outcome", "invalid.dispute_no_outcome")
		}
	}
	if in.Stage == StagePengadilan {
		if !oneOf(in.Court, Courts) {
			p.Add("court", choiceKey(in.Court))
		}
	} else {
		in.Court = ""
	}
	text(p, "note", in.Note, maxPurpose, false)
	return d, p.Err()
}

// DisputeStage is one recorded step.
type DisputeStage struct {
	Stage      DisputeStageKind
	On         workday.Date
	Court      string
	Outcome    DisputeOutcome
	Note       string
	RecordedBy string
	At         time.Time
}

// Dispute is a sengketa informasi the requester took to the Komisi
// Informasi after an objection (Pasal 37–38), with the stages staff record.
type Dispute struct {
	ID              int64
	ObjectionID     int64
	ObjectionNumber string
	RequestNumber   string
	BodyID          int64
	LodgedOn        workday.Date
	KINumber        string
	Commission      string
	Stage           DisputeStageKind // the latest stage, "" before any
	Outcome         DisputeOutcome   // the latest outcome, if any
	Stages          []DisputeStage
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Closed reports whether nothing can follow: a settlement by mediation or
// a kasasi ruling.
func (d Dispute) Closed() bool {
	return d.Outcome == OutcomeSettled || (d.Stage == StageKasasi && d.Outcome != "")
}

// CheckStage decides whether stage in, on day on, may follow what d has
// recorded, on day today, for an objection on reason: stages move forward
// only, never before the lodging date, the last stage or after today, and
// a dispute over a Pasal 17 refusal (reason a) cannot go to mediation
// (UU 14/2008 Pasal 40(2)).
func (d Dispute) CheckStage(in DisputeStageInput, on, today workday.Date, reason ObjectionReason) error {
	if d.Closed() {
		return Errorf(EConflict, "conflict.dispute_closed")
	}
	if in.Stage.rank() < d.Stage.rank() {
		return Errorf(EConflict, "conflict.dispute_stage_order", string(in.Stage), string(d.Stage))
	}
	if in.Stage == StageMediasi && reason == "a" {
		return Problems{"stage": M("invalid.dispute_mediation_excluded")}.Err()
	}
	last := d.LodgedOn
	if n := len(d.Stages); n > 0 && d.Stages[n-1].On.After(last) {
		last = d.Stages[n-1].On
	}
	switch {
	case on.After(today):
		return Problems{"date": M("invalid.dispute_future", today.String())}.Err()
	case on.Before(last):
		return Problems{"date": M("invalid.dispute_stage_date", last.String())}.Err()
	}
	return nil
}

// DisputeNotice is the in-app notification for the atasan PPID and the
// PPID when the requester records a dispute at the Komisi Informasi.
func DisputeNotice(o Objection, d Dispute) (title, body string) {
	title = "Sengketa informasi diajukan: keberatan " + o.Number
	body = "Pemohon mencatat bahwa sengketa informasi atas keberatan " + o.Number + " (permohonan " + o.RequestNumber +
		" kepada " + o.BodyName + ") diajukan ke " + d.Commission + " pada " + d.LodgedOn.String() +
		" dengan nomor registrasi " + d.KINumber + "."
	return title, body
}
