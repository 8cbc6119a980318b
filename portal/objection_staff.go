package portal

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/register"
	"github.com/terbuka-id/terbuka/store"
)

// objectionListView is the data of the staff objection list.
type objectionListView struct {
	Rows  []objectionRow
	Pager pager
}

// objectionRow is one objection with whether the atasan is late.
type objectionRow struct {
	Objection terbuka.Objection
	Overdue   bool
}

// listObjections serves GET /staf/keberatan: the objections the user may
// see (the atasan PPID and the PPID Utama the whole government, a PPID
// Pelaksana its unit's), filtered by status, overdue and text, newest
// first. Roles that never see requests get the 403 page.
func (p *Portal) listObjections(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.objections.title")
	if !u.Role.CanReadRequests() {
		p.fail(w, r, pg, terbuka.Errorf(terbuka.EForbidden, "portal.forbidden.requests"))
		return
	}
	q := r.URL.Query()
	f := store.ObjectionFilter{Text: strings.TrimSpace(q.Get("q")), Limit: perPage}
	if s := terbuka.ObjectionStatus(q.Get("status")); slices.Contains(terbuka.ObjectionStatuses, s) {
		f.Status = s
		pg.Form.Set("status", string(s))
	}
	if q.Get("terlambat") != "" {
		f.Overdue = true
		pg.Form.Set("terlambat", "1")
	}
	pg.Form.Set("q", f.Text)
	var view objectionListView
	page := pageParam(q)
	f.Offset = (page - 1) * perPage
	list, total, err := p.Store.ListObjections(r.Context(), u, f)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	for _, o := range list {
		view.Rows = append(view.Rows, objectionRow{Objection: o, Overdue: o.Overdue(p.Store.ObjectionToday(o))})
	}
	filters := url.Values{}
	for k, v := range pg.Form {
		if v[0] != "" {
			filters[k] = v
		}
	}
	view.Pager = newPager("/staf/keberatan", filters, page, total, perPage)
	pg.Data = view
	p.render(w, r, http.StatusOK, "staff_objections", pg)
}

// staffObjectionView is the data of an objection's staff page.
type staffObjectionView struct {
	Objection      terbuka.Objection
	Overdue        bool
	CanDecide      bool // the atasan's decision form is offered
	AtasanOnly     bool // registered, but the user is not the atasan PPID
	CanRecordStage bool // the dispute stage form is offered
}

// showObjection serves GET /staf/keberatan/{number}: the objection, its
// request, the atasan's decision form (atasan_ppid only) and the dispute
// with its stage form. An objection the user may not see is 404.
func (p *Portal) showObjection(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffobj.title")
	if p.loadObjection(w, r, u, pg) {
		p.render(w, r, http.StatusOK, "staff_objection", pg)
	}
}

// loadObjection puts the objection of the path on pg, or renders the
// error page and returns false.
func (p *Portal) loadObjection(w http.ResponseWriter, r *http.Request, u terbuka.User, pg *page) bool {
	o, err := p.Store.ObjectionForStaff(r.Context(), u, r.PathValue("number"))
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	pg.Loc = terbuka.BodySettings{TimeZone: o.BodyTimeZone}.Location()
	pg.Title = o.Number
	open := o.CheckDecide() == nil
	pg.Data = staffObjectionView{Objection: o, Overdue: o.Overdue(p.Store.ObjectionToday(o)),
		CanDecide: open && u.Role == terbuka.RoleAtasanPPID, AtasanOnly: open && u.Role != terbuka.RoleAtasanPPID,
		CanRecordStage: o.Dispute != nil && !o.Dispute.Closed() && u.Role.CanReadRequests()}
	return true
}

