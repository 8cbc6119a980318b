package portal

import (
	"net/url"
	"strconv"
)

// pager is the pagination of a list: where it is and the links around.
type pager struct {
	Total, Page, Pages int
	PrevURL, NextURL   string
}

// newPager pages total items perPage at a time, linking path with filters.
func newPager(path string, filters url.Values, page, total, perPage int) pager {
	pg := pager{Total: total, Page: page, Pages: max(1, (total+perPage-1)/perPage)}
	link := func(n int) string {
		q := url.Values{}
		for k, v := range filters {
			q[k] = v
		}
		if n > 1 {
			q.Set("hal", strconv.Itoa(n))
		}
		if enc := q.Encode(); enc != "" {
			return path + "?" + enc
		}
		return path
	}
	if page > 1 {
		pg.PrevURL = link(min(page-1, pg.Pages))
	}
	if page < pg.Pages {
		pg.NextURL = link(page + 1)
	}
	return pg
}

// pageParam is the page a list asks for with ?hal=N: 1 unless N is a
// whole number from 2 to 99,999.
func pageParam(q url.Values) int {
	if n, err := strconv.Atoi(q.Get("hal")); err == nil && n > 1 && n < 100_000 {
		return n
	}
	return 1
}
