package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/api"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/web"
	"github.com/terbuka-id/terbuka/workday"
)

// start is Monday 12 January 2026, 10:00 WIB, within office hours: a
// request filed then is received that day and due on 27 January (16 January
// is Isra Mikraj), or on 5 February after the extension.
var start = time.Date(2026, 1, 12, 10, 0, 0, 0, workday.Jakarta)

// clock is the store's clock; tests move it while the server reads it from
// its own goroutines.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// fixture is a province with a PPID Utama, two OPDs and a Komisi Informasi,
// a bearer token per staff role, and the API served over HTTP as serve.go
// wires it.
type fixture struct {
	url   string
	st    *store.Store
	clock *clock
	reg   *prometheus.Registry
	logs  *syncBuffer

	admin, ppid, pelaksana, other, atasan, evaluator string // bearer tokens
}

// eachEngine runs fn on a fresh fixture over SQLite and over PostgreSQL.
// The PostgreSQL run is never skipped unless TERBUKA_TEST_PG=skip says so.
func eachEngine(t *testing.T, fn func(t *testing.T, f *fixture)) {
	t.Helper()
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) { fn(t, newFixture(t, e.Open(t))) })
	}
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: start}
	f := &fixture{st: store.New(db, c, password.NewHasher(password.Fast, 2)), clock: c, logs: &syncBuffer{}}
	bodies := []terbuka.Body{
		{Slug: "prov-uji", Code: "PROV", Name: "Pemerintah Provinsi Uji", Kind: terbuka.KindProvince},
		{Slug: "diskominfo-uji", Code: "KOMINFO", Name: "Diskominfo Uji", Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDUtama},
		{Slug: "dinkes-uji", Code: "DINKES", Name: "Dinas Kesehatan Uji", Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDPelaksana},
		{Slug: "dindik-uji", Code: "DINDIK", Name: "Dinas Pendidikan Uji", Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDPelaksana},
		{Slug: "ki-uji", Code: "KI", Name: "Komisi Informasi Uji", Kind: terbuka.KindCommission},
	}
	for _, b := range bodies {
		if _, err := f.st.CreateBody(ctx, b); err != nil {
			t.Fatalf("create body %s: %v", b.Slug, err)
		}
	}
	token := func(email string, role terbuka.Role, body string) string {
		if _, err := f.st.CreateUser(ctx, terbuka.NewUser{Email: email, Name: "Petugas " + string(role), Role: role, BodySlug: body, Password: "kata-sandi-42"}); err != nil {
			t.Fatalf("create user %s: %v", email, err)
		}
		tok, err := f.st.CreateToken(ctx, email)
		if err != nil {
			t.Fatalf("create token %s: %v", email, err)
		}
		return tok
	}
	f.admin = token("admin@uji.go.id", terbuka.RoleAdmin, "prov-uji")
	f.ppid = token("ppid@uji.go.id", terbuka.RolePPID, "diskominfo-uji")
	f.pelaksana = token("dinkes@uji.go.id", terbuka.RolePPIDPelaksana, "dinkes-uji")
	f.other = token("dindik@uji.go.id", terbuka.RolePPIDPelaksana, "dindik-uji")
	f.atasan = token("atasan@uji.go.id", terbuka.RoleAtasanPPID, "diskominfo-uji")
	f.evaluator = token("eval@uji.go.id", terbuka.RoleEvaluator, "ki-uji")
	// Logs are shown only when the test fails; this cleanup runs after the
	// servers' (registered later), so every handler has finished writing.
	t.Cleanup(func() {
		if t.Failed() && f.logs.Len() > 0 {
			t.Logf("server log:\n%s", f.logs.String())
		}
	})
	f.reg = prometheus.NewRegistry()
	// Generous per-IP limit: every request of the suite comes from 127.0.0.1.
	f.url = f.serve(t, f.reg, web.NewLimiter(time.Second, 10_000, 100_000))
	return f
}

// serve starts an httptest.Server whose handler is built exactly as
// cmd/terbuka/serve.go builds it (minus /healthz, which is not the API's).
func (f *fixture) serve(t *testing.T, reg *prometheus.Registry, intake *web.Limiter) string {
	t.Helper()
	log := slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	metrics := web.NewMetrics(reg)
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	(&api.API{Store: f.st, Log: log, Intake: intake}).Routes(mux)
	csrf := http.NewCrossOriginProtection()
	srv := httptest.NewServer(web.Observe(web.SecureHeaders(csrf.Handler(mux)), log, metrics, false))
	t.Cleanup(srv.Close)
	return srv.URL
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

// scenario is one HTTP exchange and what its answer must show.
type scenario struct {
	name    string
	method  string
	url     string
	headers map[string]string
	body    string
	status  int
	// contains and excludes are substrings of the response body.
	contains []string
	excludes []string
	// fields are keys that must appear in error.fields.
	fields []string
	// code is the expected error.code when non-empty.
	code string
	// notJSON marks an answer that comes from outside the API (the
	// cross-origin protection's plain-text 403).
	notJSON bool
	check   func(t *testing.T, body []byte)
}

// headers builds a header map from name, value pairs.
func headers(kv ...string) map[string]string {
	h := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		h[kv[i]] = kv[i+1]
	}
	return h
}

