package locale

// uiEN holds the portal's English labels.
var uiEN = map[string]string{
	"status.registered":  "Registered",
	"status.in_process":  "In process",
	"status.extended":    "Extended",
	"status.answered":    "Answered",
	"status.closed":      "Closed",
	"status.incomplete":  "Incomplete",
	"status.lapsed":      "Lapsed",
	"status.transferred": "Transferred",
	"status.overdue":     "Overdue",
}
