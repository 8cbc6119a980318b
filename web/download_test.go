package web

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestContentDisposition(t *testing.T) {
	tests := []struct{ name, want string }{
		{"laporan.pdf", `attachment; filename="laporan.pdf"; filename*=UTF-8''laporan.pdf`},
		{"Laporan Keuangan 2025.pdf", `attachment; filename="Laporan Keuangan 2025.pdf"; filename*=UTF-8''Laporan%20Keuangan%202025.pdf`},
		{"Rekap – Dinas.xlsx", `attachment; filename="Rekap _ Dinas.xlsx"; filename*=UTF-8''Rekap%20%E2%80%93%20Dinas.xlsx`},
		{`a"b\c.txt`, `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`},
		{"a\r\nSet-Cookie: x.txt", `attachment; filename="aSet-Cookie: x.txt"; filename*=UTF-8''aSet-Cookie%3A%20x.txt`},
		{"", "attachment"},
	}
	for _, tt := range tests {
		if got := ContentDisposition(tt.name); got != tt.want {
			t.Errorf("ContentDisposition(%q)\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestServeDownload(t *testing.T) {
	body := "isi dokumen"
	s := sha256.Sum256([]byte(body))
	d := Download{Filename: "dokumen.txt", ContentType: "text/plain; charset=utf-8", Size: int64(len(body)), SHA256: hex.EncodeToString(s[:])}
	etag := `"` + d.SHA256 + `"`
	serve := func(d Download, method, inm string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, "/x", nil)
		if inm != "" {
			r.Header.Set("If-None-Match", inm)
		}
		w := httptest.NewRecorder()
		if err := ServeDownload(w, r, d, strings.NewReader(body)); err != nil {
			t.Fatal(err)
		}
		return w
	}
	tests := []struct {
		name, method, inm string
		d                 Download
		status            int
		body, cache       string
	}{
		{"current version", "GET", "", d, 200, body, "public, no-cache"},
		{"one version", "GET", "", Download{Filename: d.Filename, ContentType: d.ContentType, Size: d.Size, SHA256: d.SHA256, Immutable: true},
			200, body, "public, max-age=31536000, immutable"},
		{"staff", "GET", etag, Download{Filename: d.Filename, ContentType: d.ContentType, Size: d.Size, SHA256: d.SHA256, Private: true},
			200, body, "private, no-store"},
		{"etag matches", "GET", `"other", ` + etag, d, 304, "", "public, no-cache"},
		{"weak etag matches", "GET", "W/" + etag, d, 304, "", "public, no-cache"},
		{"star", "GET", "*", d, 304, "", "public, no-cache"},
		{"etag differs", "GET", `"` + strings.Repeat("0", 64) + `"`, d, 200, body, "public, no-cache"},
		{"head", "HEAD", "", d, 200, "", "public, no-cache"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(tt.d, tt.method, tt.inm)
			h := w.Result().Header
			if w.Code != tt.status || w.Body.String() != tt.body || h.Get("Cache-Control") != tt.cache {
				t.Fatalf("%d %q %q", w.Code, w.Body.String(), h.Get("Cache-Control"))
			}
			if h.Get("ETag") != etag || h.Get("X-Content-Type-Options") != "nosniff" ||
				h.Get("Repr-Digest") != "sha-256=:"+base64.StdEncoding.EncodeToString(s[:])+":" {
				t.Errorf("headers %v", h)
			}
			if tt.status == http.StatusOK && (h.Get("Content-Length") != "11" || h.Get("Content-Type") != d.ContentType ||
				!strings.HasPrefix(h.Get("Content-Disposition"), "attachment;")) {
				t.Errorf("headers %v", h)
			}
		})
	}
}
