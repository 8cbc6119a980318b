package portal_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/portal"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/web"
	"github.com/terbuka-id/terbuka/workday"
)

// env is a portal over a real store with a province, its bodies, one
// account per role that matters here, and one request filed on the web.
type env struct {
	store   *store.Store
	portal  *portal.Portal
	handler http.Handler
	// sessions maps a user key (admin, ppid, pelaksana, other, eval) to a
	// live session secret.
	sessions map[string]string
	number   string // the request filed in setup
	token    string // its tracking code
}

type fixedClock struct{ t time.Time }

func (c *fixedClock) Now() time.Time { return c.t }

// now is Monday 12 January 2026, 09:00 WIB: a request filed then is
// received that day and due on Tuesday 27 January (DOMAIN.md example 1).
var now = time.Date(2026, 1, 12, 9, 0, 0, 0, workday.Jakarta)

const testPassword = "kata-sandi-42"

// The requester of the setup request; the tracking page must never show
// these personal details.
const (
	nik     = "3201011501900001"
	phone   = "+6281234567890"
	email   = "budi@example.id"
	address = "Jl. Merdeka 1, Bandung"
)

func validForm() url.Values {
	return url.Values{
		"requester.kind": {"individual"}, "requester.name": {"Budi Santoso"}, "requester.id_number": {nik},
		"requester.address": {address}, "requester.email": {email}, "requester.phone": {"0812-3456-7890"},
		"requester.occupation": {"Wiraswasta"},
		"information":          {"Salinan laporan realisasi anggaran Dinas Kesehatan tahun 2025"},
		"purpose":              {"Penelitian"}, "obtain": {"softcopy"}, "delivery": {"email"},
	}
}

func newEnv(t *testing.T, db *store.DB, configure func(*portal.Portal)) *env {
	t.Helper()
	ctx := context.Background()
	s := store.New(db, &fixedClock{now}, password.NewHasher(password.Fast, 2))
	for _, b := range []terbuka.Body{
		{Slug: "prov-uji", Code: "PROV", Name: "Pemerintah Provinsi Uji", Kind: terbuka.KindProvince},
		{Slug: "diskominfo-uji", Code: "KOMINFO", Name: "Diskominfo Uji", Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDUtama},
		{Slug: "dinkes-uji", Code: "DINKES", Name: "Dinas Kesehatan Uji", Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDPelaksana},
		{Slug: "dindik-uji", Code: "DINDIK", Name: "Dinas Pendidikan Uji", Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDPelaksana},
		{Slug: "ki-uji", Code: "KI", Name: "Komisi Informasi Uji", Kind: terbuka.KindCommission},
	} {
		if _, err := s.CreateBody(ctx, b); err != nil {
			t.Fatalf("create body %s: %v", b.Slug, err)
		}
	}
	e := &env{store: s, sessions: map[string]string{}}
	for key, u := range map[string]struct {
		role terbuka.Role
		body string
	}{
		"admin": {terbuka.RoleAdmin, "prov-uji"}, "ppid": {terbuka.RolePPID, "diskominfo-uji"},
		"pelaksana": {terbuka.RolePPIDPelaksana, "dinkes-uji"}, "other": {terbuka.RolePPIDPelaksana, "dindik-uji"},
		"eval": {terbuka.RoleEvaluator, "ki-uji"},
	} {
		mail := key + "@uji.go.id"
		if _, err := s.CreateUser(ctx, terbuka.NewUser{Email: mail, Name: "Petugas " + key, Role: u.role, BodySlug: u.body, Password: testPassword}); err != nil {
			t.Fatalf("create user %s: %v", key, err)
		}
		_, secret, err := s.Login(ctx, mail, testPassword)
		if err != nil {
			t.Fatalf("login %s: %v", key, err)
		}
		e.sessions[key] = secret
	}
	in := terbuka.NewRequest{
		Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Budi Santoso", IDNumber: nik, Address: address,
			Email: email, Phone: "0812-3456-7890", Occupation: "Wiraswasta"},
		Information: "Salinan laporan realisasi anggaran Dinas Kesehatan tahun 2025", Purpose: "Penelitian",
		Obtain: "softcopy", Delivery: "email",
	}
	r, token, err := s.CreateRequest(ctx, "dinkes-uji", in, store.CreateOptions{Channel: terbuka.ChannelWeb})
	if err != nil {
		t.Fatalf("create request: %v", err)
	}
	e.number, e.token = r.Number, token
	e.portal = &portal.Portal{Store: s}
	if configure != nil {
		configure(e.portal)
	}
	if err := e.portal.Init(); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	e.portal.Routes(mux)
	// The same stack as cmd/terbuka: security headers and CSRF protection.
	e.handler = web.SecureHeaders(http.NewCrossOriginProtection().Handler(mux))
	return e
}

