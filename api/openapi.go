package api

import (
	_ "embed"
	"net/http"
)

// openapiDoc describes every /api/v1 endpoint (OpenAPI 3.1). A test checks
// that every route registered in Routes appears in it.
//
//go:embed openapi.json
var openapiDoc []byte

func (a *API) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(openapiDoc)
}
