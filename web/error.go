// Package web is the HTTP plumbing the API and the portal share: mapping
// errors to statuses, reading JSON safely, language negotiation,
// middleware and metrics.
package web

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
)

// Status maps an error code to its HTTP status. This is the only place
// that does so.
func Status(code terbuka.Code) int {
	switch code {
	case terbuka.EMalformed:
		return http.StatusBadRequest
	case terbuka.EInvalid:
		return http.StatusUnprocessableEntity
	case terbuka.ENotFound:
		return http.StatusNotFound
	case terbuka.EConflict:
		return http.StatusConflict
	case terbuka.EUnauthorized:
		return http.StatusUnauthorized
	case terbuka.EForbidden:
		return http.StatusForbidden
	case terbuka.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case terbuka.EUnsupported:
		return http.StatusUnsupportedMediaType
	case terbuka.ERateLimited:
		return http.StatusTooManyRequests
	case terbuka.EMethod:
		return http.StatusMethodNotAllowed
	default:
		return http.StatusInternalServerError
	}
}

// ErrorBody is the JSON error format of API.md.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail carries the code, a message in the caller's language and,
// for bad input, what is wrong with each field.
type ErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// Describe turns err into a status and the error body in lang. Internal
// errors are logged with their cause and shown only as a generic message.
func Describe(r *http.Request, log *slog.Logger, err error, lang locale.Lang) (int, ErrorBody) {
	e := terbuka.AsError(err)
	if e == nil || e.Code == terbuka.EInternal {
		if log != nil {
			log.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		return http.StatusInternalServerError, ErrorBody{ErrorDetail{Code: string(terbuka.EInternal), Message: locale.T(lang, "internal")}}
	}
	body := ErrorBody{ErrorDetail{Code: string(e.Code), Message: locale.Msg(lang, e.Msg)}}
	if len(e.Fields) > 0 {
		body.Error.Fields = make(map[string]string, len(e.Fields))
		for k, m := range e.Fields {
			body.Error.Fields[k] = locale.Msg(lang, m)
		}
	}
	return Status(e.Code), body
}

// WriteError writes err as a JSON error response.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status, body := Describe(r, log, err, APILang(r))
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="terbuka"`)
	}
	WriteJSON(w, status, body)
}

// WriteJSON writes v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// APILang is the language of API responses: English only when the caller
// sends Accept-Language: en.
func APILang(r *http.Request) locale.Lang {
	return locale.Parse(r.Header.Get("Accept-Language"))
}
