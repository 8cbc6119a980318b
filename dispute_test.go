package terbuka

import (
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

// objectionDue is an objection received on 2026-02-02 and due on
// 2026-03-16 (30 working days, skipping 16–17 February), decided at at
// when at is not zero.
func objectionDue(at time.Time) Objection {
	o := Objection{Number: "KEB-DINKES-2026-000001", Reason: "a", Status: ObjectionRegistered,
		ReceivedOn: workday.D(2026, 2, 2), DueOn: workday.D(2026, 3, 16)}
	if !at.IsZero() {
		o.Status = ObjectionDecided
		o.Decision = &ObjectionDecision{Kind: Upheld, DecidedAt: at}
	}
	return o
}

func TestCheckDispute_Windows(t *testing.T) {
	cal := calendarIn(wibZone)
	d := workday.D
	tests := []struct {
		name          string
		o             Objection
		lodged, today workday.Date
		errField      string
		errKey        string
	}{
		// Answered on 18 February: 14 working days to 10 March.
		{"on the day of the answer", objectionDue(wibAt(2026, 2, 18, 10, 0)), d(2026, 2, 18), d(2026, 2, 18), "", ""},
		{"on the last day", objectionDue(wibAt(2026, 2, 18, 10, 0)), d(2026, 3, 10), d(2026, 3, 20), "", ""},
		{"a day too late", objectionDue(wibAt(2026, 2, 18, 10, 0)), d(2026, 3, 11), d(2026, 3, 20), "lodged_on", "invalid.dispute_window"},
		{"before the answer", objectionDue(wibAt(2026, 2, 18, 10, 0)), d(2026, 2, 17), d(2026, 2, 20), "lodged_on", "invalid.dispute_window"},
		{"in the future", objectionDue(wibAt(2026, 2, 18, 10, 0)), d(2026, 2, 25), d(2026, 2, 20), "lodged_on", "invalid.dispute_future"},
		// No answer: from 17 March to the 14th working day after 16 March,
		// across Nyepi, Idul Fitri and the cuti bersama: 13 April.
		{"unanswered, while the atasan may still answer", objectionDue(time.Time{}), d(2026, 3, 16), d(2026, 3, 16), "lodged_on", "invalid.dispute_too_early"},
		{"unanswered, the day after the due date", objectionDue(time.Time{}), d(2026, 3, 17), d(2026, 3, 17), "", ""},
		{"unanswered, across Lebaran", objectionDue(time.Time{}), d(2026, 4, 13), d(2026, 4, 20), "", ""},
		{"unanswered, too late", objectionDue(time.Time{}), d(2026, 4, 14), d(2026, 4, 20), "lodged_on", "invalid.dispute_window"},
		// Answered late on 22 April: both grounds are open until 13 May.
		{"late answer, from the end of the 30 days", objectionDue(wibAt(2026, 4, 22, 9, 0)), d(2026, 3, 20), d(2026, 4, 22), "", ""},
		{"late answer, to 14 days after it", objectionDue(wibAt(2026, 4, 22, 9, 0)), d(2026, 5, 13), d(2026, 5, 13), "", ""},
		{"late answer, too late", objectionDue(wibAt(2026, 4, 22, 9, 0)), d(2026, 5, 14), d(2026, 5, 14), "lodged_on", "invalid.dispute_window"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDispute(tt.o, tt.lodged, tt.today, cal)
			if tt.errKey == "" {
				if err != nil {
					t.Fatalf("CheckDispute: %v", err)
				}
				return
			}
			e := AsError(err)
			if e == nil || e.Code != EInvalid || e.Fields[tt.errField].Key != tt.errKey {
				t.Fatalf("err = %v, want %s on %s", err, tt.errKey, tt.errField)
			}
		})
	}
	t.Run("one per objection", func(t *testing.T) {
		o := objectionDue(wibAt(2026, 2, 18, 10, 0))
		o.Dispute = &Dispute{ID: 1}
		if err := CheckDispute(o, d(2026, 2, 20), d(2026, 2, 20), cal); ErrorCode(err) != EConflict {
			t.Fatalf("second dispute: %v", err)
		}
	})
}

