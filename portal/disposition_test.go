package portal_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// TestDisposition: the PPID Utama forwards a request filed with it to an
// OPD on the request's page; the OPD answers on the same page; the
// dispositions show their internal deadlines in colour and words.
func TestDisposition(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		ctx := context.Background()
		r, _, err := e.store.CreateRequest(ctx, "diskominfo-uji", newRequest(), store.CreateOptions{Channel: terbuka.ChannelWeb})
		if err != nil {
			t.Fatal(err)
		}
		page := "/staf/permohonan/" + r.Number
		dispose := page + "/disposisi"
		e.run(t, []scenario{
			{name: "the form", url: page, as: "ppid", status: 200,
				want: []string{`action="` + dispose + `"`, `<input type="checkbox" id="to-dinkes-uji" name="to" value="dinkes-uji">`,
					`id="to-dindik-uji"`, `<label for="days">Batas waktu internal (hari kerja)`, `name="days" value="5"`,
					"batas internal paling lama 10 hari kerja"},
				notWant: []string{`id="to-diskominfo-uji"`, `id="to-ki-uji"`}},
			{name: "an OPD does not see it yet", url: page, as: "pelaksana", status: 404},
			{name: "nobody chosen", method: "POST", url: dispose, as: "ppid", form: url.Values{"days": {"5"}, "instructions": {"Mohon data."}},
				status: 422, want: []string{`id="to-error">Pilih paling sedikit satu`, ">Mohon data.</textarea>"}},
			{name: "after the request's due date", method: "POST", url: dispose, as: "ppid",
				form: url.Values{"to": {"dinkes-uji"}, "days": {"11"}, "instructions": {"Mohon data."}}, status: 422,
				want: []string{`id="days-error">Batas waktu internal (2026-01-28) melewati`, `id="to-dinkes-uji" name="to" value="dinkes-uji" checked`}},
			{name: "forwarded", method: "POST", url: dispose, as: "ppid",
				form: url.Values{"to": {"dinkes-uji"}, "days": {"5"}, "instructions": {"Mohon data tenaga kesehatan per puskesmas."}}, status: 303,
				wantHeader: map[string]string{"Location": page, "Set-Cookie": "terbuka_flash=disposed"}},
			{name: "the PPID Utama sees the disposition", url: page, as: "ppid", status: 200,
				want: []string{"Dinas Kesehatan Uji", "Menunggu jawaban", `class="badge state-ontime">Tepat waktu`, "Selasa, 20 Januari 2026",
					"Mohon data tenaga kesehatan per puskesmas.", "Tarik disposisi", `class="badge status-in_process" id="status">Diproses`},
				notWant: []string{`id="to-dinkes-uji"`}},
			{name: "another OPD cannot open it", url: page, as: "other", status: 404},
		})
		ds, err := e.store.Dispositions(ctx, r)
		if err != nil || len(ds) != 1 {
			t.Fatalf("dispositions %v, %v", ds, err)
		}
		answer := page + "/disposisi/" + strconv.FormatInt(ds[0].ID, 10) + "/jawab"
		e.run(t, []scenario{
			{name: "the OPD's page", url: page, as: "pelaksana", status: 200,
				want: []string{"diteruskan kepada OPD Anda", `action="` + answer + `"`, `id="answer-kind-information"`, `id="answer-kind-deny_proposal"`,
					"Jawab paling lambat Selasa, 20 Januari 2026"},
				notWant: []string{`/perpanjang"`, `/keputusan"`, `action="` + dispose + `"`, `/perlu-dilengkapi"`, "Tarik disposisi"}},
			{name: "the OPD may not decide", method: "POST", url: page + "/keputusan", as: "pelaksana",
				form: url.Values{"decision": {"granted"}}, status: 403},
			{name: "a proposal to deny needs grounds", method: "POST", url: answer, as: "pelaksana",
				form: url.Values{"answer.kind": {"deny_proposal"}, "answer.text": {"Memuat identitas pasien."}}, status: 422,
				want: []string{`id="answer-exemption-error">`, `id="answer-kind-deny_proposal" name="answer.kind" value="deny_proposal" checked`}},
			{name: "answered", method: "POST", url: answer, as: "pelaksana",
				form: url.Values{"answer.kind": {"information"}, "answer.text": {"Data terlampir dalam surat dinas."}}, status: 303,
				wantHeader: map[string]string{"Location": page, "Set-Cookie": "terbuka_flash=answered"}},
			{name: "the answer on the PPID Utama's page", url: page, as: "ppid", status: 200,
				want: []string{"Sudah dijawab", "Informasi tersedia", "Data terlampir dalam surat dinas.", `class="badge state-done">Sudah ditangani`,
					"Jawaban disposisi"},
				notWant: []string{"Tarik disposisi"}},
			{name: "withdrawing an answered disposition", method: "POST", url: strings.Replace(answer, "/jawab", "/tarik", 1), as: "ppid",
				status: 409, want: []string{"sudah dijawab"}},
			{name: "in English", url: page, as: "ppid", lang: "en", status: 200,
				want: []string{"Dispositions", "Information available", "Answered"}},
		})
	})
}
