package terbuka

import (
	"regexp"
	"testing"

	"github.com/terbuka-id/terbuka/workday"
)

func TestNoticeNumbers(t *testing.T) {
	safe := regexp.MustCompile(`^[A-Za-z0-9.-]+$`)
	for _, n := range []string{NoticeNumber("DINKES", 2026, 1), RefusalNumber("DINKES", 2026, 42)} {
		if !safe.MatchString(n) {
			t.Errorf("%q has characters other than letters, digits, - and .", n)
		}
	}
	if got := NoticeNumber("DINKES", 2026, 1); got != "PEMB-DINKES-2026-000001" {
		t.Errorf("NoticeNumber = %q", got)
	}
	if got := RefusalNumber("KOMINFO", 2027, 123); got != "SKP-KOMINFO-2027-000123" {
		t.Errorf("RefusalNumber = %q", got)
	}
}

func TestNoticeObjectionDeadline(t *testing.T) {
	cal := workday.New(workday.MustBase(), nil, workday.Options{})
	tests := []struct {
		name   string
		issued workday.Date
		want   workday.Date
	}{
		// 16 Jan (Isra Mikraj), 16 Feb (cuti bersama Imlek) and 17 Feb
		// (Imlek) are skipped.
		{"across Isra Mikraj and Imlek", workday.D(2026, 1, 12), workday.D(2026, 2, 26)},
		// Nyepi, Idulfitri and their cuti bersama (18–24 Mar) and Good Friday
		// (3 Apr) are skipped.
		{"across Lebaran", workday.D(2026, 3, 2), workday.D(2026, 4, 21)},
		// A notice dated on a Saturday counts from the next working day.
		{"issued on a Saturday", workday.D(2026, 1, 10), workday.D(2026, 2, 25)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NoticeObjectionDeadline(cal, tt.issued); got != tt.want {
				t.Errorf("deadline of a notice of %s = %s, want %s", tt.issued, got, tt.want)
			}
		})
	}
}

func TestDecisionKind_RefusalAndGrants(t *testing.T) {
	refusal := map[DecisionKind]bool{Denied: true, NotHeld: true, NotDocumented: true}
	grants := map[DecisionKind]bool{Granted: true, PartiallyGranted: true}
	for _, k := range DecisionKinds {
		if k.Refusal() != refusal[k] {
			t.Errorf("%s.Refusal() = %v", k, k.Refusal())
		}
		if k.Grants() != grants[k] {
			t.Errorf("%s.Grants() = %v", k, k.Grants())
		}
		if k.Refusal() && k.Grants() {
			t.Errorf("%s both grants and refuses", k)
		}
	}
}

func TestRequest_CheckRelease(t *testing.T) {
	for _, tt := range []struct {
		d  *Decision
		ok bool
	}{{nil, false}, {&Decision{Kind: Granted}, true}, {&Decision{Kind: PartiallyGranted}, true},
		{&Decision{Kind: Denied}, false}, {&Decision{Kind: Transferred}, false}} {
		err := Request{Decision: tt.d}.CheckRelease()
		if (err == nil) != tt.ok {
			t.Errorf("decision %v: CheckRelease = %v", tt.d, err)
		}
	}
}
