package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Version identifies the analyser's output. Bump it whenever Stem,
// Analyze or the stop list change what a text becomes: stored search
// text written by an older version is then re-analysed (the store
// compares it with the version each row was written with).
const Version = 2

// Token is a word of a text with its place: Text[Start:End] is the word as
// written, Term what Analyze makes of it ("" for a stop word).
type Token struct {
	Start, End int
	Term       string
}

// Tokens splits text exactly as Analyze does and keeps each word's byte
// offsets, so a caller can point at the words a query matched.
func Tokens(text string) []Token {
	var out []Token
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		word := strings.ToLower(text[start:end])
		t := Token{Start: start, End: end}
		switch {
		case hasDigit(word):
			t.Term = word
		case IsStopWord(word):
		default:
			t.Term = Stem(word)
		}
		out = append(out, t)
		start = -1
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return out
}

// Part is a piece of a snippet; Match marks a word the query matched.
type Part struct {
	Text  string
	Match bool
}

// Snippet cuts from text a window of about words words that holds as many
// distinct query terms as possible (the earliest such window), marking the
// matching words. terms are analysed query terms. It returns nil when no
// term occurs in text. Ellipses mark cut ends.
func Snippet(text string, terms []string, words int) []Part {
	if words <= 0 || len(terms) == 0 {
		return nil
	}
	want := map[string]bool{}
	for _, t := range terms {
		want[t] = true
	}
	toks := Tokens(text)
	best, bestCount := -1, 0
	for i := range toks {
		if !want[toks[i].Term] {
			continue
		}
		seen := map[string]bool{}
		for j := i; j < len(toks) && j < i+words; j++ {
			if want[toks[j].Term] {
				seen[toks[j].Term] = true
			}
		}
		if len(seen) > bestCount {
			best, bestCount = i, len(seen)
		}
		if bestCount == len(want) {
			break
		}
	}
	if best < 0 {
		return nil
	}
	// Start a few words before the first match, for context.
	from := max(best-words/5, 0)
	to := min(from+words, len(toks))
	return cut(text, toks, from, to, want)
}

// Lead returns the first words words of text as a snippet without
// matches: what a result shows when it matched on another field.
func Lead(text string, words int) []Part {
	toks := Tokens(text)
	if len(toks) == 0 || words <= 0 {
		return nil
	}
	return cut(text, toks, 0, min(words, len(toks)), nil)
}

// cut renders tokens [from, to) of text with the original spacing and
// punctuation between them, marking words whose term is wanted.
func cut(text string, toks []Token, from, to int, want map[string]bool) []Part {
	var parts []Part
	add := func(s string, match bool) {
		if s == "" {
			return
		}
		if n := len(parts); n > 0 && parts[n-1].Match == match {
			parts[n-1].Text += s
			return
		}
		parts = append(parts, Part{Text: s, Match: match})
	}
	if from > 0 {
		add("… ", false)
	}
	pos := toks[from].Start
	for _, t := range toks[from:to] {
		add(clean(text[pos:t.Start]), false)
		add(text[t.Start:t.End], want[t.Term] && t.Term != "")
		pos = t.End
	}
	if to < len(toks) {
		add(" …", false)
	} else {
		add(clean(strings.TrimRightFunc(text[pos:], unicode.IsSpace)), false)
	}
	return parts
}

// clean collapses the whitespace between two words of a snippet (line
// breaks of an extracted PDF, tabs of a spreadsheet) to single spaces and
// replaces invalid UTF-8, which also keeps two marked words apart.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
