package portal

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// maxUpload bounds a whole upload form: one file and a few fields.
const maxUpload = terbuka.MaxReleaseBytes + 1<<20

// releaseFile serves POST /staf/permohonan/{number}/berkas (multipart):
// a file of released information, streamed to the store. The form sends
// public=false then, when ticked, public=true before the file, so the
// checkbox decides whether the requester may download it.
func (p *Portal) releaseFile(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	in, err := web.ReadUpload(w, r, "file", maxUpload)
	if err == nil {
		_, err = p.Store.ReleaseFile(r.Context(), u, r.PathValue("number"),
			store.FileUpload{Name: in.Name, Body: in.Body, Public: in.Public})
	}
	if err = web.UploadError(err, terbuka.MaxReleaseBytes); err != nil && terbuka.ErrorCode(err) != terbuka.EInvalid {
		// Show the problem next to the file input too.
		if e := terbuka.AsError(err); e != nil && e.Fields == nil {
			err = &terbuka.Error{Code: e.Code, Msg: e.Msg, Fields: map[string]terbuka.Msg{"file": e.Msg}, Err: e.Err}
		}
	}
	p.afterAction(w, r, u, pg, err, "portal.flash.released")
}

// linkCatalogue serves POST /staf/permohonan/{number}/tautan: a catalogue
// entry released by reference.
func (p *Portal) linkCatalogue(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	err := parseForm(w, r)
	if err == nil {
		keep(pg, r, "catalogue_id")
		id, perr := strconv.ParseInt(strings.TrimSpace(r.PostForm.Get("catalogue_id")), 10, 64)
		if perr != nil || id <= 0 {
			err = terbuka.Problems{"catalogue_id": terbuka.M("invalid.required")}.Err()
		} else {
			_, err = p.Store.LinkCatalogue(r.Context(), u, r.PathValue("number"), id)
		}
	}
	p.afterAction(w, r, u, pg, err, "portal.flash.linked")
}

// publishAnswer serves POST /staf/permohonan/{number}/terbitkan: the
// answer to a granted request published as a catalogue entry (setiap
// saat), so the next citizen finds it in the catalogue.
func (p *Portal) publishAnswer(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	err := parseForm(w, r)
	if err == nil {
		keep(pg, r, "title", "summary")
		_, err = p.Store.PublishAnswer(r.Context(), u, r.PathValue("number"),
			terbuka.NewPublishedAnswer{Title: r.PostForm.Get("title"), Summary: r.PostForm.Get("summary")})
	}
	p.afterAction(w, r, u, pg, err, "portal.flash.published")
}
