package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
)

func uploadBody(fields []string, file string, data []byte) (io.Reader, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		w.WriteField(fields[i], fields[i+1])
	}
	if file != "" {
		p, _ := w.CreateFormFile("file", file)
		p.Write(data)
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

func TestReadUpload(t *testing.T) {
	tests := []struct {
		name   string
		fields []string
		file   string
		data   []byte
		ctype  string // overrides the multipart type
		max    int64
		public bool
		code   terbuka.Code
	}{
		{name: "file only", file: "a.pdf", data: []byte("%PDF-1.4"), max: 1 << 20, public: true},
		{name: "public=false before the file", fields: []string{"public", "false"}, file: "a.pdf", data: []byte("x"), max: 1 << 20},
		{name: "checkbox after its hidden default", fields: []string{"public", "false", "public", "true"}, file: "a.pdf", data: []byte("x"),
			max: 1 << 20, public: true},
		{name: "no file", fields: []string{"public", "true"}, max: 1 << 20, code: terbuka.EInvalid},
		{name: "not multipart", ctype: "application/json", max: 1 << 20, code: terbuka.EUnsupported},
		{name: "too large", file: "a.pdf", data: bytes.Repeat([]byte("x"), 4096), max: 1024, code: terbuka.ETooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ctype := uploadBody(tt.fields, tt.file, tt.data)
			if tt.ctype != "" {
				ctype = tt.ctype
			}
			r := httptest.NewRequest("POST", "/x", body)
			r.Header.Set("Content-Type", ctype)
			up, err := ReadUpload(httptest.NewRecorder(), r, "file", tt.max)
			if err == nil && up.Body != nil {
				var got []byte
				got, err = io.ReadAll(up.Body)
				if err == nil && !bytes.Equal(got, tt.data) {
					t.Fatalf("read %q", got)
				}
			}
			err = UploadError(err, tt.max)
			if tt.code != "" {
				if terbuka.ErrorCode(err) != tt.code {
					t.Fatalf("err = %v, want %s", err, tt.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if up.Name != tt.file || up.Public != tt.public || !strings.HasSuffix(up.Name, ".pdf") {
				t.Fatalf("upload %+v", up)
			}
		})
	}
}
