package portal

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// perPage is how many requests the list shows at once.
const perPage = 25

// dueSoonDays is the "jatuh tempo ≤ 3 hari kerja" filter and warning.
const dueSoonDays = 3

// Deadline states of a row, shown in words and in colour.
const (
	stateOnTime  = "ontime"
	stateDueSoon = "soon"
	stateOverdue = "overdue"
	stateDone    = "done"
)

// listView is the data of the staff request list.
type listView struct {
	Rows  []listRow
	Pager pager
	Query string // the filters, for the register downloads
}

// listRow is one request with its deadline state.
type listRow struct {
	Request terbuka.Request
	State   string
}

// listRequests serves GET /staf/permohonan: the requests the user may see,
// filtered by status, overdue, due within 3 working days, body and text,
// newest first, perPage at a time. Unknown filter values are ignored.
// Roles that never see requests get a page saying so (403).
func (p *Portal) listRequests(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.list.title")
	if !u.Role.CanReadRequests() {
		p.fail(w, r, pg, terbuka.Errorf(terbuka.EForbidden, "portal.forbidden.requests"))
		return
	}
	ctx := r.Context()
	bodies, err := p.Store.Bodies(ctx)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	pg.Bodies = bodies
	q := r.URL.Query()
	f := store.RequestFilter{Text: strings.TrimSpace(q.Get("q")), Limit: perPage}
	if s := terbuka.Status(q.Get("status")); slices.Contains(terbuka.Statuses, s) {
		f.Status = s
		pg.Form.Set("status", string(s))
	}
	if slug := q.Get("badan"); slices.ContainsFunc(bodies, func(b terbuka.Body) bool { return b.Slug == slug }) {
		f.BodySlug = slug
		pg.Form.Set("badan", slug)
	}
	if q.Get("terlambat") != "" {
		f.Overdue = true
		pg.Form.Set("terlambat", "1")
	}
	if q.Get("segera") != "" {
		f.DueWithin = dueSoonDays
		pg.Form.Set("segera", "1")
	}
	pg.Form.Set("q", f.Text)
	var view listView
	page := pageParam(q)
	f.Offset = (page - 1) * perPage
	reqs, total, err := p.Store.ListRequests(ctx, u, f)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	states := deadlineStates{p: p, r: r, bodies: bodies}
	for _, req := range reqs {
		view.Rows = append(view.Rows, listRow{Request: req, State: states.of(req)})
	}
	filters := url.Values{}
	for k, v := range pg.Form {
		if v[0] != "" {
			filters[k] = v
		}
	}
	view.Query = filters.Encode()
	view.Pager = newPager("/staf/permohonan", filters, page, total, perPage)
	pg.Data = view
	p.render(w, r, http.StatusOK, "staff_list", pg)
}

// deadlineStates works out each request's deadline state with its body's
// calendar and today in its body's zone, loading each calendar once.
type deadlineStates struct {
	p      *Portal
	r      *http.Request
	bodies []terbuka.Body
	cals   map[int64]*workday.Calendar
}

func (d *deadlineStates) of(req terbuka.Request) string {
	if req.Status == terbuka.StatusIncomplete {
		return stateWaiting // the clock is stopped until the requester completes it (incomplete.go)
	}
	if !req.Status.Open() {
		return stateDone
	}
	i := slices.IndexFunc(d.bodies, func(b terbuka.Body) bool { return b.ID == req.BodyID })
	if i < 0 {
		return stateOnTime
	}
	today := d.p.Store.Today(d.bodies[i])
	if req.Overdue(today) {
		return stateOverdue
	}
	if d.cals == nil {
		d.cals = map[int64]*workday.Calendar{}
	}
	cal, ok := d.cals[req.BodyID]
	if !ok {
		var err error
		if cal, err = d.p.Store.Calendar(d.r.Context(), req.BodyID); err != nil {
			// The page still shows, with the due date on the row; only
			// the early warning is lost.
			d.p.Log.WarnContext(d.r.Context(), "portal: load calendar for deadline state", "body", req.BodyID, "err", err)
			return stateOnTime
		}
		d.cals[req.BodyID] = cal
	}
	if !req.DueOn.After(cal.AddWorkingDays(today, dueSoonDays).Date) {
		return stateDueSoon
	}
	return stateOnTime
}
