package portal

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/dipimport"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// maxImportForm bounds the import form: the file and the body field.
const maxImportForm = dipimport.MaxBytes + 1<<20

// catalogueImportRoutes registers the bulk import of a DIP (issue 4).
func (p *Portal) catalogueImportRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /staf/katalog/impor", p.staff(p.importForm))
	mux.HandleFunc("POST /staf/katalog/impor", p.staff(p.startImport))
	mux.HandleFunc("GET /staf/katalog/impor/templat-dip.xlsx", p.staff(p.importTemplate))
	mux.HandleFunc("GET /staf/katalog/impor/{id}", p.staff(p.importStatus))
}

// importListView is the data of the upload page.
type importListView struct {
	Recent []store.CatalogueImport
}

// importStatusView is the data of an import's page.
type importStatusView struct {
	Import  store.CatalogueImport
	Running bool // not finished: the page refreshes itself
	Report  []importReportRow
}

// importReportRow is one problem of a rejected import, in the visitor's
// language.
type importReportRow struct {
	Row            int
	Column, Reason string
}

// importForm serves GET /staf/katalog/impor: the upload form, a link to
// the template and the latest imports of the staff member's scope. Roles
// that do not manage the catalogue get a 403 page.
func (p *Portal) importForm(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.import.title")
	pg.Form.Set("badan", u.BodySlug)
	p.renderImportForm(w, r, u, pg, http.StatusOK)
}

func (p *Portal) renderImportForm(w http.ResponseWriter, r *http.Request, u terbuka.User, pg *page, status int) {
	if !u.Role.CanManageCatalogue() {
		p.fail(w, r, pg, terbuka.Errorf(terbuka.EForbidden, "forbidden.role"))
		return
	}
	bodies, err := p.Store.ScopeBodies(r.Context(), u)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	recent, err := p.Store.CatalogueImports(r.Context(), u, 20)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	pg.Bodies = bodies
	pg.Data = importListView{Recent: recent}
	p.render(w, r, status, "staff_catalogue_import", pg)
}

// startImport serves POST /staf/katalog/impor (multipart: badan, then
// file). A file that cannot be imported at all is shown again with the
// reason next to the file input; otherwise the visitor goes to the
// import's page, which follows the check.
func (p *Portal) startImport(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.import.title")
	if !u.Role.CanManageCatalogue() {
		p.fail(w, r, pg, terbuka.Errorf(terbuka.EForbidden, "forbidden.role"))
		return
	}
	var imp store.CatalogueImport
	up, err := web.ReadUpload(w, r, "file", maxImportForm)
	slug := strings.TrimSpace(up.Fields["badan"])
	if slug == "" {
		slug = u.BodySlug
	}
	pg.Form.Set("badan", slug)
	if err == nil {
		imp, err = p.Store.StartCatalogueImport(r.Context(), u, slug, up.Name, up.Body)
	}
	if err == nil {
		p.setFlash(w, "portal.flash.import_started")
		redirect(w, r, "/staf/katalog/impor/"+strconv.FormatInt(imp.ID, 10))
		return
	}
	err = web.UploadError(err, dipimport.MaxBytes)
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		// A body outside the scope is a problem of the body field.
		err = terbuka.Problems{"badan": terbuka.M("invalid.unknown_body", slug)}.Err()
	}
	if e := terbuka.AsError(err); e != nil && e.Fields == nil {
		err = &terbuka.Error{Code: e.Code, Msg: e.Msg, Fields: map[string]terbuka.Msg{"file": e.Msg}, Err: e.Err}
	}
	status := p.problems(r, pg, err)
	// Every problem with the header shows at the file input.
	for _, k := range []string{"columns.missing", "columns.unknown", "columns.repeated"} {
		if m, ok := pg.Errors[k]; ok {
			if !strings.Contains(pg.Errors["file"], m) {
				pg.Errors["file"] = strings.TrimSpace(pg.Errors["file"] + " " + m)
			}
			delete(pg.Errors, k)
		}
	}
	p.renderImportForm(w, r, u, pg, status)
}

// importTemplate serves the DIP template workbook.
func (p *Portal) importTemplate(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	var buf bytes.Buffer
	if err := dipimport.WriteTemplate(&buf); err != nil {
		p.fail(w, r, p.staffPage(w, r, u, "portal.import.title"), err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", `attachment; filename="template-dip.xlsx"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
}

// importStatus serves GET /staf/katalog/impor/{id}: a progress bar that
// refreshes itself while the import runs; then how many entries were
// added, or the report of a rejected file row by row. An import outside
// the visitor's scope is a 404 page.
func (p *Portal) importStatus(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.import.title")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		p.fail(w, r, pg, terbuka.ErrNotFound("catalogue_import"))
		return
	}
	imp, err := p.Store.CatalogueImport(r.Context(), u, id)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	view := importStatusView{Import: imp, Running: !imp.Finished()}
	for _, prob := range imp.Report {
		col := prob.Column
		if prob.Row == 0 {
			col = pg.T("portal.import.whole_file")
		}
		view.Report = append(view.Report, importReportRow{Row: prob.Row, Column: col,
			Reason: locale.Msg(pg.Lang, prob.Msg())})
	}
	pg.Title = pg.T("portal.import.heading", imp.Filename)
	pg.Data = view
	p.render(w, r, http.StatusOK, "staff_catalogue_import_status", pg)
}
