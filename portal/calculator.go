package portal

import (
	"net/http"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// calculatorView is the data of the public deadline calculator.
type calculatorView struct {
	Done        bool // a deadline was computed
	BodyName    string
	Deadline    workday.Deadline
	Explanation string
	Year        int
	Holidays    []workday.Holiday
}

// calculator serves GET /kalkulator?badan=SLUG&tanggal=YYYY-MM-DD&jam=HH:MM:
// when a request submitted then to that body counts as received, when the
// written notice is due, the latest date after the one extension, and why
// (every skipped day named), with the year's holidays for reference. The
// moment defaults to now in WIB; without a body the national calendar is
// used. Bad input is 422 with the field's problem, never 500.
func (p *Portal) calculator(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.calc.title")
	pg.Data = calculatorView{}
	ctx := r.Context()
	bodies, err := p.Store.Bodies(ctx)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	pg.Bodies = bodies
	q := r.URL.Query()
	slug := strings.TrimSpace(q.Get("badan"))
	view := calculatorView{BodyName: pg.T("portal.calc.national")}
	var bodyID int64
	loc := workday.Jakarta
	if slug != "" {
		b, err := p.Store.BodyBySlug(ctx, slug)
		if err != nil {
			pg.Errors["badan"] = pg.T("not_found.body")
		} else {
			bodyID, loc, view.BodyName = b.ID, b.Settings.Location(), b.Name
		}
	}
	now := p.Store.Now().In(loc)
	date, clock := q.Get("tanggal"), q.Get("jam")
	if date == "" {
		date = now.Format(time.DateOnly)
	}
	if clock == "" {
		clock = now.Format("15:04")
	}
	pg.Form.Set("badan", slug)
	pg.Form.Set("tanggal", date)
	pg.Form.Set("jam", clock)
	d, err := workday.ParseDate(date)
	if err != nil || d.Year < 2000 || d.Year > 2100 {
		pg.Errors["tanggal"] = pg.T("invalid.date")
	}
	minutes, err := workday.ParseClock(clock)
	if err != nil {
		pg.Errors["jam"] = pg.T("portal.invalid.clock")
	}
	if len(pg.Errors) > 0 {
		pg.Alert = pg.T("invalid.input")
		p.render(w, r, http.StatusUnprocessableEntity, "calculator", pg)
		return
	}
	cal, err := p.Store.Calendar(ctx, bodyID)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	at := d.In(loc).Add(time.Duration(minutes) * time.Minute)
	dl := cal.RequestDeadline(at, terbuka.RequestDays, terbuka.ExtensionDays)
	view.Done, view.Deadline, view.Explanation = true, dl, dl.Explain(string(pg.Lang))
	view.Year, view.Holidays = d.Year, cal.Holidays(d.Year)
	pg.Data = view
	p.render(w, r, http.StatusOK, "calculator", pg)
}
