package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAnalyze(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"yang dan di ke dari untuk", []string{}},
		{"Permohonan informasi yang ditolak oleh badan publik.", []string{"mohon", "informasi", "tolak", "badan", "publik"}},
		{"MEMBACA, dibaca; bacaan!", []string{"baca", "baca", "baca"}},
		{"Nomor DINKES-2026-000001 tahun 2025", []string{"nomor", "dinkes", "2026", "000001", "tahun", "2025"}},
		{"Keterbukaan   Informasi\tPublik\n(UU 14/2008)", []string{"buka", "informasi", "publik", "uu", "14", "2008"}},
		{"PELAYANAN «Pengaduan» — menyampaikan", []string{"layan", "adu", "sampai"}},
		{"ÉTÉ Ünïcode", []string{"été", "ünïcode"}},
	}
	for _, c := range cases {
		got := Analyze(c.in)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Analyze(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSearchText(t *testing.T) {
	got := SearchText("Permohonan Informasi", "", "memohon dokumen 2025")
	if want := "mohon informasi mohon dokumen 2025"; got != want {
		t.Errorf("SearchText = %q, want %q", got, want)
	}
	if SearchText() != "" {
		t.Error("SearchText() not empty")
	}
}

func TestStopWordsLowerCaseAndCount(t *testing.T) {
	if len(stopWords) < 90 {
		t.Errorf("only %d stop words", len(stopWords))
	}
	for w := range stopWords {
		if w != strings.ToLower(w) || strings.TrimSpace(w) != w || w == "" {
			t.Errorf("bad stop word %q", w)
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "Permohonan informasi DINKES-2026-000001", "memberitahukan; ÉTÉ", "\xff\xfe", "İstanbul ǅ ΣΑΣ", "mengenai penolakan 2025"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Analyze(s)
		for _, tok := range toks {
			if tok == "" {
				t.Fatalf("empty token from %q", s)
			}
			if !utf8.ValidString(tok) {
				t.Fatalf("invalid UTF-8 token %q from %q", tok, s)
			}
			if strings.ToLower(tok) != tok {
				t.Fatalf("token %q from %q not lower-case", tok, s)
			}
			if strings.ContainsAny(tok, " \t\n") {
				t.Fatalf("token %q from %q contains space", tok, s)
			}
		}
		_ = SearchText(s, s)
		// Snippets cut the same text at word boundaries and mark only
		// words of the query.
		for _, p := range Snippet(s, toks, 5) {
			if p.Match && len(Analyze(p.Text)) == 0 {
				t.Fatalf("marked %q in %q, which is no query word", p.Text, s)
			}
		}
	})
}
