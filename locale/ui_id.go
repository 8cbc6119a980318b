package locale

// uiID holds the portal's Indonesian labels.
var uiID = map[string]string{
	"status.registered":  "Terdaftar",
	"status.in_process":  "Diproses",
	"status.extended":    "Diperpanjang",
	"status.answered":    "Dijawab",
	"status.closed":      "Selesai",
	"status.incomplete":  "Perlu dilengkapi",
	"status.lapsed":      "Gugur",
	"status.transferred": "Dialihkan",
	"status.overdue":     "Terlambat",
}
