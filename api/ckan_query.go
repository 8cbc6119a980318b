package api

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// package_search's fq is Solr filter syntax. Terbuka has no Solr; it
// reads the subset harvesters send and refuses the rest (a Validation
// Error naming fq), rather than ignoring a filter and answering with the
// wrong datasets. Understood, as ckanext-harvest's CKANHarvester and
// CKAN's own clients write them (terms separated by spaces are ANDed, as
// in CKAN's Solr schema):
//
//	organization:SLUG  -organization:SLUG  organization:A OR organization:B
//	tags:CLASSIFICATION  -tags:…  (tags are the classifications)
//	groups:X  (Terbuka has no groups: matches nothing; -groups:X matches all)
//	metadata_modified:[2026-11-22T08:30:15.123456Z TO *]  (also NOW as the end)
//	dataset_type:dataset  capacity:public  state:active  (what every dataset is)
//
// A leading + is accepted and ignored; values may be "quoted".

// maxFQTerms bounds the terms of one search.
const maxFQTerms = 100

// openClasses are the classifications a CKAN dataset can have.
var openClasses = []terbuka.Classification{terbuka.Berkala, terbuka.SertaMerta, terbuka.SetiapSaat}

// fqFilter is what the fq terms ask for.
type fqFilter struct {
	bodies  map[string]bool // nil: any body
	exclude []string
	classes map[terbuka.Classification]bool // nil: any open classification
	since   time.Time
	none    bool // a term no dataset can match
	terms   int
}

// errFQ is an fq term Terbuka cannot read; its text names the term.
type errFQ struct{ term string }

func (e errFQ) Error() string { return "unsupported fq term " + e.term }

// parseFQ adds the terms of fq to f.
func parseFQ(fq string, f *fqFilter) error {
	tokens, err := fqTokens(fq)
	if err != nil {
		return err
	}
	for i := 0; i < len(tokens); i++ {
		if tokens[i] == "AND" || tokens[i] == "&&" {
			continue
		}
		group := []string{tokens[i]}
		for i+2 < len(tokens) && (tokens[i+1] == "OR" || tokens[i+1] == "||") {
			group = append(group, tokens[i+2])
			i += 2
		}
		if f.terms += len(group); f.terms > maxFQTerms {
			return errFQ{term: fmt.Sprintf("(more than %d terms)", maxFQTerms)}
		}
		if err := f.add(group); err != nil {
			return err
		}
	}
	return nil
}

// fqTokens splits fq at spaces, keeping "quoted values", [ranges] and
// backslash escapes whole. Parentheses are not supported.
func fqTokens(s string) ([]string, error) {
	var out []string
	i := 0
	for i < len(s) {
		if isFQSpace(s[i]) {
			i++
			continue
		}
		start := i
	token:
		for i < len(s) && !isFQSpace(s[i]) {
			switch s[i] {
			case '\\':
				i += 2
				continue
			case '"', '[', '{':
				closing := map[byte]byte{'"': '"', '[': ']', '{': '}'}[s[i]]
				end := strings.IndexByte(s[i+1:], closing)
				if end < 0 {
					return nil, errFQ{term: s[start:]}
				}
				i += end + 2
				continue token
			case '(', ')':
				return nil, errFQ{term: s[start:min(i+1, len(s))]}
			}
			i++
		}
		out = append(out, s[start:min(i, len(s))])
	}
	return out, nil
}

func isFQSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// fqTerm is one field:value term.
type fqTerm struct {
	neg          bool
	field, value string
	raw          string
}

func parseFQTerm(raw string) (fqTerm, error) {
	t := fqTerm{raw: raw}
	s := raw
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "!"):
		t.neg, s = true, s[1:]
	}
	field, value, ok := strings.Cut(s, ":")
	if !ok || field == "" || value == "" {
		return t, errFQ{term: raw}
	}
	t.field = field
	if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
		value = value[1 : len(value)-1]
	}
	t.value = unescapeFQ(value)
	return t, nil
}

