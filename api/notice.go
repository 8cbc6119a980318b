package api

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// noticeRoutes registers the fee, document and release endpoints (issue
// 3, "Decisions and written notice"); Routes calls it.
func (a *API) noticeRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/bodies/{slug}/fees", a.getFeeTable)
	mux.HandleFunc("PUT /api/v1/bodies/{slug}/fees", a.staff(a.putFeeTable))
	mux.HandleFunc("GET /api/v1/requests/{number}/fee", a.getFee)
	mux.HandleFunc("POST /api/v1/requests/{number}/payment", a.staff(a.recordPayment))
	mux.HandleFunc("GET /api/v1/requests/{number}/files", a.listFiles)
	mux.HandleFunc("POST /api/v1/requests/{number}/files", a.staff(a.uploadFile))
	mux.HandleFunc("GET /api/v1/requests/{number}/files/{id}", a.getFile)
	mux.HandleFunc("POST /api/v1/requests/{number}/links", a.staff(a.linkCatalogue))
	mux.HandleFunc("POST /api/v1/requests/{number}/publish", a.staff(a.publishAnswer))
}

// publishAnswer publishes a granted request's answer as a catalogue entry
// (setiap saat) linked to the request: {"title", "summary"} → 201 with the
// entry.
func (a *API) publishAnswer(w http.ResponseWriter, r *http.Request) {
	var in terbuka.NewPublishedAnswer
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	e, err := a.Store.PublishAnswer(r.Context(), userOf(r), r.PathValue("number"), in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/catalogue/"+strconv.FormatInt(e.ID, 10))
	web.WriteJSON(w, http.StatusCreated, catalogueJSON(e, a.Store.CatalogueToday(e)))
}

// documents reads what the request of the path holds for its requester:
// with X-Tracking-Token its public part, with a staff bearer token all of
// it (staff reports which). Neither, or a wrong one, is not found.
func (a *API) documents(r *http.Request) (d terbuka.RequestDocuments, staff bool, err error) {
	number := r.PathValue("number")
	if token := r.Header.Get("X-Tracking-Token"); token != "" {
		d, err = a.Store.DocumentsByTracking(r.Context(), number, token)
		if terbuka.ErrorCode(err) != terbuka.ENotFound {
			return d, false, err
		}
	}
	u, ok, err := a.bearer(r)
	if err == nil && !ok {
		err = terbuka.ErrNotFound("request")
	}
	if err != nil {
		return d, false, err
	}
	d, err = a.Store.DocumentsForStaff(r.Context(), u, number)
	return d, true, err
}

func noticeJSON(n *terbuka.Notice) any {
	if n == nil {
		return nil
	}
	out := map[string]any{"number": n.Number, "refusal_number": nil, "issued_at": n.IssuedAt.UTC().Format(time.RFC3339),
		"issued_on": n.IssuedOn.String(), "objection_due_on": n.ObjectionDueOn.String(), "calendar_version": n.CalendarVersion}
	if n.RefusalNumber != "" {
		out["refusal_number"] = n.RefusalNumber
	}
	return out
}

func fileJSON(number string, f terbuka.RequestFile, staff bool) map[string]any {
	out := map[string]any{"id": f.ID, "kind": f.Kind, "name": f.Name, "content_type": f.ContentType, "size": f.Size,
		"sha256": f.SHA256, "created_at": f.CreatedAt.UTC().Format(time.RFC3339),
		"url": "/api/v1/requests/" + number + "/files/" + strconv.FormatInt(f.ID, 10)}
	if staff {
		out["public"] = f.Public
		out["created_by"] = f.CreatedBy
	}
	return out
}

func linkJSON(l terbuka.CatalogueLink, staff bool) map[string]any {
	e := l.Entry
	out := map[string]any{"catalogue_id": e.ID, "title": e.Title, "summary": e.Summary, "classification": e.Classification,
		"year": e.Year, "body": e.BodySlug, "linked_at": l.LinkedAt.UTC().Format(time.RFC3339),
		"url": "/api/v1/catalogue/" + strconv.FormatInt(e.ID, 10)}
	if staff {
		out["linked_by"] = l.LinkedBy
	}
	return out
}

// listFiles serves GET /api/v1/requests/{number}/files: the notice, the
// files (public ones only for the requester) and the catalogue links.
func (a *API) listFiles(w http.ResponseWriter, r *http.Request) {
	d, staff, err := a.documents(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	number := r.PathValue("number")
	items := make([]map[string]any, 0, len(d.Files))
	for _, f := range d.Files {
		items = append(items, fileJSON(number, f, staff))
	}
	links := make([]map[string]any, 0, len(d.Links))
	for _, l := range d.Links {
		links = append(links, linkJSON(l, staff))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"notice": noticeJSON(d.Notice), "items": items, "links": links})
}

// getFile serves GET /api/v1/requests/{number}/files/{id}: the bytes, to
// the requester for a public file, to staff for any.
func (a *API) getFile(w http.ResponseWriter, r *http.Request) {
	number := r.PathValue("number")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.fail(w, r, terbuka.ErrNotFound("file"))
		return
	}
	var f terbuka.RequestFile
	var rc io.ReadCloser
	err = terbuka.ErrNotFound("request")
	if token := r.Header.Get("X-Tracking-Token"); token != "" {
		f, rc, err = a.Store.OpenFileByTracking(r.Context(), number, token, id)
	}
	if terbuka.ErrorCode(err) == terbuka.ENotFound && r.Header.Get("Authorization") != "" {
		u, _, berr := a.bearer(r)
		if berr != nil {
			a.fail(w, r, berr)
			return
		}
		f, rc, err = a.Store.OpenFileForStaff(r.Context(), u, number, id)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	defer rc.Close()
	serveFile(w, f, rc)
}

// serveFile writes a stored file as a download. The content type is the
// sniffed one; nosniff (web.SecureHeaders) and attachment keep browsers
// from rendering it in the site's origin.
func serveFile(w http.ResponseWriter, f terbuka.RequestFile, rc io.Reader) {
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-SHA256", f.SHA256)
	_, _ = io.Copy(w, rc)
}

// maxUploadBody bounds a whole multipart upload: one file plus headers.
const maxUploadBody = terbuka.MaxReleaseBytes + 1<<20

// uploadFile serves POST /api/v1/requests/{number}/files: one file in the
// multipart/form-data field "file", public to the requester unless
// ?public=false (or a form field public=false before the file). The file
// is streamed to the store, never buffered whole.
func (a *API) uploadFile(w http.ResponseWriter, r *http.Request) {
	in, err := web.ReadUpload(w, r, "file", maxUploadBody)
	if err != nil {
		a.fail(w, r, web.UploadError(err, terbuka.MaxReleaseBytes))
		return
	}
	up := store.FileUpload{Name: in.Name, Body: in.Body, Public: in.Public && r.URL.Query().Get("public") != "false"}
	f, err := a.Store.ReleaseFile(r.Context(), userOf(r), r.PathValue("number"), up)
	if err != nil {
		// More than the limit: the store's own check or the body limit.
		a.fail(w, r, web.UploadError(err, terbuka.MaxReleaseBytes))
		return
	}
	loc := "/api/v1/requests/" + r.PathValue("number") + "/files/" + strconv.FormatInt(f.ID, 10)
	w.Header().Set("Location", loc)
	web.WriteJSON(w, http.StatusCreated, fileJSON(r.PathValue("number"), f, true))
}

// linkCatalogue serves POST /api/v1/requests/{number}/links
// {"catalogue_id": N}: release a catalogue entry by reference.
func (a *API) linkCatalogue(w http.ResponseWriter, r *http.Request) {
	var in struct {
		CatalogueID int64 `json:"catalogue_id"`
	}
	if err := web.DecodeJSON(w, r, &in, 0); err != nil {
		a.fail(w, r, err)
		return
	}
	if in.CatalogueID <= 0 {
		a.fail(w, r, terbuka.Problems{"catalogue_id": terbuka.M("invalid.required")}.Err())
		return
	}
	l, err := a.Store.LinkCatalogue(r.Context(), userOf(r), r.PathValue("number"), in.CatalogueID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, linkJSON(l, true))
}
