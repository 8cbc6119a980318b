package portal_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
)

// The fee table page, the written notice on the staff and tracking pages,
// payments and released information (portal/notice.go, fee.go, release.go).

// multipartForm builds a multipart body: fields in order, then the file.
func multipartForm(fields []string, file string, data []byte) func(e *env) (io.Reader, string) {
	return func(*env) (io.Reader, string) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for i := 0; i+1 < len(fields); i += 2 {
			w.WriteField(fields[i], fields[i+1])
		}
		if file != "" {
			p, _ := w.CreateFormFile("file", file)
			p.Write(data)
		}
		w.Close()
		return &buf, w.FormDataContentType()
	}
}

var releasedPDF = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")

// fileIDs returns the IDs of the setup request's files, as staff see them.
func (e *env) fileIDs(t *testing.T) []int64 {
	t.Helper()
	u, err := e.store.SessionUser(context.Background(), e.sessions["ppid"])
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.store.DocumentsForStaff(context.Background(), u, e.number)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, f := range d.Files {
		ids = append(ids, f.ID)
	}
	return ids
}

func TestFeesPage(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		rows := url.Values{"badan": {"dinkes-uji"},
			"items.0.code": {"fotokopi-a4"}, "items.0.name": {"Fotokopi A4"}, "items.0.unit": {"lembar"}, "items.0.price": {"500"},
			"items.1.code": {""}, "items.1.name": {""}, "items.1.unit": {""}, "items.1.price": {""},
			"items.2.code": {"pos-zona-1"}, "items.2.name": {"Pos zona 1"}, "items.2.unit": {"kiriman"}, "items.2.price": {"15.000"},
			"payment_instructions": {"Transfer ke Bank Jabar 0012345678."}}
		bad := url.Values{"badan": {"dinkes-uji"}, "items.0.code": {"CD"}, "items.0.name": {"CD-R"}, "items.0.unit": {"keping"},
			"items.0.price": {"sepuluh ribu"}}
		e.run(t, []scenario{
			{name: "admins only", url: "/staf/biaya", as: "ppid", status: 403},
			{name: "empty table", url: "/staf/biaya?badan=dinkes-uji", as: "admin", status: 200,
				want: []string{"Tabel biaya layanan informasi", `name="items.0.code"`, `name="items.2.price"`, `<option value="dinkes-uji" selected>`,
					`href="/staf/biaya"`, `<label for="items-0-code" class="sr-only">Kode 1</label>`}},
			{name: "save", method: "POST", url: "/staf/biaya", as: "admin", form: rows, status: 303,
				wantHeader: map[string]string{"Location": "/staf/biaya?badan=dinkes-uji"}},
			{name: "saved", url: "/staf/biaya?badan=dinkes-uji", as: "admin", status: 200,
				want: []string{`value="fotokopi-a4"`, `value="pos-zona-1"`, `value="15000"`, "Transfer ke Bank Jabar 0012345678."}},
			{name: "bad row shown next to its inputs", method: "POST", url: "/staf/biaya", as: "admin", form: bad, status: 422,
				want: []string{`id="items-0-code-error"`, `id="items-0-price-error"`, `value="sepuluh ribu"`, "Kode (baris 1)"}},
			{name: "outside the admin's scope", method: "POST", url: "/staf/biaya", as: "admin",
				form: url.Values{"badan": {"ki-uji"}}, status: 404},
			{name: "english", url: "/staf/biaya?badan=dinkes-uji", as: "admin", lang: "en", status: 200,
				want: []string{"Fee table of the information service"}},
		})
	})
}

