package search

import (
	"reflect"
	"strings"
	"testing"
)

// render shows a snippet with [brackets] around matches.
func render(parts []Part) string {
	var b strings.Builder
	for _, p := range parts {
		if p.Match {
			b.WriteString("[" + p.Text + "]")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

func TestTokens_KeepOffsetsOfTheWordsAsWritten(t *testing.T) {
	text := "Permohonan  DITOLAK, yang (2026)"
	got := Tokens(text)
	want := []Token{{0, 10, "mohon"}, {12, 19, "tolak"}, {21, 25, ""}, {27, 31, "2026"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Tokens = %+v, want %+v", got, want)
	}
	for _, tok := range got {
		if tok.Term != "" && Analyze(text[tok.Start:tok.End])[0] != tok.Term {
			t.Errorf("token %q disagrees with Analyze", text[tok.Start:tok.End])
		}
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("kata ", 40) + "permohonan ditolak oleh PPID karena " + strings.Repeat("isi ", 40)
	cases := []struct {
		name  string
		text  string
		query string
		words int
		want  string
	}{
		{"marks every inflection of the query words", "Permohonan informasi ditolak; penolakan\ndiumumkan.", "menolak memohon", 10,
			"[Permohonan] informasi [ditolak]; [penolakan] diumumkan."},
		{"cuts a long text around the matches with ellipses", long, "penolakan", 6,
			"… permohonan [ditolak] oleh PPID karena isi …"},
		{"prefers the window with more distinct words", "tolak sekali. " + strings.Repeat("lain ", 10) + "ditolak permohonan", "tolak mohon", 3,
			"… [ditolak] [permohonan]"},
		{"stop words are never marked", "yang dibaca dan yang ditulis", "yang baca", 10, "yang [dibaca] dan yang ditulis"},
		{"no match, no snippet", "laporan keuangan", "anggaran", 10, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := render(Snippet(c.text, Analyze(c.query), c.words)); got != c.want {
				t.Errorf("Snippet = %q, want %q", got, c.want)
			}
		})
	}
}

func TestLead_StartsTheTextWithoutMatches(t *testing.T) {
	if got := render(Lead("Satu dua  tiga\nempat lima", 3)); got != "Satu dua tiga …" {
		t.Errorf("Lead = %q", got)
	}
	if got := Lead("", 3); got != nil {
		t.Errorf("Lead of nothing = %v", got)
	}
}
