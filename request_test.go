package terbuka

import (
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/workday"
)

func validIntake() NewRequest {
	return NewRequest{
		Requester:   Requester{Kind: Individual, Name: "Budi", IDNumber: "3201011501900001", Address: "Jl. A 1", Email: "b@example.id"},
		Information: "Laporan keuangan tahun 2025", Purpose: "Riset", Obtain: "softcopy", Delivery: "email",
	}
}

func TestNewRequestValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(n *NewRequest)
		field  string
		key    string
	}{
		{"valid individual", func(n *NewRequest) {}, "", ""},
		{"missing kind", func(n *NewRequest) { n.Requester.Kind = "" }, "requester.kind", "invalid.required"},
		{"foreign kind", func(n *NewRequest) { n.Requester.Kind = "foreigner" }, "requester.kind", "invalid.requester_kind"},
		{"bad nik", func(n *NewRequest) { n.Requester.IDNumber = "12" }, "requester.id_number", "invalid.nik_length"},
		{"no contact", func(n *NewRequest) { n.Requester.Email = ""; n.Delivery = "post" }, "requester.phone", "invalid.contact_required"},
		{"bad email", func(n *NewRequest) { n.Requester.Email = "budi@" }, "requester.email", "invalid.email"},
		{"bad phone", func(n *NewRequest) { n.Requester.Phone = "12345" }, "requester.phone", "invalid.phone"},
		{"email delivery needs email", func(n *NewRequest) { n.Requester.Email = ""; n.Requester.Phone = "081234567890" }, "requester.email", "invalid.email_for_delivery"},
		{"group needs representative", func(n *NewRequest) { n.Requester.Kind = Group; n.Requester.IDNumber = "" }, "representative", "invalid.representative_required"},
		{"legal entity needs representative", func(n *NewRequest) {
			n.Requester.Kind = LegalEntity
			n.Requester.IDNumber = "AHU-0012345.AH.01.04.Tahun 2020"
		}, "representative", "invalid.representative_required"},
		{"legal entity needs AHU", func(n *NewRequest) {
			n.Requester.Kind = LegalEntity
			n.Requester.IDNumber = "tidak ada"
			n.Representative = &Representative{Name: "R", IDNumber: "3201011501900001"}
		}, "requester.id_number", "invalid.ahu_number"},
		{"representative of a group needs a mandate", func(n *NewRequest) {
			n.Requester.Kind = Group
			n.Requester.IDNumber = ""
			n.Representative = &Representative{Name: "R", IDNumber: "3201011501900001"}
		}, "representative.mandate", "invalid.mandate_required"},
		{"information too short", func(n *NewRequest) { n.Information = "data" }, "information", "invalid.too_short"},
		{"information too long", func(n *NewRequest) { n.Information = strings.Repeat("a", 5001) }, "information", "invalid.too_long"},
		{"control characters", func(n *NewRequest) { n.Requester.Name = "Bu\x00di" }, "requester.name", "invalid.control_chars"},
		{"unknown obtain", func(n *NewRequest) { n.Obtain = "telepati" }, "obtain", "invalid.choice"},
		{"missing delivery", func(n *NewRequest) { n.Delivery = "" }, "delivery", "invalid.required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := validIntake()
			tt.mutate(&n)
			n.Normalize()
			err := n.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			e := AsError(err)
			if e == nil || e.Code != EInvalid || e.Fields[tt.field].Key != tt.key {
				t.Fatalf("got %v, want %s=%s", err, tt.field, tt.key)
			}
		})
	}
}

func TestRequestCheckExtend(t *testing.T) {
	due := workday.D(2026, 1, 27)
	open := Request{Status: StatusRegistered, OriginalDueOn: due, DueOn: due}
	tests := []struct {
		name  string
		r     Request
		today workday.Date
		code  Code
	}{
		{"before due", open, workday.D(2026, 1, 20), ""},
		{"on the due date", open, due, ""},
		{"after due", open, workday.D(2026, 1, 28), EConflict},
		{"second extension", Request{Status: StatusExtended, Extended: true, OriginalDueOn: due}, workday.D(2026, 1, 20), EConflict},
		{"answered", Request{Status: StatusAnswered, OriginalDueOn: due}, workday.D(2026, 1, 20), EConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.CheckExtend(tt.today, "Informasi tersebar di beberapa unit")
			if tt.code == "" && err != nil || tt.code != "" && ErrorCode(err) != tt.code {
				t.Fatalf("got %v, want %q", err, tt.code)
			}
		})
	}
	if err := open.CheckExtend(workday.D(2026, 1, 20), "  "); ErrorCode(err) != EInvalid {
		t.Fatalf("empty reason: %v", err)
	}
}

func TestRequestOverdue(t *testing.T) {
	r := Request{Status: StatusInProcess, DueOn: workday.D(2026, 1, 27)}
	if r.Overdue(workday.D(2026, 1, 27)) || !r.Overdue(workday.D(2026, 1, 28)) {
		t.Fatal("overdue must start the day after due_on")
	}
	r.Status = StatusAnswered
	if r.Overdue(workday.D(2026, 2, 28)) {
		t.Fatal("an answered request is never overdue")
	}
}
