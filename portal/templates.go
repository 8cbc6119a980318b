package portal

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// The templates: layout.html and partials/*.html are shared; each file in
// pages/ is one page that defines "content".
//
//go:embed templates static
var files embed.FS

// pageTemplate is one parsed page: the layout, the partials and the page.
type pageTemplate struct {
	name string
	tmpl *template.Template
}

// funcs are the stateless helpers; anything that depends on the visitor's
// language is a method of page instead.
var funcs = template.FuncMap{
	"add":     func(a, b int) int { return a + b },
	"fieldID": fieldID,
}

// parseTemplates parses every page once, at start.
func parseTemplates() (map[string]*pageTemplate, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("portal: parse layout: %w", err)
	}
	names, err := fs.Glob(files, "templates/pages/*.html")
	if err != nil {
		return nil, fmt.Errorf("portal: list pages: %w", err)
	}
	out := make(map[string]*pageTemplate, len(names))
	for _, file := range names {
		name := strings.TrimSuffix(path.Base(file), ".html")
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("portal: clone layout for %s: %w", name, err)
		}
		if _, err := t.ParseFS(files, file); err != nil {
			return nil, fmt.Errorf("portal: parse page %s: %w", name, err)
		}
		out[name] = &pageTemplate{name: name, tmpl: t}
	}
	return out, nil
}

// staticHandler serves the embedded style sheet; it may be cached for a day.
func staticHandler() http.Handler {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic("portal: embedded static folder missing: " + err.Error()) // checked at compile time by go:embed
	}
	h := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") { // no directory listings
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
}

// fieldID turns a field path ("requester.id_number") into an HTML id.
func fieldID(name string) string { return strings.ReplaceAll(name, ".", "-") }