// unescapeFQ removes Solr's backslash escapes ("a\:b" is "a:b").
func unescapeFQ(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// add applies one group of terms joined by OR. A group mixes no fields
// and negates none: Terbuka's filters cannot express that.
func (f *fqFilter) add(group []string) error {
	terms := make([]fqTerm, len(group))
	for i, raw := range group {
		t, err := parseFQTerm(raw)
		if err != nil {
			return err
		}
		if len(group) > 1 && (t.neg || t.field != terms[0].field && i > 0) {
			return errFQ{term: strings.Join(group, " OR ")}
		}
		terms[i] = t
	}
	field, neg := terms[0].field, terms[0].neg
	switch field {
	case "organization":
		if neg {
			f.exclude = append(f.exclude, terms[0].value)
			return nil
		}
		set := map[string]bool{}
		for _, t := range terms {
			if f.bodies == nil || f.bodies[t.value] {
				set[t.value] = true
			}
		}
		f.bodies = set
	case "tags":
		if f.classes == nil {
			f.classes = map[terbuka.Classification]bool{}
			for _, c := range openClasses {
				f.classes[c] = true
			}
		}
		if neg {
			delete(f.classes, terbuka.Classification(terms[0].value))
			return nil
		}
		set := map[terbuka.Classification]bool{}
		for _, t := range terms {
			if c := terbuka.Classification(t.value); f.classes[c] {
				set[c] = true
			}
		}
		f.classes = set
	case "groups":
		f.none = f.none || !neg
	case "dataset_type", "capacity", "state":
		want := map[string]string{"dataset_type": "dataset", "capacity": "public", "state": "active"}[field]
		match := slices.ContainsFunc(terms, func(t fqTerm) bool { return t.value == want })
		f.none = f.none || match == neg
	case "metadata_modified":
		if neg || len(terms) > 1 {
			return errFQ{term: strings.Join(group, " OR ")}
		}
		since, err := parseFQRange(terms[0].value)
		if err != nil {
			return errFQ{term: terms[0].raw}
		}
		if since.After(f.since) {
			f.since = since
		}
	default:
		return errFQ{term: strings.Join(group, " OR ")}
	}
	return nil
}

// parseFQRange reads "[FROM TO *]": FROM is * or an ISO 8601 time (UTC
// when it names no zone; Python's isoformat()+"Z" included); the end must
// be * or NOW, as only a lower bound is supported.
func parseFQRange(v string) (time.Time, error) {
	if len(v) < 2 || (v[0] != '[' && v[0] != '{') || (v[len(v)-1] != ']' && v[len(v)-1] != '}') {
		return time.Time{}, errors.New("not a range")
	}
	parts := strings.Fields(v[1 : len(v)-1])
	if len(parts) != 3 || parts[1] != "TO" || (parts[2] != "*" && parts[2] != "NOW") {
		return time.Time{}, errors.New("unsupported range")
	}
	if parts[0] == "*" {
		return time.Time{}, nil
	}
	return parseSolrTime(parts[0])
}

func parseSolrTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	// A zone-aware isoformat() with "Z" appended: "…+00:00Z".
	if trimmed, ok := strings.CutSuffix(s, "Z"); ok && len(trimmed) > 6 && strings.ContainsAny(trimmed[len(trimmed)-6:], "+-") {
		if t, err := time.Parse(time.RFC3339Nano, trimmed); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("bad time")
}

// storeFilter turns f into the store's filter; ok is false when no
// dataset can match.
func (f fqFilter) storeFilter() (store.OpenDataFilter, bool) {
	out := store.OpenDataFilter{OpenOnly: true, ExcludeBodies: f.exclude, ModifiedSince: f.since}
	if f.none {
		return out, false
	}
	if f.bodies != nil {
		if len(f.bodies) == 0 {
			return out, false
		}
		out.Bodies = slices.Sorted(maps.Keys(f.bodies))
	}
	if f.classes != nil {
		if len(f.classes) == 0 {
			return out, false
		}
		for _, c := range openClasses {
			if f.classes[c] {
				out.Classifications = append(out.Classifications, c)
			}
		}
	}
	return out, true
}

// parseCKANSort reads package_search's sort ("id asc", "metadata_modified
// desc", "score desc, metadata_modified desc"): clauses of a field and a
// direction, comma-separated. score is ignored (Terbuka ranks q itself);
// the first other clause decides and the entry ID breaks ties. ok is
// false for a field Terbuka cannot sort by.
func parseCKANSort(s string) (store.OpenDataOrder, bool) {
	for _, clause := range strings.Split(s, ",") {
		parts := strings.Fields(clause)
		if len(parts) == 0 {
			continue
		}
		if len(parts) > 2 {
			return 0, false
		}
		desc := false
		if len(parts) == 2 {
			switch strings.ToLower(parts[1]) {
			case "asc":
			case "desc":
				desc = true
			default:
				return 0, false
			}
		}
		switch parts[0] {
		case "score":
			continue
		case "id":
			return pick(desc, store.OrderIDDesc, store.OrderIDAsc), true
		case "metadata_modified":
			return pick(desc, store.OrderModifiedDesc, store.OrderModifiedAsc), true
		case "metadata_created":
			return pick(desc, store.OrderCreatedDesc, store.OrderCreatedAsc), true
		}
		return 0, false
	}
	return store.OrderModifiedDesc, true // CKAN's default after score
}

func pick[T any](cond bool, yes, no T) T {
	if cond {
		return yes
	}
	return no
}
