package api_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestAPI_Register(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		dinkes, _ := f.file(t, "dinkes-uji", validIntake)
		dindik, _ := f.file(t, "dindik-uji", validIntake)

		t.Run("XLSX of everything the PPID Utama sees", func(t *testing.T) {
			status, h, body := f.do(t, f.url, "GET", "/api/v1/register?year=2026", bearer(f.ppid), "")
			if status != http.StatusOK || !strings.Contains(h.Get("Content-Type"), "spreadsheetml") ||
				!strings.Contains(h.Get("Content-Disposition"), "buku-register-permohonan-2026.xlsx") {
				t.Fatalf("status %d, headers %v", status, h)
			}
			x, err := excelize.OpenReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := x.GetRows(x.GetSheetName(0))
			if err != nil {
				t.Fatal(err)
			}
			text := ""
			for _, r := range rows {
				text += strings.Join(r, "|") + "\n"
			}
			for _, want := range []string{dinkes, dindik, "Budi Santoso"} {
				if !strings.Contains(text, want) {
					t.Errorf("register lacks %q", want)
				}
			}
		})
		t.Run("CSV scoped to the pelaksana's own OPD", func(t *testing.T) {
			status, h, body := f.do(t, f.url, "GET", "/api/v1/register?format=csv", bearer(f.pelaksana), "")
			if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
				t.Fatalf("status %d, headers %v", status, h)
			}
			records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			all := ""
			for _, r := range records {
				all += strings.Join(r, "|")
			}
			if !strings.Contains(all, dinkes) || strings.Contains(all, dindik) {
				t.Fatalf("pelaksana register must hold %s and not %s:\n%s", dinkes, dindik, all)
			}
		})
		f.runAll(t, []scenario{
			{name: "needs a token", method: "GET", url: "/api/v1/register", status: http.StatusUnauthorized, code: "unauthorized"},
			{name: "bad format", method: "GET", url: "/api/v1/register?format=pdf", headers: bearer(f.ppid), status: http.StatusUnprocessableEntity, fields: []string{"format"}},
			{name: "bad year", method: "GET", url: "/api/v1/register?year=20x6", headers: bearer(f.ppid), status: http.StatusUnprocessableEntity, fields: []string{"year"}},
		})
	})
}
