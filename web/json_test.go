package web_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/web"
)

// target has the shapes the API decodes: nested objects, a pointer, a
// list, numbers and booleans.
type target struct {
	Name   string   `json:"name"`
	Count  int      `json:"count"`
	OK     bool     `json:"ok"`
	Tags   []string `json:"tags"`
	Nested struct {
		ID string `json:"id"`
	} `json:"nested"`
	Opt *struct {
		N int `json:"n"`
	} `json:"opt"`
}

// wantErr describes the *terbuka.Error expected, or none when code is "".
type wantErr struct {
	code  terbuka.Code
	key   string
	field string // a key that must be in Fields
}

func checkErr(t *testing.T, err error, want wantErr) {
	t.Helper()
	if want.code == "" {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	e := terbuka.AsError(err)
	if e == nil {
		t.Fatalf("got %v (%T), want a *terbuka.Error with code %s", err, err, want.code)
	}
	if e.Code != want.code || (want.key != "" && e.Msg.Key != want.key) {
		t.Errorf("got %s/%s, want %s/%s", e.Code, e.Msg.Key, want.code, want.key)
	}
	if want.field != "" {
		if _, ok := e.Fields[want.field]; !ok {
			t.Errorf("fields %v lack %q", e.Fields, want.field)
		}
	}
	if got := web.Status(e.Code); got < 400 || got >= 500 {
		t.Errorf("code %s maps to %d, want a 4xx", e.Code, got)
	}
}

func TestUnmarshal(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want wantErr
	}{
		{"object", `{"name": "Budi", "count": 2, "ok": true, "tags": ["a"], "nested": {"id": "x"}, "opt": {"n": 1}}`, wantErr{}},
		{"empty object", `{}`, wantErr{}},
		{"null is no value at all", `null`, wantErr{}},
		{"surrounding white space", " \n\t{}\r\n ", wantErr{}},
		{"escaped non-ASCII", `{"name": "Bud\u00ed \u2713"}`, wantErr{}},
		{"empty", ``, wantErr{terbuka.EMalformed, "invalid.json", ""}},
		{"only white space", "  \n", wantErr{terbuka.EMalformed, "invalid.json", ""}},
		{"syntax error", `{"name": }`, wantErr{terbuka.EMalformed, "invalid.json", ""}},
		{"cut short", `{"name": "Bu`, wantErr{terbuka.EMalformed, "invalid.json", ""}},
		{"single quotes", `{'name': 'x'}`, wantErr{terbuka.EMalformed, "invalid.json", ""}},
		{"trailing object", `{} {}`, wantErr{terbuka.EMalformed, "invalid.json_trailing", ""}},
		{"trailing garbage", `{"name": "x"} ;`, wantErr{terbuka.EMalformed, "invalid.json_trailing", ""}},
		{"invalid UTF-8 in a string", "{\"name\": \"Bud\xffi\"}", wantErr{terbuka.EMalformed, "invalid.utf8", ""}},
		{"invalid UTF-8 outside strings", "{\xc3}", wantErr{terbuka.EMalformed, "invalid.utf8", ""}},
		{"overlong encoding", "{\"name\": \"\xc0\xaf\"}", wantErr{terbuka.EMalformed, "invalid.utf8", ""}},
		{"wrong type at the top", `["a"]`, wantErr{terbuka.EInvalid, "invalid.input", "body"}},
		{"string at the top", `"x"`, wantErr{terbuka.EInvalid, "invalid.input", "body"}},
		{"wrong type of a field", `{"count": "two"}`, wantErr{terbuka.EInvalid, "invalid.input", "count"}},
		{"wrong type of a nested field", `{"nested": {"id": 5}}`, wantErr{terbuka.EInvalid, "invalid.input", "nested.id"}},
		{"object where a string belongs", `{"name": {}}`, wantErr{terbuka.EInvalid, "invalid.input", "name"}},
		{"string where an object belongs", `{"nested": "x"}`, wantErr{terbuka.EInvalid, "invalid.input", "nested"}},
		{"number too big", `{"count": 1e999}`, wantErr{terbuka.EInvalid, "invalid.input", "count"}},
		{"fraction for an integer", `{"count": 1.5}`, wantErr{terbuka.EInvalid, "invalid.input", "count"}},
		{"wrong type in a list", `{"tags": [1]}`, wantErr{terbuka.EInvalid, "invalid.input", "tags"}},
		{"unknown field", `{"nomor_rekening": "1"}`, wantErr{terbuka.EInvalid, "invalid.input", "nomor_rekening"}},
		// encoding/json does not say where an unknown nested field is, so
		// the error names the field alone.
		{"unknown nested field", `{"nested": {"extra": 1}}`, wantErr{terbuka.EInvalid, "invalid.input", "extra"}},
		{"unknown field with an empty name", `{"": []}`, wantErr{terbuka.EInvalid, "invalid.input", `""`}},
		{"unknown field with a quote in its name", `{"a\"b": 1}`, wantErr{terbuka.EInvalid, "invalid.input", `a"b`}},
		{"field names match case-insensitively, as in encoding/json", `{"NAME": "x"}`, wantErr{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v target
			checkErr(t, web.Unmarshal([]byte(tt.raw), &v), tt.want)
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestDecodeJSON(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        io.Reader
		limit       int64
		want        wantErr
	}{
		{"application/json", "application/json", strings.NewReader(`{"name": "x"}`), 0, wantErr{}},
		{"with charset", "application/json; charset=utf-8", strings.NewReader(`{}`), 0, wantErr{}},
		{"+json suffix", "application/merge-patch+json", strings.NewReader(`{}`), 0, wantErr{}},
		{"no content type", "", strings.NewReader(`{}`), 0, wantErr{}},
		{"curl's default form type", "application/x-www-form-urlencoded", strings.NewReader(`{}`), 0, wantErr{}},
		{"text/plain", "text/plain", strings.NewReader(`{}`), 0, wantErr{}},
		{"multipart form", "multipart/form-data; boundary=x", strings.NewReader("--x--"), 0,
			wantErr{terbuka.EUnsupported, "unsupported.content_type", ""}},
		{"XML", "application/xml", strings.NewReader(`<a/>`), 0, wantErr{terbuka.EUnsupported, "unsupported.content_type", ""}},
		{"unparsable content type", "application/json; charset", strings.NewReader(`{}`), 0,
			wantErr{terbuka.EUnsupported, "unsupported.content_type", ""}},
		{"exactly the limit", "application/json", strings.NewReader(`{"name": "` + strings.Repeat("a", 8) + `"}`), 20, wantErr{}},
		{"one byte over the limit", "application/json", strings.NewReader(`{"name": "` + strings.Repeat("a", 9) + `"}`), 20,
			wantErr{terbuka.ETooLarge, "too_large.body", ""}},
		{"over the default limit", "application/json", strings.NewReader(`{"name": "` + strings.Repeat("a", web.MaxJSONBody) + `"}`), 0,
			wantErr{terbuka.ETooLarge, "too_large.body", ""}},
		{"just under the default limit", "application/json",
			strings.NewReader(`{"name": "` + strings.Repeat("a", web.MaxJSONBody-len(`{"name": ""}`)) + `"}`), 0, wantErr{}},
		{"read error", "application/json", failingReader{}, 0, wantErr{terbuka.EMalformed, "invalid.json", ""}},
		{"empty body", "application/json", strings.NewReader(""), 0, wantErr{terbuka.EMalformed, "invalid.json", ""}},
		{"invalid UTF-8", "application/json", strings.NewReader("{\"name\": \"\xff\"}"), 0, wantErr{terbuka.EMalformed, "invalid.utf8", ""}},
		{"unknown field", "application/json", strings.NewReader(`{"x": 1}`), 0, wantErr{terbuka.EInvalid, "invalid.input", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", tt.body)
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			var v target
			checkErr(t, web.DecodeJSON(httptest.NewRecorder(), r, &v, tt.limit), tt.want)
		})
	}
}

// TestStatus pins the one mapping from codes to statuses: bad syntax is
// 400, bad content 422 (API.md: "Bad input → 422 with fields").
func TestStatus(t *testing.T) {
	for code, want := range map[terbuka.Code]int{
		terbuka.EMalformed: http.StatusBadRequest, terbuka.EInvalid: http.StatusUnprocessableEntity,
		terbuka.ENotFound: http.StatusNotFound, terbuka.EConflict: http.StatusConflict,
		terbuka.EUnauthorized: http.StatusUnauthorized, terbuka.EForbidden: http.StatusForbidden,
		terbuka.ETooLarge: http.StatusRequestEntityTooLarge, terbuka.EUnsupported: http.StatusUnsupportedMediaType,
		terbuka.ERateLimited: http.StatusTooManyRequests, terbuka.EInternal: http.StatusInternalServerError,
		"something new": http.StatusInternalServerError,
	} {
		if got := web.Status(code); got != want {
			t.Errorf("Status(%s) = %d, want %d", code, got, want)
		}
	}
}

// FuzzUnmarshal: whatever the bytes, Unmarshal never panics, fails only
// with a malformed or invalid *terbuka.Error, and accepts only valid UTF-8
// JSON.
func FuzzUnmarshal(f *testing.F) {
	for _, s := range []string{
		`{"name": "Budi", "count": 2, "ok": true, "tags": ["a"], "nested": {"id": "x"}, "opt": {"n": 1}}`,
		`{}`, `null`, `[]`, `"x"`, `5`, `{"count": "2"}`, `{"nested": {"extra": 1}}`, `{"x": 1}`, `{} {}`, `{"opt": null}`,
		"{\"name\": \"\xff\"}", `{"count": 1e999}`, `{"name": "\ud800"}`, ``, `{"tags": [1, {"a": []}]}`, `{"":[]}`, `{"a\"b": 1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var v target
		err := web.Unmarshal(raw, &v)
		if err == nil {
			if !utf8.Valid(raw) || !json.Valid(raw) {
				t.Fatalf("accepted %q, which is not valid UTF-8 JSON", raw)
			}
			return
		}
		var e *terbuka.Error
		if !errors.As(err, &e) {
			t.Fatalf("error %v is a %T, not a *terbuka.Error", err, err)
		}
		if e.Code != terbuka.EMalformed && e.Code != terbuka.EInvalid {
			t.Fatalf("code %s for %q", e.Code, raw)
		}
		if !utf8.Valid(raw) && e.Msg.Key != "invalid.utf8" {
			t.Fatalf("invalid UTF-8 %q reported as %s", raw, e.Msg.Key)
		}
		for k := range e.Fields {
			if k == "" {
				t.Fatalf("empty field name for %q", raw)
			}
		}
	})
}
