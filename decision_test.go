package terbuka

import "testing"

func TestParseBasis(t *testing.T) {
	tests := []struct {
		in, letter string
		ok         bool
	}{
		{"b", "b", true},
		{"Pasal 17 huruf b", "b", true},
		{"pasal 17 huruf j UU 14/2008", "j", true},
		{"Ps. 17 h", "h", true},
		{"17(a)", "a", true},
		{"Pasal 17 ayat (1) huruf c", "c", true},
		{"Pasal 18 huruf a", "", false},
		{"k", "", false},
		{"rahasia", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			letter, canon, ok := ParseBasis(tt.in)
			if ok != tt.ok || letter != tt.letter {
				t.Fatalf("ParseBasis(%q) = %q, %v", tt.in, letter, ok)
			}
			if ok && canon != "Pasal 17 huruf "+letter+" UU 14/2008" {
				t.Fatalf("canonical %q", canon)
			}
		})
	}
}

func TestDecisionInputValidate(t *testing.T) {
	test := "Membuka data ini mengungkap rahasia dagang pihak ketiga dan merugikan persaingan usaha."
	tests := []struct {
		name  string
		in    DecisionInput
		field string
	}{
		{"granted", DecisionInput{Decision: Granted}, ""},
		{"denied with basis", DecisionInput{Decision: Denied, Exemption: &Exemption{Basis: "Pasal 17 huruf b", ConsequenceTest: test}}, ""},
		{"denied without exemption", DecisionInput{Decision: Denied}, "exemption"},
		{"partial with bad basis", DecisionInput{Decision: PartiallyGranted, Exemption: &Exemption{Basis: "pasal 99", ConsequenceTest: test}}, "exemption.basis"},
		{"denied with thin test", DecisionInput{Decision: Denied, Exemption: &Exemption{Basis: "h", ConsequenceTest: "rahasia"}}, "exemption.consequence_test"},
		{"transferred without body", DecisionInput{Decision: Transferred}, "transferred_to"},
		{"transferred", DecisionInput{Decision: Transferred, TransferredTo: "Kementerian Kesehatan"}, ""},
		{"unknown", DecisionInput{Decision: "maybe"}, "decision"},
		{"not held", DecisionInput{Decision: NotHeld}, ""},
		{"not documented", DecisionInput{Decision: NotDocumented}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.in.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if e := AsError(err); e == nil || e.Fields[tt.field].Key == "" {
				t.Fatalf("got %v, want a problem with %s", err, tt.field)
			}
		})
	}
}
