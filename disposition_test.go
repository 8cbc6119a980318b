package terbuka

import (
	"slices"
	"testing"

	"github.com/terbuka-id/terbuka/workday"
)

func TestDispositionInput_Validate(t *testing.T) {
	in := DispositionInput{To: []string{" dinkes-uji ", "DINKES-UJI", "", "dindik-uji"}, Instructions: "  Mohon data puskesmas. "}
	if err := in.Validate(5); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in.To, []string{"dinkes-uji", "dindik-uji"}) || in.Days != 5 || in.Instructions != "Mohon data puskesmas." {
		t.Errorf("normalised input %+v", in)
	}
	for name, tc := range map[string]struct {
		in    DispositionInput
		field string
	}{
		"no target":       {DispositionInput{Instructions: "x"}, "to"},
		"bad slug":        {DispositionInput{To: []string{"Dinas Kesehatan"}, Instructions: "x"}, "to"},
		"too many days":   {DispositionInput{To: []string{"a"}, Days: 18, Instructions: "x"}, "days"},
		"negative days":   {DispositionInput{To: []string{"a"}, Days: -1, Instructions: "x"}, "days"},
		"no instructions": {DispositionInput{To: []string{"a"}, Days: 3, Instructions: "  "}, "instructions"},
	} {
		err := tc.in.Validate(5)
		if e := AsError(err); e == nil || e.Code != EInvalid || e.Fields[tc.field].Key == "" {
			t.Errorf("%s: %v, want a problem on %s", name, err, tc.field)
		}
	}
}

func TestCheckDispositionDue(t *testing.T) {
	cal := workday.New(workday.MustBase(), nil, workday.Options{})
	today, requestDue := workday.D(2026, 1, 12), workday.D(2026, 1, 27)
	if err := CheckDispositionDue(cal, today, requestDue, requestDue); err != nil {
		t.Errorf("ending on the request's due date: %v", err)
	}
	err := CheckDispositionDue(cal, today, workday.D(2026, 1, 28), requestDue)
	e := AsError(err)
	if e == nil || e.Fields["days"].Key != "invalid.disposition_after_due" {
		t.Fatalf("ending after the due date: %v", err)
	}
	// 13, 14, 15, 19, 20, 21, 22, 23, 26, 27 January: 10 working days.
	if args := e.Fields["days"].Args; len(args) != 3 || args[2] != 10 {
		t.Errorf("the message names %v, want the longest deadline (10 working days) last", args)
	}
}

func TestDisposition_DeadlineState(t *testing.T) {
	cal := workday.New(workday.MustBase(), nil, workday.Options{})
	d := Disposition{State: DispositionOpen, DueOn: workday.D(2026, 1, 19)} // Monday; Fri 16 January is a holiday
	for _, c := range []struct {
		today  workday.Date
		status Status
		state  DispositionState
		want   string
	}{
		{workday.D(2026, 1, 14), StatusInProcess, DispositionOpen, DispositionOnTime},
		{workday.D(2026, 1, 15), StatusInProcess, DispositionOpen, DispositionDueSoon}, // only 19 January left
		{workday.D(2026, 1, 19), StatusInProcess, DispositionOpen, DispositionDueSoon},
		{workday.D(2026, 1, 20), StatusInProcess, DispositionOpen, DispositionOverdue},
		{workday.D(2026, 1, 20), StatusInProcess, DispositionAnswered, DispositionDone},
		{workday.D(2026, 1, 20), StatusAnswered, DispositionOpen, DispositionDone},
	} {
		d.State = c.state
		if got := d.DeadlineState(cal, c.today, c.status); got != c.want {
			t.Errorf("%s (%s, %s): %s, want %s", c.today, c.status, c.state, got, c.want)
		}
	}
}

