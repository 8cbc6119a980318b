package portal

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// maxAmendment bounds an uploaded calendar amendment file.
const maxAmendment = 256 << 10

// calendarView is the data of the admin calendar page of one body.
type calendarView struct {
	Body       terbuka.Body
	Holidays   []store.RegionalHoliday
	Amendments []store.AmendmentInfo
}

// admin runs h for admins only; everyone else gets the 403 page.
func (p *Portal) admin(h staffHandler) staffHandler {
	return func(w http.ResponseWriter, r *http.Request, u terbuka.User) {
		if u.Role != terbuka.RoleAdmin {
			p.fail(w, r, p.staffPage(w, r, u, "portal.cal.title"), terbuka.Errorf(terbuka.EForbidden, "forbidden.role"))
			return
		}
		h(w, r, u)
	}
}

// calendarPage serves GET /staf/kalender?badan=SLUG (admins): the body's
// time zone, office hours and cuti bersama rule, its regional holidays and
// the loaded amendments of the national table.
func (p *Portal) calendarPage(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.cal.title")
	slug := r.URL.Query().Get("badan")
	if slug == "" {
		slug = u.BodySlug
	}
	if p.loadCalendar(w, r, pg, slug) {
		p.render(w, r, http.StatusOK, "calendar", pg)
	}
}

// loadCalendar puts body slug's calendar on pg, or renders the error page.
// The settings form shows the stored settings unless pg already holds
// what the admin posted.
func (p *Portal) loadCalendar(w http.ResponseWriter, r *http.Request, pg *page, slug string) bool {
	ctx := r.Context()
	body, err := p.Store.BodyBySlug(ctx, slug)
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	if pg.Bodies, err = p.Store.Bodies(ctx); err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	view := calendarView{Body: body}
	if view.Holidays, err = p.Store.RegionalHolidays(ctx, body.Slug); err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	if view.Amendments, err = p.Store.Amendments(ctx); err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	if _, posted := pg.Form["time_zone"]; !posted {
		s := body.Settings
		pg.Form.Set("time_zone", s.TimeZone)
		pg.Form.Set("office_open", workday.FormatClock(s.OfficeOpen))
		pg.Form.Set("office_close", workday.FormatClock(s.OfficeClose))
		if s.CutiBersamaIsWorkday {
			pg.Form.Set("cuti_bersama_workday", "1")
		}
	}
	pg.Form.Set("badan", body.Slug)
	pg.Data = view
	return true
}

// calendarChange is one admin change of a body's calendar. It returns the
// flash message key of its success and the count that message shows, if
// it shows one.
type calendarChange func(r *http.Request, u terbuka.User, slug string) (flash string, count []int, err error)

// calendarAction runs a change posted with the body slug in "badan", for
// admins only: success is a flash and 303 back to the calendar page; a
// domain error shows the page again with the problems and their status.
func (p *Portal) calendarAction(do calendarChange) staffHandler {
	return p.admin(func(w http.ResponseWriter, r *http.Request, u terbuka.User) {
		pg := p.staffPage(w, r, u, "portal.cal.title")
		var err error
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			err = parseAmendmentForm(w, r)
		} else {
			err = parseForm(w, r)
		}
		slug := r.PostFormValue("badan")
		if slug == "" {
			slug = u.BodySlug
		}
		if err == nil {
			var flash string
			var count []int
			if flash, count, err = do(r, u, slug); err == nil {
				p.setFlash(w, flash, count...)
				redirect(w, r, "/staf/kalender?"+url.Values{"badan": {slug}}.Encode())
				return
			}
		}
		if terbuka.ErrorCode(err) == terbuka.ENotFound && r.PathValue("id") == "" {
			p.fail(w, r, pg, err)
			return
		}
		status := p.problems(r, pg, err)
		pg.backTo("/staf/kalender?" + url.Values{"badan": {slug}}.Encode())
		keep(pg, r, "time_zone", "office_open", "office_close", "cuti_bersama_workday", "date", "name")
		if p.loadCalendar(w, r, pg, slug) {
			p.render(w, r, status, "calendar", pg)
		}
	})
}

