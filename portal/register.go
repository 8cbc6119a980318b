package portal

import (
	"bytes"
	"cmp"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/register"
	"github.com/terbuka-id/terbuka/store"
)

// registerXLSX serves GET /staf/register.xlsx[?tahun=2026&badan=slug]: the
// buku register of the requests the user may see, as an Excel workbook.
func (p *Portal) registerXLSX(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	p.register(w, r, u, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", register.WriteXLSX)
}

// registerCSV serves GET /staf/register.csv with the same parameters.
func (p *Portal) registerCSV(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	p.register(w, r, u, "csv", "text/csv; charset=utf-8", register.WriteCSV)
}

type registerWriter func(w io.Writer, title string, reqs []terbuka.Request, lang string) error

// register writes the register file: every request the user may see (of
// year tahun and body badan when given), oldest first, with timestamps in
// each body's zone. A bad year is 422 and an unknown body 404, as pages;
// roles that never see requests get the 403 page.
func (p *Portal) register(w http.ResponseWriter, r *http.Request, u terbuka.User, ext, contentType string, write registerWriter) {
	pg := p.staffPage(w, r, u, "portal.list.title")
	if !u.Role.CanReadRequests() {
		p.fail(w, r, pg, terbuka.Errorf(terbuka.EForbidden, "portal.forbidden.requests"))
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	f := store.RequestFilter{Limit: -1, BodySlug: strings.TrimSpace(q.Get("badan"))}
	name := []string{"register-permohonan"}
	if y := strings.TrimSpace(q.Get("tahun")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			p.fail(w, r, pg, terbuka.Problems{"tahun": terbuka.M("invalid.year")}.Err())
			return
		}
		f.Year = n
	}
	bodies, err := p.Store.Bodies(ctx)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	title := ""
	if f.BodySlug != "" {
		i := slices.IndexFunc(bodies, func(b terbuka.Body) bool { return b.Slug == f.BodySlug })
		if i < 0 {
			p.fail(w, r, pg, terbuka.ErrNotFound("body"))
			return
		}
		title = bodies[i].Name
		name = append(name, f.BodySlug)
	} else if i := slices.IndexFunc(bodies, func(b terbuka.Body) bool { return b.ID == u.BodyID }); i >= 0 {
		title = bodies[i].Name
	}
	if f.Year != 0 {
		name = append(name, strconv.Itoa(f.Year))
	}
	reqs, _, err := p.Store.ListRequests(ctx, u, f)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	localize(reqs, bodies)
	slices.SortFunc(reqs, func(a, b terbuka.Request) int {
		if c := cmp.Compare(a.ReceivedOn.String(), b.ReceivedOn.String()); c != 0 {
			return c
		}
		return cmp.Compare(a.Number, b.Number)
	})
	var buf bytes.Buffer
	if err := write(&buf, title, reqs, string(pg.Lang)); err != nil {
		p.fail(w, r, pg, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+strings.Join(name, "-")+"."+ext+`"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

// localize puts each request's timestamps in its body's zone, as the
// register package expects.
func localize(reqs []terbuka.Request, bodies []terbuka.Body) {
	for i := range reqs {
		j := slices.IndexFunc(bodies, func(b terbuka.Body) bool { return b.ID == reqs[i].BodyID })
		if j < 0 {
			continue
		}
		loc := bodies[j].Settings.Location()
		reqs[i].SubmittedAt = reqs[i].SubmittedAt.In(loc)
		if d := reqs[i].Decision; d != nil {
			d.DecidedAt = d.DecidedAt.In(loc)
		}
	}
}
