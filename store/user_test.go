package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

func TestUserService_Create(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			u, err := f.s.CreateUser(ctx, terbuka.NewUser{Email: " Staf.Baru@Uji.go.id ", Name: " Staf Baru ",
				Role: terbuka.RolePPIDPelaksana, BodySlug: "dindik-uji", Password: "sandi-panjang-7"})
			if err != nil {
				t.Fatal(err)
			}
			if u.ID == 0 || u.Email != "staf.baru@uji.go.id" || u.Name != "Staf Baru" || u.BodySlug != "dindik-uji" || u.Role != terbuka.RolePPIDPelaksana {
				t.Fatalf("got %+v", u)
			}
			got, err := f.s.UserByEmail(ctx, "STAF.BARU@uji.go.id")
			if err != nil || got != u {
				t.Fatalf("UserByEmail = %+v, %v; want %+v", got, err, u)
			}
			if n, err := f.s.CountUsers(ctx); err != nil || n != 7 {
				t.Fatalf("CountUsers = %d, %v", n, err)
			}
		})
		t.Run("ErrConflictDuplicateEmail", func(t *testing.T) {
			_, err := f.s.CreateUser(ctx, terbuka.NewUser{Email: "PPID@uji.go.id", Name: "Lagi", Role: terbuka.RolePPID,
				BodySlug: "diskominfo-uji", Password: staffPassword})
			wantCode(t, err, terbuka.EConflict)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			ok := terbuka.NewUser{Email: "baru@uji.go.id", Name: "Baru", Role: terbuka.RolePPID, BodySlug: "diskominfo-uji", Password: staffPassword}
			tests := []struct {
				name  string
				edit  func(*terbuka.NewUser)
				field string
			}{
				{"unknown body", func(u *terbuka.NewUser) { u.BodySlug = "tidak-ada" }, "body"},
				{"no body", func(u *terbuka.NewUser) { u.BodySlug = "" }, "body"},
				{"short password", func(u *terbuka.NewUser) { u.Password = "abc-123" }, "password"},
				{"digits only", func(u *terbuka.NewUser) { u.Password = "12345678901234" }, "password"},
				{"letters only", func(u *terbuka.NewUser) { u.Password = "katasandipanjang" }, "password"},
				{"well-known password", func(u *terbuka.NewUser) { u.Password = "Password123" }, "password"},
				{"unknown role", func(u *terbuka.NewUser) { u.Role = "superuser" }, "role"},
				{"no role", func(u *terbuka.NewUser) { u.Role = "" }, "role"},
				{"bad e-mail", func(u *terbuka.NewUser) { u.Email = "bukan-surel" }, "email"},
				{"display name in e-mail", func(u *terbuka.NewUser) { u.Email = "Baru <baru@uji.go.id>" }, "email"},
				{"no name", func(u *terbuka.NewUser) { u.Name = "   " }, "name"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					in := ok
					tt.edit(&in)
					_, err := f.s.CreateUser(ctx, in)
					wantField(t, err, tt.field)
				})
			}
			if _, err := f.s.UserByEmail(ctx, ok.Email); terbuka.ErrorCode(err) != terbuka.ENotFound {
				t.Fatalf("an invalid account was stored: %v", err)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := f.s.UserByEmail(ctx, "siapa@uji.go.id")
			wantCode(t, err, terbuka.ENotFound)
		})
	})
}

func TestUserService_Login(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		newUser := func(t *testing.T, email string) terbuka.User {
			t.Helper()
			u, err := f.s.CreateUser(ctx, terbuka.NewUser{Email: email, Name: email, Role: terbuka.RolePPIDPelaksana,
				BodySlug: "dinkes-uji", Password: staffPassword})
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		fail := func(t *testing.T, s *store.Store, email string, n int) {
			t.Helper()
			for i := 0; i < n; i++ {
				if _, _, err := s.Login(ctx, email, "salah-sandi-1"); terbuka.ErrorCode(err) != terbuka.EUnauthorized {
					t.Fatalf("failure %d: %v", i+1, err)
				}
			}
		}
		t.Run("OK", func(t *testing.T) {
			u, secret, err := f.s.Login(ctx, "  PPID@Uji.go.id ", staffPassword)
			if err != nil || u.ID != f.ppid.ID || u.Role != terbuka.RolePPID || len(secret) < 20 {
				t.Fatalf("Login = %+v, %q, %v", u, secret, err)
			}
			got, err := f.s.SessionUser(ctx, secret)
			if err != nil || got != f.ppid {
				t.Fatalf("SessionUser = %+v, %v", got, err)
			}
		})
		t.Run("ErrUnauthorized", func(t *testing.T) {
			_, _, wrong := f.s.Login(ctx, f.ppid.Email, "bukan-sandinya-1")
			_, _, unknown := f.s.Login(ctx, "siapa@uji.go.id", staffPassword)
			_, _, empty := f.s.Login(ctx, f.ppid.Email, "")
			wantCode(t, wrong, terbuka.EUnauthorized)
			// An unknown address must look exactly like a wrong password.
			for _, err := range []error{unknown, empty} {
				if err == nil || err.Error() != wrong.Error() || terbuka.AsError(err).Msg.Key != terbuka.AsError(wrong).Msg.Key {
					t.Fatalf("got %v, want the same error as a wrong password (%v)", err, wrong)
				}
			}
		})
		t.Run("NineFailuresDoNotLock", func(t *testing.T) {
			u := newUser(t, "sembilan@uji.go.id")
			fail(t, f.s, u.Email, 9)
			if _, _, err := f.s.Login(ctx, u.Email, staffPassword); err != nil {
				t.Fatalf("locked after nine failures: %v", err)
			}
			// The success reset the counter: nine more are still allowed.
			fail(t, f.s, u.Email, 9)
			if _, _, err := f.s.Login(ctx, u.Email, staffPassword); err != nil {
				t.Fatalf("the counter was not reset by a success: %v", err)
			}
		})
		t.Run("ErrRateLimitedAfterTenFailures", func(t *testing.T) {
			u := newUser(t, "kunci@uji.go.id")
			s2 := secondInstance(t, f)
			fail(t, f.s, u.Email, 10)
			_, _, err := f.s.Login(ctx, u.Email, staffPassword)
			wantCode(t, err, terbuka.ERateLimited)
			_, _, err = s2.Login(ctx, u.Email, staffPassword) // the lock holds on every instance
			wantCode(t, err, terbuka.ERateLimited)
			_, _, err = f.s.Login(ctx, u.Email, "salah-sandi-1")
			wantCode(t, err, terbuka.ERateLimited)
			if _, _, err := f.s.Login(ctx, f.pelaksana.Email, staffPassword); err != nil {
				t.Fatalf("another account is locked too: %v", err)
			}
			start := f.clock.t
			f.at(t, start.Add(14*time.Minute))
			_, _, err = f.s.Login(ctx, u.Email, staffPassword)
			wantCode(t, err, terbuka.ERateLimited)
			f.at(t, start.Add(16*time.Minute))
			if got, _, err := f.s.Login(ctx, u.Email, staffPassword); err != nil || got.ID != u.ID {
				t.Fatalf("still locked after the lockout: %v", err)
			}
			fail(t, f.s, u.Email, 1)
			if _, _, err := f.s.Login(ctx, u.Email, staffPassword); err != nil {
				t.Fatalf("one failure after the lockout locks again: %v", err)
			}
		})
		t.Run("FailuresCountAcrossInstances", func(t *testing.T) {
			u := newUser(t, "dua-instans@uji.go.id")
			s2 := secondInstance(t, f)
			fail(t, f.s, u.Email, 5)
			fail(t, s2, u.Email, 5)
			_, _, err := f.s.Login(ctx, u.Email, staffPassword)
			wantCode(t, err, terbuka.ERateLimited)
		})
	})
}

