package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/web"
)

// The read-only subset of the CKAN Action API (API.md) that harvesters
// use: package_list, package_show, package_search, organization_list and
// organization_show, plus help_show, which every answer's "help" link
// names. Parameters come as a query string (GET) or a JSON object or form
// (POST), as CKAN accepts both. Answers use CKAN's envelope and CKAN's
// statuses, not Terbuka's error format, because harvesters read those:
//
//	200 {"help": URL, "success": true, "result": …}
//	404 {"help": URL, "success": false, "error": {"__type": "Not Found Error", "message": …}}
//	409 {"help": URL, "success": false, "error": {"__type": "Validation Error", "field": [message]}}
//	400 "Bad request - Action name not known: x" (a JSON string, as CKAN sends)

// ckanHandler returns the handler of action name.
func ckanHandler(name string) (func(a *API, c *ckanCall) (any, error), bool) {
	switch name {
	case "package_list":
		return (*API).packageList, true
	case "package_show":
		return (*API).packageShow, true
	case "package_search":
		return (*API).packageSearch, true
	case "organization_list":
		return (*API).organizationList, true
	case "organization_show":
		return (*API).organizationShow, true
	case "help_show":
		return (*API).helpShow, true
	}
	return nil, false
}

// ckanHelp is the help text of each action (help_show).
var ckanHelp = map[string]string{
	"package_list":      "Return the names of the site's datasets (public, not exempted catalogue entries) in ID order. Parameters: limit, offset.",
	"package_show":      "Return one dataset by id or name. Parameters: id.",
	"package_search":    "Search the datasets. Parameters: q, fq, fq_list, sort, rows (at most 1000), start.",
	"organization_list": "Return the names of the organizations (public bodies). Parameters: all_fields, sort, limit, offset.",
	"organization_show": "Return one organization by id or name. Parameters: id, include_datasets.",
	"help_show":         "Return the help text of an action. Parameters: name.",
}

// ckanCall is one action call: its name, parameters and the site URL.
type ckanCall struct {
	w      http.ResponseWriter // for actions that stream their answer
	r      *http.Request
	help   string // the "help" link of the envelope
	action string
	site   string
	lang   locale.Lang
	params map[string]any
}

// ckanError is an error in CKAN's envelope.
type ckanError struct {
	status int
	typ    string            // "Not Found Error", "Validation Error"
	msg    string            // for Not Found
	fields map[string]string // for Validation Error
}

func (e *ckanError) Error() string { return e.typ + ": " + e.msg }

func (c *ckanCall) notFound() error {
	return &ckanError{status: http.StatusNotFound, typ: "Not Found Error", msg: locale.T(c.lang, "not_found.ckan")}
}

// invalid is CKAN's Validation Error (409) naming a parameter.
func (c *ckanCall) invalid(field, key string, args ...any) error {
	return &ckanError{status: http.StatusConflict, typ: "Validation Error",
		fields: map[string]string{field: locale.T(c.lang, key, args...)}}
}

// maxCKANBody bounds a POSTed parameter object; harvesters send a few
// hundred bytes.
const maxCKANBody = 64 << 10

// ckanAction answers GET and POST /api/3/action/{action} (and the
// unversioned /api/action/{action}).
func (a *API) ckanAction(w http.ResponseWriter, r *http.Request) {
	c := &ckanCall{w: w, r: r, action: r.PathValue("action"), site: a.siteURL(r), lang: web.APILang(r)}
	c.help = c.site + "/api/3/action/help_show?name=" + c.action
	fn, ok := ckanHandler(c.action)
	if !ok {
		web.WriteJSON(w, http.StatusBadRequest, locale.T(c.lang, "invalid.ckan_action", c.action))
		return
	}
	params, err := ckanParams(r)
	if err != nil {
		web.WriteJSON(w, http.StatusBadRequest, locale.T(c.lang, "invalid.ckan_json"))
		return
	}
	c.params = params
	result, err := fn(a, c)
	help := c.help
	var ce *ckanError
	switch {
	case errors.As(err, &ce):
		e := map[string]any{"__type": ce.typ}
		if ce.fields == nil {
			e["message"] = ce.msg
		}
		for k, v := range ce.fields {
			e[k] = []string{v}
		}
		web.WriteJSON(w, ce.status, map[string]any{"help": help, "success": false, "error": e})
	case err != nil:
		a.ckanFail(w, c, err)
	case result != nil:
		web.WriteJSON(w, http.StatusOK, map[string]any{"help": help, "success": true, "result": result})
	}
	// A nil result with no error means the action streamed its own answer.
}

