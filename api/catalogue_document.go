package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// catalogueDocumentRoutes registers the documents of catalogue entries
// (issue 4): staff upload documents and versions; anyone lists and
// downloads those of entries that are not exempted.
func (a *API) catalogueDocumentRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v1/catalogue/{id}/documents", a.staff(a.addCatalogueDocument))
	mux.HandleFunc("POST /api/v1/catalogue/{id}/documents/{doc}/versions", a.staff(a.addCatalogueDocumentVersion))
	mux.HandleFunc("GET /api/v1/catalogue/{id}/documents", a.listCatalogueDocuments)
	mux.HandleFunc("GET /api/v1/catalogue/{id}/documents/{doc}/download", a.downloadCatalogueDocument)
}

// maxDocumentBody bounds a whole document upload: the file plus the title
// and multipart headers.
const maxDocumentBody = terbuka.MaxCatalogueDocumentBytes + 1<<20

// catalogueDocumentURL is the API download URL of document d of entry, of one
// version when version > 0.
func catalogueDocumentURL(entryID, docID int64, version int) string {
	u := "/api/v1/catalogue/" + strconv.FormatInt(entryID, 10) + "/documents/" + strconv.FormatInt(docID, 10) + "/download"
	if version > 0 {
		u += "?version=" + strconv.Itoa(version)
	}
	return u
}

// documentJSON renders a document with its versions. Who uploaded a
// version is a staff member's name: shown to staff only.
func documentJSON(d terbuka.CatalogueDocument, staff bool) map[string]any {
	version := func(v terbuka.CatalogueDocumentVersion) map[string]any {
		out := map[string]any{"version": v.Version, "filename": v.Filename, "content_type": v.ContentType,
			"sha256": v.SHA256, "size": v.Size, "uploaded_at": v.UploadedAt.UTC().Format(time.RFC3339),
			"url": catalogueDocumentURL(d.EntryID, d.ID, v.Version)}
		if staff {
			out["uploaded_by"] = v.UploadedBy
		}
		return out
	}
	versions := make([]map[string]any, len(d.Versions))
	for i, v := range d.Versions {
		versions[i] = version(v)
	}
	return map[string]any{"id": d.ID, "entry_id": d.EntryID, "title": d.Title, "current_version": d.CurrentVersion,
		"current": version(d.Current), "versions": versions, "url": catalogueDocumentURL(d.EntryID, d.ID, 0),
		"created_at": d.CreatedAt.UTC().Format(time.RFC3339), "updated_at": d.UpdatedAt.UTC().Format(time.RFC3339)}
}

// pathInt64 reads a positive ID from the path; anything else names
// nothing, so it is not found (never a 400 or 500).
func pathInt64(r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return n, err == nil && n > 0
}

// addCatalogueDocument serves POST /api/v1/catalogue/{id}/documents: a
// multipart/form-data body with the field "title" and then the file in
// "file", streamed to the file store, never buffered whole.
func (a *API) addCatalogueDocument(w http.ResponseWriter, r *http.Request) {
	entryID, ok := pathInt64(r, "id")
	if !ok {
		a.fail(w, r, terbuka.ErrNotFound("catalogue"))
		return
	}
	in, err := web.ReadUpload(w, r, "file", maxDocumentBody)
	if err != nil {
		a.fail(w, r, web.UploadError(err, terbuka.MaxCatalogueDocumentBytes))
		return
	}
	up := store.DocumentUpload{Title: in.Fields["title"], Filename: in.Name, Body: in.Body}
	d, err := a.Store.AddCatalogueDocument(r.Context(), userOf(r), entryID, up)
	if err != nil {
		a.fail(w, r, web.UploadError(err, terbuka.MaxCatalogueDocumentBytes))
		return
	}
	w.Header().Set("Location", catalogueDocumentURL(d.EntryID, d.ID, 0))
	web.WriteJSON(w, http.StatusCreated, documentJSON(d, true))
}

// addCatalogueDocumentVersion serves POST
// /api/v1/catalogue/{id}/documents/{doc}/versions: the new version's file
// in the multipart/form-data field "file".
func (a *API) addCatalogueDocumentVersion(w http.ResponseWriter, r *http.Request) {
	entryID, ok1 := pathInt64(r, "id")
	docID, ok2 := pathInt64(r, "doc")
	if !ok1 || !ok2 {
		a.fail(w, r, terbuka.ErrNotFound("catalogue_document"))
		return
	}
	in, err := web.ReadUpload(w, r, "file", maxDocumentBody)
	if err != nil {
		a.fail(w, r, web.UploadError(err, terbuka.MaxCatalogueDocumentBytes))
		return
	}
	up := store.DocumentUpload{Filename: in.Name, Body: in.Body}
	d, err := a.Store.AddCatalogueDocumentVersion(r.Context(), userOf(r), entryID, docID, up)
	if err != nil {
		a.fail(w, r, web.UploadError(err, terbuka.MaxCatalogueDocumentBytes))
		return
	}
	w.Header().Set("Location", catalogueDocumentURL(d.EntryID, d.ID, d.CurrentVersion))
	web.WriteJSON(w, http.StatusCreated, documentJSON(d, true))
}

// listCatalogueDocuments serves GET /api/v1/catalogue/{id}/documents:
// {"items": [...]}, empty for an exempted entry unless the bearer is
// staff whose scope covers it.
func (a *API) listCatalogueDocuments(w http.ResponseWriter, r *http.Request) {
	viewer, err := a.viewer(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	entryID, ok := pathInt64(r, "id")
	if !ok {
		a.fail(w, r, terbuka.ErrNotFound("catalogue"))
		return
	}
	docs, err := a.Store.CatalogueDocuments(r.Context(), viewer, entryID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := make([]map[string]any, len(docs))
	for i, d := range docs {
		items[i] = documentJSON(d, viewer != nil)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items})
}

// downloadCatalogueDocument serves GET
// /api/v1/catalogue/{id}/documents/{doc}/download[?version=N]: the bytes
// of the current version or of version N (web.ServeDownload sets the
// headers). A version that is not a positive number is 404, never the
// current version: a link must not silently give other bytes than it
// names. Downloads with a bearer token are private to that staff member.
func (a *API) downloadCatalogueDocument(w http.ResponseWriter, r *http.Request) {
	viewer, err := a.viewer(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	entryID, ok1 := pathInt64(r, "id")
	docID, ok2 := pathInt64(r, "doc")
	version, versioned := 0, r.URL.Query().Has("version")
	if versioned {
		n, err := strconv.Atoi(r.URL.Query().Get("version"))
		ok1 = ok1 && err == nil && n > 0
		version = n
	}
	if !ok1 || !ok2 {
		a.fail(w, r, terbuka.ErrNotFound("catalogue_document"))
		return
	}
	v, body, err := a.Store.OpenCatalogueDocument(r.Context(), viewer, entryID, docID, version)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	defer body.Close()
	d := web.Download{Filename: v.Filename, ContentType: v.ContentType, Size: v.Size, SHA256: v.SHA256,
		Immutable: versioned, Private: viewer != nil}
	if err := web.ServeDownload(w, r, d, body); err != nil {
		a.Log.WarnContext(r.Context(), "api: send catalogue document", "entry", entryID, "document", docID, "err", err)
	}
}
