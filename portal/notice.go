package portal

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// noticeRoutes registers the pages of written notices, fees and released
// information (issue 3, "Decisions and written notice"); Routes calls it.
func (p *Portal) noticeRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /lacak/{number}/berkas/{id}", p.trackedFile)
	mux.HandleFunc("GET /staf/permohonan/{number}/berkas/{id}", p.staff(p.staffFile))
	mux.HandleFunc("POST /staf/permohonan/{number}/berkas", p.staff(p.releaseFile))
	mux.HandleFunc("POST /staf/permohonan/{number}/tautan", p.staff(p.linkCatalogue))
	mux.HandleFunc("POST /staf/permohonan/{number}/terbitkan", p.staff(p.publishAnswer))
	mux.HandleFunc("POST /staf/permohonan/{number}/pembayaran", p.staff(p.recordPayment))
	mux.HandleFunc("GET /staf/biaya", p.staff(p.admin(p.feePage)))
	mux.HandleFunc("POST /staf/biaya", p.staff(p.admin(p.saveFees)))
}

// docsView is what a request holds for its requester, on the staff page
// and the tracking page: the notice and SK penolakan, released files,
// catalogue links and the fee. The staff page also gets the body's fee
// table (for the decision form) and what may be done next.
type docsView struct {
	Docs       terbuka.RequestDocuments
	Fees       terbuka.FeeTable         // items offered in the decision form
	Catalogue  []terbuka.CatalogueEntry // entries that may be linked
	CanRelease bool                     // upload and link forms
	CanPay     bool                     // payment form
}

// loadDocs adds the documents of req to the staff page pg (its Data is a
// staffRequestView), or renders the error page and returns false.
func (p *Portal) loadDocs(w http.ResponseWriter, r *http.Request, u terbuka.User, pg *page, req terbuka.Request, body terbuka.Body) bool {
	view, ok := pg.Data.(staffRequestView)
	if !ok {
		return true
	}
	// The domain names a bad fee line by its index ("fees[1].quantity");
	// the form shows fee problems on the fee group as a whole.
	for k, v := range pg.Errors {
		if strings.HasPrefix(k, "fees[") {
			delete(pg.Errors, k)
			if pg.Errors["fees"] == "" {
				pg.Errors["fees"] = v
			}
		}
	}
	ctx := r.Context()
	d, err := p.Store.DocumentsForStaff(ctx, u, req.Number)
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	dv := docsView{Docs: d}
	handles := u.Role.CanHandleRequests()
	dv.CanRelease = handles && req.CheckRelease() == nil
	dv.CanPay = handles && d.Fee.Due()
	if view.CanDecide {
		if dv.Fees, err = p.Store.FeeTable(ctx, body.Slug); err != nil {
			p.fail(w, r, pg, err)
			return false
		}
	}
	if dv.CanRelease {
		list, _, err := p.Store.ListCatalogue(ctx, store.CatalogueFilter{BodySlug: body.Slug, Limit: 200, Viewer: &u})
		if err != nil {
			p.fail(w, r, pg, err)
			return false
		}
		for _, e := range list {
			if e.Classification != terbuka.Dikecualikan {
				dv.Catalogue = append(dv.Catalogue, e)
			}
		}
	}
	view.Docs = dv
	pg.Data = view
	return true
}

// loadTrackedDocs adds to the tracking page pg (its Data is a trackView)
// what the request holds for the requester who gave the code, or renders
// the error page and returns false.
func (p *Portal) loadTrackedDocs(w http.ResponseWriter, r *http.Request, pg *page, number, code string) bool {
	view, ok := pg.Data.(trackView)
	if !ok || !view.Found {
		return true
	}
	d, err := p.Store.DocumentsByTracking(r.Context(), number, code)
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	view.Docs = docsView{Docs: d}
	pg.Data = view
	return true
}

// trackedFile serves POST /lacak/{number}/berkas/{id}: a document of the
// request (notice, SK penolakan, released file) to whoever posts its
// tracking code as kode, like the receipt. Files not public to the
// requester, and any wrong number, code or id, are the same 404 page.
func (p *Portal) trackedFile(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.track.title")
	if err := parseForm(w, r); err != nil {
		p.fail(w, r, pg, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		p.fail(w, r, pg, terbuka.ErrNotFound("file"))
		return
	}
	f, rc, err := p.Store.OpenFileByTracking(r.Context(), r.PathValue("number"), normalizeCode(r.PostForm.Get("kode")), id)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	defer rc.Close()
	serveFile(w, f, rc)
}

// staffFile serves GET /staf/permohonan/{number}/berkas/{id}: any file of
// a request the staff member may see.
func (p *Portal) staffFile(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		p.fail(w, r, pg, terbuka.ErrNotFound("file"))
		return
	}
	f, rc, err := p.Store.OpenFileForStaff(r.Context(), u, r.PathValue("number"), id)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	defer rc.Close()
	serveFile(w, f, rc)
}

// serveFile writes a stored file as a download with its sniffed type;
// nosniff (web.SecureHeaders) and attachment keep it out of the page.
func serveFile(w http.ResponseWriter, f terbuka.RequestFile, rc io.Reader) {
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	h.Set("Cache-Control", "private, no-store")
	_, _ = io.Copy(w, rc)
}

// Rupiah writes an amount: Rp1.500.
func (pg *page) Rupiah(n int64) string { return terbuka.FormatRupiah(n) }

// Size writes a file size for people: 512 B, 38 KB, 2,4 MB.
func (pg *page) Size(n int64) string {
	switch {
	case n < 1<<10:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1<<20:
		return strconv.FormatInt((n+1<<9)>>10, 10) + " KB"
	}
	s := strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64)
	if pg.Lang != "en" {
		s = replaceDot(s)
	}
	return s + " MB"
}

func replaceDot(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '.' {
			b[i] = ','
		}
	}
	return string(b)
}

// CatalogueOptions lists catalogue entries for the link form.
func (pg *page) CatalogueOptions(list []terbuka.CatalogueEntry) []option {
	out := make([]option, 0, len(list))
	for _, e := range list {
		out = append(out, option{Value: strconv.FormatInt(e.ID, 10), Label: fmt.Sprintf("%s (%d) — #%d", e.Title, e.Year, e.ID)})
	}
	return out
}
