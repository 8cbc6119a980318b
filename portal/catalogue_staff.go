package portal

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// staffCatalogueRoutes registers the staff's catalogue pages.
func (p *Portal) staffCatalogueRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /staf/katalog", p.staff(p.listStaffCatalogue))
	mux.HandleFunc("GET /staf/katalog/baru", p.staff(p.catalogueForm))
	mux.HandleFunc("POST /staf/katalog/baru", p.staff(p.createCatalogueEntry))
	mux.HandleFunc("GET /staf/katalog/{id}", p.staff(p.showStaffCatalogue))
	mux.HandleFunc("POST /staf/katalog/{id}/dokumen", p.staff(p.uploadCatalogueDocument))            // catalogue_upload.go
	mux.HandleFunc("POST /staf/katalog/{id}/dokumen/{doc}/versi", p.staff(p.uploadCatalogueVersion)) // catalogue_upload.go
}

// staffCataloguePerPage is how many entries the staff list shows at once.
const staffCataloguePerPage = 25

// staffCatalogueRow is an entry with what it needs from staff today.
type staffCatalogueRow struct {
	Entry          terbuka.CatalogueEntry
	Stale, Expired bool
}

// staffCatalogueView is the data of /staf/katalog.
type staffCatalogueView struct {
	Rows  []staffCatalogueRow
	Pager pager
}

// newRow judges e on today in its body's zone.
func (p *Portal) newRow(e terbuka.CatalogueEntry) staffCatalogueRow {
	today := p.Store.CatalogueToday(e)
	return staffCatalogueRow{Entry: e, Stale: e.Stale(today), Expired: e.Exemption != nil && e.Exemption.Expired(today)}
}

// listStaffCatalogue serves GET /staf/katalog: the entries of the staff
// member's scope, newest first, filtered by body, classification, year and
// "needs attention" (perlu diperbarui: a berkala entry past its update
// period; pengecualian berakhir: an exemption that has ended). Unknown
// filter values are ignored; roles without a scope get a 403 page.
func (p *Portal) listStaffCatalogue(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffcat.title")
	ctx := r.Context()
	bodies, err := p.Store.ScopeBodies(ctx, u)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	pg.Bodies = bodies
	q := parseCatalogueQuery(r.URL.Query(), bodies)
	q.Text = ""
	q.fill(pg)
	f := store.StaffCatalogueFilter{BodySlug: q.BodySlug, Classification: q.Classification, Year: q.Year,
		Offset: (q.Page - 1) * staffCataloguePerPage, Limit: staffCataloguePerPage}
	filters := q.values()
	if r.URL.Query().Get("perhatian") != "" {
		f.Attention = true
		pg.Form.Set("perhatian", "1")
		filters.Set("perhatian", "1")
	}
	entries, total, err := p.Store.ListStaffCatalogue(ctx, u, f)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	view := staffCatalogueView{Pager: newPager("/staf/katalog", filters, q.Page, total, staffCataloguePerPage)}
	for _, e := range entries {
		view.Rows = append(view.Rows, p.newRow(e))
	}
	pg.Data = view
	p.render(w, r, http.StatusOK, "staff_catalogue", pg)
}

// catalogueFormView is the data of the new-entry form: the bodies the
// entry may belong to (the scope) and the units that may hold it (any
// body; the store checks it is of the same government).
type catalogueFormView struct {
	Units []terbuka.Body
}

// catalogueFields are the inputs of the new-entry form; their names are
// the JSON paths of terbuka.NewCatalogueEntry, which the domain's field
// errors use.
var catalogueFields = []string{"body", "title", "summary", "classification", "year", "unit", "responsible",
	"created_place", "formats", "retention", "valid_from", "valid_until", "update_months",
	"exemption.basis", "exemption.consequence_test", "exemption.until"}

// catalogueForm serves GET /staf/katalog/baru; only PPID staff and admins
// may add entries (403 otherwise).
func (p *Portal) catalogueForm(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffcat.new_title")
	if !u.Role.CanManageCatalogue() {
		p.fail(w, r, pg, terbuka.Errorf(terbuka.EForbidden, "forbidden.role"))
		return
	}
	if !p.catalogueFormBodies(w, r, u, pg) {
		return
	}
	pg.Form.Set("body", u.BodySlug)
	pg.Form.Set("formats", string(terbuka.Softcopy))
	p.render(w, r, http.StatusOK, "staff_catalogue_form", pg)
}

func (p *Portal) catalogueFormBodies(w http.ResponseWriter, r *http.Request, u terbuka.User, pg *page) bool {
	scope, err := p.Store.ScopeBodies(r.Context(), u)
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	all, err := p.Store.Bodies(r.Context())
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	pg.Bodies = scope
	pg.Data = catalogueFormView{Units: all}
	return true
}

