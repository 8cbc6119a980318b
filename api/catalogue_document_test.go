package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
)

func TestCatalogueDocument_API(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		entry := f.createEntry(t, f.pelaksana, "dinkes-uji", berkalaEntry)
		exempt := f.createEntry(t, f.pelaksana, "dinkes-uji", exemptEntry)
		docs := "/api/v1/catalogue/" + strconv.FormatInt(entry, 10) + "/documents"
		exemptDocs := "/api/v1/catalogue/" + strconv.FormatInt(exempt, 10) + "/documents"
		v1 := []byte("Realisasi anggaran Dinas Kesehatan 2025\n")
		v2 := append(append([]byte{}, pdfFile...), "versi kedua"...)
		up1, up1Type := multipartBody(t, "file", "Laporan Keuangan – 2025.txt", v1, "title", "Laporan Keuangan 2025")
		up2, up2Type := multipartBody(t, "file", "laporan.pdf", v2)
		secret, secretType := multipartBody(t, "file", "rm.txt", []byte("isi rahasia "+exemptPhrase), "title", "Rekam medis")
		html, htmlType := multipartBody(t, "file", "laporan.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script>"), "title", "X")
		noTitle, noTitleType := multipartBody(t, "file", "a.txt", v1)
		var docURL string
		f.runAll(t, []scenario{
			{name: "needs staff", method: "POST", url: docs, headers: headers("Content-Type", up1Type), body: up1,
				status: http.StatusUnauthorized},
			{name: "commission may not upload", method: "POST", url: docs, headers: bearer(f.evaluator, "Content-Type", up1Type), body: up1,
				status: http.StatusForbidden},
			{name: "staff of another unit do not see the entry", method: "POST", url: docs, headers: bearer(f.other, "Content-Type", up1Type),
				body: up1, status: http.StatusNotFound},
			{name: "not multipart", method: "POST", url: docs, headers: bearer(f.pelaksana), body: `{"title": "x"}`,
				status: http.StatusUnsupportedMediaType},
			{name: "HTML renamed .pdf", method: "POST", url: docs, headers: bearer(f.pelaksana, "Content-Type", htmlType), body: html,
				status: http.StatusUnsupportedMediaType, code: "unsupported_media_type", fields: []string{"file"}},
			{name: "title required", method: "POST", url: docs, headers: bearer(f.pelaksana, "Content-Type", noTitleType), body: noTitle,
				status: http.StatusUnprocessableEntity, fields: []string{"title"}},
			{name: "upload", method: "POST", url: docs, headers: bearer(f.pelaksana, "Content-Type", up1Type), body: up1,
				status: http.StatusCreated, contains: []string{`"title":"Laporan Keuangan 2025"`, `"current_version":1`,
					`"content_type":"text/plain; charset=utf-8"`, `"sha256":"` + hexSum(v1) + `"`, `"uploaded_by":"Petugas ppid_pelaksana"`},
				check: func(t *testing.T, body []byte) {
					docURL = "/api/v1/catalogue/" + strconv.FormatInt(entry, 10) + "/documents/" + idOf(t, body)
				}},
			{name: "upload to an exempt entry", method: "POST", url: exemptDocs, headers: bearer(f.pelaksana, "Content-Type", secretType),
				body: secret, status: http.StatusCreated},
		})
		f.runAll(t, []scenario{
			{name: "new version", method: "POST", url: docURL + "/versions", headers: bearer(f.ppid, "Content-Type", up2Type), body: up2,
				status: http.StatusCreated, contains: []string{`"current_version":2`, `"content_type":"application/pdf"`, `"filename":"laporan.pdf"`}},
			{name: "same bytes again", method: "POST", url: docURL + "/versions", headers: bearer(f.ppid, "Content-Type", up2Type), body: up2,
				status: http.StatusConflict, code: "conflict"},
			{name: "public list", method: "GET", url: docs, status: http.StatusOK,
				contains: []string{`"items":[{`, `"version":2`, `"version":1`, `/download?version=1"`}, excludes: []string{"uploaded_by"}},
			{name: "public list of an exempt entry is empty", method: "GET", url: exemptDocs, status: http.StatusOK,
				contains: []string{`{"items":[]}`}, excludes: []string{"Rekam medis", exemptPhrase}},
			{name: "staff in scope list an exempt entry's documents", method: "GET", url: exemptDocs, headers: bearer(f.ppid),
				status: http.StatusOK, contains: []string{`"title":"Rekam medis"`}},
			{name: "bad ids", method: "GET", url: "/api/v1/catalogue/abc/documents", status: http.StatusNotFound},
			{name: "missing entry", method: "GET", url: "/api/v1/catalogue/999999/documents", status: http.StatusNotFound},
			{name: "bad document id", method: "GET", url: docs + "/0/download", status: http.StatusNotFound},
			{name: "huge document id", method: "GET", url: docs + "/99999999999999999999999/download", status: http.StatusNotFound},
			{name: "bad version", method: "GET", url: docURL + "/download?version=x", status: http.StatusNotFound},
			{name: "version 0 is not the current one", method: "GET", url: docURL + "/download?version=0", status: http.StatusNotFound},
			{name: "missing version", method: "GET", url: docURL + "/download?version=3", status: http.StatusNotFound},
			{name: "version of a bad document id", method: "POST", url: docs + "/x/versions", headers: bearer(f.ppid, "Content-Type", up2Type),
				body: up2, status: http.StatusNotFound},
		})

		t.Run("public download headers", func(t *testing.T) {
			status, h, body := f.do(t, f.url, "GET", docURL+"/download?version=1", nil, "")
			sum := sha256.Sum256(v1)
			want := map[string]string{
				"Content-Type":           "text/plain; charset=utf-8",
				"Content-Length":         strconv.Itoa(len(v1)),
				"ETag":                   `"` + hexSum(v1) + `"`,
				"Repr-Digest":            "sha-256=:" + base64.StdEncoding.EncodeToString(sum[:]) + ":",
				"X-Content-Type-Options": "nosniff",
				"Cache-Control":          "public, max-age=31536000, immutable",
				"Content-Disposition":    `attachment; filename="Laporan Keuangan _ 2025.txt"; filename*=UTF-8''Laporan%20Keuangan%20%E2%80%93%202025.txt`,
			}
			if status != http.StatusOK || !bytes.Equal(body, v1) {
				t.Fatalf("status %d, body %q", status, body)
			}
			for k, v := range want {
				if got := h.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			status, h, body = f.do(t, f.url, "GET", docURL+"/download", nil, "")
			if status != http.StatusOK || !bytes.Equal(body, v2) || h.Get("Cache-Control") != "public, no-cache" ||
				h.Get("Content-Type") != "application/pdf" {
				t.Errorf("current version: %d %q %v", status, body, h)
			}
			status, _, body = f.do(t, f.url, "GET", docURL+"/download", headers("If-None-Match", `W/"x", "`+hexSum(v2)+`"`), "")
			if status != http.StatusNotModified || len(body) != 0 {
				t.Errorf("If-None-Match: %d %q", status, body)
			}
		})
		t.Run("exempt entry's document", func(t *testing.T) {
			var list struct {
				Items []struct {
					URL string `json:"url"`
				} `json:"items"`
			}
			decodeInto(t, f.run(t, scenario{method: "GET", url: exemptDocs, headers: bearer(f.pelaksana), status: http.StatusOK}), &list)
			if len(list.Items) != 1 {
				t.Fatalf("staff list %+v", list)
			}
			u := list.Items[0].URL
			f.run(t, scenario{name: "public", method: "GET", url: u, status: http.StatusNotFound, excludes: []string{exemptPhrase}})
			f.run(t, scenario{name: "other unit", method: "GET", url: u, headers: bearer(f.other), status: http.StatusNotFound})
			f.run(t, scenario{name: "bad token", method: "GET", url: u, headers: bearer("salah"), status: http.StatusUnauthorized})
			status, h, body := f.do(t, f.url, "GET", u, bearer(f.pelaksana), "")
			if status != http.StatusOK || !strings.Contains(string(body), exemptPhrase) || h.Get("Cache-Control") != "private, no-store" {
				t.Errorf("staff download: %d %q %q", status, body, h.Get("Cache-Control"))
			}
		})
	})
}

func TestCatalogueDocument_API_TooLarge(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		entry := f.createEntry(t, f.pelaksana, "dinkes-uji", berkalaEntry)
		big := append(append([]byte{}, pdfFile...), make([]byte, terbuka.MaxCatalogueDocumentBytes)...)
		body, ctype := multipartBody(t, "file", "besar.pdf", big, "title", "Besar")
		raw := f.run(t, scenario{method: "POST", url: "/api/v1/catalogue/" + strconv.FormatInt(entry, 10) + "/documents",
			headers: bearer(f.pelaksana, "Content-Type", ctype), body: body, status: http.StatusRequestEntityTooLarge, code: "too_large"})
		if e := decodeError(t, raw); !strings.Contains(e.Message, "50 MiB") {
			t.Errorf("message %q", e.Message)
		}
	})
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// idOf reads the "id" of a JSON object as decimal text.
func idOf(t *testing.T, body []byte) string {
	t.Helper()
	var v struct {
		ID int64 `json:"id"`
	}
	decodeInto(t, body, &v)
	if v.ID <= 0 {
		t.Fatalf("no id in %s", body)
	}
	return strconv.FormatInt(v.ID, 10)
}

func decodeInto(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}