// updateSettings serves POST /staf/kalender/pengaturan.
func (p *Portal) updateSettings(r *http.Request, u terbuka.User, slug string) (string, []int, error) {
	f := r.PostForm
	st := terbuka.BodySettings{TimeZone: f.Get("time_zone"), CutiBersamaIsWorkday: f.Get("cuti_bersama_workday") != ""}
	var err1, err2 error
	st.OfficeOpen, err1 = workday.ParseClock(f.Get("office_open"))
	st.OfficeClose, err2 = workday.ParseClock(f.Get("office_close"))
	if err1 != nil || err2 != nil {
		return "", nil, terbuka.Problems{"office_hours": terbuka.M("invalid.office_hours")}.Err()
	}
	return "portal.flash.settings", nil, p.Store.UpdateBodySettings(r.Context(), u, slug, st)
}

// addHoliday serves POST /staf/kalender/libur.
func (p *Portal) addHoliday(r *http.Request, u terbuka.User, slug string) (string, []int, error) {
	d, err := workday.ParseDate(strings.TrimSpace(r.PostForm.Get("date")))
	if err != nil {
		return "", nil, terbuka.Problems{"date": terbuka.M("invalid.holiday_date")}.Err()
	}
	return "portal.flash.holiday_added", nil, p.Store.AddRegionalHoliday(r.Context(), u, slug, d, r.PostForm.Get("name"))
}

// deleteHoliday serves POST /staf/kalender/libur/{id}/hapus; deleting is
// never a GET, so no link or prefetch can remove a holiday.
func (p *Portal) deleteHoliday(r *http.Request, u terbuka.User, slug string) (string, []int, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return "", nil, terbuka.ErrNotFound("holiday")
	}
	return "portal.flash.holiday_deleted", nil, p.Store.DeleteRegionalHoliday(r.Context(), u, slug, id)
}

// loadAmendment serves POST /staf/kalender/perubahan: a JSON amendment of
// the national holiday table (multipart field "amendment", at most 256
// KiB). The flash says how many open deadlines moved.
func (p *Portal) loadAmendment(r *http.Request, u terbuka.User, _ string) (string, []int, error) {
	raw, err := amendmentFile(r)
	if err != nil {
		return "", nil, err
	}
	n, err := p.Store.LoadAmendment(r.Context(), u, raw)
	if terbuka.ErrorCode(err) == terbuka.EInvalid {
		if e := terbuka.AsError(err); len(e.Fields) == 0 {
			e.Fields = map[string]terbuka.Msg{"amendment": e.Msg}
		}
	}
	return "portal.flash.amendment_loaded", []int{n}, err
}

// parseAmendmentForm reads the multipart upload, bounded in size.
func parseAmendmentForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxAmendment+maxForm)
	if err := r.ParseMultipartForm(maxAmendment + maxForm); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return terbuka.Errorf(terbuka.ETooLarge, "too_large.body", maxAmendment)
		}
		return &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("portal.invalid.form"), Err: err}
	}
	return nil
}

// amendmentFile returns the uploaded file's bytes.
func amendmentFile(r *http.Request) ([]byte, error) {
	file, _, err := r.FormFile("amendment")
	if err != nil {
		return nil, terbuka.Problems{"amendment": terbuka.M("invalid.required")}.Err()
	}
	defer file.Close()
	raw, err := io.ReadAll(io.LimitReader(file, maxAmendment+1))
	if err != nil {
		return nil, &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("portal.invalid.form"), Err: err}
	}
	if len(raw) > maxAmendment {
		return nil, terbuka.Errorf(terbuka.ETooLarge, "too_large.body", maxAmendment)
	}
	return raw, nil
}
