// Package terbuka holds the domain of Terbuka: public bodies, staff, the
// information-request life cycle and its rules. It imports no SQL, HTTP or
// templates; storage and transport packages depend on it, never the reverse.
package terbuka

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Code classifies an error; the web layer maps each code to one HTTP status.
type Code string

const (
	EMalformed    Code = "malformed" // the request itself cannot be read (bad JSON, bad UTF-8)
	EInvalid      Code = "invalid"
	ENotFound     Code = "not_found"
	EConflict     Code = "conflict"
	EUnauthorized Code = "unauthorized"
	EForbidden    Code = "forbidden"
	ETooLarge     Code = "too_large"
	ERateLimited  Code = "rate_limited"
	EUnsupported  Code = "unsupported_media_type"
	EMethod       Code = "method_not_allowed"
	EInternal     Code = "internal"
)

// Msg is a message key with its arguments, rendered later in the reader's
// language by package locale.
type Msg struct {
	Key  string
	Args []any
}

// M builds a Msg.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// Error is the one error type that crosses package boundaries. Fields maps
// a JSON path ("requester.id_number") to what is wrong with it.
type Error struct {
	Code   Code
	Msg    Msg
	Fields map[string]Msg
	Err    error // cause, for logs only
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Code, e.Msg.Key)
	if len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%s", k, e.Fields[k].Key)
		}
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a message key.
func Errorf(code Code, key string, args ...any) *Error {
	return &Error{Code: code, Msg: M(key, args...)}
}

// ErrNotFound is what every lookup returns for a missing or invisible record.
func ErrNotFound(what string) *Error { return Errorf(ENotFound, "not_found."+what) }

// ErrorCode returns the code of err, EInternal for foreign errors.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// AsError returns err as *Error, or nil for foreign errors.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Problems collects field errors during validation.
type Problems map[string]Msg

// Add records what is wrong with field; the first problem per field wins.
func (p Problems) Add(field, key string, args ...any) {
	if _, ok := p[field]; !ok {
		p[field] = M(key, args...)
	}
}

// Err returns nil when there are no problems, else an EInvalid *Error.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Msg: M("invalid.input"), Fields: map[string]Msg(p)}
}
