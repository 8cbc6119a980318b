package web

import (
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Download describes stored bytes served as a file download.
type Download struct {
	Filename    string // display name; only a label (files.SafeName)
	ContentType string // sniffed from the bytes when stored, never from the name
	Size        int64
	SHA256      string // lower-case hex: the ETag and the digest headers
	// Immutable marks a URL that names one version (?version=N): its bytes
	// never change, so any cache may keep them for a year. A URL of the
	// current version may change and is revalidated every time.
	Immutable bool
	// Private marks bytes only staff may fetch (an exempted entry's
	// documents): never stored by any cache.
	Private bool
}

// ServeDownload answers r with d's bytes from body. Every response,
// including a 304, carries the sniffed Content-Type, an attachment
// Content-Disposition with an RFC 6266/5987 filename (ASCII fallback plus
// filename*), X-Content-Type-Options: nosniff, a sandboxing CSP,
// ETag "<sha256>", Repr-Digest and Digest (SHA-256, base64) and a
// Cache-Control that fits Immutable and Private. When If-None-Match names
// the ETag (or is *), the answer is 304 and body is not read. The portal
// and the API serve every stored document through here.
func ServeDownload(w http.ResponseWriter, r *http.Request, d Download, body io.Reader) error {
	h := w.Header()
	etag := `"` + d.SHA256 + `"`
	h.Set("ETag", etag)
	switch {
	case d.Private:
		h.Set("Cache-Control", "private, no-store")
	case d.Immutable:
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	default:
		// The current version may change: caches must ask again, and the
		// ETag makes asking cheap.
		h.Set("Cache-Control", "public, no-cache")
	}
	h.Set("X-Content-Type-Options", "nosniff")
	// Even if a browser ignored the attachment and rendered the bytes, they
	// could run nothing in this origin.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	if raw, err := hex.DecodeString(d.SHA256); err == nil && len(raw) == 32 {
		b64 := base64.StdEncoding.EncodeToString(raw)
		h.Set("Repr-Digest", "sha-256=:"+b64+":") // RFC 9530
		h.Set("Digest", "SHA-256="+b64)           // RFC 3230, for older clients
	}
	if !d.Private && etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Disposition", ContentDisposition(d.Filename))
	h.Set("Content-Length", strconv.FormatInt(d.Size, 10))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return nil
	}
	_, err := io.Copy(w, body)
	return err
}

// etagMatch reports whether an If-None-Match header names etag, compared
// weakly as RFC 9110 13.1.2 asks.
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// ContentDisposition is an attachment header for name (RFC 6266): an
// ASCII-only filename for old clients and filename* (RFC 5987, UTF-8,
// percent-encoded) for the real name.
func ContentDisposition(name string) string {
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "_")
	}
	var ascii, ext strings.Builder
	for _, r := range name {
		switch {
		case r < 0x20 || r == 0x7f:
			continue
		case r >= 0x80:
			ascii.WriteByte('_')
		case r == '"' || r == '\\':
			ascii.WriteByte('_')
		default:
			ascii.WriteRune(r)
		}
	}
	for _, b := range []byte(name) {
		if b < 0x20 || b == 0x7f {
			continue
		}
		if isAttrChar(b) {
			ext.WriteByte(b)
		} else {
			ext.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{b})))
		}
	}
	if ascii.Len() == 0 {
		return "attachment"
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + ext.String()
}

// isAttrChar reports whether b may stand unescaped in an RFC 5987 value.
func isAttrChar(b byte) bool {
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", b) >= 0
}
