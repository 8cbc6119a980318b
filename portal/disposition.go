package portal

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// routingView is the routing part of a request's staff page (issue 3,
// bullets 0 and 1): the perlu dilengkapi record and form, the transfer
// links, the dispositions with their internal deadlines and answers, and
// the forms to forward, answer and withdraw.
type routingView struct {
	Incompletes       []terbuka.Incompleteness // every episode, oldest first
	Pending           *terbuka.Incompleteness  // the episode waiting for the requester
	CanMarkIncomplete bool
	FlagBy            workday.Date // last day to mark the request incomplete
	CompleteDays      int          // the requester's window, in working days

	From, To *terbuka.TransferLink

	Dispositions []dispositionRow
	CanDispose   bool
	Targets      []targetOption
	DefaultDays  int
	MaxDays      int // longest internal deadline that ends by the request's due date
	// ForwardedOnly is set when the user sees the request only because
	// it was forwarded to their OPD: they answer, they do not act on it.
	ForwardedOnly bool
}

// dispositionRow is one disposition with its deadline state (ontime,
// soon, overdue, done) and what the user may do with it.
type dispositionRow struct {
	terbuka.Disposition
	Deadline    string
	CanAnswer   bool
	CanWithdraw bool
}

// targetOption is one OPD checkbox of the disposition form.
type targetOption struct {
	Slug, Name string
	Checked    bool
}

// loadRouting adds the routing part to the staff page of the request on
// pg (staffRequestView), and takes the extension and decision forms away
// from staff who see the request only through a disposition.
func (p *Portal) loadRouting(r *http.Request, u terbuka.User, pg *page) error {
	view, ok := pg.Data.(staffRequestView)
	if !ok {
		return nil
	}
	ctx := r.Context()
	req := view.Request
	cal, err := p.Store.Calendar(ctx, req.BodyID)
	if err != nil {
		return err
	}
	today := p.Store.Today(view.Body)
	cfg := p.Store.RoutingConfig()
	rv := routingView{CompleteDays: cfg.IncompleteCompleteDays, DefaultDays: cfg.DispositionDays}
	acts, err := p.Store.CanActOn(ctx, u, req)
	if err != nil {
		return err
	}
	rv.ForwardedOnly = !acts
	if !acts {
		view.CanExtend, view.CanDecide = false, false
	}
	if rv.Incompletes, err = p.Store.Incompletes(ctx, req); err != nil {
		return err
	}
	if n := len(rv.Incompletes); n > 0 && rv.Incompletes[n-1].Pending() {
		rv.Pending = &rv.Incompletes[n-1]
	}
	rv.FlagBy = terbuka.IncompleteFlagBy(cal, req.ReceivedOn, cfg.IncompleteFlagDays)
	rv.CanMarkIncomplete = acts && req.CheckMarkIncomplete(today, rv.FlagBy) == nil
	if rv.From, rv.To, err = p.Store.TransferLinks(ctx, req); err != nil {
		return err
	}
	ds, err := p.Store.Dispositions(ctx, req)
	if err != nil {
		return err
	}
	own, err := p.Store.BodyByID(ctx, u.BodyID)
	if err != nil {
		return err
	}
	disposer := acts && terbuka.CanDispose(u, own)
	busy := map[string]bool{}
	for _, d := range ds {
		row := dispositionRow{Disposition: d, Deadline: d.DeadlineState(cal, today, req.Status)}
		row.CanAnswer = d.AnswerableBy(u) && req.CheckAnswer(d) == nil
		row.CanWithdraw = disposer && d.CheckWithdraw() == nil
		rv.Dispositions = append(rv.Dispositions, row)
		busy[d.ToBodySlug] = busy[d.ToBodySlug] || d.State == terbuka.DispositionOpen
	}
	if disposer && req.CheckDispose() == nil {
		targets, err := p.Store.DispositionTargets(ctx, u, req)
		if err != nil {
			return err
		}
		chosen := pg.Form["to"]
		for _, b := range targets {
			if !busy[b.Slug] {
				rv.Targets = append(rv.Targets, targetOption{Slug: b.Slug, Name: b.Name, Checked: slices.Contains(chosen, b.Slug)})
			}
		}
		rv.MaxDays = terbuka.WorkingDaysUntil(cal, today, req.DueOn)
		rv.CanDispose = len(rv.Targets) > 0 && rv.MaxDays > 0
		if pg.Form.Get("days") == "" {
			pg.Form.Set("days", strconv.Itoa(min(rv.DefaultDays, rv.MaxDays)))
		}
	}
	view.Routing = rv
	pg.Data = view
	return nil
}

