package locale

// notificationEN is the English text of the staff's in-app notification
// list (see notificationID).
var notificationEN = map[string]string{
	"portal.nav.notifications":            "Notifications",
	"portal.nav.notifications_unread":     "unread",
	"portal.notifications.title":          "Notifications",
	"portal.notifications.heading":        "Notifications",
	"portal.notifications.filters":        "Filter notifications",
	"portal.notifications.count":          "%d notifications, %d unread.",
	"portal.notifications.shown":          "Showing the %d newest notifications.",
	"portal.notifications.none":           "No notifications.",
	"portal.notifications.unread":         "Unread",
	"portal.notifications.read_at":        "Read %s",
	"portal.notifications.mark_read":      "Mark read",
	"portal.notifications.mark_all":       "Mark all read",
	"portal.notifications.open":           "Open %s",
	"portal.field.belum":                  "Unread only",
	"portal.flash.notification_read":      "Notification marked read.",
	"portal.flash.notifications_all_read": "%d notifications marked read.",
}
