package terbuka

import (
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

var (
	wibZone = workday.Jakarta
	witZone = mustLoad("Asia/Jayapura")
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func wibAt(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, wibZone)
}

// calendarIn is the 2025–2026 calendar of DOMAIN.md section 9 in loc.
func calendarIn(loc *time.Location) *workday.Calendar {
	return workday.New(workday.MustBase(), nil, workday.Options{Location: loc})
}

// requestDue is a request received on 2026-01-12 and due on 2026-01-27
// (16 January is Isra Mikraj), with status s and decision kind k decided
// at at (no decision when k is "").
func requestDue(s Status, k DecisionKind, at time.Time) Request {
	r := Request{Number: "DINKES-2026-000001", Status: s, ReceivedOn: workday.D(2026, 1, 12),
		DueOn: workday.D(2026, 1, 27), OriginalDueOn: workday.D(2026, 1, 27)}
	if k != "" {
		r.Decision = &Decision{Kind: k, DecidedAt: at}
	}
	return r
}

func TestCheckObjection_Windows(t *testing.T) {
	cal := calendarIn(wibZone)
	open := requestDue(StatusInProcess, "", time.Time{})
	denied := requestDue(StatusAnswered, Denied, wibAt(2026, 1, 20, 10, 0))
	partial := requestDue(StatusAnswered, PartiallyGranted, wibAt(2026, 1, 20, 10, 0))
	granted := requestDue(StatusAnswered, Granted, wibAt(2026, 1, 20, 10, 0))
	late := requestDue(StatusAnswered, Granted, wibAt(2026, 1, 29, 9, 0))
	// Decided on the Monday before Lebaran 2026: the 30 working days skip
	// 18–24 March (cuti bersama, Nyepi, Idul Fitri) and 3 April (Good Friday).
	lebaran := requestDue(StatusAnswered, Denied, wibAt(2026, 3, 12, 14, 0))
	lebaran.DueOn = workday.D(2026, 3, 13)
	// Decided on 22 December 2025: the count crosses Christmas, cuti
	// bersama, the new year and Isra Mikraj.
	yearEnd := requestDue(StatusAnswered, NotHeld, wibAt(2025, 12, 22, 15, 0))
	yearEnd.ReceivedOn, yearEnd.DueOn = workday.D(2025, 12, 10), workday.D(2025, 12, 23)
	incomplete := requestDue(StatusIncomplete, "", time.Time{})

	tests := []struct {
		name     string
		r        Request
		reason   ObjectionReason
		at       time.Time
		ground   string // "" when an error is expected
		closes   string
		errKey   string
		errDates []string // dates the message must name
	}{
		{"c on the due date is too early", open, "c", wibAt(2026, 1, 27, 23, 0), "", "", "invalid.objection_not_overdue", []string{"2026-01-27", "2026-01-28", "2026-03-13"}},
		{"c the day after the due date", open, "c", wibAt(2026, 1, 28, 0, 1), "2026-01-28", "2026-03-13", "", nil},
		{"c on its last day at 23:59", open, "c", wibAt(2026, 3, 13, 23, 59), "2026-01-28", "2026-03-13", "", nil},
		{"c a day too late", open, "c", wibAt(2026, 3, 14, 0, 0), "", "", "invalid.objection_window_closed", []string{"2026-01-28", "2026-03-13"}},
		{"g while still unanswered", open, "g", wibAt(2026, 2, 2, 9, 0), "2026-01-28", "2026-03-13", "", nil},
		{"g after a late answer", late, "g", wibAt(2026, 2, 2, 9, 0), "2026-01-28", "2026-03-13", "", nil},
		{"c after a late answer", late, "c", wibAt(2026, 2, 2, 9, 0), "2026-01-28", "2026-03-13", "", nil},
		{"g after an answer in time", granted, "g", wibAt(2026, 2, 2, 9, 0), "", "", "invalid.objection_answered_in_time", []string{"2026-01-20", "2026-01-27"}},
		{"c after an answer in time", granted, "c", wibAt(2026, 2, 2, 9, 0), "", "", "invalid.objection_answered_in_time", nil},
		{"c while incomplete", incomplete, "c", wibAt(2026, 2, 2, 9, 0), "", "", "invalid.objection_no_ground", nil},
		{"a on a denial", denied, "a", wibAt(2026, 1, 20, 11, 0), "2026-01-20", "2026-03-05", "", nil},
		{"a on a partial grant", partial, "a", wibAt(2026, 3, 5, 20, 0), "2026-01-20", "2026-03-05", "", nil},
		{"a a day after its window", denied, "a", wibAt(2026, 3, 6, 8, 0), "", "", "invalid.objection_window_closed", []string{"2026-01-20", "2026-03-05"}},
		{"a on a grant", granted, "a", wibAt(2026, 1, 21, 9, 0), "", "", "invalid.objection_not_refused", nil},
		{"a before any decision", open, "a", wibAt(2026, 1, 21, 9, 0), "", "", "invalid.objection_no_decision", []string{"2026-01-27"}},
		{"b on a decision", granted, "b", wibAt(2026, 1, 21, 9, 0), "2026-01-20", "2026-03-05", "", nil},
		{"d on a decision", granted, "d", wibAt(2026, 1, 21, 9, 0), "2026-01-20", "2026-03-05", "", nil},
		{"e on a denial", denied, "e", wibAt(2026, 1, 21, 9, 0), "2026-01-20", "2026-03-05", "", nil},
		{"f before any decision", open, "f", wibAt(2026, 1, 21, 9, 0), "", "", "invalid.objection_no_decision", nil},
		{"a across Lebaran: last day", lebaran, "a", wibAt(2026, 5, 4, 16, 0), "2026-03-12", "2026-05-04", "", nil},
		{"a across Lebaran: too late", lebaran, "a", wibAt(2026, 5, 5, 9, 0), "", "", "invalid.objection_window_closed", []string{"2026-03-12", "2026-05-04"}},
		{"e across the year end: last day", yearEnd, "e", wibAt(2026, 2, 6, 12, 0), "2025-12-22", "2026-02-06", "", nil},
		{"e across the year end: too late", yearEnd, "e", wibAt(2026, 2, 9, 8, 0), "", "", "invalid.objection_window_closed", nil},
		{"c across the year end", requestDue(StatusExtended, "", time.Time{}), "c", wibAt(2026, 1, 28, 8, 0), "2026-01-28", "2026-03-13", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := CheckObjection(tt.r, tt.reason, tt.at, cal)
			if tt.errKey != "" {
				e := AsError(err)
				if e == nil || e.Code != EInvalid || e.Fields["reason"].Key != tt.errKey {
					t.Fatalf("err = %v, want %s on reason", err, tt.errKey)
				}
				args := make([]string, 0, len(e.Fields["reason"].Args))
				for _, a := range e.Fields["reason"].Args {
					if s, ok := a.(string); ok {
						args = append(args, s)
					}
				}
				for _, d := range tt.errDates {
					if !strings.Contains(strings.Join(args, " "), d) {
						t.Errorf("message args %v do not name %s", args, d)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("CheckObjection: %v", err)
			}
			if w.GroundOn.String() != tt.ground || w.Closes.String() != tt.closes {
				t.Fatalf("window %s–%s, want %s–%s", w.GroundOn, w.Closes, tt.ground, tt.closes)
			}
		})
	}
}

// The due date ends at 23:59 in the body's zone: an answer at 23:30 WIB
// on the due date is in time in Jakarta and late in Jayapura, where it is
// already 01:30 the next day.
func TestCheckObjection_DecisionDateInBodyZone(t *testing.T) {
	r := requestDue(StatusAnswered, Granted, wibAt(2026, 1, 27, 23, 30))
	at := wibAt(2026, 2, 2, 9, 0)
	if _, err := CheckObjection(r, "g", at, calendarIn(wibZone)); err == nil {
		t.Fatal("g allowed on an answer in time (WIB)")
	}
	w, err := CheckObjection(r, "g", at, calendarIn(witZone))
	if err != nil {
		t.Fatalf("g refused on a late answer (WIT): %v", err)
	}
	if w.GroundOn.String() != "2026-01-28" {
		t.Fatalf("ground %s", w.GroundOn)
	}
	// The decision date of ground a is the WIT date too.
	r.Decision.Kind = Denied
	if w, err := ObjectionGround(r, "a", calendarIn(witZone)); err != nil || w.GroundOn.String() != "2026-01-28" {
		t.Fatalf("ground a in WIT: %v %v", w, err)
	}
}

func TestNewObjection_Validate(t *testing.T) {
	tests := []struct {
		name   string
		in     NewObjection
		fields []string
	}{
		{"ok, trimmed and lower-cased", NewObjection{Reason: " A ", Statement: "  Informasi ini bukan rahasia.  "}, nil},
		{"unknown reason", NewObjection{Reason: "h", Statement: "Informasi ini bukan rahasia."}, []string{"reason"}},
		{"missing everything", NewObjection{}, []string{"reason", "statement"}},
		{"statement too short", NewObjection{Reason: "c", Statement: "tidak"}, []string{"statement"}},
		{"control characters", NewObjection{Reason: "c", Statement: "Belum dijawab\x00 sama sekali"}, []string{"statement"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			err := in.Validate()
			if len(tt.fields) == 0 {
				if err != nil || in.Reason != "a" || in.Statement != "Informasi ini bukan rahasia." {
					t.Fatalf("got %+v, %v", in, err)
				}
				return
			}
			e := AsError(err)
			if e == nil || e.Code != EInvalid {
				t.Fatalf("err = %v", err)
			}
			for _, f := range tt.fields {
				if _, ok := e.Fields[f]; !ok {
					t.Errorf("no problem on %s: %v", f, err)
				}
			}
		})
	}
}

func TestObjectionDecisionInput_Validate(t *testing.T) {
	const reasons = "Pengujian konsekuensi PPID sudah tepat dan lengkap."
	tests := []struct {
		name    string
		in      ObjectionDecisionInput
		fields  []string
		release ReleaseScope
	}{
		{"upheld with reasons", ObjectionDecisionInput{Decision: Upheld, Reasons: reasons, Position: "Sekda", Release: "full"}, nil, ""},
		{"upheld without reasons", ObjectionDecisionInput{Decision: Upheld, Position: "Sekda"}, []string{"reasons"}, ""},
		{"upheld with too short reasons", ObjectionDecisionInput{Decision: Upheld, Reasons: "tepat", Position: "Sekda"}, []string{"reasons"}, ""},
		{"release defaults to full", ObjectionDecisionInput{Decision: ReleaseOrdered, Position: "Sekda"}, nil, ReleaseFull},
		{"partial release needs reasons", ObjectionDecisionInput{Decision: ReleaseOrdered, Release: ReleasePartial, Position: "Sekda"}, []string{"reasons"}, ""},
		{"partial release with reasons", ObjectionDecisionInput{Decision: ReleaseOrdered, Release: ReleasePartial, Reasons: "Nama pasien tetap dihitamkan.", Position: "Sekda"}, nil, ReleasePartial},
		{"unknown release", ObjectionDecisionInput{Decision: ReleaseOrdered, Release: "most", Position: "Sekda"}, []string{"release"}, ""},
		{"no position", ObjectionDecisionInput{Decision: ReleaseOrdered}, []string{"position"}, ""},
		{"unknown decision", ObjectionDecisionInput{Decision: "granted", Position: "Sekda"}, []string{"decision"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			err := in.Validate()
			if len(tt.fields) == 0 {
				if err != nil || in.Release != tt.release {
					t.Fatalf("got release %q, %v", in.Release, err)
				}
				return
			}
			e := AsError(err)
			if e == nil {
				t.Fatalf("no error for %+v", in)
			}
			for _, f := range tt.fields {
				if _, ok := e.Fields[f]; !ok {
					t.Errorf("no problem on %s: %v", f, err)
				}
			}
		})
	}
}

func TestObjection_StateMachine(t *testing.T) {
	o := Objection{Number: "KEB-X-2026-000001", Status: ObjectionRegistered, DueOn: workday.D(2026, 3, 13)}
	if err := o.CheckDecide(); err != nil {
		t.Fatalf("registered → decided refused: %v", err)
	}
	if err := o.CheckRespond("Terima kasih"); ErrorCode(err) != EConflict {
		t.Fatalf("response before the decision: %v", err)
	}
	if !o.Overdue(workday.D(2026, 3, 14)) || o.Overdue(workday.D(2026, 3, 13)) {
		t.Fatal("overdue only after the due date")
	}
	o.Status = ObjectionDecided
	if err := o.CheckDecide(); ErrorCode(err) != EConflict {
		t.Fatalf("decided → decided allowed: %v", err)
	}
	if o.Overdue(workday.D(2026, 4, 1)) {
		t.Fatal("a decided objection is never overdue")
	}
	if err := o.CheckRespond("  "); ErrorCode(err) != EInvalid {
		t.Fatalf("empty response: %v", err)
	}
	if err := o.CheckRespond("Saya menerima keputusan ini."); err != nil {
		t.Fatalf("response after the decision: %v", err)
	}
	o.Response = "Saya menerima keputusan ini."
	if err := o.CheckRespond("Lagi"); ErrorCode(err) != EConflict {
		t.Fatalf("second response: %v", err)
	}
}

func TestPasal35_EveryReasonHasItsWords(t *testing.T) {
	for _, r := range ObjectionReasons {
		if Pasal35[r] == "" || !r.Valid() {
			t.Errorf("reason %s", r)
		}
	}
	if ObjectionReason("h").Valid() || !ObjectionReason("c").Late() || !ObjectionReason("g").Late() || ObjectionReason("a").Late() {
		t.Error("Valid or Late is wrong")
	}
}
