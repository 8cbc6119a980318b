package portal_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/portal"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
	"github.com/terbuka-id/terbuka/workday"
)

// TestDeadlineStates registers two paper requests received weeks ago: one
// is past its due date on 12 January 2026, the other due within three
// working days. The list says so in words, and the filters find them.
func TestDeadlineStates(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		ctx := context.Background()
		officer, err := e.store.UserByEmail(ctx, "pelaksana@uji.go.id")
		if err != nil {
			t.Fatal(err)
		}
		file := func(received time.Time, name string) (terbuka.Request, string) {
			in := terbuka.NewRequest{
				Requester:   terbuka.Requester{Kind: terbuka.Individual, Name: name, IDNumber: nik, Address: address, Phone: "0812-3456-7890"},
				Information: "Data imunisasi anak per kecamatan tahun 2025", Purpose: "Penelitian", Obtain: "softcopy", Delivery: "in_person",
			}
			r, token, err := e.store.CreateRequest(ctx, "dinkes-uji", in,
				store.CreateOptions{Channel: terbuka.ChannelLetter, Staff: &officer, ReceivedAt: received})
			if err != nil {
				t.Fatalf("create %s: %v", name, err)
			}
			return r, token
		}
		late, lateToken := file(time.Date(2025, 12, 1, 9, 0, 0, 0, workday.Jakarta), "Pemohon Terlambat")
		soon, _ := file(time.Date(2025, 12, 29, 9, 0, 0, 0, workday.Jakarta), "Pemohon Segera")
		if !late.DueOn.Before(workday.D(2026, 1, 12)) || soon.DueOn.Before(workday.D(2026, 1, 12)) || soon.DueOn.After(workday.D(2026, 1, 15)) {
			t.Fatalf("fixture dates: late due %s, soon due %s", late.DueOn, soon.DueOn)
		}
		e.run(t, []scenario{
			{name: "states in words", url: "/staf/permohonan", as: "ppid", status: 200,
				want: []string{"3 permohonan ditemukan.", `class="badge state-overdue">Terlambat`,
					`class="badge state-soon">Segera jatuh tempo`, `class="badge state-ontime">Tepat waktu`}},
			{name: "overdue filter", url: "/staf/permohonan?terlambat=1", as: "ppid", status: 200,
				want: []string{"1 permohonan ditemukan.", late.Number}, notWant: []string{soon.Number}},
			{name: "due soon filter", url: "/staf/permohonan?segera=1", as: "ppid", status: 200,
				want: []string{"1 permohonan ditemukan.", soon.Number}, notWant: []string{late.Number}},
			{name: "overdue on the tracking page", url: "/lacak?nomor=" + late.Number + "&kode=" + lateToken, status: 200,
				want: []string{`class="badge state-overdue">Terlambat`, "Anda dapat mengajukan keberatan", "melalui Surat"}},
			{name: "an overdue request can no longer be extended", url: "/staf/permohonan/" + late.Number, as: "pelaksana", status: 200,
				notWant: []string{"/perpanjang"}, want: []string{"/keputusan", "Petugas pelaksana"}},
			{name: "extending it anyway is a conflict", method: "POST", url: "/staf/permohonan/" + late.Number + "/perpanjang",
				as: "pelaksana", form: url.Values{"reason": {"Terlambat"}}, status: 409, want: []string{"Perpanjangan hanya boleh sebelum"}},
		})
	})
}

// TestPaging shows 25 requests a page with links that keep the filters.
func TestPaging(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		for i := 0; i < 25; i++ {
			if _, _, err := e.store.CreateRequest(context.Background(), "dinkes-uji", newRequest(), store.CreateOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		e.run(t, []scenario{
			{name: "first page", url: "/staf/permohonan?badan=dinkes-uji", as: "ppid", status: 200,
				want:    []string{"26 permohonan ditemukan.", "Halaman 1 dari 2", `href="/staf/permohonan?badan=dinkes-uji&amp;hal=2" rel="next"`},
				notWant: []string{`rel="prev"`, `href="/staf/permohonan/{number}"`}},
			{name: "second page", url: "/staf/permohonan?badan=dinkes-uji&hal=2", as: "ppid", status: 200,
				want: []string{"Halaman 2 dari 2", `href="/staf/permohonan/{number}"`, `rel="prev"`}, notWant: []string{`rel="next"`}},
		})
	})
}

// TestIntakeLimit limits public submissions per address when Intake is set.
func TestIntakeLimit(t *testing.T) {
	limit := func(p *portal.Portal) { p.Intake = web.NewLimiter(time.Hour, 1, 100) }
	eachEngine(t, limit, func(t *testing.T, e *env) {
		e.run(t, []scenario{
			{name: "first", method: "POST", url: "/permohonan/dinkes-uji", form: validForm(), remote: "203.0.113.5:1", status: 303},
			{name: "second is limited and keeps the input", method: "POST", url: "/permohonan/dinkes-uji", form: validForm(),
				remote: "203.0.113.5:2", status: 429, want: []string{"Terlalu banyak percobaan", `value="Budi Santoso"`}},
		})
	})
}

// TestOversizedForm refuses a form body over 64 KiB without a 500.
func TestOversizedForm(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		e.run(t, []scenario{
			{name: "request form", method: "POST", url: "/permohonan/dinkes-uji",
				form: with(validForm(), "information", strings.Repeat("a", 70<<10)), status: 413, want: []string{"terlalu besar"}},
			{name: "invalid UTF-8", method: "POST", url: "/permohonan/dinkes-uji",
				form: with(validForm(), "requester.name", "Budi \xff"), status: 422, want: []string{`id="requester-name-error"`}},
			{name: "login", method: "POST", url: "/staf/masuk", form: url.Values{"password": {strings.Repeat("a", 70<<10)}}, status: 413},
		})
	})
}

func newRequest() terbuka.NewRequest {
	return terbuka.NewRequest{
		Requester:   terbuka.Requester{Kind: terbuka.Individual, Name: "Pemohon Lain", IDNumber: nik, Address: address, Phone: "0812-3456-7890"},
		Information: "Data anggaran kesehatan tahun 2025", Purpose: "Penelitian", Obtain: "softcopy", Delivery: "in_person",
	}
}