func TestDisputeStageInput_Validate(t *testing.T) {
	tests := []struct {
		name   string
		in     DisputeStageInput
		fields []string
	}{
		{"registration", DisputeStageInput{Stage: StageRegistrasi, Date: "2026-03-02"}, nil},
		{"mediation without outcome", DisputeStageInput{Stage: StageMediasi, Date: "2026-03-02"}, nil},
		{"mediation settled", DisputeStageInput{Stage: StageMediasi, Date: "2026-03-02", Outcome: OutcomeSettled}, nil},
		{"putusan granted", DisputeStageInput{Stage: StagePutusan, Date: "2026-03-02", Outcome: OutcomeGranted}, nil},
		{"putusan without outcome", DisputeStageInput{Stage: StagePutusan, Date: "2026-03-02"}, []string{"outcome"}},
		{"putusan with a mediation outcome", DisputeStageInput{Stage: StagePutusan, Date: "2026-03-02", Outcome: OutcomeSettled}, []string{"outcome"}},
		{"registration with an outcome", DisputeStageInput{Stage: StageRegistrasi, Date: "2026-03-02", Outcome: OutcomeRejected}, []string{"outcome"}},
		{"court without court", DisputeStageInput{Stage: StagePengadilan, Date: "2026-03-02", Outcome: OutcomeRejected}, []string{"court"}},
		{"court at the PTUN", DisputeStageInput{Stage: StagePengadilan, Date: "2026-03-02", Outcome: OutcomeRejected, Court: "ptun"}, nil},
		{"unknown stage, bad date", DisputeStageInput{Stage: "sidang", Date: "2-3-2026"}, []string{"stage", "date"}},
		{"no date", DisputeStageInput{Stage: StageAjudikasi}, []string{"date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			_, err := in.Validate()
			if len(tt.fields) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			e := AsError(err)
			if e == nil {
				t.Fatal("no error")
			}
			for _, f := range tt.fields {
				if _, ok := e.Fields[f]; !ok {
					t.Errorf("no problem on %s: %v", f, err)
				}
			}
		})
	}
}

func TestDispute_CheckStage(t *testing.T) {
	d := workday.D
	base := Dispute{LodgedOn: d(2026, 3, 2)}
	withStage := func(k DisputeStageKind, outcome DisputeOutcome, on workday.Date) Dispute {
		x := base
		x.Stage, x.Outcome = k, outcome
		x.Stages = []DisputeStage{{Stage: k, Outcome: outcome, On: on}}
		return x
	}
	today := d(2026, 6, 1)
	tests := []struct {
		name   string
		d      Dispute
		in     DisputeStageInput
		on     workday.Date
		reason ObjectionReason
		code   Code
		field  string
	}{
		{"first stage", base, DisputeStageInput{Stage: StageRegistrasi}, d(2026, 3, 3), "c", "", ""},
		{"skipping mediation", withStage(StagePemeriksaanAwal, "", d(2026, 3, 10)), DisputeStageInput{Stage: StageAjudikasi}, d(2026, 4, 1), "a", "", ""},
		{"a second hearing", withStage(StageAjudikasi, "", d(2026, 4, 1)), DisputeStageInput{Stage: StageAjudikasi}, d(2026, 4, 15), "a", "", ""},
		{"backwards", withStage(StagePutusan, OutcomeGranted, d(2026, 5, 1)), DisputeStageInput{Stage: StagePemeriksaanAwal}, d(2026, 5, 2), "c", EConflict, ""},
		{"mediation of a Pasal 17 refusal", withStage(StagePemeriksaanAwal, "", d(2026, 3, 10)), DisputeStageInput{Stage: StageMediasi}, d(2026, 3, 20), "a", EInvalid, "stage"},
		{"mediation of an unanswered request", withStage(StagePemeriksaanAwal, "", d(2026, 3, 10)), DisputeStageInput{Stage: StageMediasi}, d(2026, 3, 20), "c", "", ""},
		{"after a settlement", withStage(StageMediasi, OutcomeSettled, d(2026, 3, 20)), DisputeStageInput{Stage: StagePutusan}, d(2026, 4, 1), "c", EConflict, ""},
		{"after a failed mediation", withStage(StageMediasi, OutcomeMediationFailed, d(2026, 3, 20)), DisputeStageInput{Stage: StageAjudikasi}, d(2026, 4, 1), "c", "", ""},
		{"court after the putusan", withStage(StagePutusan, OutcomeRejected, d(2026, 5, 1)), DisputeStageInput{Stage: StagePengadilan}, d(2026, 5, 15), "a", "", ""},
		{"after kasasi", withStage(StageKasasi, OutcomeRejected, d(2026, 5, 20)), DisputeStageInput{Stage: StageKasasi}, d(2026, 5, 25), "a", EConflict, ""},
		{"before the lodging", base, DisputeStageInput{Stage: StageRegistrasi}, d(2026, 3, 1), "c", EInvalid, "date"},
		{"before the last stage", withStage(StagePemeriksaanAwal, "", d(2026, 3, 10)), DisputeStageInput{Stage: StageAjudikasi}, d(2026, 3, 9), "c", EInvalid, "date"},
		{"in the future", base, DisputeStageInput{Stage: StageRegistrasi}, d(2026, 6, 2), "c", EInvalid, "date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.d.CheckStage(tt.in, tt.on, today, tt.reason)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if ErrorCode(err) != tt.code {
				t.Fatalf("err = %v, want %s", err, tt.code)
			}
			if tt.field != "" {
				if _, ok := AsError(err).Fields[tt.field]; !ok {
					t.Fatalf("no problem on %s: %v", tt.field, err)
				}
			}
		})
	}
}