func bearer(token string, kv ...string) map[string]string {
	return headers(append([]string{"Authorization", "Bearer " + token}, kv...)...)
}

// do sends one request. A body is sent as application/json unless the
// headers name a Content-Type (an empty one sends none).
func (f *fixture) do(t *testing.T, base, method, url string, h map[string]string, body string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, base+url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := h["Content-Type"]; !ok && body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range h {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read: %v", method, url, err)
	}
	return res.StatusCode, res.Header, raw
}

// run performs sc against the fixture's server and checks it, including
// what holds for every API answer: never a 500, JSON, and every error
// carries error.code and error.message.
func (f *fixture) run(t *testing.T, sc scenario) []byte {
	t.Helper()
	return f.runAt(t, f.url, sc)
}

func (f *fixture) runAt(t *testing.T, base string, sc scenario) []byte {
	t.Helper()
	status, hdr, body := f.do(t, base, sc.method, sc.url, sc.headers, sc.body)
	if status != sc.status {
		t.Errorf("%s %s: status %d, want %d; body %s", sc.method, sc.url, status, sc.status, body)
	}
	if status >= 500 {
		t.Fatalf("%s %s: server error %d: %s", sc.method, sc.url, status, body)
	}
	for _, s := range sc.contains {
		if !bytes.Contains(body, []byte(s)) {
			t.Errorf("%s %s: body lacks %q: %s", sc.method, sc.url, s, body)
		}
	}
	for _, s := range sc.excludes {
		if bytes.Contains(body, []byte(s)) {
			t.Errorf("%s %s: body must not contain %q: %s", sc.method, sc.url, s, body)
		}
	}
	if status != http.StatusNoContent && !sc.notJSON {
		if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s %s: Content-Type %q, want JSON", sc.method, sc.url, ct)
		}
		if !json.Valid(body) {
			t.Errorf("%s %s: body is not JSON: %s", sc.method, sc.url, body)
		}
	}
	if status >= 400 && !sc.notJSON {
		e := decodeError(t, body)
		if e.Code == "" || e.Message == "" {
			t.Errorf("%s %s: error without code or message: %s", sc.method, sc.url, body)
		}
		if sc.code != "" && e.Code != sc.code {
			t.Errorf("%s %s: error.code %q, want %q", sc.method, sc.url, e.Code, sc.code)
		}
		for _, k := range sc.fields {
			if e.Fields[k] == "" {
				t.Errorf("%s %s: error.fields lacks %q: %s", sc.method, sc.url, k, body)
			}
		}
		if status == http.StatusUnauthorized && hdr.Get("WWW-Authenticate") == "" {
			t.Errorf("%s %s: 401 without WWW-Authenticate", sc.method, sc.url)
		}
	} else if len(sc.fields) > 0 || sc.code != "" {
		t.Errorf("%s %s: scenario expects an error, got %d", sc.method, sc.url, status)
	}
	if sc.check != nil && !t.Failed() {
		sc.check(t, body)
	}
	return body
}

// runAll runs each scenario as a subtest, in order: later ones may depend
// on what earlier ones did.
func (f *fixture) runAll(t *testing.T, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) { f.run(t, sc) })
	}
}

func decodeError(t *testing.T, body []byte) web.ErrorDetail {
	t.Helper()
	var e web.ErrorBody
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Errorf("error body is not {\"error\": {...}}: %v: %s", err, body)
	}
	return e.Error
}

// decode unmarshals a successful answer into a generic map.
func decode(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return m
}

// The requester's personal data, which must never reach the public view.
const (
	nik          = "3201011501900001"
	phoneWritten = "0812-3456-7890"
	phoneE164    = "+6281234567890"
	email        = "budi.santoso@example.id"
	address      = "Jl. Merdeka Nomor 17, Bandung"
)

// intake is a complete request from an individual asking for information.
func intake(information string) string {
	return `{"requester": {"kind": "individual", "name": "Budi Santoso", "id_number": "` + nik + `",
		"address": "` + address + `", "email": "` + email + `", "phone": "` + phoneWritten + `", "occupation": "Wiraswasta"},
		"information": "` + information + `", "purpose": "Penelitian",
		"obtain": "softcopy", "delivery": "email"}`
}

// validIntake is a valid intake body.
var validIntake = intake("Salinan laporan realisasi anggaran Dinas Kesehatan tahun 2025")

// file registers a request to slug through the public API and returns its
// number and tracking token.
func (f *fixture) file(t *testing.T, slug, body string) (number, token string) {
	t.Helper()
	raw := f.run(t, scenario{method: "POST", url: "/api/v1/bodies/" + slug + "/requests", body: body, status: http.StatusCreated})
	var out struct {
		Number        string `json:"number"`
		TrackingToken string `json:"tracking_token"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || out.Number == "" || out.TrackingToken == "" {
		t.Fatalf("filing to %s: %v %s", slug, err, raw)
	}
	return out.Number, out.TrackingToken
}

// field returns the string at a dotted path of a decoded answer.
func field(m map[string]any, path string) any {
	var cur any = m
	for _, k := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = obj[k]
	}
	return cur
}

func wantField(t *testing.T, m map[string]any, path string, want any) {
	t.Helper()
	if got := field(m, path); got != want {
		t.Errorf("%s = %#v, want %#v", path, got, want)
	}
}
