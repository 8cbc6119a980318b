package terbuka

import (
	"fmt"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/workday"
)

// action is one thing done to a request, applied through the domain's
// rule for it; it returns the status the request has afterwards.
type action struct {
	name  string
	apply func(r Request, cal *workday.Calendar, today workday.Date) (Status, error)
}

// The windows of the table test: received and flagged on Mon 12 January
// 2026, so the flag window and the completion window both end on Thu 15
// January (3 working days), and the due date is Tue 27 January.
var (
	tableToday = workday.D(2026, 1, 12)
	tableDue   = workday.D(2026, 1, 27)
)

var actions = []action{
	{"mark incomplete", func(r Request, cal *workday.Calendar, today workday.Date) (Status, error) {
		if err := r.CheckMarkIncomplete(today, IncompleteFlagBy(cal, r.ReceivedOn, DefaultIncompleteFlagDays)); err != nil {
			return r.Status, err
		}
		return StatusIncomplete, nil
	}},
	{"complete", func(r Request, cal *workday.Calendar, today workday.Date) (Status, error) {
		if err := r.CheckComplete(today, IncompleteCompleteBy(cal, tableToday, DefaultIncompleteCompleteDays)); err != nil {
			return r.Status, err
		}
		return StatusRegistered, nil
	}},
	{"lapse", func(r Request, cal *workday.Calendar, _ workday.Date) (Status, error) {
		// The lapse job runs the day after the window (Fri 16 January is a
		// holiday, so Mon 19 January).
		if err := r.CheckLapse(workday.D(2026, 1, 19), IncompleteCompleteBy(cal, tableToday, DefaultIncompleteCompleteDays)); err != nil {
			return r.Status, err
		}
		return StatusLapsed, nil
	}},
	{"dispose", func(r Request, _ *workday.Calendar, _ workday.Date) (Status, error) {
		if err := r.CheckDispose(); err != nil {
			return r.Status, err
		}
		return r.StatusAfterDispose(), nil
	}},
	{"answer", func(r Request, _ *workday.Calendar, _ workday.Date) (Status, error) {
		if err := r.CheckAnswer(Disposition{State: DispositionOpen}); err != nil {
			return r.Status, err
		}
		return r.Status, nil // internal: the request's status does not change
	}},
	{"extend", func(r Request, _ *workday.Calendar, today workday.Date) (Status, error) {
		if err := r.CheckExtend(today, "Informasi tersebar di beberapa bidang."); err != nil {
			return r.Status, err
		}
		return StatusExtended, nil
	}},
	{"decide", func(r Request, _ *workday.Calendar, _ workday.Date) (Status, error) {
		if err := r.CheckDecide(); err != nil {
			return r.Status, err
		}
		return Granted.StatusAfter(), nil
	}},
	{"transfer", func(r Request, _ *workday.Calendar, _ workday.Date) (Status, error) {
		if err := r.CheckDecide(); err != nil {
			return r.Status, err
		}
		return Transferred.StatusAfter(), nil
	}},
}

