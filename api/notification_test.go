package api_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
)

// notify writes a notification for the account with email and returns its ID.
func (f *fixture) notify(t *testing.T, email, ref, title string) string {
	t.Helper()
	ctx := context.Background()
	u, err := f.st.UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.Notify(ctx, u.ID, "staff_reminder", ref, title, "Isi "+title); err != nil {
		t.Fatal(err)
	}
	list, _, err := f.st.Notifications(ctx, u, false, 1)
	if err != nil || len(list) != 1 {
		t.Fatalf("notification not stored: %v %+v", err, list)
	}
	return strconv.FormatInt(list[0].ID, 10)
}

func TestNotifications(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		first := f.notify(t, "ppid@uji.go.id", "KOMINFO-2026-000001", "Pengingat pertama")
		f.notify(t, "ppid@uji.go.id", "KOMINFO-2026-000002", "Pengingat kedua")
		others := f.notify(t, "dindik@uji.go.id", "DINDIK-2026-000001", "Milik pengguna lain")
		f.runAll(t, []scenario{
			{name: "needs a token", method: "GET", url: "/api/v1/notifications", status: http.StatusUnauthorized, code: "unauthorized"},
			{name: "list", method: "GET", url: "/api/v1/notifications", headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"total":2`, `"unread":2`, `"title":"Pengingat kedua"`, `"kind":"staff_reminder"`,
					`"ref":"KOMINFO-2026-000001"`, `"read_at":null`, `"created_at":"2026-01-12T03:00:00Z"`},
				excludes: []string{"Milik pengguna lain"},
				check: func(t *testing.T, body []byte) {
					items, _ := decode(t, body)["items"].([]any)
					if len(items) != 2 || field(items[0].(map[string]any), "title") != "Pengingat kedua" {
						t.Errorf("want the two notifications newest first: %s", body)
					}
				}},
			{name: "limit", method: "GET", url: "/api/v1/notifications?limit=1", headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"total":2`, `"title":"Pengingat kedua"`}, excludes: []string{"Pengingat pertama"}},
			{name: "bad limit", method: "GET", url: "/api/v1/notifications?limit=0", headers: bearer(f.ppid),
				status: http.StatusUnprocessableEntity, fields: []string{"limit"}},
			{name: "bad unread", method: "GET", url: "/api/v1/notifications?unread=maybe", headers: bearer(f.ppid),
				status: http.StatusUnprocessableEntity, fields: []string{"unread"}},
			{name: "mark read", method: "POST", url: "/api/v1/notifications/" + first + "/read", headers: bearer(f.ppid),
				status: http.StatusNoContent},
			{name: "again is fine", method: "POST", url: "/api/v1/notifications/" + first + "/read", headers: bearer(f.ppid),
				status: http.StatusNoContent},
			{name: "unread only", method: "GET", url: "/api/v1/notifications?unread=1", headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"total":1`, `"unread":1`, "Pengingat kedua"}, excludes: []string{"Pengingat pertama"}},
			{name: "read_at set", method: "GET", url: "/api/v1/notifications", headers: bearer(f.ppid), status: http.StatusOK,
				contains: []string{`"total":2`, `"unread":1`, `"read_at":"2026-01-12T03:00:00Z"`}},
			{name: "another user's", method: "POST", url: "/api/v1/notifications/" + others + "/read", headers: bearer(f.ppid),
				status: http.StatusNotFound, code: "not_found"},
			{name: "not a number", method: "POST", url: "/api/v1/notifications/x/read", headers: bearer(f.ppid),
				status: http.StatusNotFound, code: "not_found"},
			{name: "the other user's stays unread", method: "GET", url: "/api/v1/notifications", headers: bearer(f.other),
				status: http.StatusOK, contains: []string{`"total":1`, `"unread":1`, "Milik pengguna lain"}},
		})
	})
}
