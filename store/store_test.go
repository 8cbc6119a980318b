package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/workday"
)

// fixture is a province with a PPID Utama and one OPD, and staff.
type fixture struct {
	s                       *store.Store
	clock                   *clock
	admin, ppid, pelaksana  terbuka.User
	otherPelaksana, evalUsr terbuka.User
}

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 1, 12, 9, 0, 0, 0, workday.Jakarta)}
	s := store.New(db, c, password.NewHasher(password.Fast, 2))
	f := &fixture{s: s, clock: c}
	bodies := []terbuka.Body{
		{Slug: "prov-uji", Code: "PROV", Name: "Pemerintah Provinsi Uji", Kind: terbuka.KindProvince},
		{Slug: "diskominfo-uji", Code: "KOMINFO", Name: "Diskominfo Uji", Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDUtama},
		{Slug: "dinkes-uji", Code: "DINKES", Name: "Dinas Kesehatan Uji", Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDPelaksana},
		{Slug: "dindik-uji", Code: "DINDIK", Name: "Dinas Pendidikan Uji", Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDPelaksana},
		{Slug: "ki-uji", Code: "KI", Name: "Komisi Informasi Uji", Kind: terbuka.KindCommission},
	}
	for _, b := range bodies {
		if _, err := s.CreateBody(ctx, b); err != nil {
			t.Fatalf("create body %s: %v", b.Slug, err)
		}
	}
	mk := func(email string, role terbuka.Role, body string) terbuka.User {
		u, err := s.CreateUser(ctx, terbuka.NewUser{Email: email, Name: email, Role: role, BodySlug: body, Password: "kata-sandi-42"})
		if err != nil {
			t.Fatalf("create user %s: %v", email, err)
		}
		return u
	}
	f.admin = mk("admin@uji.go.id", terbuka.RoleAdmin, "prov-uji")
	f.ppid = mk("ppid@uji.go.id", terbuka.RolePPID, "diskominfo-uji")
	f.pelaksana = mk("dinkes@uji.go.id", terbuka.RolePPIDPelaksana, "dinkes-uji")
	f.otherPelaksana = mk("dindik@uji.go.id", terbuka.RolePPIDPelaksana, "dindik-uji")
	f.evalUsr = mk("eval@uji.go.id", terbuka.RoleEvaluator, "ki-uji")
	return f
}

func validRequest() terbuka.NewRequest {
	return terbuka.NewRequest{
		Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Budi Santoso", IDNumber: "3201011501900001",
			Address: "Jl. Merdeka 1, Bandung", Email: "budi@example.id", Phone: "0812-3456-7890", Occupation: "Wiraswasta"},
		Information: "Salinan laporan realisasi anggaran Dinas Kesehatan tahun 2025",
		Purpose:     "Penelitian", Obtain: "softcopy", Delivery: "email",
	}
}

func TestRequestService_Create(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			r, token, err := f.s.CreateRequest(ctx, "dinkes-uji", validRequest(), store.CreateOptions{Channel: terbuka.ChannelWeb})
			if err != nil {
				t.Fatal(err)
			}
			if r.Number != "DINKES-2026-000001" || r.ReceivedOn.String() != "2026-01-12" || r.DueOn.String() != "2026-01-27" {
				t.Fatalf("got %s received %s due %s", r.Number, r.ReceivedOn, r.DueOn)
			}
			if len(token) < 20 {
				t.Fatalf("token %q too short", token)
			}
			got, err := f.s.RequestByTracking(ctx, r.Number, token)
			if err != nil || got.Requester.Phone != "+6281234567890" || len(got.Events) != 1 {
				t.Fatalf("tracking: %+v %v", got, err)
			}
			if _, err := f.s.RequestByTracking(ctx, r.Number, token+"x"); terbuka.ErrorCode(err) != terbuka.ENotFound {
				t.Fatalf("wrong token: %v", err)
			}
			r2, _, err := f.s.CreateRequest(ctx, "dinkes-uji", validRequest(), store.CreateOptions{})
			if err != nil || r2.Number != "DINKES-2026-000002" {
				t.Fatalf("second number %s %v", r2.Number, err)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			in := validRequest()
			in.Requester.IDNumber = "123"
			_, _, err := f.s.CreateRequest(ctx, "dinkes-uji", in, store.CreateOptions{})
			e := terbuka.AsError(err)
			if e == nil || e.Code != terbuka.EInvalid || e.Fields["requester.id_number"].Key != "invalid.nik_length" {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("ErrNotFoundBody", func(t *testing.T) {
			_, _, err := f.s.CreateRequest(ctx, "tidak-ada", validRequest(), store.CreateOptions{})
			if terbuka.ErrorCode(err) != terbuka.ENotFound {
				t.Fatalf("got %v", err)
			}
		})
	})
}
