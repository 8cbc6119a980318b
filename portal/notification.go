package portal

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// notificationRoutes registers the staff's in-app notification list
// (issue 3: every e-mail to staff also appears here).
func (p *Portal) notificationRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /staf/notifikasi", p.staff(p.listNotifications))
	mux.HandleFunc("POST /staf/notifikasi/tandai-semua", p.staff(p.markAllNotificationsRead))
	mux.HandleFunc("POST /staf/notifikasi/{id}/dibaca", p.staff(p.markNotificationRead))
}

// notificationLimit is how many notifications the list shows, newest first.
const notificationLimit = 100

// notificationView is the data of the notification list.
type notificationView struct {
	Items      []notificationRow
	Total      int // matching the filter, possibly more than Items
	Unread     int
	UnreadOnly bool
}

// notificationRow is one notification with the page it is about, if any.
type notificationRow struct {
	store.Notification
	Link string
}

// requestNumber is the shape of a request number: CODE-YYYY-NNNNNN.
var requestNumber = regexp.MustCompile(`^[A-Z0-9]+-[0-9]{4}-[0-9]{6}$`)

// notificationLink is the staff page a notification is about: an
// objection's page for the objection kinds, a request's page when the ref
// is a request number, else "".
func notificationLink(n store.Notification) string {
	switch {
	case n.Ref == "":
		return ""
	case strings.HasPrefix(n.Kind, "objection_"):
		return "/staf/keberatan/" + n.Ref
	case requestNumber.MatchString(n.Ref):
		return "/staf/permohonan/" + n.Ref
	}
	return ""
}

// listNotifications serves GET /staf/notifikasi: the user's own
// notifications, newest first; ?belum=1 keeps the unread ones only.
func (p *Portal) listNotifications(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.notifications.title")
	view := notificationView{UnreadOnly: r.URL.Query().Get("belum") != ""}
	if view.UnreadOnly {
		pg.Form.Set("belum", "1")
	}
	list, total, err := p.Store.Notifications(r.Context(), u, view.UnreadOnly, notificationLimit)
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	view.Total = total
	if view.Unread, err = p.Store.UnreadCount(r.Context(), u); err != nil {
		p.fail(w, r, pg, err)
		return
	}
	for _, n := range list {
		view.Items = append(view.Items, notificationRow{Notification: n, Link: notificationLink(n)})
	}
	pg.Data = view
	p.render(w, r, http.StatusOK, "notifications", pg)
}

// markNotificationRead serves POST /staf/notifikasi/{id}/dibaca and goes
// back to the list (with its filter). Another user's notification, or one
// that does not exist, is a 404 page.
func (p *Portal) markNotificationRead(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.notifications.title")
	err := parseForm(w, r)
	if err == nil {
		id, perr := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if perr != nil || id <= 0 {
			err = terbuka.ErrNotFound("notification")
		} else {
			err = p.Store.MarkNotificationRead(r.Context(), u, id)
		}
	}
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	p.setFlash(w, "portal.flash.notification_read")
	redirect(w, r, notificationsBack(r))
}

// markAllNotificationsRead serves POST /staf/notifikasi/tandai-semua.
func (p *Portal) markAllNotificationsRead(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.notifications.title")
	err := parseForm(w, r)
	var n int
	if err == nil {
		n, err = p.Store.MarkAllNotificationsRead(r.Context(), u)
	}
	if err != nil {
		p.fail(w, r, pg, err)
		return
	}
	p.setFlash(w, "portal.flash.notifications_all_read", n)
	redirect(w, r, notificationsBack(r))
}

// notificationsBack is the list the form was sent from.
func notificationsBack(r *http.Request) string {
	if r.PostForm.Get("belum") != "" {
		return "/staf/notifikasi?belum=1"
	}
	return "/staf/notifikasi"
}

// unreadCount is the number shown beside "Notifikasi" in the staff
// navigation. The navigation must not break a page, so a failure is
// logged and shows no number.
func (p *Portal) unreadCount(r *http.Request, u terbuka.User) int {
	n, err := p.Store.UnreadCount(r.Context(), u)
	if err != nil {
		p.Log.WarnContext(r.Context(), "portal: count unread notifications", "err", err)
		return 0
	}
	return n
}