// ckanFail answers one of Terbuka's own errors (from the store) in CKAN's
// envelope: not found as CKAN's Not Found Error, bad input as its
// Validation Error naming each field, anything else with its own status;
// internal errors are logged and shown only as a generic message.
func (a *API) ckanFail(w http.ResponseWriter, c *ckanCall, err error) {
	status, body := web.Describe(c.r, a.Log, err, c.lang)
	e := map[string]any{"__type": "Internal Error", "message": body.Error.Message}
	switch code := terbuka.ErrorCode(err); {
	case code == terbuka.ENotFound:
		e["__type"] = "Not Found Error"
	case code == terbuka.EInvalid || code == terbuka.EMalformed:
		status, e = http.StatusConflict, map[string]any{"__type": "Validation Error"}
		for k, v := range body.Error.Fields {
			e[k] = []string{v}
		}
		if len(body.Error.Fields) == 0 {
			e["message"] = body.Error.Message
		}
	case status < 500:
		e["__type"] = "Error"
	}
	web.WriteJSON(w, status, map[string]any{"help": c.help, "success": false, "error": e})
}

// ckanParams reads an action's parameters: the query string, overlaid by
// a POSTed JSON object or form. A repeated query parameter becomes a list.
func ckanParams(r *http.Request) (map[string]any, error) {
	out := map[string]any{}
	for k, vs := range r.URL.Query() {
		if len(vs) == 1 {
			out[k] = vs[0]
		} else {
			out[k] = anyList(vs)
		}
	}
	if r.Method != http.MethodPost {
		return out, nil
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxCKANBody+1))
	if err != nil || len(raw) > maxCKANBody {
		return nil, errors.New("body too large or unreadable")
	}
	if strings.TrimSpace(string(raw)) == "" {
		return out, nil
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/x-www-form-urlencoded" {
		form, err := url.ParseQuery(string(raw))
		if err != nil {
			return nil, err
		}
		for k, vs := range form {
			out[k] = vs[0]
			if len(vs) > 1 {
				out[k] = anyList(vs)
			}
		}
		return out, nil
	}
	var body map[string]any
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil || body == nil || dec.More() {
		return nil, errors.New("not a JSON object")
	}
	for k, v := range body {
		out[k] = v
	}
	return out, nil
}

func anyList(vs []string) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// str returns parameter name as text: a string as it is, a number or a
// boolean in its JSON form. ok is false when it is absent or null; a list
// or object is a Validation Error.
func (c *ckanCall) str(name string) (s string, ok bool, err error) {
	switch v := c.params[name].(type) {
	case nil:
		return "", false, nil
	case string:
		return v, true, nil
	case json.Number:
		return v.String(), true, nil
	case bool:
		return strconv.FormatBool(v), true, nil
	}
	return "", false, c.invalid(name, "invalid.ckan_string")
}

// strs returns a parameter that may be a string or a list of strings.
func (c *ckanCall) strs(name string) ([]string, error) {
	if list, isList := c.params[name].([]any); isList {
		out := make([]string, 0, len(list))
		for _, x := range list {
			s, isStr := x.(string)
			if !isStr {
				return nil, c.invalid(name, "invalid.ckan_string")
			}
			out = append(out, s)
		}
		return out, nil
	}
	s, ok, err := c.str(name)
	if err != nil || !ok {
		return nil, err
	}
	return []string{s}, nil
}

// natural returns a whole-number parameter ≥ 0, def when absent; above
// max it is clamped to max, as CKAN clamps rows to ckan.search.rows_max.
func (c *ckanCall) natural(name string, def, max int) (int, error) {
	s, ok, err := c.str(name)
	if err != nil || !ok || strings.TrimSpace(s) == "" {
		return def, err
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && n > 0:
		return max, nil // too large to read is still a number: clamp it
	case err != nil:
		return 0, c.invalid(name, "invalid.ckan_integer")
	case n < 0:
		return 0, c.invalid(name, "invalid.ckan_natural")
	case n > int64(max):
		return max, nil
	}
	return int(n), nil
}

// boolean reads a CKAN boolean (true/false, yes/no, on/off, 1/0, t/f,
// y/n, any case), def when absent.
func (c *ckanCall) boolean(name string, def bool) (bool, error) {
	s, ok, err := c.str(name)
	if err != nil || !ok {
		return def, err
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "on", "y", "t", "1":
		return true, nil
	case "false", "no", "off", "n", "f", "0", "":
		return false, nil
	}
	return false, c.invalid(name, "invalid.ckan_boolean")
}

// required returns a parameter that must be present and not empty.
func (c *ckanCall) required(name string) (string, error) {
	s, ok, err := c.str(name)
	if err != nil {
		return "", err
	}
	if !ok || strings.TrimSpace(s) == "" {
		return "", c.invalid(name, "invalid.ckan_missing")
	}
	return strings.TrimSpace(s), nil
}

func (a *API) helpShow(c *ckanCall) (any, error) {
	name, err := c.required("name")
	if err != nil {
		return nil, err
	}
	help, ok := ckanHelp[name]
	if !ok {
		return nil, c.notFound()
	}
	return help, nil
}
