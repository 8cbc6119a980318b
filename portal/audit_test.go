package portal_test

import (
	"net/url"
	"testing"
)

func TestStaffAudit(t *testing.T) {
	eachEngine(t, nil, func(t *testing.T, e *env) {
		e.run(t, []scenario{
			{name: "needs login", url: "/staf/permohonan/{number}/audit", status: 303,
				wantHeader: map[string]string{"Location": "/staf/masuk?next=%2Fstaf%2Fpermohonan%2F{number}%2Faudit"}},
			{name: "request page links to it", url: "/staf/permohonan/{number}", as: "ppid", status: 200,
				want: []string{`href="/staf/permohonan/{number}/audit"`, "Lihat riwayat audit"}},
			{name: "extend", method: "POST", url: "/staf/permohonan/{number}/perpanjang", as: "pelaksana",
				form: url.Values{"reason": {"Informasi tersebar di beberapa bidang dan perlu dihimpun."}}, status: 303},
			{name: "history", url: "/staf/permohonan/{number}/audit", as: "ppid", status: 200,
				want: []string{"Riwayat audit permohonan {number}", "2 catatan audit.",
					"request.created", "Permohonan dicatat", "Pemohon (publik)",
					"request.extended", "Waktu jawaban diperpanjang", "Petugas pelaksana",
					"Senin, 12 Januari 2026 09.00 WIB", "<dt>due_on</dt>", "<dd>2026-01-27</dd>", "<dt>channel</dt>", "<dd>web</dd>",
					`title="Hash lengkap: `, `href="/staf/permohonan/{number}"`},
				notWant: []string{nik, email, address, "Budi Santoso", "Informasi tersebar"}},
			{name: "english", url: "/staf/permohonan/{number}/audit", as: "pelaksana", lang: "en", status: 200,
				want: []string{"Audit history of request {number}", "Request registered", "Answer time extended", "Requester (public)"}},
			{name: "another unit's pelaksana", url: "/staf/permohonan/{number}/audit", as: "other", status: 404,
				notWant: []string{"request.created"}},
			{name: "unknown request", url: "/staf/permohonan/DINKES-2026-999999/audit", as: "ppid", status: 404},
		})
	})
}
