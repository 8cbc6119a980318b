package api

import (
	"net/http"

	"github.com/terbuka-id/terbuka/web"
)

type bodyJSON struct {
	Slug   string  `json:"slug"`
	Name   string  `json:"name"`
	Kind   string  `json:"kind"`
	Parent *string `json:"parent"`
	Code   string  `json:"code"`
	PPID   string  `json:"ppid"`
}

func (a *API) listBodies(w http.ResponseWriter, r *http.Request) {
	bodies, err := a.Store.Bodies(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := make([]bodyJSON, 0, len(bodies))
	for _, b := range bodies {
		j := bodyJSON{Slug: b.Slug, Name: b.Name, Kind: string(b.Kind), Code: b.Code, PPID: string(b.PPID)}
		if b.ParentSlug != "" {
			p := b.ParentSlug
			j.Parent = &p
		}
		items = append(items, j)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items})
}
