package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

// notificationRoutes registers the caller's in-app notifications.
func (a *API) notificationRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/notifications", a.staff(a.listNotifications))
	mux.HandleFunc("POST /api/v1/notifications/{id}/read", a.staff(a.readNotification))
}

// notificationJSON is one notification; read_at is null while unread.
type notificationJSON struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	Ref       string     `json:"ref"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

func toNotificationJSON(n store.Notification) notificationJSON {
	out := notificationJSON{ID: n.ID, Kind: n.Kind, Ref: n.Ref, Title: n.Title, Body: n.Body, CreatedAt: n.CreatedAt.UTC()}
	if n.Read() {
		t := n.ReadAt.UTC()
		out.ReadAt = &t
	}
	return out
}

// listNotifications serves GET /api/v1/notifications: the caller's own
// notifications, newest first; unread=1 (or true) keeps the unread ones,
// limit is 1–200 (default 50). total counts what matches the filter, unread
// all the caller's unread ones.
func (a *API) listNotifications(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := terbuka.Problems{}
	unread := false
	switch q.Get("unread") {
	case "", "0", "false":
	case "1", "true":
		unread = true
	default:
		p.Add("unread", "invalid.choice")
	}
	limit := 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			p.Add("limit", "invalid.choice")
		}
		limit = n
	}
	if err := p.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	u := userOf(r)
	list, total, err := a.Store.Notifications(r.Context(), u, unread, limit)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	count, err := a.Store.UnreadCount(r.Context(), u)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := make([]notificationJSON, 0, len(list))
	for _, n := range list {
		items = append(items, toNotificationJSON(n))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items, "total": total, "unread": count})
}

// readNotification serves POST /api/v1/notifications/{id}/read: 204, also
// when it was read already; 404 for another user's notification.
func (a *API) readNotification(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.fail(w, r, terbuka.ErrNotFound("notification"))
		return
	}
	if err := a.Store.MarkNotificationRead(r.Context(), userOf(r), id); err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
