package portal_test

import (
	"bytes"
	"encoding/csv"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestRegisterDownloads(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		e.run(t, []scenario{
			{name: "xlsx", url: "/staf/register.xlsx", as: "ppid", status: 200,
				wantHeader: map[string]string{"Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					"Content-Disposition": `attachment; filename="register-permohonan.xlsx"`},
				check: func(t *testing.T, e *env, rec *httptest.ResponseRecorder) {
					f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
					if err != nil {
						t.Fatalf("open xlsx: %v", err)
					}
					defer f.Close()
					rows, err := f.GetRows(f.GetSheetName(0))
					if err != nil {
						t.Fatal(err)
					}
					if !containsCell(rows, e.number) || !containsCell(rows, "Budi Santoso") {
						t.Fatalf("register lacks the request: %q", rows)
					}
				}},
			{name: "csv of a year and a body", url: "/staf/register.csv?tahun=2026&badan=dinkes-uji", as: "pelaksana", status: 200,
				wantHeader: map[string]string{"Content-Type": "text/csv; charset=utf-8",
					"Content-Disposition": `attachment; filename="register-permohonan-dinkes-uji-2026.csv"`},
				check: func(t *testing.T, e *env, rec *httptest.ResponseRecorder) {
					r := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\ufeff")))
					r.FieldsPerRecord = -1
					rows, err := r.ReadAll()
					if err != nil {
						t.Fatalf("parse csv: %v", err)
					}
					if !containsCell(rows, e.number) || !strings.Contains(rows[0][0], "Dinas Kesehatan Uji") {
						t.Fatalf("register lacks the request or the body: %q", rows)
					}
				}},
			{name: "csv in English", url: "/staf/register.csv", as: "ppid", lang: "en", status: 200,
				want: []string{"Public Information Request Register"}},
			{name: "another year is empty", url: "/staf/register.csv?tahun=2025", as: "ppid", status: 200,
				notWant: []string{"{number}"}},
			{name: "another unit sees nothing", url: "/staf/register.csv", as: "other", status: 200,
				notWant: []string{"{number}"}},
			{name: "bad year", url: "/staf/register.csv?tahun=dua", as: "ppid", status: 422, want: []string{"Tahun harus antara"}},
			{name: "unknown body", url: "/staf/register.xlsx?badan=tidak-ada", as: "ppid", status: 404},
			{name: "not for evaluators", url: "/staf/register.xlsx", as: "eval", status: 403},
			{name: "needs login", url: "/staf/register.csv", status: 303},
		})
	})
}

func containsCell(rows [][]string, v string) bool {
	for _, row := range rows {
		if slices.Contains(row, v) {
			return true
		}
	}
	return false
}
