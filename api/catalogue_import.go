package api

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/dipimport"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// maxImportUpload bounds a whole import upload: the file and the
// multipart framing around it.
const maxImportUpload = dipimport.MaxBytes + 1<<20

// catalogueImportRoutes registers the bulk import of a DIP (issue 4).
func (a *API) catalogueImportRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v1/bodies/{slug}/catalogue/imports", a.staff(a.startCatalogueImport))
	mux.HandleFunc("GET /api/v1/catalogue/imports/template.xlsx", a.catalogueImportTemplate)
	// Under the body: /api/v1/catalogue/{id}/… belongs to the entries.
	mux.HandleFunc("GET /api/v1/bodies/{slug}/catalogue/imports/{id}", a.staff(a.getCatalogueImport))
}

// startCatalogueImport serves POST /api/v1/bodies/{slug}/catalogue/imports:
// one XLSX or CSV file in the multipart field "file". A file that cannot
// be imported at all (unreadable, missing columns, too large) is refused
// at once; otherwise 202 with the import, whose rows a job then checks.
func (a *API) startCatalogueImport(w http.ResponseWriter, r *http.Request) {
	up, err := web.ReadUpload(w, r, "file", maxImportUpload)
	if err == nil {
		var imp store.CatalogueImport
		imp, err = a.Store.StartCatalogueImport(r.Context(), userOf(r), r.PathValue("slug"), up.Name, up.Body)
		if err == nil {
			loc := "/api/v1/bodies/" + imp.BodySlug + "/catalogue/imports/" + strconv.FormatInt(imp.ID, 10)
			w.Header().Set("Location", loc)
			web.WriteJSON(w, http.StatusAccepted, importJSON(imp, web.APILang(r)))
			return
		}
	}
	a.fail(w, r, web.UploadError(err, dipimport.MaxBytes))
}

// getCatalogueImport serves GET /api/v1/bodies/{slug}/catalogue/imports/{id}:
// status, progress and, once rejected, the report in the caller's
// language. An import of another body is not found.
func (a *API) getCatalogueImport(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.fail(w, r, terbuka.ErrNotFound("catalogue_import"))
		return
	}
	imp, err := a.Store.CatalogueImport(r.Context(), userOf(r), id)
	if err == nil && imp.BodySlug != r.PathValue("slug") {
		err = terbuka.ErrNotFound("catalogue_import")
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, importJSON(imp, web.APILang(r)))
}

// catalogueImportTemplate serves the DIP template workbook. It holds no
// data, so anyone may fetch it.
func (a *API) catalogueImportTemplate(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := dipimport.WriteTemplate(&buf); err != nil {
		a.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", `attachment; filename="template-dip.xlsx"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
}

// importJSON renders an import; the report's messages are in lang.
func importJSON(imp store.CatalogueImport, lang locale.Lang) map[string]any {
	rejected := make([]map[string]any, 0, len(imp.Report))
	for _, p := range imp.Report {
		item := map[string]any{"row": p.Row, "field": p.Field, "message": locale.Msg(lang, p.Msg())}
		if p.Column != "" {
			item["column"] = p.Column
		}
		rejected = append(rejected, item)
	}
	var finished any
	if !imp.FinishedAt.IsZero() {
		finished = imp.FinishedAt.UTC().Format(time.RFC3339)
	}
	return map[string]any{"id": imp.ID, "body": imp.BodySlug, "filename": imp.Filename, "status": imp.Status,
		"total": imp.Total, "done": imp.Done, "accepted": imp.Accepted, "problems": imp.Problems, "rejected": rejected,
		"created_by": imp.CreatedByName, "created_at": imp.CreatedAt.UTC().Format(time.RFC3339), "finished_at": finished}
}
