package portal

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// intakeExtra are the staff intake's own inputs besides the request's.
var intakeExtra = []string{"body", "channel", "received_date", "received_time"}

// intakeForm serves GET /staf/permohonan/baru: registering a request that
// came on paper, by phone, in person, by e-mail or fax.
func (p *Portal) intakeForm(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.intake.title")
	if !u.Role.CanHandleRequests() {
		p.fail(w, r, pg, terbuka.Errorf(terbuka.EForbidden, "portal.forbidden.requests"))
		return
	}
	if !p.intakeBodies(w, r, pg) {
		return
	}
	pg.Form.Set("body", u.BodySlug)
	pg.Form.Set("requester.kind", string(terbuka.Individual))
	p.render(w, r, http.StatusOK, "staff_intake", pg)
}

func (p *Portal) intakeBodies(w http.ResponseWriter, r *http.Request, pg *page) bool {
	bodies, err := p.Store.Bodies(r.Context())
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	pg.Bodies = bodies
	return true
}

// registerIntake serves POST /staf/permohonan/baru. The received date and
// time are read in the chosen body's zone; both empty means now. Every
// problem, the form's own and the domain's, is shown at once (422); a body
// outside the user's scope is a problem of the body field.
func (p *Portal) registerIntake(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.intake.title")
	if !u.Role.CanHandleRequests() {
		p.fail(w, r, pg, terbuka.Errorf(terbuka.EForbidden, "portal.forbidden.requests"))
		return
	}
	if !p.intakeBodies(w, r, pg) {
		return
	}
	if err := parseForm(w, r); err != nil {
		p.render(w, r, p.problems(r, pg, err), "staff_intake", pg)
		return
	}
	keep(pg, r, append(intakeExtra, intakeFields...)...)
	f := r.PostForm
	opt := store.CreateOptions{Channel: terbuka.Channel(f.Get("channel")), Lang: string(pg.Lang), Staff: &u}
	local := terbuka.Problems{}
	if !slices.Contains(terbuka.StaffChannels, opt.Channel) {
		local.Add("channel", choice(string(opt.Channel)))
	}
	slug := f.Get("body")
	i := slices.IndexFunc(pg.Bodies, func(b terbuka.Body) bool { return b.Slug == slug })
	if i < 0 {
		local.Add("body", choice(slug))
	} else if at, ok := receivedAt(f.Get("received_date"), f.Get("received_time"), pg.Bodies[i].Settings.Location()); !ok {
		local.Add("received_at", "portal.invalid.received_at")
	} else {
		opt.ReceivedAt = at
	}
	in := newRequestFrom(r)
	in.Normalize()
	if err := in.Validate(); err != nil || len(local) > 0 {
		if e := terbuka.AsError(err); e != nil {
			for k, m := range e.Fields {
				local[k] = m
			}
		}
		p.render(w, r, p.problems(r, pg, local.Err()), "staff_intake", pg)
		return
	}
	req, token, err := p.Store.CreateRequest(r.Context(), slug, in, opt)
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		err = terbuka.Problems{"body": terbuka.M("portal.invalid.body_scope")}.Err()
	}
	if err != nil {
		p.render(w, r, p.problems(r, pg, err), "staff_intake", pg)
		return
	}
	to := "/staf/permohonan/" + req.Number + "/terdaftar"
	p.handOff(w, to, token)
	redirect(w, r, to)
}

func choice(v string) string {
	if v == "" {
		return "invalid.required"
	}
	return "invalid.choice"
}

// receivedAt reads a date and a clock time in loc; both empty is the zero
// time (now), one without the other or an unreadable value is not ok.
func receivedAt(date, clock string, loc *time.Location) (time.Time, bool) {
	date, clock = strings.TrimSpace(date), strings.TrimSpace(clock)
	if date == "" && clock == "" {
		return time.Time{}, true
	}
	d, err := workday.ParseDate(date)
	if err != nil {
		return time.Time{}, false
	}
	m, err := workday.ParseClock(clock)
	if err != nil {
		return time.Time{}, false
	}
	return d.In(loc).Add(time.Duration(m) * time.Minute), true
}

// intakeRegistered serves GET /staf/permohonan/{number}/terdaftar: the
// number and the tracking code to hand to the requester, shown once.
func (p *Portal) intakeRegistered(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.registered.title")
	view := registeredView{Staff: true}
	if token := p.takeHandOff(w, r); token != "" {
		req, err := p.Store.RequestByTracking(r.Context(), r.PathValue("number"), token)
		if err != nil && terbuka.ErrorCode(err) != terbuka.ENotFound {
			p.fail(w, r, pg, err)
			return
		}
		if err == nil {
			view.Request, view.Token = req, token
			pg.Loc = p.zoneOf(r, req.BodyID)
		}
	}
	if view.Token == "" {
		view.Request.Number = r.PathValue("number")
	}
	pg.Data = view
	p.render(w, r, http.StatusOK, "registered", pg)
}