func TestAnswerInput_Validate(t *testing.T) {
	info := AnswerInput{Kind: AnswerInformation, Text: " Data terlampir. ", CatalogueID: 7,
		Exemption: &Exemption{Basis: "b", ConsequenceTest: "ignored"}}
	if err := info.Validate(); err != nil || info.Exemption != nil || info.Text != "Data terlampir." {
		t.Errorf("information answer: %v %+v", err, info)
	}
	deny := AnswerInput{Kind: AnswerDenyProposal, Text: "Usul ditolak.", CatalogueID: 3,
		Exemption: &Exemption{Basis: "Pasal 17 huruf h", ConsequenceTest: "Membuka rekam medis pasien merugikan hak atas rahasia pribadi."}}
	if err := deny.Validate(); err != nil || deny.Exemption.Letter != "h" || deny.Exemption.Basis != "Pasal 17 huruf h UU 14/2008" || deny.CatalogueID != 0 {
		t.Errorf("deny proposal: %v %+v", err, deny)
	}
	for name, tc := range map[string]struct {
		in    AnswerInput
		field string
	}{
		"no kind":             {AnswerInput{Text: "x"}, "kind"},
		"unknown kind":        {AnswerInput{Kind: "maybe", Text: "x"}, "kind"},
		"no text":             {AnswerInput{Kind: AnswerInformation}, "text"},
		"deny without ground": {AnswerInput{Kind: AnswerDenyProposal, Text: "x"}, "exemption"},
		"deny with bad basis": {AnswerInput{Kind: AnswerDenyProposal, Text: "x", Exemption: &Exemption{Basis: "Pasal 99", ConsequenceTest: "panjang sekali alasannya sampai tiga puluh"}}, "exemption.basis"},
		"deny short test":     {AnswerInput{Kind: AnswerDenyProposal, Text: "x", Exemption: &Exemption{Basis: "b", ConsequenceTest: "rahasia"}}, "exemption.consequence_test"},
		"negative catalogue":  {AnswerInput{Kind: AnswerInformation, Text: "x", CatalogueID: -1}, "catalogue_id"},
	} {
		err := tc.in.Validate()
		if e := AsError(err); e == nil || e.Code != EInvalid || e.Fields[tc.field].Key == "" {
			t.Errorf("%s: %v, want a problem on %s", name, err, tc.field)
		}
	}
}

func TestDispositionRights(t *testing.T) {
	utama := Body{ID: 2, PPID: PPIDUtama}
	opd := Body{ID: 3, PPID: PPIDPelaksana}
	for _, c := range []struct {
		u    User
		own  Body
		want bool
	}{
		{User{Role: RolePPID}, utama, true},
		{User{Role: RoleAdmin}, Body{ID: 1, PPID: PPIDNone}, true},
		{User{Role: RolePPID}, opd, false}, // a PPID account at an OPD is no PPID Utama
		{User{Role: RolePPIDPelaksana}, opd, false},
		{User{Role: RoleAtasanPPID}, utama, false},
	} {
		if got := CanDispose(c.u, c.own); got != c.want {
			t.Errorf("CanDispose(%s at %s) = %v", c.u.Role, c.own.PPID, got)
		}
	}
	if !DispositionTarget(opd, 2) || DispositionTarget(opd, 3) || DispositionTarget(utama, 3) {
		t.Error("DispositionTarget: only an OPD with a PPID Pelaksana other than the request's own body")
	}
	d := Disposition{ToBodyID: 3, State: DispositionOpen}
	if !d.AnswerableBy(User{Role: RolePPIDPelaksana, BodyID: 3}) || d.AnswerableBy(User{Role: RolePPIDPelaksana, BodyID: 4}) ||
		d.AnswerableBy(User{Role: RoleAtasanPPID, BodyID: 3}) {
		t.Error("AnswerableBy: only request handlers of the OPD")
	}
	if err := (Disposition{State: DispositionAnswered}).CheckWithdraw(); ErrorCode(err) != EConflict {
		t.Errorf("withdrawing an answered disposition: %v", err)
	}
}
