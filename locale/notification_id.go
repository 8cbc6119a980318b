package locale

// notificationID is the Indonesian text of the staff's in-app
// notification list.
var notificationID = map[string]string{
	"portal.nav.notifications":            "Notifikasi",
	"portal.nav.notifications_unread":     "belum dibaca",
	"portal.notifications.title":          "Notifikasi",
	"portal.notifications.heading":        "Notifikasi",
	"portal.notifications.filters":        "Saring notifikasi",
	"portal.notifications.count":          "%d notifikasi, %d belum dibaca.",
	"portal.notifications.shown":          "Menampilkan %d notifikasi terbaru.",
	"portal.notifications.none":           "Tidak ada notifikasi.",
	"portal.notifications.unread":         "Belum dibaca",
	"portal.notifications.read_at":        "Dibaca %s",
	"portal.notifications.mark_read":      "Tandai dibaca",
	"portal.notifications.mark_all":       "Tandai semua dibaca",
	"portal.notifications.open":           "Buka %s",
	"portal.field.belum":                  "Hanya yang belum dibaca",
	"portal.flash.notification_read":      "Notifikasi ditandai sudah dibaca.",
	"portal.flash.notifications_all_read": "%d notifikasi ditandai sudah dibaca.",
}