// TestRequestStateMachine checks every status against every action: the
// status an allowed action leads to, and EConflict (409 through the API)
// with a message for a forbidden one.
func TestRequestStateMachine(t *testing.T) {
	const no = Status("") // forbidden: EConflict
	// columns: mark incomplete, complete, lapse, dispose, answer, extend, decide, transfer
	table := map[Status][]Status{
		StatusRegistered:  {StatusIncomplete, no, no, StatusInProcess, StatusRegistered, StatusExtended, StatusAnswered, StatusTransferred},
		StatusInProcess:   {no, no, no, StatusInProcess, StatusInProcess, StatusExtended, StatusAnswered, StatusTransferred},
		StatusExtended:    {no, no, no, StatusExtended, StatusExtended, no, StatusAnswered, StatusTransferred},
		StatusIncomplete:  {no, StatusRegistered, StatusLapsed, no, no, no, no, no},
		StatusAnswered:    {no, no, no, no, no, no, no, no},
		StatusClosed:      {no, no, no, no, no, no, no, no},
		StatusLapsed:      {no, no, no, no, no, no, no, no},
		StatusTransferred: {no, no, no, no, no, no, no, no},
	}
	if len(table) != len(Statuses) {
		t.Fatalf("the table has %d statuses, the domain %d", len(table), len(Statuses))
	}
	cal := workday.New(workday.MustBase(), nil, workday.Options{})
	for _, from := range Statuses {
		want, ok := table[from]
		if !ok || len(want) != len(actions) {
			t.Fatalf("status %s: no complete row in the table", from)
		}
		for i, a := range actions {
			t.Run(fmt.Sprintf("%s/%s", from, a.name), func(t *testing.T) {
				r := Request{Status: from, ReceivedOn: tableToday, DueOn: tableDue, OriginalDueOn: tableDue, Extended: from == StatusExtended}
				got, err := a.apply(r, cal, tableToday)
				if want[i] == no {
					e := AsError(err)
					if e == nil || e.Code != EConflict || e.Msg.Key == "" {
						t.Fatalf("%s on %s: %v, want a conflict", a.name, from, err)
					}
					if got != from {
						t.Errorf("a refused %s changed the status to %s", a.name, got)
					}
					return
				}
				if err != nil {
					t.Fatalf("%s on %s: %v", a.name, from, err)
				}
				if got != want[i] {
					t.Errorf("%s on %s → %s, want %s", a.name, from, got, want[i])
				}
			})
		}
	}
}

// An incomplete request waits for the requester: refusing to extend or
// decide it says so, rather than only naming its status.
func TestIncomplete_RefusalsSayWhy(t *testing.T) {
	r := Request{Status: StatusIncomplete, DueOn: tableDue, OriginalDueOn: tableDue}
	for name, err := range map[string]error{
		"extend": r.CheckExtend(tableToday, ""), "decide": r.CheckDecide(), "dispose": r.CheckDispose(),
		"answer": r.CheckAnswer(Disposition{State: DispositionOpen}),
	} {
		if e := AsError(err); e == nil || e.Msg.Key != "conflict.incomplete_waiting" {
			t.Errorf("%s: %v, want conflict.incomplete_waiting", name, err)
		}
	}
	if r.Overdue(workday.D(2026, 3, 1)) {
		t.Error("an incomplete request is reported overdue; its due date is not running")
	}
}

func TestIncomplete_Windows(t *testing.T) {
	cal := workday.New(workday.MustBase(), nil, workday.Options{})
	received := workday.D(2026, 1, 12) // Monday; Fri 16 January is Isra Mikraj
	if got := IncompleteFlagBy(cal, received, 3); got != workday.D(2026, 1, 15) {
		t.Errorf("flag window ends %s, want 2026-01-15", got)
	}
	flagged := workday.D(2026, 1, 14)
	if got := IncompleteCompleteBy(cal, flagged, 3); got != workday.D(2026, 1, 20) {
		t.Errorf("completion window ends %s, want 2026-01-20 (16 January and the weekend skipped)", got)
	}
	r := Request{Status: StatusRegistered, ReceivedOn: received}
	flagBy := IncompleteFlagBy(cal, received, 3)
	if err := r.CheckMarkIncomplete(workday.D(2026, 1, 15), flagBy); err != nil {
		t.Errorf("on the last day of the flag window: %v", err)
	}
	err := r.CheckMarkIncomplete(workday.D(2026, 1, 16), flagBy)
	if e := AsError(err); e == nil || e.Code != EConflict || e.Msg.Key != "conflict.incomplete_too_late" {
		t.Errorf("after the flag window: %v", err)
	}
	r.Status = StatusIncomplete
	completeBy := IncompleteCompleteBy(cal, flagged, 3)
	if err := r.CheckComplete(workday.D(2026, 1, 20), completeBy); err != nil {
		t.Errorf("on the last day of the completion window: %v", err)
	}
	if err := r.CheckComplete(workday.D(2026, 1, 21), completeBy); ErrorCode(err) != EConflict {
		t.Errorf("completing after the window: %v", err)
	}
	if err := r.CheckLapse(workday.D(2026, 1, 20), completeBy); ErrorCode(err) != EConflict {
		t.Errorf("lapsing on the last day of the window: %v", err)
	}
	if err := r.CheckLapse(workday.D(2026, 1, 21), completeBy); err != nil {
		t.Errorf("lapsing the day after the window: %v", err)
	}
}

