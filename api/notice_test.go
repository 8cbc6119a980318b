package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// The fee table, written notices, released files and payments through
// the API (api/notice.go, api/fee.go).

const feeTable = `{"items": [
	{"code": "fotokopi-a4", "name": "Fotokopi A4", "unit": "lembar", "price": 500},
	{"code": "cd", "name": "CD-R", "unit": "keping", "price": 10000},
	{"code": "pos-zona-1", "name": "Pos zona 1", "unit": "kiriman", "price": 15000}],
	"payment_instructions": "Transfer ke Bank Jabar 0012345678 a.n. Kas Daerah."}`

// multipartBody is a multipart/form-data body with fields and one file.
func multipartBody(t *testing.T, field, name string, data []byte, fields ...string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		if err := w.WriteField(fields[i], fields[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if field != "" {
		part, err := w.CreateFormFile(field, name)
		if err != nil {
			t.Fatal(err)
		}
		part.Write(data)
	}
	w.Close()
	return buf.String(), w.FormDataContentType()
}

var pdfFile = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")

// filesOf lists the files of request number as the holder of h sees them.
func (f *fixture) filesOf(t *testing.T, number string, h map[string]string) map[string]any {
	t.Helper()
	return decode(t, f.run(t, scenario{method: "GET", url: "/api/v1/requests/" + number + "/files", headers: h, status: http.StatusOK}))
}

func TestFees_Table(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		const url = "/api/v1/bodies/dinkes-uji/fees"
		f.runAll(t, []scenario{
			{name: "public and empty by default", method: "GET", url: url, status: http.StatusOK,
				contains: []string{`"items":[]`, `"currency":"IDR"`, `"body":"dinkes-uji"`}},
			{name: "unknown body", method: "GET", url: "/api/v1/bodies/tidak-ada/fees", status: http.StatusNotFound},
			{name: "needs a token", method: "PUT", url: url, body: feeTable, status: http.StatusUnauthorized},
			{name: "admins only", method: "PUT", url: url, body: feeTable, headers: bearer(f.ppid), status: http.StatusForbidden},
			{name: "outside the admin's scope", method: "PUT", url: "/api/v1/bodies/ki-uji/fees", body: feeTable,
				headers: bearer(f.admin), status: http.StatusNotFound},
			{name: "bad rows", method: "PUT", url: url, headers: bearer(f.admin),
				body:   `{"items": [{"code": "CD", "name": "", "unit": "keping", "price": -1}]}`,
				status: http.StatusUnprocessableEntity, fields: []string{"items[0].code", "items[0].name", "items[0].price"}},
			{name: "unknown field", method: "PUT", url: url, headers: bearer(f.admin), body: `{"rows": []}`,
				status: http.StatusUnprocessableEntity, fields: []string{"rows"}},
			{name: "save", method: "PUT", url: url, headers: bearer(f.admin), body: feeTable, status: http.StatusOK,
				contains: []string{`"code":"fotokopi-a4"`, `"price":500`, `"payment_instructions":"Transfer ke Bank Jabar`}},
			{name: "read back", method: "GET", url: url, status: http.StatusOK,
				contains: []string{`"code":"pos-zona-1"`, `"unit":"kiriman"`, `"updated_at":"2026-01-12T03:00:00Z"`}},
		})
	})
}

