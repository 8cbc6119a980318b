package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/api"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/web"
)

const benchIntake = `{"requester":{"kind":"individual","name":"Budi Santoso","id_number":"3201011501900001",
"address":"Jl. Merdeka 1, Bandung","email":"budi@example.id","phone":"0812-3456-7890"},
"information":"Salinan laporan realisasi anggaran tahun 2025","purpose":"Penelitian","obtain":"softcopy","delivery":"email"}`

// benchHandler is the API as serve builds it, over a fresh database.
func benchHandler(b *testing.B, e storetest.Engine) http.Handler {
	b.Helper()
	db := e.Open(b)
	s := store.New(db, nil, password.NewHasher(password.Fast, 2))
	ctx := context.Background()
	if _, err := s.CreateBody(ctx, terbuka.Body{Slug: "dinkes-bench", Code: "DINKES", Name: "Dinas Kesehatan", Kind: terbuka.KindOPD}); err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	(&api.API{Store: s, Log: log}).Routes(mux)
	return web.Observe(web.SecureHeaders(http.NewCrossOriginProtection().Handler(mux)), log, web.NewMetrics(prometheus.NewRegistry()), false)
}

// BenchmarkIntake measures durable submissions through the real handler
// and store: each iteration is one committed request.
func BenchmarkIntake(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			h := benchHandler(b, e)
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest("POST", "/api/v1/bodies/dinkes-bench/requests", strings.NewReader(benchIntake))
					req.Header.Set("Content-Type", "application/json")
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					if rec.Code != http.StatusCreated {
						b.Fatalf("status %d: %s", rec.Code, rec.Body)
					}
				}
			})
		})
	}
}

// BenchmarkTracking measures the public tracking GET by number and token.
func BenchmarkTracking(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			h := benchHandler(b, e)
			type created struct{ Number, Token string }
			var list []created
			for i := 0; i < 200; i++ {
				req := httptest.NewRequest("POST", "/api/v1/bodies/dinkes-bench/requests", strings.NewReader(benchIntake))
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				var out struct {
					Number string `json:"number"`
					Token  string `json:"tracking_token"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Number == "" {
					b.Fatalf("create: %v %s", err, rec.Body)
				}
				list = append(list, created{out.Number, out.Token})
			}
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			b.RunParallel(func(pb *testing.PB) {
				n := i
				i++
				for pb.Next() {
					c := list[n%len(list)]
					n++
					req := httptest.NewRequest("GET", fmt.Sprintf("/api/v1/requests/%s", c.Number), nil)
					req.Header.Set("X-Tracking-Token", c.Token)
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("status %d: %s", rec.Code, rec.Body)
					}
				}
			})
		})
	}
}
