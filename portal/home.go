package portal

import (
	"net/http"
)

// home serves GET /: what the service is, the public bodies with a link to
// each one's request form, and the ways to track a request and to check a
// deadline.
func (p *Portal) home(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.home.title")
	bodies, err := p.Store.Bodies(r.Context())
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	pg.Bodies = bodies
	p.render(w, r, http.StatusOK, "home", pg)
}
