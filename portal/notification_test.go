package portal_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// notify writes a notification for the account with email and returns
// its ID.
func (e *env) notify(t *testing.T, email, kind, ref, title string) string {
	t.Helper()
	ctx := context.Background()
	u, err := e.store.UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.Notify(ctx, u.ID, kind, ref, title, "Isi pemberitahuan "+title); err != nil {
		t.Fatal(err)
	}
	list, _, err := e.store.Notifications(ctx, u, false, 1)
	if err != nil || len(list) != 1 || list[0].Title != title {
		t.Fatalf("notification %q not stored: %v %+v", title, err, list)
	}
	return strconv.FormatInt(list[0].ID, 10)
}

func TestStaffNotifications(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		first := e.notify(t, "ppid@uji.go.id", "staff_reminder", e.number, "Pengingat batas waktu")
		e.notify(t, "ppid@uji.go.id", "objection_staff_filed", "KEB-DINKES-2026-000001", "Keberatan baru")
		e.notify(t, "ppid@uji.go.id", "staff_escalation", e.number, "Eskalasi permohonan")
		others := e.notify(t, "other@uji.go.id", "staff_reminder", e.number, "Milik pengguna lain")
		e.run(t, []scenario{
			{name: "needs login", url: "/staf/notifikasi", status: 303,
				wantHeader: map[string]string{"Location": "/staf/masuk?next=%2Fstaf%2Fnotifikasi"}},
			{name: "unread count in the navigation", url: "/staf/permohonan", as: "ppid", status: 200,
				want: []string{`href="/staf/notifikasi"`, "Notifikasi (3)", `<span class="sr-only"> belum dibaca</span>`}},
			{name: "list", url: "/staf/notifikasi", as: "ppid", status: 200,
				want: []string{"Notifikasi (3)", "3 notifikasi, 3 belum dibaca.", "Pengingat batas waktu", "Isi pemberitahuan Keberatan baru",
					"Belum dibaca", "Senin, 12 Januari 2026 09.00 WIB", `href="/staf/permohonan/{number}"`,
					`href="/staf/keberatan/KEB-DINKES-2026-000001"`, `action="/staf/notifikasi/` + first + `/dibaca"`,
					`action="/staf/notifikasi/tandai-semua"`, `<label for="belum">Hanya yang belum dibaca</label>`},
				notWant: []string{"Milik pengguna lain"}},
			{name: "newest first", url: "/staf/notifikasi", as: "ppid", status: 200,
				check: func(t *testing.T, e *env, rec *httptest.ResponseRecorder) {
					body := rec.Body.String()
					if strings.Index(body, "Eskalasi permohonan") > strings.Index(body, "Pengingat batas waktu") {
						t.Error("the newest notification is not first")
					}
				}},
			{name: "english", url: "/staf/notifikasi", as: "ppid", lang: "en", status: 200,
				want: []string{"Notifications (3)", "Unread", "Monday, 12 January 2026 09:00 WIB", "Mark all read"}},
			{name: "mark read", method: "POST", url: "/staf/notifikasi/" + first + "/dibaca", as: "ppid", status: 303,
				wantHeader: map[string]string{"Location": "/staf/notifikasi"}},
			{name: "marked read", url: "/staf/notifikasi", as: "ppid", status: 200,
				want:    []string{"Notifikasi (2)", "3 notifikasi, 2 belum dibaca.", "Dibaca Senin, 12 Januari 2026 09.00 WIB"},
				notWant: []string{`action="/staf/notifikasi/` + first + `/dibaca"`}},
			{name: "unread only", url: "/staf/notifikasi?belum=1", as: "ppid", status: 200,
				want:    []string{"2 notifikasi, 2 belum dibaca.", `id="belum" name="belum" value="1" checked`, "Eskalasi permohonan"},
				notWant: []string{"Pengingat batas waktu"}},
			{name: "another user's notification", method: "POST", url: "/staf/notifikasi/" + others + "/dibaca", as: "ppid", status: 404,
				want: []string{"Notifikasi tidak ditemukan."}},
			{name: "not a number", method: "POST", url: "/staf/notifikasi/abc/dibaca", as: "ppid", status: 404},
			{name: "mark all", method: "POST", url: "/staf/notifikasi/tandai-semua", as: "ppid", form: url.Values{"belum": {"1"}},
				status: 303, wantHeader: map[string]string{"Location": "/staf/notifikasi?belum=1"}},
			{name: "all read", url: "/staf/notifikasi?belum=1", as: "ppid", status: 200,
				want: []string{"Tidak ada notifikasi.", "0 notifikasi, 0 belum dibaca."}, notWant: []string{"Notifikasi (", "Tandai semua dibaca"}},
			{name: "the other user's stays unread", url: "/staf/notifikasi", as: "other", status: 200,
				want: []string{"Notifikasi (1)", "Milik pengguna lain"}, notWant: []string{"Eskalasi permohonan"}},
		})
		ctx := context.Background()
		u, err := e.store.UserByEmail(ctx, "other@uji.go.id")
		if err != nil {
			t.Fatal(err)
		}
		if n, err := e.store.UnreadCount(ctx, u); err != nil || n != 1 {
			t.Fatalf("other's unread = %d, %v; want 1", n, err)
		}
	})
}
