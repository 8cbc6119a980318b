package portal

import (
	"net/http"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// maxDocumentForm bounds a document upload form: one file and a title.
const maxDocumentForm = terbuka.MaxCatalogueDocumentBytes + 1<<20

// uploadCatalogueDocument serves POST /staf/katalog/{id}/dokumen
// (multipart: title, then file): a new document of the entry, streamed to
// the store, which sniffs its type and keeps it as version 1.
func (p *Portal) uploadCatalogueDocument(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffcat.entry_title")
	entryID, ok := pathID(r, "id")
	in, err := web.ReadUpload(w, r, "file", maxDocumentForm)
	switch {
	case !ok:
		err = terbuka.ErrNotFound("catalogue")
	case err == nil:
		_, err = p.Store.AddCatalogueDocument(r.Context(), u, entryID,
			store.DocumentUpload{Title: in.Fields["title"], Filename: in.Name, Body: in.Body})
	}
	if err != nil {
		pg.Form.Set("title", in.Fields["title"])
	}
	p.afterDocument(w, r, u, pg, err, 0, "portal.flash.document_added")
}

// uploadCatalogueVersion serves POST /staf/katalog/{id}/dokumen/{doc}/versi
// (multipart: file): a new version of a document. Older versions stay
// downloadable; the new one becomes current.
func (p *Portal) uploadCatalogueVersion(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffcat.entry_title")
	entryID, ok1 := pathID(r, "id")
	docID, ok2 := pathID(r, "doc")
	in, err := web.ReadUpload(w, r, "file", maxDocumentForm)
	switch {
	case !ok1 || !ok2:
		err = terbuka.ErrNotFound("catalogue")
	case err == nil:
		_, err = p.Store.AddCatalogueDocumentVersion(r.Context(), u, entryID, docID,
			store.DocumentUpload{Filename: in.Name, Body: in.Body})
	}
	p.afterDocument(w, r, u, pg, err, docID, "portal.flash.version_added")
}

// afterDocument redirects to the entry's staff page with flashKey after a
// successful upload; otherwise it shows the page again with the problem
// next to the file input of the form that failed (doc 0: new document).
func (p *Portal) afterDocument(w http.ResponseWriter, r *http.Request, u terbuka.User, pg *page, err error, doc int64, flashKey string) {
	to := "/staf/katalog/" + r.PathValue("id")
	if err == nil {
		p.setFlash(w, flashKey)
		redirect(w, r, to)
		return
	}
	err = web.UploadError(err, terbuka.MaxCatalogueDocumentBytes)
	if c := terbuka.ErrorCode(err); c == terbuka.ENotFound || c == terbuka.EForbidden {
		p.fail(w, r, pg, err)
		return
	}
	if e := terbuka.AsError(err); e != nil && e.Fields == nil {
		// A problem of the file as a whole (too large, not multipart, a
		// type not accepted) belongs next to the file input.
		err = &terbuka.Error{Code: e.Code, Msg: e.Msg, Fields: map[string]terbuka.Msg{"file": e.Msg}, Err: e.Err}
	}
	status := p.problems(r, pg, err)
	pg.backTo(to)
	if p.loadStaffEntry(w, r, u, pg, doc) {
		p.render(w, r, status, "staff_catalogue_entry", pg)
	}
}
