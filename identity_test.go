package terbuka

import (
	"strings"
	"testing"
)

func TestNIKProblem(t *testing.T) {
	tests := []struct {
		name, nik, want string
	}{
		{"valid man", "3201011501900001", ""},
		{"valid woman day plus forty", "3201015501900001", ""},
		{"valid papua pegunungan", "9501011501900001", ""},
		{"29 february in a leap year", "3201012902000001", ""},
		{"too short", "320101150190001", "invalid.nik_length"},
		{"too long", "32010115019000011", "invalid.nik_length"},
		{"letters", "32010115019000a1", "invalid.nik_digits"},
		{"unknown province", "9901011501900001", "invalid.nik_region"},
		{"zero regency", "3200011501900001", "invalid.nik_region"},
		{"zero district", "3201001501900001", "invalid.nik_region"},
		{"month thirteen", "3201011513900001", "invalid.nik_birthdate"},
		{"day zero", "3201010001900001", "invalid.nik_birthdate"},
		{"day 72 woman out of range", "3201017201900001", "invalid.nik_birthdate"},
		{"31 april", "3201013104900001", "invalid.nik_birthdate"},
		{"29 february 2001 and 1901", "3201012902010001", "invalid.nik_birthdate"},
		{"serial zero", "3201011501900000", "invalid.nik_serial"},
		{"unicode digits", "３201011501900001", "invalid.nik_length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NIKProblem(tt.nik); got != tt.want {
				t.Fatalf("NIKProblem(%q) = %q, want %q", tt.nik, got, tt.want)
			}
		})
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"0812-3456-7890", "+6281234567890", true},
		{"+62 812 3456 7890", "+6281234567890", true},
		{"6281234567890", "+6281234567890", true},
		{"(021) 3456789", "+62213456789", true},
		{"0361.123456", "+62361123456", true},
		{"0812345678", "+62812345678", true},
		{"081234567", "", false},
		{"0812345", "", false},
		{"08123456789012", "", false},
		{"+1 415 555 0100", "", false},
		{"12345678", "", false},
		{"0812-3456-789x", "", false},
		{"00812345678", "", false},
		{"+62+812345678", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := NormalizePhone(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("NormalizePhone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzNIK(f *testing.F) {
	for _, s := range []string{"3201011501900001", "", "9999999999999999", "32010155019000a1", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		key := NIKProblem(s)
		if key == "" && (len(s) != 16 || strings.Trim(s, "0123456789") != "") {
			t.Fatalf("accepted %q", s)
		}
	})
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"0812-3456-7890", "+62 21 345", "(0361) 123456", "+", "62", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := NormalizePhone(s)
		if !ok {
			return
		}
		if !strings.HasPrefix(out, "+62") || len(out) < 11 || len(out) > 15 || strings.Trim(out[1:], "0123456789") != "" {
			t.Fatalf("NormalizePhone(%q) = %q", s, out)
		}
		again, ok2 := NormalizePhone(out)
		if !ok2 || again != out {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
		}
	})
}