func TestNotice_API(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		f.run(t, scenario{method: "PUT", url: "/api/v1/bodies/dinkes-uji/fees", headers: bearer(f.admin), body: feeTable, status: http.StatusOK})
		number, token := f.file(t, "dinkes-uji", validIntake)
		denied, deniedToken := f.file(t, "dinkes-uji", validIntake)
		base := "/api/v1/requests/" + number
		tracking := headers("X-Tracking-Token", token)
		f.runAll(t, []scenario{
			{name: "no documents before the decision", method: "GET", url: base + "/files", headers: tracking, status: http.StatusOK,
				contains: []string{`"notice":null`, `"items":[]`, `"links":[]`}},
			{name: "no fee before the decision", method: "GET", url: base + "/fee", headers: tracking, status: http.StatusOK,
				contains: []string{`"quoted":false`, `"total":0`, `"payment_instructions":"Transfer ke Bank Jabar`}},
			{name: "fee item the table lacks", method: "POST", url: base + "/decision", headers: bearer(f.pelaksana),
				body:   `{"decision": "granted", "fees": [{"item": "jilid", "quantity": 1}]}`,
				status: http.StatusUnprocessableEntity, fields: []string{"fees[0].item"}},
			{name: "no fee on a refusal", method: "POST", url: "/api/v1/requests/" + denied + "/decision", headers: bearer(f.pelaksana),
				body:   `{"decision": "not_held", "fees": [{"item": "cd", "quantity": 1}]}`,
				status: http.StatusUnprocessableEntity, fields: []string{"fees"}},
			{name: "grant with a fee", method: "POST", url: base + "/decision", headers: bearer(f.pelaksana),
				body:   `{"decision": "granted", "note": "Salinan dikirim setelah biaya dibayar.", "fees": [{"item": "fotokopi-a4", "quantity": 45}, {"item": "pos-zona-1", "quantity": 1}]}`,
				status: http.StatusOK, contains: []string{`"status":"answered"`, `"kind":"decided"`}},
			{name: "refuse", method: "POST", url: "/api/v1/requests/" + denied + "/decision", headers: bearer(f.pelaksana),
				body: `{"decision": "not_held"}`, status: http.StatusOK},
			{name: "the requester's fee", method: "GET", url: base + "/fee", headers: tracking, status: http.StatusOK,
				contains: []string{`"quoted":true`, `"total":37500`, `"due":true`, `"paid":false`, `"subtotal":22500`, `"name":"Pos zona 1"`}},
			{name: "no fee without credentials", method: "GET", url: base + "/fee", status: http.StatusNotFound},
		})

		pub := f.filesOf(t, number, tracking)
		wantField(t, pub, "notice.number", "PEMB-DINKES-2026-000001")
		wantField(t, pub, "notice.refusal_number", nil)
		wantField(t, pub, "notice.issued_on", "2026-01-12")
		wantField(t, pub, "notice.objection_due_on", "2026-02-26")
		items := pub["items"].([]any)
		if len(items) != 1 {
			t.Fatalf("items %v", items)
		}
		notice := items[0].(map[string]any)
		if notice["kind"] != "notice" || notice["name"] != "pemberitahuan-PEMB-DINKES-2026-000001.pdf" ||
			notice["content_type"] != "application/pdf" || notice["public"] != nil || notice["created_by"] != nil {
			t.Fatalf("notice item for the requester %v", notice)
		}
		fileURL := notice["url"].(string)
		refused := f.filesOf(t, denied, headers("X-Tracking-Token", deniedToken))
		wantField(t, refused, "notice.refusal_number", "SKP-DINKES-2026-000001")
		if n := len(refused["items"].([]any)); n != 2 {
			t.Fatalf("a refusal has %d documents, want the notice and the SK", n)
		}
		staff := f.filesOf(t, number, bearer(f.ppid))
		if it := staff["items"].([]any)[0].(map[string]any); it["public"] != true {
			t.Fatalf("staff item %v", it)
		}

		isPDF := func(t *testing.T, body []byte) {
			if !bytes.HasPrefix(body, []byte("%PDF-")) {
				t.Errorf("not a PDF: %q", body[:min(len(body), 16)])
			}
		}
		f.runAll(t, []scenario{
			{name: "download the notice with the code", method: "GET", url: fileURL, headers: tracking, status: http.StatusOK,
				notJSON: true, check: isPDF},
			{name: "download as staff", method: "GET", url: fileURL, headers: bearer(f.pelaksana), status: http.StatusOK,
				notJSON: true, check: isPDF},
			{name: "wrong code", method: "GET", url: fileURL, headers: headers("X-Tracking-Token", deniedToken), status: http.StatusNotFound},
			{name: "another request's code and number", method: "GET", url: strings.Replace(fileURL, number, denied, 1),
				headers: headers("X-Tracking-Token", deniedToken), status: http.StatusNotFound},
			{name: "no credentials", method: "GET", url: fileURL, status: http.StatusNotFound},
			{name: "staff of another unit", method: "GET", url: fileURL, headers: bearer(f.other), status: http.StatusNotFound},
			{name: "not a number", method: "GET", url: base + "/files/abc", headers: tracking, status: http.StatusNotFound},
		})
		status, hdr, _ := f.do(t, f.url, "GET", fileURL, tracking, "")
		if status != http.StatusOK || hdr.Get("Content-Type") != "application/pdf" ||
			hdr.Get("Content-Disposition") != `attachment; filename=pemberitahuan-PEMB-DINKES-2026-000001.pdf` ||
			hdr.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(hdr.Get("Cache-Control"), "no-store") {
			t.Fatalf("download headers %v", hdr)
		}

		pay := base + "/payment"
		f.runAll(t, []scenario{
			{name: "payment needs staff", method: "POST", url: pay, headers: tracking, body: `{"method": "tunai"}`, status: http.StatusUnauthorized},
			{name: "transfer needs a reference", method: "POST", url: pay, headers: bearer(f.pelaksana), body: `{"method": "transfer"}`,
				status: http.StatusUnprocessableEntity, fields: []string{"reference"}},
			{name: "record the payment", method: "POST", url: pay, headers: bearer(f.pelaksana),
				body:   `{"method": "transfer", "reference": "BJB-0112-9", "paid_at": "2026-01-12T09:30:00+07:00"}`,
				status: http.StatusOK, contains: []string{`"paid":true`, `"due":false`, `"method":"transfer"`, `"received_by":"Petugas ppid_pelaksana"`,
					`"paid_at":"2026-01-12T02:30:00Z"`}},
			{name: "only once", method: "POST", url: pay, headers: bearer(f.pelaksana), body: `{"method": "tunai"}`, status: http.StatusConflict},
			{name: "nothing to pay on a refusal", method: "POST", url: "/api/v1/requests/" + denied + "/payment", headers: bearer(f.pelaksana),
				body: `{"method": "tunai"}`, status: http.StatusConflict},
			{name: "the requester sees it paid, not who received it", method: "GET", url: base + "/fee", headers: tracking,
				status: http.StatusOK, contains: []string{`"paid":true`, `"reference":"BJB-0112-9"`}, excludes: []string{"received_by", "Petugas"}},
		})
	})
}