// createCatalogueEntry serves POST /staf/katalog/baru: every problem, the
// form's own and the domain's, is shown next to its field at once (422);
// a body outside the scope is a problem of the body field. Success goes
// to the entry's staff page, where documents are added.
func (p *Portal) createCatalogueEntry(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffcat.new_title")
	if !u.Role.CanManageCatalogue() {
		p.fail(w, r, pg, terbuka.Errorf(terbuka.EForbidden, "forbidden.role"))
		return
	}
	if !p.catalogueFormBodies(w, r, u, pg) {
		return
	}
	if err := parseForm(w, r); err != nil {
		p.render(w, r, p.problems(r, pg, err), "staff_catalogue_form", pg)
		return
	}
	keep(pg, r, catalogueFields...)
	in, slug, local := newCatalogueEntryFrom(r.PostForm)
	if !slices.ContainsFunc(pg.Bodies, func(b terbuka.Body) bool { return b.Slug == slug }) {
		local.Add("body", choice(slug))
	}
	if len(local) > 0 {
		// Show the domain's problems together with the form's own.
		if _, err := in.Entry(p.Store.Today(terbuka.Body{})); err != nil {
			if e := terbuka.AsError(err); e != nil {
				for k, m := range e.Fields {
					if _, ok := local[k]; !ok {
						local[k] = m
					}
				}
			}
		}
		p.render(w, r, p.problems(r, pg, local.Err()), "staff_catalogue_form", pg)
		return
	}
	e, err := p.Store.CreateCatalogueEntry(r.Context(), u, slug, in)
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		err = terbuka.Problems{"body": terbuka.M("portal.invalid.body_scope")}.Err()
	}
	if err != nil {
		p.render(w, r, p.problems(r, pg, err), "staff_catalogue_form", pg)
		return
	}
	p.setFlash(w, "portal.flash.catalogue_created")
	redirect(w, r, "/staf/katalog/"+strconv.FormatInt(e.ID, 10))
}

// newCatalogueEntryFrom reads the form. Numbers that are not numbers are
// the form's own problems; everything else the domain judges.
func newCatalogueEntryFrom(f url.Values) (terbuka.NewCatalogueEntry, string, terbuka.Problems) {
	local := terbuka.Problems{}
	number := func(name string) int {
		s := strings.TrimSpace(f.Get(name))
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 1_000_000 {
			local.Add(name, "portal.invalid.number")
			return 0
		}
		return n
	}
	in := terbuka.NewCatalogueEntry{
		Title: f.Get("title"), Summary: f.Get("summary"), Classification: terbuka.Classification(f.Get("classification")),
		Year: number("year"), Unit: f.Get("unit"), Responsible: f.Get("responsible"), CreatedPlace: f.Get("created_place"),
		Retention: f.Get("retention"), ValidFrom: f.Get("valid_from"), ValidUntil: f.Get("valid_until"),
		UpdateMonths: number("update_months"),
	}
	for _, v := range f["formats"] {
		in.Formats = append(in.Formats, terbuka.Format(v))
	}
	x := terbuka.NewExemption{Basis: f.Get("exemption.basis"), ConsequenceTest: f.Get("exemption.consequence_test"),
		Until: f.Get("exemption.until")}
	if strings.TrimSpace(x.Basis+x.ConsequenceTest+x.Until) != "" {
		in.Exemption = &x
	}
	return in, strings.TrimSpace(f.Get("body")), local
}

// staffCatalogueEntryView is the data of an entry's staff page.
type staffCatalogueEntryView struct {
	Row       staffCatalogueRow
	Documents []terbuka.CatalogueDocument
	CanManage bool
	// FailedDoc is the document whose new-version form failed, 0 for the
	// new-document form: its file input shows the problem.
	FailedDoc int64
}

// Entry is the entry of the page, as the public view has it, for the
// shared catalogue_facts partial.
func (v staffCatalogueEntryView) Entry() terbuka.CatalogueEntry { return v.Row.Entry }

// showStaffCatalogue serves GET /staf/katalog/{id}: the entry in full,
// with the consequence test of an exemption, its documents and every
// version, and the upload forms. An entry outside the staff member's
// scope is the 404 page: its public page is /katalog/{id}.
func (p *Portal) showStaffCatalogue(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffcat.entry_title")
	if p.loadStaffEntry(w, r, u, pg, 0) {
		p.render(w, r, http.StatusOK, "staff_catalogue_entry", pg)
	}
}

// loadStaffEntry puts entry {id} and its documents on pg, or renders the
// error page and returns false.
func (p *Portal) loadStaffEntry(w http.ResponseWriter, r *http.Request, u terbuka.User, pg *page, failedDoc int64) bool {
	id, ok := pathID(r, "id")
	if !ok {
		p.fail(w, r, pg, terbuka.ErrNotFound("catalogue"))
		return false
	}
	e, err := p.Store.CatalogueEntryFor(r.Context(), &u, id)
	if err == nil && e.Public {
		err = terbuka.ErrNotFound("catalogue")
	}
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	docs, err := p.Store.CatalogueDocuments(r.Context(), &u, id)
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	pg.Title = e.Title
	pg.Data = staffCatalogueEntryView{Row: p.newRow(e), Documents: docs, CanManage: u.Role.CanManageCatalogue(),
		FailedDoc: failedDoc}
	return true
}

// DateOr writes a day for people, or a dash when it is unset.
func (pg *page) DateOr(d workday.Date) string {
	if d.IsZero() {
		return "—"
	}
	return pg.Date(d)
}