// eachEngine runs fn on SQLite and on PostgreSQL, each with a fresh env
// whose portal configure may adjust (nil for the defaults).
func eachEngine(t *testing.T, configure func(*portal.Portal), fn func(t *testing.T, e *env)) {
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) { fn(t, newEnv(t, eng.Open(t), configure)) })
	}
}

// scenario is one HTTP exchange and what its answer must (not) contain.
// {number} and {token} in the URL, the form and the expectations stand for
// the setup request's number and tracking code.
type scenario struct {
	name    string
	method  string
	url     string
	form    url.Values
	body    func(e *env) (io.Reader, string) // a custom body and its content type
	as      string                           // user key whose session cookie is sent
	lang    string                           // value of the lang cookie
	cookies []*http.Cookie
	header  map[string]string // request headers
	remote  string            // client address, for the login limit

	status     int
	want       []string
	notWant    []string
	wantHeader map[string]string // response header → expected prefix
	check      func(t *testing.T, e *env, rec *httptest.ResponseRecorder)
}

func (e *env) fill(s string) string {
	if strings.Contains(s, "{holiday}") { // the first regional holiday of dinkes-uji
		hs, err := e.store.RegionalHolidays(context.Background(), "dinkes-uji")
		id := "0"
		if err == nil && len(hs) > 0 {
			id = strconv.FormatInt(hs[0].ID, 10)
		}
		s = strings.ReplaceAll(s, "{holiday}", id)
	}
	return strings.NewReplacer("{number}", e.number, "{token}", e.token).Replace(s)
}

// do sends one request through the handler stack.
func (e *env) do(t *testing.T, sc scenario) *httptest.ResponseRecorder {
	t.Helper()
	method := sc.method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	ctype := ""
	switch {
	case sc.body != nil:
		body, ctype = sc.body(e)
	case sc.form != nil:
		f := url.Values{}
		for k, vs := range sc.form {
			for _, v := range vs {
				f.Add(k, e.fill(v))
			}
		}
		body, ctype = strings.NewReader(f.Encode()), "application/x-www-form-urlencoded"
	}
	req := httptest.NewRequest(method, e.fill(sc.url), body)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if sc.remote != "" {
		req.RemoteAddr = sc.remote
	}
	for k, v := range sc.header {
		req.Header.Set(k, v)
	}
	if sc.as != "" {
		req.AddCookie(&http.Cookie{Name: "terbuka_session", Value: e.sessions[sc.as]})
	}
	if sc.lang != "" {
		req.AddCookie(&http.Cookie{Name: "lang", Value: sc.lang})
	}
	for _, c := range sc.cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	return rec
}

// run plays the scenarios in order; later ones may rely on earlier ones.
func (e *env) run(t *testing.T, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			rec := e.do(t, sc)
			got := rec.Body.String()
			if rec.Code != sc.status {
				t.Fatalf("status %d, want %d; body:\n%s", rec.Code, sc.status, snippet(got))
			}
			for _, w := range sc.want {
				if w = e.fill(w); !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, snippet(got))
				}
			}
			for _, w := range sc.notWant {
				if w = e.fill(w); strings.Contains(got, w) {
					t.Errorf("must not contain %q", w)
				}
			}
			for k, v := range sc.wantHeader {
				if h := rec.Header().Values(k); !anyPrefix(h, e.fill(v)) {
					t.Errorf("header %s = %q, want prefix %q", k, h, e.fill(v))
				}
			}
			if sc.check != nil {
				sc.check(t, e, rec)
			}
		})
	}
}

func anyPrefix(values []string, prefix string) bool {
	for _, v := range values {
		if strings.HasPrefix(v, prefix) {
			return true
		}
	}
	return false
}

// snippet keeps failure output readable: the main part of a page.
func snippet(s string) string {
	if i := strings.Index(s, `<main`); i >= 0 {
		s = s[i:]
	}
	if len(s) > 3000 {
		s = s[:3000] + "…"
	}
	return s
}

// cookie returns the named cookie the response sets, or nil.
func cookie(rec *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}