func TestRoutingConfig(t *testing.T) {
	if c := (RoutingConfig{}).WithDefaults(); c != DefaultRoutingConfig() || c.Validate() != nil {
		t.Errorf("zero config with defaults = %+v", c)
	}
	c := RoutingConfig{IncompleteFlagDays: 5, IncompleteCompleteDays: 10}.WithDefaults()
	if c.IncompleteFlagDays != 5 || c.IncompleteCompleteDays != 10 || c.DispositionDays != DefaultDispositionDays || c.Validate() != nil {
		t.Errorf("config = %+v", c)
	}
	for _, bad := range []RoutingConfig{{IncompleteFlagDays: -1, IncompleteCompleteDays: 3, DispositionDays: 5},
		{IncompleteFlagDays: 3, IncompleteCompleteDays: 18, DispositionDays: 5}} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestNormalizeMissing(t *testing.T) {
	if got, err := NormalizeMissing("  fotokopi KTP \n"); err != nil || got != "fotokopi KTP" {
		t.Errorf("NormalizeMissing = %q, %v", got, err)
	}
	for _, bad := range []string{"", "   ", "KTP", strings.Repeat("x", 2001)} {
		if _, err := NormalizeMissing(bad); err == nil || AsError(err).Fields["missing"].Key == "" {
			t.Errorf("NormalizeMissing(%q) = %v, want a problem on missing", bad, err)
		}
	}
}

func TestCompletion_Apply(t *testing.T) {
	r := Request{Status: StatusIncomplete, Requester: Requester{Kind: Individual, Name: "Budi", IDNumber: "3201011501900001",
		Address: "Jl. A 1", Email: "b@example.id"}, Information: "Laporan", Purpose: "Riset", Obtain: "softcopy", Delivery: "email"}
	c := Completion{Information: "  Laporan keuangan tahun 2025, rincian per kegiatan ", Note: " KTP saya kirim lewat email ",
		Requester: &CompletionRequester{Phone: "0812-3456-7890"}}
	n, err := c.Apply(r)
	if err != nil {
		t.Fatal(err)
	}
	if n.Information != "Laporan keuangan tahun 2025, rincian per kegiatan" || n.Purpose != "Riset" ||
		n.Requester.Phone != "+6281234567890" || n.Requester.Email != "b@example.id" || c.Note != "KTP saya kirim lewat email" {
		t.Errorf("merged intake %+v, note %q", n, c.Note)
	}
	for name, tc := range map[string]struct {
		c     Completion
		field string
	}{
		"no information":      {Completion{}, "information"},
		"information short":   {Completion{Information: "Laporan"}, "information"},
		"bad new e-mail":      {Completion{Information: "Laporan keuangan 2025", Requester: &CompletionRequester{Email: "b@"}}, "requester.email"},
		"bad new NIK":         {Completion{Information: "Laporan keuangan 2025", Requester: &CompletionRequester{IDNumber: "123"}}, "requester.id_number"},
		"note with a control": {Completion{Information: "Laporan keuangan 2025", Note: "a\x00b"}, "note"},
	} {
		_, err := tc.c.Apply(r)
		if e := AsError(err); e == nil || e.Code != EInvalid || e.Fields[tc.field].Key == "" {
			t.Errorf("%s: %v, want a problem on %s", name, err, tc.field)
		}
	}
}