func TestUserService_Session(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		login := func(t *testing.T) string {
			t.Helper()
			_, secret, err := f.s.Login(ctx, f.pelaksana.Email, staffPassword)
			if err != nil {
				t.Fatal(err)
			}
			return secret
		}
		t.Run("Logout", func(t *testing.T) {
			a, b := login(t), login(t)
			if err := f.s.Logout(ctx, a); err != nil {
				t.Fatal(err)
			}
			_, err := f.s.SessionUser(ctx, a)
			wantCode(t, err, terbuka.EUnauthorized)
			if u, err := f.s.SessionUser(ctx, b); err != nil || u.ID != f.pelaksana.ID {
				t.Fatalf("logging out one session ended another: %v", err)
			}
			if err := f.s.Logout(ctx, "tidak-pernah-ada"); err != nil {
				t.Fatalf("logout of an unknown session: %v", err)
			}
		})
		t.Run("Expires", func(t *testing.T) {
			secret := login(t)
			start := f.clock.t
			f.at(t, start.Add(store.SessionLifetime-time.Minute))
			if _, err := f.s.SessionUser(ctx, secret); err != nil {
				t.Fatalf("session ended early: %v", err)
			}
			f.at(t, start.Add(13*time.Hour))
			_, err := f.s.SessionUser(ctx, secret)
			wantCode(t, err, terbuka.EUnauthorized)
		})
		t.Run("ErrUnauthorizedUnknown", func(t *testing.T) {
			for _, secret := range []string{"", "abc", strings.Repeat("a", 32)} {
				_, err := f.s.SessionUser(ctx, secret)
				wantCode(t, err, terbuka.EUnauthorized)
			}
		})
	})
}

func TestUserService_Token(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			a, err := f.s.CreateToken(ctx, "DINKES@uji.go.id")
			if err != nil || !strings.HasPrefix(a, "tbk_") {
				t.Fatalf("CreateToken = %q, %v", a, err)
			}
			b, err := f.s.CreateToken(ctx, f.pelaksana.Email)
			if err != nil || b == a {
				t.Fatalf("second token %q, %v", b, err)
			}
			for _, tok := range []string{a, b} {
				if u, err := f.s.UserByToken(ctx, tok); err != nil || u != f.pelaksana {
					t.Fatalf("UserByToken = %+v, %v", u, err)
				}
			}
		})
		t.Run("ErrUnauthorized", func(t *testing.T) {
			tok, err := f.s.CreateToken(ctx, f.ppid.Email)
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"", "tbk_", "tbk_tidakada", tok + "x", strings.ToUpper(tok), strings.TrimPrefix(tok, "tbk_")} {
				_, err := f.s.UserByToken(ctx, bad)
				wantCode(t, err, terbuka.EUnauthorized)
			}
		})
		t.Run("ErrUnauthorizedOtherKindOfSecret", func(t *testing.T) {
			tok, err := f.s.CreateToken(ctx, f.ppid.Email)
			if err != nil {
				t.Fatal(err)
			}
			_, session, err := f.s.Login(ctx, f.ppid.Email, staffPassword)
			if err != nil {
				t.Fatal(err)
			}
			// A session cookie is no API token, and the other way round.
			_, err = f.s.UserByToken(ctx, session)
			wantCode(t, err, terbuka.EUnauthorized)
			_, err = f.s.SessionUser(ctx, tok)
			wantCode(t, err, terbuka.EUnauthorized)
		})
		t.Run("ErrNotFoundUnknownEmail", func(t *testing.T) {
			_, err := f.s.CreateToken(ctx, "siapa@uji.go.id")
			wantCode(t, err, terbuka.ENotFound)
		})
	})
}
