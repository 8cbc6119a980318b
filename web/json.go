package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
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

// jsonKind names the JSON type a Go type is decoded from, so messages say
// "string", not "terbuka.Requester".
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	default:
		return "object"
	}
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
		e.Fields = map[string]terbuka.Msg{field: terbuka.M("invalid.json_type", jsonKind(typeErr.Type)+" ≠ "+typeErr.Value)}
		e.Err = err
		return e
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json quotes the name with %q; unquote it so the field
		// key is the member's real name, and never leave the key empty.
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		if s, uerr := strconv.Unquote(name); uerr == nil {
			name = s
		}
		if name == "" {
			name = `""`
		}
		e := terbuka.Errorf(terbuka.EInvalid, "invalid.input")
		e.Fields = map[string]terbuka.Msg{name: terbuka.M("invalid.json_unknown_field", name)}
		return e
	case errors.As(err, &syntaxErr), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("invalid.json"), Err: err}
	default:
		return &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("invalid.json"), Err: fmt.Errorf("decode: %w", err)}
	}
}
