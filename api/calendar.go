package api

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/web"
	"github.com/terbuka-id/terbuka/workday"
)

// calendarFor returns the calendar of the body named by the "body" query
// parameter, or the national one when it is absent.
func (a *API) calendarFor(r *http.Request, required bool) (*workday.Calendar, string, error) {
	slug := r.URL.Query().Get("body")
	if slug == "" {
		if required {
			return nil, "", terbuka.Problems{"body": terbuka.M("invalid.required")}.Err()
		}
		cal, err := a.Store.Calendar(r.Context(), 0)
		return cal, "", err
	}
	b, err := a.Store.BodyBySlug(r.Context(), slug)
	if err != nil {
		return nil, "", err
	}
	cal, err := a.Store.Calendar(r.Context(), b.ID)
	return cal, b.Slug, err
}

func (a *API) addWorkingDays(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := terbuka.Problems{}
	from, err := workday.ParseDate(q.Get("from"))
	if err != nil {
		p.Add("from", "invalid.date")
	}
	days, err := strconv.Atoi(q.Get("days"))
	if err != nil || days < 0 || days > 366 {
		p.Add("days", "invalid.days")
	}
	if err := p.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	cal, _, err := a.calendarFor(r, false)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	span := cal.AddWorkingDays(from, days)
	lang := string(web.APILang(r))
	skipped := make([]map[string]string, 0, len(span.Skipped))
	for _, s := range span.Skipped {
		skipped = append(skipped, map[string]string{"date": s.Date.String(), "kind": s.Kind, "reason": workday.SkipReason(s, lang)})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{
		"from": from.String(), "days": days, "date": span.Date.String(),
		"skipped": skipped, "calendar_version": cal.Version(),
	})
}

func (a *API) requestDeadlines(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("submitted_at")
	at, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		a.fail(w, r, terbuka.Problems{"submitted_at": terbuka.M("invalid.timestamp")}.Err())
		return
	}
	cal, _, err := a.calendarFor(r, true)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	dl := cal.RequestDeadline(at, terbuka.RequestDays, terbuka.ExtensionDays)
	web.WriteJSON(w, http.StatusOK, deadlineJSON(dl, string(web.APILang(r))))
}

func deadlineJSON(dl workday.Deadline, lang string) map[string]any {
	return map[string]any{
		"submitted_at":     dl.SubmittedAt.Format(time.RFC3339),
		"received_on":      dl.ReceivedOn.String(),
		"due_on":           dl.DueOn.String(),
		"extended_due_on":  dl.ExtendedDueOn.String(),
		"explanation":      dl.Explain(lang),
		"calendar_version": dl.Version,
		"time_zone":        dl.Location.String(),
	}
}

type holidayJSON struct {
	Date   string `json:"date"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Source string `json:"source,omitempty"`
}

func (a *API) holidays(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year < 2000 || year > 2100 {
		a.fail(w, r, terbuka.Problems{"year": terbuka.M("invalid.year")}.Err())
		return
	}
	cal, _, err := a.calendarFor(r, false)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := []holidayJSON{}
	for _, h := range cal.Holidays(year) {
		items = append(items, holidayJSON{Date: h.Date.String(), Name: h.Name, Kind: string(h.Kind), Source: h.Source})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items, "year": year, "data_loaded": cal.HasYear(year), "calendar_version": cal.Version()})
}

// maxAmendment bounds an uploaded amendment file.
const maxAmendment = 256 << 10

func (a *API) loadAmendment(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxAmendment))
	if err != nil {
		a.fail(w, r, terbuka.Errorf(terbuka.ETooLarge, "too_large.body", maxAmendment))
		return
	}
	changed, err := a.Store.LoadAmendment(r.Context(), userOf(r), raw)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]any{"recomputed": changed})
}

func (a *API) listAmendments(w http.ResponseWriter, r *http.Request) {
	list, err := a.Store.Amendments(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := make([]map[string]any, 0, len(list))
	for _, am := range list {
		items = append(items, map[string]any{"id": am.Ref, "source": am.Source, "effective": am.Effective, "days": am.Days})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (a *API) listRegionalHolidays(w http.ResponseWriter, r *http.Request) {
	if _, err := a.Store.BodyBySlug(r.Context(), r.PathValue("slug")); err != nil {
		a.fail(w, r, err)
		return
	}
	list, err := a.Store.RegionalHolidays(r.Context(), r.PathValue("slug"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := make([]map[string]any, 0, len(list))
	for _, h := range list {
		items = append(items, map[string]any{"id": h.ID, "date": h.Date.String(), "name": h.Name, "kind": "regional"})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (a *API) addRegionalHoliday(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Date string `json:"date"`
		Name string `json:"name"`
	}
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	d, err := workday.ParseDate(in.Date)
	if err != nil {
		a.fail(w, r, terbuka.Problems{"date": terbuka.M("invalid.date")}.Err())
		return
	}
	if err := a.Store.AddRegionalHoliday(r.Context(), userOf(r), r.PathValue("slug"), d, in.Name); err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]any{"date": d.String(), "name": strings.TrimSpace(in.Name), "kind": "regional"})
}

func (a *API) deleteRegionalHoliday(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.fail(w, r, terbuka.ErrNotFound("holiday"))
		return
	}
	if err := a.Store.DeleteRegionalHoliday(r.Context(), userOf(r), r.PathValue("slug"), id); err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) updateSettings(w http.ResponseWriter, r *http.Request) {
	var in struct {
		TimeZone             string `json:"time_zone"`
		OfficeOpen           string `json:"office_open"`
		OfficeClose          string `json:"office_close"`
		CutiBersamaIsWorkday bool   `json:"cuti_bersama_is_workday"`
	}
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	open, err1 := workday.ParseClock(in.OfficeOpen)
	closing, err2 := workday.ParseClock(in.OfficeClose)
	if err1 != nil || err2 != nil {
		a.fail(w, r, terbuka.Problems{"office_hours": terbuka.M("invalid.office_hours")}.Err())
		return
	}
	st := terbuka.BodySettings{TimeZone: in.TimeZone, OfficeOpen: open, OfficeClose: closing, CutiBersamaIsWorkday: in.CutiBersamaIsWorkday}
	if err := a.Store.UpdateBodySettings(r.Context(), userOf(r), r.PathValue("slug"), st); err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"time_zone": st.TimeZone, "office_open": in.OfficeOpen,
		"office_close": in.OfficeClose, "cuti_bersama_is_workday": st.CutiBersamaIsWorkday})
}