func TestRelease_API(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		number, token := f.file(t, "dinkes-uji", validIntake)
		open, _ := f.file(t, "dinkes-uji", validIntake)
		f.run(t, scenario{method: "POST", url: "/api/v1/requests/" + number + "/decision", headers: bearer(f.pelaksana),
			body: `{"decision": "granted"}`, status: http.StatusOK})
		up := "/api/v1/requests/" + number + "/files"
		pdfBody, pdfType := multipartBody(t, "file", "Laporan Anggaran 2025.pdf", pdfFile)
		exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), bytes.Repeat([]byte{0x90}, 600)...)
		exeBody, exeType := multipartBody(t, "file", "laporan.pdf", exe)
		hiddenBody, hiddenType := multipartBody(t, "file", "catatan.txt", []byte("catatan internal petugas\n"), "public", "false")
		noFile, noFileType := multipartBody(t, "", "", nil, "public", "true")
		entry := f.createEntry(t, f.pelaksana, "dinkes-uji", berkalaEntry)
		exempt := f.createEntry(t, f.pelaksana, "dinkes-uji", exemptEntry)
		var fileURL, hiddenURL string
		f.runAll(t, []scenario{
			{name: "needs staff", method: "POST", url: up, headers: headers("Content-Type", pdfType, "X-Tracking-Token", token), body: pdfBody,
				status: http.StatusUnauthorized},
			{name: "not multipart", method: "POST", url: up, headers: bearer(f.pelaksana), body: `{"file": "x"}`,
				status: http.StatusUnsupportedMediaType},
			{name: "no file part", method: "POST", url: up, headers: bearer(f.pelaksana, "Content-Type", noFileType), body: noFile,
				status: http.StatusUnprocessableEntity, fields: []string{"file"}},
			{name: "an executable renamed .pdf", method: "POST", url: up, headers: bearer(f.pelaksana, "Content-Type", exeType), body: exeBody,
				status: http.StatusUnsupportedMediaType, code: "unsupported_media_type", fields: []string{"file"}},
			{name: "not granted yet", method: "POST", url: "/api/v1/requests/" + open + "/files", headers: bearer(f.pelaksana, "Content-Type", pdfType),
				body: pdfBody, status: http.StatusConflict},
			{name: "upload", method: "POST", url: up, headers: bearer(f.pelaksana, "Content-Type", pdfType), body: pdfBody,
				status: http.StatusCreated, contains: []string{`"kind":"released"`, `"name":"Laporan Anggaran 2025.pdf"`,
					`"content_type":"application/pdf"`, `"public":true`},
				check: func(t *testing.T, body []byte) { fileURL, _ = decode(t, body)["url"].(string) }},
			{name: "internal upload", method: "POST", url: up, headers: bearer(f.pelaksana, "Content-Type", hiddenType), body: hiddenBody,
				status: http.StatusCreated, contains: []string{`"public":false`, `"content_type":"text/plain; charset=utf-8"`},
				check: func(t *testing.T, body []byte) { hiddenURL, _ = decode(t, body)["url"].(string) }},
			{name: "link a catalogue entry", method: "POST", url: "/api/v1/requests/" + number + "/links", headers: bearer(f.pelaksana),
				body: `{"catalogue_id": ` + strconv.FormatInt(entry, 10) + `}`, status: http.StatusCreated,
				contains: []string{`"title":"Laporan Keuangan Dinas Kesehatan Tahun 2025"`, `"url":"/api/v1/catalogue/`}},
			{name: "never an exempt entry", method: "POST", url: "/api/v1/requests/" + number + "/links", headers: bearer(f.pelaksana),
				body: `{"catalogue_id": ` + strconv.FormatInt(exempt, 10) + `}`, status: http.StatusUnprocessableEntity, fields: []string{"catalogue_id"}},
			{name: "catalogue id required", method: "POST", url: "/api/v1/requests/" + number + "/links", headers: bearer(f.pelaksana),
				body: `{}`, status: http.StatusUnprocessableEntity, fields: []string{"catalogue_id"}},
		})
		tracking := headers("X-Tracking-Token", token)
		pub := f.filesOf(t, number, tracking)
		if n := len(pub["items"].([]any)); n != 2 { // the notice and the public file
			t.Fatalf("requester sees %d files: %v", n, pub["items"])
		}
		if links := pub["links"].([]any); len(links) != 1 {
			t.Fatalf("links %v", links)
		}
		if n := len(f.filesOf(t, number, bearer(f.ppid))["items"].([]any)); n != 3 {
			t.Fatalf("staff see %d files, want 3", n)
		}
		f.runAll(t, []scenario{
			{name: "requester downloads the released file", method: "GET", url: fileURL, headers: tracking, status: http.StatusOK, notJSON: true,
				check: func(t *testing.T, body []byte) {
					if !bytes.Equal(body, pdfFile) {
						t.Errorf("downloaded %q", body)
					}
				}},
			{name: "but not the internal one", method: "GET", url: hiddenURL, headers: tracking, status: http.StatusNotFound},
			{name: "staff download the internal one", method: "GET", url: hiddenURL, headers: bearer(f.ppid), status: http.StatusOK, notJSON: true},
		})
	})
}

func TestRelease_API_TooLarge(t *testing.T) {
	eachEngine(t, func(t *testing.T, f *fixture) {
		number, _ := f.file(t, "dinkes-uji", validIntake)
		f.run(t, scenario{method: "POST", url: "/api/v1/requests/" + number + "/decision", headers: bearer(f.pelaksana),
			body: `{"decision": "granted"}`, status: http.StatusOK})
		big := append(append([]byte{}, pdfFile...), make([]byte, 21<<20)...)
		body, ctype := multipartBody(t, "file", "besar.pdf", big)
		raw := f.run(t, scenario{method: "POST", url: "/api/v1/requests/" + number + "/files", headers: bearer(f.pelaksana, "Content-Type", ctype),
			body: body, status: http.StatusRequestEntityTooLarge, code: "too_large"})
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		if json.Unmarshal(raw, &e); !strings.Contains(e.Error.Message, "20 MiB") {
			t.Errorf("message %q", e.Error.Message)
		}
	})
}
