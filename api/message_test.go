package api_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/locale"
)

// keyRe matches message keys written as literals: the domain returns them
// from helpers (NIKProblem, choiceKey) as often as it passes them to
// Errorf, so every literal of that shape counts.
var keyRe = regexp.MustCompile(`^(invalid|conflict|not_found|forbidden|unauthorized|too_large|unsupported|rate_limited)(\.[a-z0-9_]+)+$`)

// messageKeys collects the message keys the API can answer with: literals
// in the API, the HTTP plumbing, the store and the domain, the keys
// ErrNotFound builds, and the key argument of Errorf, M, Problems.Add and
// locale.T calls.
func messageKeys(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	keys := map[string]string{}
	fset := token.NewFileSet()
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, name, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			str := func(e ast.Expr) (string, bool) {
				lit, ok := e.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return "", false
				}
				s, err := strconv.Unquote(lit.Value)
				return s, err == nil
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.BasicLit:
					if s, ok := str(n); ok && keyRe.MatchString(s) {
						keys[s] = fset.Position(n.Pos()).String()
					}
				case *ast.CallExpr:
					var name string
					switch fn := n.Fun.(type) {
					case *ast.SelectorExpr:
						name = fn.Sel.Name
					case *ast.Ident:
						name = fn.Name
					}
					arg := -1
					switch name {
					case "ErrNotFound", "M":
						arg = 0
					case "Errorf", "Add", "T":
						arg = 1
					}
					if arg < 0 || len(n.Args) <= arg {
						return true
					}
					if s, ok := str(n.Args[arg]); ok {
						if name == "ErrNotFound" {
							s = "not_found." + s
						}
						if keyRe.MatchString(s) || s == "rate_limited" || s == "internal" {
							keys[s] = fset.Position(n.Pos()).String()
						}
					}
				}
				return true
			})
		}
	}
	return keys
}

func TestMessages_EveryKeyIsTranslated(t *testing.T) {
	keys := messageKeys(t, ".", "../web", "../store", "..")
	if len(keys) < 50 {
		t.Fatalf("found only %d message keys; is the scan still looking at the right files?", len(keys))
	}
	t.Logf("%d message keys", len(keys))
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !locale.Has(locale.ID, k) {
			t.Errorf("%s: key %q has no Indonesian text (locale/errors_id.go)", keys[k], k)
		}
		if !locale.Has(locale.EN, k) {
			t.Errorf("%s: key %q has no English text (locale/errors_en.go)", keys[k], k)
		}
	}
}