// decideObjection serves POST /staf/keberatan/{number}/keputusan: the
// atasan PPID's written decision. Problems are shown next to their fields
// (422), a second decision at the top (409), other roles get 403.
func (p *Portal) decideObjection(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffobj.title")
	err := parseForm(w, r)
	if err == nil {
		keep(pg, r, "objection.decision", "objection.release", "objection.reasons", "objection.position")
		f := r.PostForm
		_, err = p.Store.DecideObjection(r.Context(), u, r.PathValue("number"), terbuka.ObjectionDecisionInput{
			Decision: terbuka.ObjectionDecisionKind(f.Get("objection.decision")), Release: terbuka.ReleaseScope(f.Get("objection.release")),
			Reasons: f.Get("objection.reasons"), Position: f.Get("objection.position")})
	}
	p.afterObjectionAction(w, r, u, pg, objectionFields(err, "objection."), "portal.flash.objection_decided")
}

// afterObjectionAction finishes a staff action on an objection: a flash
// and 303 back to it on success; otherwise its page again with the
// problems and their status. One the user may not see stays a 404 page.
func (p *Portal) afterObjectionAction(w http.ResponseWriter, r *http.Request, u terbuka.User, pg *page, err error, flashKey string) {
	to := "/staf/keberatan/" + r.PathValue("number")
	if err == nil {
		p.setFlash(w, flashKey)
		redirect(w, r, to)
		return
	}
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		p.fail(w, r, pg, err)
		return
	}
	status := p.problems(r, pg, err)
	pg.backTo(to)
	if p.loadObjection(w, r, u, pg) {
		p.render(w, r, status, "staff_objection", pg)
	}
}

// staffObjectionLetter serves GET /staf/keberatan/{number}/surat-tanggapan.pdf.
func (p *Portal) staffObjectionLetter(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffobj.title")
	o, err := p.Store.ObjectionForStaff(r.Context(), u, r.PathValue("number"))
	p.sendObjectionLetter(w, r, pg, o, err)
}

// objectionRegisterXLSX serves GET /staf/keberatan/register.xlsx[?tahun=2026]:
// the register keberatan of the objections the user may see.
func (p *Portal) objectionRegisterXLSX(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	p.objectionRegister(w, r, u, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", register.WriteObjectionXLSX)
}

// objectionRegisterCSV serves GET /staf/keberatan/register.csv.
func (p *Portal) objectionRegisterCSV(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	p.objectionRegister(w, r, u, "csv", "text/csv; charset=utf-8", register.WriteObjectionCSV)
}

func (p *Portal) objectionRegister(w http.ResponseWriter, r *http.Request, u terbuka.User, ext, contentType string,
	write func(io.Writer, string, []terbuka.Objection, string) error) {
	pg := p.staffPage(w, r, u, "portal.objections.title")
	if !u.Role.CanReadRequests() {
		p.fail(w, r, pg, terbuka.Errorf(terbuka.EForbidden, "portal.forbidden.requests"))
		return
	}
	f := store.ObjectionFilter{Limit: -1}
	name, title := "register-keberatan", ""
	if y := strings.TrimSpace(r.URL.Query().Get("tahun")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			p.fail(w, r, pg, terbuka.Problems{"tahun": terbuka.M("invalid.year")}.Err())
			return
		}
		f.Year, name, title = n, name+"-"+y, y
	}
	list, _, err := p.Store.ListObjections(r.Context(), u, f)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	slices.Reverse(list) // oldest first, as a register is kept
	var buf bytes.Buffer
	if err := write(&buf, title, list, string(pg.Lang)); err != nil {
		p.fail(w, r, pg, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+"."+ext+`"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

// requestObjections lists a request's objections on its staff page.
type requestObjections struct {
	List []terbuka.Objection
}

// addRequestObjections puts the objections of the request that u may see
// on a staff request page (staffRequestView), oldest first. An OPD that
// sees the request only through a disposisi does not see its objections.
func (p *Portal) addRequestObjections(r *http.Request, u terbuka.User, pg *page) error {
	view, ok := pg.Data.(staffRequestView)
	if !ok {
		return nil
	}
	list, _, err := p.Store.ListObjections(r.Context(), u, store.ObjectionFilter{RequestNumber: view.Request.Number, Limit: -1})
	if err != nil {
		return err
	}
	slices.Reverse(list)
	view.Objections = requestObjections{List: list}
	pg.Data = view
	return nil
}
