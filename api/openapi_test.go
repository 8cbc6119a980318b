package api_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/api"
)

// catchAll answers every unknown /api path with a JSON 404; it is not an
// endpoint and is not documented.
const catchAll = "/api/"

// sourcePatterns reads every mux.Handle/HandleFunc pattern written in the
// api package's source. A pattern that is not a string literal fails the
// test: it could not be checked against the document.
func sourcePatterns(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "HandleFunc" && sel.Sel.Name != "Handle") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: route pattern is not a string literal; write it out so this test can check the document",
					fset.Position(call.Pos()))
				return true
			}
			p, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, p)
			return true
		})
	}
	return out
}

var wildcard = regexp.MustCompile(`\{[^}]*\}`)

// concrete turns a path pattern into a path it matches.
func concrete(path string) string {
	return wildcard.ReplaceAllStringFunc(path, func(w string) string {
		if strings.HasSuffix(w, "...}") {
			return "x/y"
		}
		return "X1"
	})
}

// resolve returns the pattern the mux picks for method and path.
func resolve(mux *http.ServeMux, method, path string) string {
	_, pattern := mux.Handler(httptest.NewRequest(method, concrete(path), nil))
	return pattern
}

// registeredRoutes lists the "METHOD /path" patterns Routes registers: the
// patterns in the source that the mux built by Routes resolves to
// themselves (so a pattern in the source that Routes does not register is
// left out, and one that Routes registers cannot be missed).
func registeredRoutes(t *testing.T, mux *http.ServeMux) []string {
	t.Helper()
	var routes []string
	for _, p := range sourcePatterns(t) {
		method, path, ok := strings.Cut(p, " ")
		if !ok {
			method, path = "GET", p
		}
		if resolve(mux, method, path) != p {
			t.Logf("pattern %q is in the source but not registered by Routes", p)
			continue
		}
		if p == catchAll {
			continue
		}
		if !ok {
			t.Errorf("route %q has no method; the document needs one per operation", p)
			continue
		}
		routes = append(routes, p)
	}
	if len(routes) < 15 {
		t.Fatalf("found only %d routes in the source: %v", len(routes), routes)
	}
	sort.Strings(routes)
	return routes
}

type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components map[string]map[string]json.RawMessage `json:"components"`
}

type operation struct {
	OperationID string                     `json:"operationId"`
	Parameters  []map[string]any           `json:"parameters"`
	Responses   map[string]json.RawMessage `json:"responses"`
}

func servedDocument(t *testing.T, mux *http.ServeMux) ([]byte, openAPIDoc) {
	t.Helper()
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/v1/openapi.json: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var doc openAPIDoc
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("the served document is not JSON: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf(`openapi = %q, want "3.1.0"`, doc.OpenAPI)
	}
	return rec.Body.Bytes(), doc
}

var httpMethods = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true, "trace": true}

func TestOpenAPI_DescribesEveryRoute(t *testing.T) {
	mux := http.NewServeMux()
	(&api.API{}).Routes(mux)
	_, doc := servedDocument(t, mux)
	for _, route := range registeredRoutes(t, mux) {
		method, path, _ := strings.Cut(route, " ")
		item, ok := doc.Paths[path]
		if !ok {
			t.Errorf("%s: path %s is not in the document", route, path)
			continue
		}
		if _, ok := item[strings.ToLower(method)]; !ok {
			t.Errorf("%s: path %s has no %s operation", route, path, strings.ToLower(method))
		}
	}
}

// TestOpenAPI_DocumentsOnlyRealRoutes is the other direction: every
// documented operation reaches its own handler, not the catch-all.
func TestOpenAPI_DocumentsOnlyRealRoutes(t *testing.T) {
	mux := http.NewServeMux()
	(&api.API{}).Routes(mux)
	_, doc := servedDocument(t, mux)
	for path, item := range doc.Paths {
		for method := range item {
			if !httpMethods[method] {
				continue
			}
			want := strings.ToUpper(method) + " " + path
			if got := resolve(mux, strings.ToUpper(method), path); got != want {
				t.Errorf("documented %s is served by %q", want, got)
			}
		}
	}
}

// TestOpenAPI_WellFormed checks what a client generator relies on: unique
// operation IDs, declared path parameters, error answers in the API.md
// shape, and references that resolve.
func TestOpenAPI_WellFormed(t *testing.T) {
	mux := http.NewServeMux()
	(&api.API{}).Routes(mux)
	raw, doc := servedDocument(t, mux)
	var whole any
	if err := json.Unmarshal(raw, &whole); err != nil {
		t.Fatal(err)
	}
	deref := func(v map[string]any) map[string]any {
		if r, ok := v["$ref"].(string); ok {
			if got, ok := pointer(whole, r).(map[string]any); ok {
				return got
			}
		}
		return v
	}
	ids := map[string]string{}
	for path, item := range doc.Paths {
		var shared []map[string]any
		if p, ok := item["parameters"]; ok {
			if err := json.Unmarshal(p, &shared); err != nil {
				t.Fatalf("%s parameters: %v", path, err)
			}
		}
		for method, rawOp := range item {
			if !httpMethods[method] {
				continue
			}
			var op operation
			if err := json.Unmarshal(rawOp, &op); err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
			where := strings.ToUpper(method) + " " + path
			if op.OperationID == "" || ids[op.OperationID] != "" {
				t.Errorf("%s: operationId %q missing or used by %s too", where, op.OperationID, ids[op.OperationID])
			}
			ids[op.OperationID] = where
			declared := map[string]bool{}
			for _, p := range append(append([]map[string]any{}, shared...), op.Parameters...) {
				p = deref(p)
				if p["in"] == "path" {
					declared[p["name"].(string)] = p["required"] == true
				}
			}
			for _, w := range wildcard.FindAllString(path, -1) {
				name := strings.TrimSuffix(strings.Trim(w, "{}"), "...")
				if !declared[name] {
					t.Errorf("%s: path parameter %q is not declared as required", where, name)
				}
			}
			if len(op.Responses) == 0 {
				t.Errorf("%s: no responses", where)
			}
			for status, rawResp := range op.Responses {
				if status < "400" {
					continue
				}
				var resp map[string]any
				_ = json.Unmarshal(rawResp, &resp)
				schema := field(deref(resp), "content.application/json.schema")
				if m, ok := schema.(map[string]any); !ok || m["$ref"] != "#/components/schemas/Error" {
					t.Errorf("%s: %s answer is not the Error schema", where, status)
				}
			}
		}
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if r, ok := v["$ref"].(string); ok && pointer(whole, r) == nil {
				t.Errorf("$ref %q does not resolve", r)
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(whole)
	if _, ok := doc.Components["securitySchemes"]["bearerAuth"]; !ok {
		t.Error("no bearerAuth security scheme")
	}
	if _, ok := doc.Components["securitySchemes"]["trackingToken"]; !ok {
		t.Error("no X-Tracking-Token security scheme")
	}
}

// pointer resolves a local JSON pointer ("#/components/schemas/Error").
func pointer(doc any, ref string) any {
	if !strings.HasPrefix(ref, "#/") {
		return nil
	}
	cur := doc
	for _, part := range strings.Split(ref[2:], "/") {
		part = strings.NewReplacer("~1", "/", "~0", "~").Replace(part)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		if cur, ok = m[part]; !ok {
			return nil
		}
	}
	return cur
}