// disposeRequest serves POST /staf/permohonan/{number}/disposisi: the
// PPID Utama forwards the request to the OPDs ticked in "to", with the
// internal deadline "days" and "instructions".
func (p *Portal) disposeRequest(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	err := parseForm(w, r)
	if err == nil {
		keep(pg, r, "to", "days", "instructions")
		in := terbuka.DispositionInput{To: r.PostForm["to"], Instructions: r.PostForm.Get("instructions")}
		if days := strings.TrimSpace(r.PostForm.Get("days")); days != "" {
			if in.Days, err = strconv.Atoi(days); err != nil || in.Days == 0 {
				err = terbuka.Problems{"days": terbuka.M("invalid.window_days", 1, terbuka.RequestDays+terbuka.ExtensionDays)}.Err()
			}
		}
		if err == nil {
			_, err = p.Store.DisposeRequest(r.Context(), u, r.PathValue("number"), in)
		}
	}
	p.afterAction(w, r, u, pg, err, "portal.flash.disposed")
}

// answerDisposition serves POST /staf/permohonan/{number}/disposisi/{id}/jawab:
// the OPD answers with the information or a proposal to deny. Problems are
// shown next to the answer form's fields (answer.*).
func (p *Portal) answerDisposition(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	err := parseForm(w, r)
	if err == nil {
		keep(pg, r, "answer.kind", "answer.text", "answer.catalogue_id", "answer.exemption.basis", "answer.exemption.consequence_test")
		f := r.PostForm
		in := terbuka.AnswerInput{Kind: terbuka.AnswerKind(f.Get("answer.kind")), Text: f.Get("answer.text")}
		if c := strings.TrimSpace(f.Get("answer.catalogue_id")); c != "" {
			if in.CatalogueID, err = strconv.ParseInt(c, 10, 64); err != nil || in.CatalogueID <= 0 {
				err = terbuka.Problems{"catalogue_id": terbuka.M("invalid.choice")}.Err()
			}
		}
		if basis, test := strings.TrimSpace(f.Get("answer.exemption.basis")), f.Get("answer.exemption.consequence_test"); basis != "" || strings.TrimSpace(test) != "" {
			in.Exemption = &terbuka.Exemption{Basis: basis, ConsequenceTest: test}
		}
		id, ok := dispositionID(r)
		switch {
		case !ok:
			err = terbuka.ErrNotFound("disposition")
		case err == nil:
			_, err = p.Store.AnswerDisposition(r.Context(), u, id, in)
		}
	}
	p.afterAction(w, r, u, pg, prefixFields(err, "answer."), "portal.flash.answered")
}

// withdrawDisposition serves POST /staf/permohonan/{number}/disposisi/{id}/tarik.
func (p *Portal) withdrawDisposition(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	err := parseForm(w, r)
	if err == nil {
		if id, ok := dispositionID(r); ok {
			_, err = p.Store.WithdrawDisposition(r.Context(), u, id)
		} else {
			err = terbuka.ErrNotFound("disposition")
		}
	}
	p.afterAction(w, r, u, pg, err, "portal.flash.withdrawn")
}

func dispositionID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// prefixFields renames err's field paths with prefix, so the problems of
// a form whose inputs are prefixed land next to them.
func prefixFields(err error, prefix string) error {
	e := terbuka.AsError(err)
	if e == nil || len(e.Fields) == 0 {
		return err
	}
	out := *e
	out.Fields = make(map[string]terbuka.Msg, len(e.Fields))
	for k, v := range e.Fields {
		out.Fields[prefix+k] = v
	}
	return &out
}

// AnswerKinds are the choices of the OPD's answer form.
func (pg *page) AnswerKinds() []option {
	out := make([]option, 0, len(terbuka.AnswerKinds))
	for _, k := range terbuka.AnswerKinds {
		out = append(out, option{Value: string(k), Label: pg.T("portal.routing.answer_kind." + string(k))})
	}
	return out
}
