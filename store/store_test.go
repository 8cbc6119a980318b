package store_test

import (
	"context"
	"database/sql"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/workday"
)

// fixture is a province with a PPID Utama and two OPDs, a commission, and
// staff of every kind that matters for requests.
type fixture struct {
	s                       *store.Store
	db                      *store.DB
	clock                   *clock
	admin, ppid, pelaksana  terbuka.User
	otherPelaksana, evalUsr terbuka.User
	atasan                  terbuka.User // atasan PPID of the province: reads, never decides
}

// clock is the fixture's controllable time; tests move it with at.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

// staffPassword is every fixture account's password.
const staffPassword = "kata-sandi-42"

func fastHasher() *password.Hasher { return password.NewHasher(password.Fast, 2) }

func newFixture(t testing.TB, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: wib(2026, 1, 12, 9, 0)}
	s := store.New(db, c, fastHasher())
	f := &fixture{s: s, db: db, clock: c}
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
		u, err := s.CreateUser(ctx, terbuka.NewUser{Email: email, Name: email, Role: role, BodySlug: body, Password: staffPassword})
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
	f.atasan = mk("atasan@uji.go.id", terbuka.RoleAtasanPPID, "prov-uji")
	return f
}

// wib is a wall-clock time in Jakarta (WIB).
func wib(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, workday.Jakarta)
}

// date parses YYYY-MM-DD or fails the test.
func date(t *testing.T, s string) workday.Date {
	t.Helper()
	d, err := workday.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// at moves the fixture clock to ts until the (sub)test ends.
func (f *fixture) at(t *testing.T, ts time.Time) {
	t.Helper()
	prev := f.clock.t
	f.clock.t = ts
	t.Cleanup(func() { f.clock.t = prev })
}

// create files validRequest (changed by edit, if given) with body slug at
// the clock's time and fails the test on error.
func (f *fixture) create(t *testing.T, slug string, edit func(*terbuka.NewRequest)) (terbuka.Request, string) {
	t.Helper()
	in := validRequest()
	if edit != nil {
		edit(&in)
	}
	r, token, err := f.s.CreateRequest(context.Background(), slug, in, store.CreateOptions{Channel: terbuka.ChannelWeb})
	if err != nil {
		t.Fatalf("create request for %s: %v", slug, err)
	}
	return r, token
}

// staffView reads a request as the PPID Utama, who sees the whole province.
func (f *fixture) staffView(t *testing.T, number string) terbuka.Request {
	t.Helper()
	r, err := f.s.RequestForStaff(context.Background(), f.ppid, number)
	if err != nil {
		t.Fatalf("read %s: %v", number, err)
	}
	return r
}

func validRequest() terbuka.NewRequest {
	return terbuka.NewRequest{
		Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Budi Santoso", IDNumber: "3201011501900001",
			Address: "Jl. Merdeka 1, Bandung", Email: "budi@example.id", Phone: "0812-3456-7890", Occupation: "Wiraswasta"},
		Information: "Salinan laporan realisasi anggaran Dinas Kesehatan tahun 2025",
		Purpose:     "Penelitian", Obtain: "softcopy", Delivery: "email",
	}
}

// withoutEmail is a request by phone only, collected in person.
func withoutEmail(in *terbuka.NewRequest) {
	in.Requester.Email = ""
	in.Delivery = "in_person"
}

// wantCode fails unless err carries code.
func wantCode(t *testing.T, err error, code terbuka.Code) {
	t.Helper()
	if got := terbuka.ErrorCode(err); err == nil || got != code {
		t.Fatalf("got error %v (code %q), want code %q", err, got, code)
	}
}

// wantField fails unless err is EInvalid naming field.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	wantCode(t, err, terbuka.EInvalid)
	if _, ok := terbuka.AsError(err).Fields[field]; !ok {
		t.Fatalf("error %v does not name field %q", err, field)
	}
}

// secondInstance opens another connection pool on the database behind db,
// as a second app instance would, and returns a Store on it sharing the
// fixture clock.
func secondInstance(t *testing.T, f *fixture) *store.Store {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, f.db.DSN)
	if err != nil {
		t.Fatalf("open second instance: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if n, err := db.Migrate(ctx); err != nil || n != 0 {
		t.Fatalf("second instance migrate = %d, %v; want 0 (already migrated)", n, err)
	}
	return store.New(db, f.clock, fastHasher())
}

// rawDB opens the database behind db without the store, for the few checks
// no service exposes (events only staff may write, e.g. internal notes).
func rawDB(t *testing.T, db *store.DB) *sql.DB {
	t.Helper()
	driver, dsn := "pgx", db.DSN
	if db.Dialect == store.SQLite {
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Set("_time_format", "sqlite")
		driver, dsn = "sqlite", "file:"+strings.TrimPrefix(db.DSN, "sqlite://")+"?"+q.Encode()
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// numbers returns the registration numbers of rs in order.
func numbers(rs []terbuka.Request) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Number
	}
	return out
}

// eventKinds returns the kinds of es in order.
func eventKinds(es []terbuka.Event) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Kind
	}
	return out
}

func TestDB_Migrate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		t.Run("SecondRunIsNoop", func(t *testing.T) {
			// storetest already migrated once.
			for i := 0; i < 2; i++ {
				n, err := db.Migrate(ctx)
				if err != nil || n != 0 {
					t.Fatalf("run %d: Migrate = %d, %v; want 0, nil", i+2, n, err)
				}
			}
		})
		t.Run("SchemaUsable", func(t *testing.T) {
			if err := db.Ping(ctx); err != nil {
				t.Fatal(err)
			}
			s := store.New(db, &clock{t: wib(2026, 1, 12, 9, 0)}, fastHasher())
			if n, err := s.CountBodies(ctx); err != nil || n != 0 {
				t.Fatalf("CountBodies = %d, %v", n, err)
			}
		})
	})
}

// sameSet reports whether a and b hold the same strings in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
