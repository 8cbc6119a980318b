package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/terbuka-id/terbuka"
)

// Upload is one file of a multipart/form-data body, not yet read.
type Upload struct {
	Name   string    // the file name the client sent; only a label
	Body   io.Reader // the file's bytes, read once, straight off the wire
	Public bool      // form field "public" before the file: "false" or "0" clears it
	Fields map[string]string
}

// ReadUpload finds the file part field of a multipart/form-data body
// without buffering it: the caller reads Upload.Body once. Text fields
// that come before the file (at most 4 KiB each) are in Fields; "public"
// also sets Public (true when absent). The whole body is limited to max
// bytes: a read beyond it, here or from Upload.Body, fails with an error
// that UploadError maps to ETooLarge. Not multipart is EUnsupported; no
// file part is EInvalid on field.
func ReadUpload(w http.ResponseWriter, r *http.Request, field string, max int64) (Upload, error) {
	up := Upload{Public: true, Fields: map[string]string{}}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return up, terbuka.Errorf(terbuka.EUnsupported, "unsupported.multipart")
	}
	r.Body = http.MaxBytesReader(w, r.Body, max)
	mr, err := r.MultipartReader()
	if err != nil {
		return up, &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("invalid.multipart"), Err: err}
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return up, terbuka.Problems{field: terbuka.M("invalid.required")}.Err()
		}
		if err != nil {
			return up, &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("invalid.multipart"), Err: err}
		}
		name := part.FormName()
		if name == field {
			if part.FileName() == "" {
				return up, terbuka.Problems{field: terbuka.M("invalid.required")}.Err()
			}
			up.Name, up.Body = part.FileName(), part
			return up, nil
		}
		v, err := io.ReadAll(io.LimitReader(part, 4<<10))
		if err != nil {
			return up, &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("invalid.multipart"), Err: err}
		}
		up.Fields[name] = strings.TrimSpace(string(v))
		if name == "public" {
			up.Public = up.Fields[name] != "false" && up.Fields[name] != "0"
		}
	}
}

// UploadError turns a body cut off by ReadUpload's limit into ETooLarge,
// naming fileMax (in MiB) as the limit; other errors pass unchanged.
func UploadError(err error, fileMax int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return terbuka.Errorf(terbuka.ETooLarge, "too_large.file", fileMax>>20)
	}
	return err
}
