package mail

import (
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

func objectionLetter(decided bool) terbuka.ObjectionLetter {
	wib := time.FixedZone("WIB", 7*60*60)
	body := terbuka.Body{Name: "Dinas Kesehatan Provinsi Contoh", Settings: terbuka.DefaultSettings()}
	head := terbuka.Body{Name: "Pemerintah Provinsi Contoh", Settings: terbuka.DefaultSettings()}
	r := terbuka.Request{Number: "DINKES-2026-000007", BodyName: body.Name, Status: terbuka.StatusAnswered,
		Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Sari Dewi", IDNumber: "3201016505900003",
			Email: "sari@example.id", Address: "Jl. Kenari 7"},
		Information: "Daftar puskesmas", Purpose: "Skripsi", ReceivedOn: workday.D(2026, 1, 12), DueOn: workday.D(2026, 1, 27),
		Decision: &terbuka.Decision{Kind: terbuka.Denied, DecidedAt: time.Date(2026, 1, 20, 9, 0, 0, 0, wib)}}
	o := terbuka.Objection{Number: "KEB-DINKES-2026-000001", RequestNumber: r.Number, BodyName: body.Name, Reason: "a",
		Statement: "NIK saya 3201016505900003; data ini bukan rahasia.", Status: terbuka.ObjectionRegistered,
		ReceivedOn: workday.D(2026, 1, 21), DueOn: workday.D(2026, 3, 5), RequesterName: "Sari Dewi"}
	if decided {
		o.Status = terbuka.ObjectionDecided
		o.Decision = &terbuka.ObjectionDecision{Kind: terbuka.Upheld, Reasons: "Uji konsekuensi PPID sudah tepat dan lengkap.",
			DecidedBy: "Drs. Hendra", Position: "Sekretaris Daerah", DecidedAt: time.Date(2026, 2, 10, 9, 0, 0, 0, wib)}
	}
	return terbuka.ObjectionLetter{Letterhead: head, Body: body, Request: r, Objection: o, DisputeBy: workday.D(2026, 3, 4)}
}

func TestObjectionMessage_Receipt(t *testing.T) {
	m, err := ObjectionMessage(ObjectionReceipt, objectionLetter(false), "id", "https://ppid.contoh.go.id/")
	if err != nil {
		t.Fatal(err)
	}
	if m.To != "sari@example.id" || !strings.Contains(m.Subject, "KEB-DINKES-2026-000001") || len(m.Attachments) != 0 {
		t.Fatalf("%+v", m)
	}
	for _, want := range []string{"Yth. Sari Dewi", "DINKES-2026-000007", "huruf a — penolakan atas permintaan informasi",
		"Kamis, 5 Maret 2026", "30 hari kerja", "14 hari kerja", "https://ppid.contoh.go.id/lacak?nomor=DINKES-2026-000007"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("receipt lacks %q:\n%s", want, m.Text)
		}
	}
}

func TestObjectionMessage_DecidedAttachesLetter(t *testing.T) {
	for _, lang := range []string{"id", "en"} {
		m, err := ObjectionMessage(ObjectionDecided, objectionLetter(true), lang, "https://ppid.contoh.go.id")
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Attachments) != 1 || m.Attachments[0].Name != "tanggapan-keberatan-KEB-DINKES-2026-000001.pdf" ||
			!strings.HasPrefix(string(m.Attachments[0].Data), "%PDF-") {
			t.Fatalf("attachments %+v", m.Attachments)
		}
		want := []string{"menguatkan keputusan PPID", "Uji konsekuensi PPID sudah tepat", "Sekretaris Daerah", "Rabu, 4 Maret 2026"}
		if lang == "en" {
			want = []string{"upheld the PPID's decision", "Wednesday, 4 March 2026", "Komisi Informasi"}
		}
		for _, w := range want {
			if !strings.Contains(m.Text, w) {
				t.Errorf("%s: decision mail lacks %q:\n%s", lang, w, m.Text)
			}
		}
	}
	if _, err := ObjectionMessage(ObjectionDecided, objectionLetter(false), "id", ""); err == nil {
		t.Fatal("a decision mail without a decision")
	}
}

func TestObjectionMessage_StaffMailNamesNoRequester(t *testing.T) {
	in := objectionLetter(true)
	in.Objection.Decision = &terbuka.ObjectionDecision{Kind: terbuka.ReleaseOrdered, Release: terbuka.ReleasePartial}
	in.Objection.Dispute = &terbuka.Dispute{KINumber: "001/KI/2026", Commission: "KI Provinsi Contoh", LodgedOn: workday.D(2026, 2, 12)}
	for _, kind := range []string{ObjectionStaffFiled, ObjectionStaffOrdered, ObjectionStaffDispute} {
		m, err := ObjectionMessage(kind, in, "id", "https://ppid.contoh.go.id")
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if m.To != "" || strings.Contains(m.Text, "Sari") || strings.Contains(m.Text, "sari@example.id") ||
			!strings.Contains(m.Text, "https://ppid.contoh.go.id/staf/keberatan/KEB-DINKES-2026-000001") {
			t.Errorf("%s: %+v", kind, m)
		}
	}
	m, _ := ObjectionMessage(ObjectionStaffDispute, in, "id", "")
	if !strings.Contains(m.Text, "001/KI/2026") || !strings.Contains(m.Text, "KI Provinsi Contoh") {
		t.Errorf("dispute mail: %s", m.Text)
	}
	m, _ = ObjectionMessage(ObjectionStaffOrdered, in, "id", "")
	if !strings.Contains(m.Text, "sebagian") {
		t.Errorf("order mail: %s", m.Text)
	}
}

func TestObjectionMessage_MasksAndRefuses(t *testing.T) {
	in := objectionLetter(false)
	in.Request.Information = "Data NIK 3201016505900003"
	m, err := ObjectionMessage(ObjectionReceipt, in, "id", "")
	if err != nil || strings.Contains(m.Text, "3201016505900003") {
		t.Fatalf("identity number not masked: %v\n%s", err, m.Text)
	}
	if _, err := ObjectionMessage("objection_unknown", in, "id", ""); err == nil {
		t.Fatal("unknown kind rendered")
	}
	in.Request.Requester.Email = ""
	if _, err := ObjectionMessage(ObjectionReceipt, in, "id", ""); err == nil {
		t.Fatal("receipt without an address")
	}
	if !IsObjectionKind(ObjectionStaffDispute) || IsObjectionKind(RequestReceipt) {
		t.Fatal("IsObjectionKind")
	}
}
