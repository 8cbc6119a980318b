package search

import (
	"strings"
	"unicode"
)

// Analyze splits text on every rune that is neither a letter nor a digit,
// lower-cases each word (Unicode-aware), drops stop words and stems the remaining
// words. Tokens containing a digit (years, parts of register numbers such as
// "DINKES-2026-000001") are kept unstemmed.
func Analyze(text string) []string {
	toks := Tokens(text)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.Term != "" {
			out = append(out, t.Term)
		}
	}
	return out
}

// SearchText analyses every part and joins all tokens with single spaces.
// The result is stored in the search_text column so that SQLite FTS5 and
// PostgreSQL to_tsvector('simple', ...) index identical tokens.
func SearchText(parts ...string) string {
	var toks []string
	for _, p := range parts {
		toks = append(toks, Analyze(p)...)
	}
	return strings.Join(toks, " ")
}

func hasDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