func TestNoticePages(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		ctx := context.Background()
		admin, err := e.store.SessionUser(ctx, e.sessions["admin"])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.UpdateFeeTable(ctx, admin, "dinkes-uji", terbuka.FeeTableInput{
			Items: []terbuka.FeeItem{{Code: "fotokopi-a4", Name: "Fotokopi A4", Unit: "lembar", Price: 500},
				{Code: "cd", Name: "CD-R", Unit: "keping", Price: 10_000}},
			PaymentInstructions: "Transfer ke Bank Jabar 0012345678."}); err != nil {
			t.Fatal(err)
		}
		pelaksana, _ := e.store.SessionUser(ctx, e.sessions["pelaksana"])
		entry, err := e.store.CreateCatalogueEntry(ctx, pelaksana, "dinkes-uji", terbuka.NewCatalogueEntry{
			Title: "Laporan realisasi anggaran 2025", Summary: "Realisasi per program.", Classification: terbuka.SetiapSaat, Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		track := url.Values{"nomor": {"{number}"}, "kode": {"{token}"}}
		e.run(t, []scenario{
			{name: "fee inputs in the decision form", url: "/staf/permohonan/{number}", as: "pelaksana", status: 200,
				want: []string{`name="fee.fotokopi-a4"`, `<label for="fee-cd">CD-R <span class="hint">(Rp10.000/keping)</span></label>`,
					"Biaya penyalinan dan pengiriman (opsional)"},
				notWant: []string{`action="/staf/permohonan/{number}/berkas"`, `action="/staf/permohonan/{number}/pembayaran"`}},
			{name: "a bad quantity keeps the form", method: "POST", url: "/staf/permohonan/{number}/keputusan", as: "pelaksana",
				form: url.Values{"decision": {"granted"}, "fee.cd": {"dua"}}, status: 422,
				want: []string{`id="fees-error"`, `value="dua"`, `<a href="#fees">Biaya</a>`}},
			{name: "no fee on a refusal", method: "POST", url: "/staf/permohonan/{number}/keputusan", as: "pelaksana",
				form: url.Values{"decision": {"not_held"}, "fee.cd": {"1"}}, status: 422, want: []string{"Biaya hanya dapat dikenakan"}},
			{name: "grant with a fee", method: "POST", url: "/staf/permohonan/{number}/keputusan", as: "pelaksana",
				form: url.Values{"decision": {"granted"}, "fee.fotokopi-a4": {"10"}, "fee.cd": {""}}, status: 303},
			{name: "the staff page shows the notice and the fee", url: "/staf/permohonan/{number}", as: "pelaksana", status: 200,
				want: []string{`id="notice-number">PEMB-DINKES-2026-000001`, `datetime="2026-02-26" id="objection-due"`,
					"pemberitahuan-PEMB-DINKES-2026-000001.pdf", "Surat pemberitahuan tertulis", `id="fee-total"><strong>Rp5.000`,
					`action="/staf/permohonan/{number}/pembayaran"`, `action="/staf/permohonan/{number}/berkas"`,
					`enctype="multipart/form-data"`, `action="/staf/permohonan/{number}/tautan"`, "Laporan realisasi anggaran 2025",
				}},
			{name: "the tracking page shows the notice and the fee to pay", method: "POST", url: "/lacak", form: track, status: 200,
				want: []string{"Pemberitahuan tertulis nomor PEMB-DINKES-2026-000001", "Batas akhir pengajuan keberatan: Kamis, 26 Februari 2026.",
					`action="/lacak/{number}/berkas/`, `name="kode" value="{token}"`, `id="fee-due">Biaya yang harus dibayar: Rp5.000`,
					"Transfer ke Bank Jabar 0012345678."},
				notWant: []string{nik, "Petugas pelaksana"}},
		})
		ids := e.fileIDs(t)
		notice := strconv.FormatInt(ids[0], 10)
		isPDF := func(t *testing.T, _ *env, rec *httptest.ResponseRecorder) {
			if !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF-")) {
				t.Errorf("not a PDF")
			}
		}
		e.run(t, []scenario{
			{name: "the requester downloads the notice", method: "POST", url: "/lacak/{number}/berkas/" + notice,
				form: url.Values{"kode": {"{token}"}}, status: 200, check: isPDF,
				wantHeader: map[string]string{"Content-Type": "application/pdf",
					"Content-Disposition": "attachment; filename=pemberitahuan-PEMB-DINKES-2026-000001.pdf"}},
			{name: "a wrong code", method: "POST", url: "/lacak/{number}/berkas/" + notice, form: url.Values{"kode": {"salah"}}, status: 404},
			{name: "no GET with the code in the URL", url: "/lacak/{number}/berkas/" + notice + "?kode={token}", status: 404},
			{name: "staff download", url: "/staf/permohonan/{number}/berkas/" + notice, as: "ppid", status: 200, check: isPDF},
			{name: "staff of another unit", url: "/staf/permohonan/{number}/berkas/" + notice, as: "other", status: 404},

			{name: "an executable renamed .pdf", method: "POST", url: "/staf/permohonan/{number}/berkas", as: "pelaksana",
				body:   multipartForm([]string{"public", "false", "public", "true"}, "laporan.pdf", append([]byte("MZ\x90\x00"), make([]byte, 600)...)),
				status: 415, want: []string{`id="file-error"`, "Jenis berkas tidak diterima"}},
			{name: "upload", method: "POST", url: "/staf/permohonan/{number}/berkas", as: "pelaksana",
				body: multipartForm([]string{"public", "false", "public", "true"}, "Rincian anggaran.pdf", releasedPDF), status: 303},
			{name: "upload for staff only", method: "POST", url: "/staf/permohonan/{number}/berkas", as: "pelaksana",
				body: multipartForm([]string{"public", "false"}, "catatan.txt", []byte("catatan internal\n")), status: 303},
			{name: "link a catalogue entry", method: "POST", url: "/staf/permohonan/{number}/tautan", as: "pelaksana",
				form: url.Values{"catalogue_id": {strconv.FormatInt(entry.ID, 10)}}, status: 303},
			{name: "publishing with the requester's name is refused, next to the field", method: "POST",
				url: "/staf/permohonan/{number}/terbitkan", as: "pelaksana", status: 422,
				form: url.Values{"title": {"Realisasi anggaran imunisasi"}, "summary": {"Diberikan kepada Budi Santoso."}},
				want: []string{`id="summary-error"`, "data pribadi pemohon", "Diberikan kepada Budi Santoso."}},
			{name: "publish the answer to the DIP", method: "POST", url: "/staf/permohonan/{number}/terbitkan", as: "pelaksana",
				form: url.Values{"title": {"Realisasi anggaran imunisasi"}, "summary": {"Rincian realisasi per puskesmas."}}, status: 303},
			{name: "the published answer is in the public search", url: "/katalog/cari?q=merealisasikan+imunisasi", status: 200,
				want: []string{"Realisasi anggaran imunisasi", "<mark>realisasi</mark>"}},
			{name: "record the payment", method: "POST", url: "/staf/permohonan/{number}/pembayaran", as: "pelaksana",
				form: url.Values{"method": {"tunai"}, "paid_at": {"2026-01-12T08:45"}}, status: 303},
			{name: "staff see everything", url: "/staf/permohonan/{number}", as: "ppid", status: 200,
				want: []string{"Rincian anggaran.pdf", "catatan.txt", "hanya untuk petugas", `id="fee-paid">Dibayar Senin, 12 Januari 2026 08.45 WIB, Tunai`,
					"diterima oleh Petugas pelaksana", "Laporan realisasi anggaran 2025"},
				notWant: []string{`action="/staf/permohonan/{number}/pembayaran"`}},
			{name: "the requester sees the public ones and the fee paid", method: "POST", url: "/lacak", form: track, status: 200,
				want: []string{"Rincian anggaran.pdf", "Laporan realisasi anggaran 2025", "Realisasi per program.",
					`id="fee-paid">Biaya telah dibayar pada Senin, 12 Januari 2026 08.45 WIB`},
				notWant: []string{"catatan.txt", "diterima oleh"}},
		})
		if ids = e.fileIDs(t); len(ids) != 3 {
			t.Fatalf("files %v", ids)
		}
		e.run(t, []scenario{
			{name: "the requester cannot download the internal file", method: "POST", url: "/lacak/{number}/berkas/" + strconv.FormatInt(ids[2], 10),
				form: url.Values{"kode": {"{token}"}}, status: 404},
			{name: "but the released one", method: "POST", url: "/lacak/{number}/berkas/" + strconv.FormatInt(ids[1], 10),
				form: url.Values{"kode": {"{token}"}}, status: 200, check: func(t *testing.T, _ *env, rec *httptest.ResponseRecorder) {
					if !bytes.Equal(rec.Body.Bytes(), releasedPDF) || !strings.Contains(rec.Header().Get("Content-Disposition"), "Rincian") {
						t.Errorf("got %q, %v", rec.Body.Bytes(), rec.Header())
					}
				}},
		})
	})
}
