package store

import (
	"context"
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/search"
)

// CatalogueQuery is a catalogue search. Zero values mean "any".
type CatalogueQuery struct {
	Text           string // the user's words; analysed with search.Analyze (stemming, stop words)
	BodySlug       string
	Classification terbuka.Classification
	Year           int
	Offset, Limit  int           // Limit 0 means 20; at most 100
	Viewer         *terbuka.User // nil for the public
	// OpenOnly leaves exempted entries out (harvesters publish datasets,
	// and an exempted entry has none).
	OpenOnly bool
}

// SnippetPart is a piece of a snippet; Match marks a highlighted word.
type SnippetPart = search.Part

// CatalogueHit is one result: the entry as the viewer may see it
// (PublicView for the public) and a snippet of where it matched.
type CatalogueHit struct {
	Entry   terbuka.CatalogueEntry
	Snippet []SnippetPart
}

// SnippetHTML renders a snippet as HTML-escaped text with <mark> around
// the matched words.
func SnippetHTML(parts []SnippetPart) string {
	var b strings.Builder
	for _, p := range parts {
		if p.Match {
			b.WriteString("<mark>" + html.EscapeString(p.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(p.Text))
		}
	}
	return b.String()
}

// MaxSearchTotal caps the total a search reports: a query with more
// matches says "10000" (the interface shows "10.000+").
const MaxSearchTotal = 10_000

// Ranking limits. Both engines return the same candidates (the newest
// matches of the same tokens) and Go ranks them, so SQLite and
// PostgreSQL give the same results in the same order.
const (
	maxQueryTerms     = 16
	titleCandidates   = 200 // newest entries whose title holds every term
	textCandidates    = 300 // newest entries that hold every term anywhere
	rankedTextPrefix  = 20_000
	snippetWords      = 30
	snippetTextPrefix = 100_000
)

// SearchCatalogue finds the entries that contain every analysed word of
// q.Text (in their title, summary, holding unit or document text; an
// exempted entry only by its title) and match the filters, best first,
// with a snippet each; total counts the matches up to MaxSearchTotal. An empty query is
// EInvalid naming "q"; a query of stop words only matches nothing. An
// unknown body is ENotFound, an unknown classification EInvalid.
//
// Ranking: the entries whose title holds every term (the newest
// titleCandidates) come before the rest (the newest textCandidates), each
// scored by BM25 over the candidates with title words weighted up; ties
// go to the newer entry. Results beyond the candidates are not ranked:
// offsets past them return no items (refine the query).
func (s *Store) SearchCatalogue(ctx context.Context, q CatalogueQuery) ([]CatalogueHit, int, error) {
	if strings.TrimSpace(q.Text) == "" {
		return nil, 0, terbuka.Problems{"q": terbuka.M("invalid.required")}.Err()
	}
	terms := queryTerms(q.Text)
	if len(terms) == 0 {
		return []CatalogueHit{}, 0, nil
	}
	if q.Classification != "" && !q.Classification.Valid() {
		return nil, 0, terbuka.Problems{"classification": terbuka.M("invalid.choice")}.Err()
	}
	switch {
	case q.Limit <= 0:
		q.Limit = 20
	case q.Limit > 100:
		q.Limit = 100
	}
	// Filters are tokens of the indexed text (filterTokens), so the
	// index intersects them with the words instead of the database
	// looking up every match's row.
	var filters []string
	if q.BodySlug != "" {
		body, err := s.BodyBySlug(ctx, q.BodySlug)
		if err != nil {
			return nil, 0, err
		}
		filters = append(filters, bodyToken(body.ID))
	}
	if q.Classification != "" {
		filters = append(filters, classToken(q.Classification))
	}
	if q.Year != 0 {
		filters = append(filters, yearToken(q.Year))
	}
	var not []string
	if q.OpenOnly {
		if q.Classification == terbuka.Dikecualikan {
			return []CatalogueHit{}, 0, nil
		}
		not = append(not, classToken(terbuka.Dikecualikan))
	}
	args := []any{s.db.matchArg(append(slices.Clone(terms), filters...), not...), s.db.matchArg(terms)}
	from, textMatch, titleMatch, order := s.db.searchSQL()
	// Counting every match of a common word in a million entries costs
	// seconds; like most search engines, count exactly up to a cap.
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM "+from+" WHERE "+textMatch+
		" LIMIT "+strconv.Itoa(MaxSearchTotal+1)+") m", args[0]).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count catalogue matches: %w", err)
	}
	total = min(total, MaxSearchTotal)
	if total == 0 || q.Offset >= titleCandidates+textCandidates {
		return []CatalogueHit{}, total, nil
	}
	ids, err := s.candidateIDs(ctx, "SELECT "+order+" FROM "+from+" WHERE "+titleMatch+" ORDER BY "+order+
		" DESC LIMIT "+strconv.Itoa(titleCandidates), args)
	if err != nil {
		return nil, 0, err
	}
	titled := len(ids)
	more, err := s.candidateIDs(ctx, "SELECT "+order+" FROM "+from+" WHERE "+textMatch+" ORDER BY "+order+
		" DESC LIMIT "+strconv.Itoa(textCandidates+titled), args[:1])
	if err != nil {
		return nil, 0, err
	}
	for _, id := range more {
		if len(ids) < titled+textCandidates && !slices.Contains(ids[:titled], id) {
			ids = append(ids, id)
		}
	}
	ranked, err := s.rankCandidates(ctx, ids, titled, terms)
	if err != nil {
		return nil, 0, err
	}
	if q.Offset >= len(ranked) {
		return []CatalogueHit{}, total, nil
	}
	page := ranked[q.Offset:min(q.Offset+q.Limit, len(ranked))]
	hits, err := s.catalogueHits(ctx, page, terms, q.Viewer)
	return hits, total, err
}

