package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
)

// MaxJSONBody is the default limit for a JSON request body.
const MaxJSONBody = 64 << 10

// DecodeJSON reads exactly one JSON object into v. It refuses a wrong
// content type, bodies over limit bytes, invalid UTF-8 (which
// encoding/json would silently replace), unknown fields, values of the
// wrong type and trailing data, each with a domain error naming the field.
func DecodeJSON(w http.ResponseWriter, r *http.Request, v any, limit int64) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		// curl -d sends form-urlencoded by default; the body is still read
		// as JSON, so only media types that cannot be JSON are refused.
		jsonish := mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "text/plain" || mt == "application/x-www-form-urlencoded"
		if err != nil || !jsonish {
			return terbuka.Errorf(terbuka.EUnsupported, "unsupported.content_type")
		}
	}
	if limit <= 0 {
		limit = MaxJSONBody
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return terbuka.Errorf(terbuka.ETooLarge, "too_large.body", limit)
		}
		return &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("invalid.json"), Err: err}
	}
	return Unmarshal(raw, v)
}

// Unmarshal is DecodeJSON's checks on bytes already read; fuzzed.
func Unmarshal(raw []byte, v any) error {
	if !utf8.Valid(raw) {
		return terbuka.Errorf(terbuka.EMalformed, "invalid.utf8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return terbuka.Errorf(terbuka.EMalformed, "invalid.json_trailing")
	}
	return nil
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		e := terbuka.Errorf(terbuka.EInvalid, "invalid.input")
		e.Fields = map[string]terbuka.Msg{field: terbuka.M("invalid.json_type", "expected "+typeErr.Type.String()+", got "+typeErr.Value)}
		e.Err = err
		return e
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		e := terbuka.Errorf(terbuka.EInvalid, "invalid.input")
		e.Fields = map[string]terbuka.Msg{name: terbuka.M("invalid.json_unknown_field", name)}
		return e
	case errors.As(err, &syntaxErr), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("invalid.json"), Err: err}
	default:
		return &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("invalid.json"), Err: fmt.Errorf("decode: %w", err)}
	}
}