// queryTerms analyses a query into distinct terms, in order, at most
// maxQueryTerms.
func queryTerms(text string) []string {
	var terms []string
	for _, t := range search.Analyze(text) {
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
		if len(terms) == maxQueryTerms {
			break
		}
	}
	return terms
}

// candidateIDs runs a query that returns entry IDs. It bypasses the
// prepared-statement cache: filter combinations would fill it.
func (s *Store) candidateIDs(ctx context.Context, query string, args []any) ([]int64, error) {
	rows, err := s.db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search catalogue: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("search catalogue: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// idList renders IDs for an IN clause; they are integers from the
// database, never user input.
func idList(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

// rankCandidates orders ids best first. The first titled of them hold
// every term in their title and stay ahead of the rest; within each group
// the BM25 score of the terms in the stored search text (its first
// rankedTextPrefix characters) plus a bonus for terms in the title decides,
// then the newer entry.
func (s *Store) rankCandidates(ctx context.Context, ids []int64, titled int, terms []string) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, search_title, substr(search_text, 1, `+strconv.Itoa(rankedTextPrefix)+
		`) FROM catalogue_entries WHERE id IN (`+idList(ids)+`)`)
	if err != nil {
		return nil, fmt.Errorf("rank catalogue matches: %w", err)
	}
	defer rows.Close()
	type doc struct {
		id    int64
		group int
		title map[string]bool
		tf    map[string]int
		len   int
		score float64
	}
	group := map[int64]int{}
	for i, id := range ids {
		if i >= titled {
			group[id] = 1
		}
	}
	var docs []*doc
	for rows.Next() {
		var id int64
		var title, text string
		if err := rows.Scan(&id, &title, &text); err != nil {
			return nil, fmt.Errorf("rank catalogue matches: %w", err)
		}
		d := &doc{id: id, group: group[id], title: map[string]bool{}, tf: map[string]int{}}
		for _, t := range strings.Fields(title) {
			d.title[t] = true
		}
		words := strings.Fields(text)
		d.len = len(words)
		for _, w := range words {
			if slices.Contains(terms, w) {
				d.tf[w]++
			}
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("rank catalogue matches: %w", err)
	}
	// Rows come in any order; sums must not depend on it.
	slices.SortFunc(docs, func(x, y *doc) int { return int(x.id - y.id) })
	// BM25 with the candidates as the collection: enough to tell a
	// document about the terms from one that mentions them once.
	const k1, b, titleWeight = 1.2, 0.75, 2.0
	n, avg := float64(len(docs)), 0.0
	for _, d := range docs {
		avg += float64(d.len)
	}
	avg = max(avg/n, 1)
	for _, t := range terms {
		df := 0
		for _, d := range docs {
			if d.tf[t] > 0 {
				df++
			}
		}
		idf := math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
		for _, d := range docs {
			tf := float64(d.tf[t])
			d.score += idf * tf * (k1 + 1) / (tf + k1*(1-b+b*float64(d.len)/avg))
			if d.title[t] {
				d.score += titleWeight * idf
			}
		}
	}
	slices.SortFunc(docs, func(x, y *doc) int {
		switch {
		case x.group != y.group:
			return x.group - y.group
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		case x.id > y.id:
			return -1
		case x.id < y.id:
			return 1
		}
		return 0
	})
	out := make([]int64, len(docs))
	for i, d := range docs {
		out[i] = d.id
	}
	return out, nil
}

// catalogueHits loads the entries of ids, in that order, as viewer may
// see them, each with a snippet: from the summary, else from a document's
// text, else the start of the summary. A public view of an exempted
// entry has nothing but its title to show.
func (s *Store) catalogueHits(ctx context.Context, ids []int64, terms []string, viewer *terbuka.User) ([]CatalogueHit, error) {
	covers, err := s.catalogueScope(ctx, viewer)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, "SELECT "+catalogueColumns+catalogueFrom+" WHERE e.id IN ("+idList(ids)+")")
	if err != nil {
		return nil, fmt.Errorf("load catalogue matches: %w", err)
	}
	byID := map[int64]terbuka.CatalogueEntry{}
	for rows.Next() {
		e, err := scanCatalogueEntry(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("load catalogue matches: %w", err)
		}
		if !covers(e.BodyID) {
			e = e.PublicView()
		}
		byID[e.ID] = e
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, fmt.Errorf("load catalogue matches: %w", err)
	}
	rows.Close()
	// Entries whose summary holds no query word take their snippet from a
	// document: one query for all of them.
	summary := map[int64][]SnippetPart{}
	var needDocs []int64
	for _, e := range byID {
		if e.Classification == terbuka.Dikecualikan {
			continue
		}
		if summary[e.ID] = search.Snippet(e.Summary, terms, snippetWords); summary[e.ID] == nil {
			needDocs = append(needDocs, e.ID)
		}
	}
	docTexts, err := documentTexts(ctx, s.db.r, snippetTextPrefix, needDocs...)
	if err != nil {
		return nil, err
	}
	hits := make([]CatalogueHit, 0, len(ids))
	for _, id := range ids {
		e, ok := byID[id]
		if !ok {
			continue // deleted since it was ranked
		}
		h := CatalogueHit{Entry: e}
		if e.Classification == terbuka.Dikecualikan {
			if h.Snippet = search.Snippet(e.Title, terms, snippetWords); h.Snippet == nil {
				h.Snippet = search.Lead(e.Title, snippetWords)
			}
			hits = append(hits, h)
			continue
		}
		h.Snippet = summary[id]
		for _, d := range docTexts[id] {
			if h.Snippet != nil {
				break
			}
			h.Snippet = search.Snippet(d, terms, snippetWords)
		}
		if h.Snippet == nil {
			h.Snippet = search.Lead(e.Summary, snippetWords)
		}
		hits = append(hits, h)
	}
	return hits, nil
}
