package mail

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

const (
	fixtureNIK = "3201011501900001"
	portal     = "https://terbuka.example.go.id/"
)

func fixtureBody() terbuka.Body {
	return terbuka.Body{
		ID: 1, Slug: "dinkes", Code: "DINKES", Name: "Dinas Kesehatan Kota Bandung",
		Kind: terbuka.KindOPD, PPID: terbuka.PPIDPelaksana, Settings: terbuka.DefaultSettings(),
		Email: "ppid@dinkes.example.go.id", Phone: "022-7207811",
	}
}

func fixtureRequest() terbuka.Request {
	wib := time.FixedZone("WIB", 7*60*60)
	return terbuka.Request{
		ID: 42, Number: "DINKES-2026-000042", Status: terbuka.StatusRegistered, Channel: terbuka.ChannelWeb,
		Requester: terbuka.Requester{
			Kind: terbuka.Individual, Name: "Budi Santoso", IDNumber: fixtureNIK,
			Address: "Jl. Merdeka No. 1, Bandung", Email: "budi@example.com", Phone: "+6281234567890",
		},
		Information: "Salinan anggaran imunisasi 2025 (pemohon NIK " + fixtureNIK + ").",
		Purpose:     "Liputan.", Obtain: "softcopy", Delivery: "email", Lang: "id",
		SubmittedAt:   time.Date(2026, 1, 12, 14, 5, 0, 0, wib),
		CreatedAt:     time.Date(2026, 1, 12, 14, 5, 1, 0, wib),
		ReceivedOn:    workday.D(2026, 1, 12),
		DueOn:         workday.D(2026, 1, 27),
		OriginalDueOn: workday.D(2026, 1, 27),
	}
}

func TestSender_DeliversReceiptWithPDFAttached(t *testing.T) {
	cfg, in := startSMTP(t, nil)
	m, err := RequestMessage(RequestReceipt, fixtureBody(), fixtureRequest(), "id", portal)
	if err != nil {
		t.Fatal(err)
	}
	if err := NewSender(cfg).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := in.messages()
	if len(got) != 1 {
		t.Fatalf("received %d messages, want 1", len(got))
	}
	if got[0].To[0] != "budi@example.com" || got[0].From != "ppid@dinkes.example.go.id" {
		t.Errorf("envelope from %q to %v", got[0].From, got[0].To)
	}
	msg, subject, parts := parse(t, got[0].Data)
	if want := "Tanda bukti permohonan informasi DINKES-2026-000042 – Dinas Kesehatan Kota Bandung"; subject != want {
		t.Errorf("subject = %q, want %q", subject, want)
	}
	if raw := msg.Header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?") {
		t.Errorf("raw subject %q is not RFC 2047 encoded", raw)
	}
	if to := msg.Header.Get("To"); !strings.Contains(to, "budi@example.com") {
		t.Errorf("To = %q", to)
	}
	var text string
	var pdfs []part
	for _, p := range parts {
		switch {
		case p.contentType == "text/plain" && p.filename == "":
			text = string(p.body)
		case p.filename != "":
			pdfs = append(pdfs, p)
		}
	}
	for _, want := range []string{"Yth. Budi Santoso", "DINKES-2026-000042", "Selasa, 27 Januari 2026",
		"https://terbuka.example.go.id/lacak?nomor=DINKES-2026-000042", "tanda-bukti-DINKES-2026-000042.pdf"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if len(pdfs) != 1 {
		t.Fatalf("got %d attachments, want 1", len(pdfs))
	}
	if pdfs[0].filename != "tanda-bukti-DINKES-2026-000042.pdf" || pdfs[0].contentType != "application/pdf" {
		t.Errorf("attachment %q of type %q", pdfs[0].filename, pdfs[0].contentType)
	}
	if !bytes.HasPrefix(pdfs[0].body, []byte("%PDF-")) {
		t.Errorf("attachment starts with %q, want %%PDF-", pdfs[0].body[:min(8, len(pdfs[0].body))])
	}
}

func TestSender_RefusalIsAnErrorThatHidesTheRecipient(t *testing.T) {
	cfg, in := startSMTP(t, func(to string) error {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no mailbox " + to}
	})
	err := NewSender(cfg).Send(context.Background(), Message{To: "Budi@Example.com", Subject: "x", Text: "x"})
	if err == nil {
		t.Fatal("Send succeeded, want an error")
	}
	if msg := strings.ToLower(err.Error()); strings.Contains(msg, "budi@example.com") {
		t.Errorf("error names the recipient: %v", err)
	}
	if len(in.messages()) != 0 {
		t.Error("a refused message was delivered")
	}
}

func TestSender_RejectsWhatCannotBeSent(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		msg  Message
		is   error
	}{
		{"mail not configured", Config{}, Message{To: "a@example.com"}, ErrDisabled},
		{"no recipient", Config{Host: "127.0.0.1", From: "ppid@example.go.id"}, Message{}, nil},
		{"bad sender", Config{Host: "127.0.0.1", From: "not an address"}, Message{To: "a@example.com"}, nil},
		{"unknown TLS mode", Config{Host: "127.0.0.1", From: "ppid@example.go.id", TLS: "ssl3"}, Message{To: "a@example.com"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NewSender(tt.cfg).Send(context.Background(), tt.msg)
			if err == nil {
				t.Fatal("Send succeeded, want an error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want %v", err, tt.is)
			}
		})
	}
}

func TestConfig_ValidateAndDefaultPort(t *testing.T) {
	tests := []struct {
		name     string
		cfg      Config
		wantErr  bool
		wantPort int
	}{
		{"disabled is valid", Config{}, false, 587},
		{"starttls by default", Config{Host: "smtp", From: "a@b.id"}, false, 587},
		{"implicit tls", Config{Host: "smtp", From: "a@b.id", TLS: TLSImplicit}, false, 465},
		{"plain relay", Config{Host: "smtp", From: "a@b.id", TLS: TLSNone}, false, 25},
		{"explicit port wins", Config{Host: "smtp", From: "a@b.id", Port: 2525}, false, 2525},
		{"sender required", Config{Host: "smtp"}, true, 0},
		{"unknown tls mode", Config{Host: "smtp", From: "a@b.id", TLS: "ssl"}, true, 0},
		{"port out of range", Config{Host: "smtp", From: "a@b.id", Port: 70000}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate() = %v, wantErr %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if port, _ := tt.cfg.port(); port != tt.wantPort {
				t.Errorf("port = %d, want %d", port, tt.wantPort)
			}
		})
	}
}

// decided returns the fixture request with decision d.
func decided(d terbuka.Decision) terbuka.Request {
	r := fixtureRequest()
	r.Status, r.Decision = d.Kind.StatusAfter(), &d
	return r
}

func extended() terbuka.Request {
	r := fixtureRequest()
	r.Status, r.Extended, r.DueOn = terbuka.StatusExtended, true, workday.D(2026, 2, 5)
	r.ExtensionReason = "Dokumen tersimpan di arsip daerah dan perlu ditelusuri."
	return r
}

func exemptB() *terbuka.Exemption {
	return &terbuka.Exemption{Letter: "b", Basis: "Pasal 17 huruf b UU 14/2008",
		ConsequenceTest: "Membuka harga penawaran merugikan persaingan usaha yang sehat."}
}

func TestRequestMessage_SaysWhatHappenedInTheRequestersLanguage(t *testing.T) {
	tests := []struct {
		name, kind, lang string
		req              terbuka.Request
		want             []string
		attachments      int
	}{
		{"receipt", RequestReceipt, "id", fixtureRequest(),
			[]string{"telah kami terima", "Nomor pendaftaran: DINKES-2026-000042", "10 hari kerja", "7 hari kerja", "Pasal 22"}, 1},
		{"receipt in english", RequestReceipt, "en", fixtureRequest(),
			[]string{"Dear Budi Santoso", "has been received", "Tuesday, 27 January 2026", "10 working days"}, 1},
		{"extended", RequestExtended, "id", extended(),
			[]string{"memperpanjang", "Batas waktu baru: Kamis, 5 Februari 2026", "Batas waktu semula: Selasa, 27 Januari 2026",
				"Dokumen tersimpan di arsip daerah", "hanya dapat dilakukan satu kali"}, 0},
		{"extended in english", RequestExtended, "en", extended(),
			[]string{"New due date: Thursday, 5 February 2026", "Reason for the extension", "only once"}, 0},
		{"granted", RequestDecided, "id", decided(terbuka.Decision{Kind: terbuka.Granted, Note: "Salinan dikirim lewat e-mail."}),
			[]string{"Keputusan: diterima seluruhnya", "Catatan PPID:\nSalinan dikirim lewat e-mail.", "keberatan", "atasan PPID", "30 hari kerja"}, 0},
		{"partially granted", RequestDecided, "id", decided(terbuka.Decision{Kind: terbuka.PartiallyGranted, Exemption: exemptB()}),
			[]string{"diterima sebagian", "Pasal 17 huruf b UU 14/2008", "Uji konsekuensi", "dihitamkan"}, 0},
		{"denied as exempt", RequestDecided, "id", decided(terbuka.Decision{Kind: terbuka.Denied, Exemption: exemptB()}),
			[]string{"ditolak (informasi dikecualikan", "Dasar pengecualian: Pasal 17 huruf b UU 14/2008 (mengganggu perlindungan",
				"Membuka harga penawaran"}, 0},
		{"not held", RequestDecided, "id", decided(terbuka.Decision{Kind: terbuka.NotHeld}),
			[]string{"ditolak: informasi belum dikuasai"}, 0},
		{"not documented", RequestDecided, "id", decided(terbuka.Decision{Kind: terbuka.NotDocumented}),
			[]string{"ditolak: informasi belum didokumentasikan"}, 0},
		{"transferred", RequestDecided, "id", decided(terbuka.Decision{Kind: terbuka.Transferred, TransferredTo: "Dinas Pendidikan Kota Bandung"}),
			[]string{"dialihkan ke Dinas Pendidikan Kota Bandung"}, 0},
		{"denied in english keeps legal terms", RequestDecided, "en", decided(terbuka.Decision{Kind: terbuka.Denied, Exemption: exemptB()}),
			[]string{"Decision: denied", "Exemption basis: Pasal 17 huruf b UU 14/2008", "keberatan", "atasan PPID", "30 working days"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := RequestMessage(tt.kind, fixtureBody(), tt.req, tt.lang, portal)
			if err != nil {
				t.Fatal(err)
			}
			if m.To != "budi@example.com" {
				t.Errorf("To = %q", m.To)
			}
			want := append(tt.want, "DINKES-2026-000042", "https://terbuka.example.go.id/lacak?nomor=DINKES-2026-000042")
			for _, s := range want {
				if !strings.Contains(m.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, m.Text)
				}
			}
			if len(m.Attachments) != tt.attachments {
				t.Errorf("%d attachments, want %d", len(m.Attachments), tt.attachments)
			}
		})
	}
}

func TestRequestMessage_NeverShowsTheNIK(t *testing.T) {
	reqs := map[string]terbuka.Request{
		RequestReceipt:  fixtureRequest(),
		RequestExtended: extended(),
		RequestDecided:  decided(terbuka.Decision{Kind: terbuka.Denied, Exemption: exemptB(), Note: "NIK " + fixtureNIK}),
	}
	for kind, r := range reqs {
		r.Representative = &terbuka.Representative{Name: "Siti", IDNumber: "3273014101850002", Mandate: "SK-1"}
		for _, lang := range []string{"id", "en"} {
			t.Run(kind+"/"+lang, func(t *testing.T) {
				m, err := RequestMessage(kind, fixtureBody(), r, lang, portal)
				if err != nil {
					t.Fatal(err)
				}
				for _, nik := range []string{fixtureNIK, "3273014101850002"} {
					if strings.Contains(m.Text, nik) || strings.Contains(m.Subject, nik) {
						t.Errorf("message shows NIK %s:\n%s", nik, m.Text)
					}
				}
				if !strings.Contains(m.Text, "Salinan anggaran imunisasi") {
					t.Errorf("information excerpt missing:\n%s", m.Text)
				}
			})
		}
	}
}

func TestRequestMessage_RefusesWhatItCannotRender(t *testing.T) {
	noEmail := fixtureRequest()
	noEmail.Requester.Email = ""
	tests := []struct {
		name, kind string
		req        terbuka.Request
	}{
		{"unknown kind", "request_lapsed", fixtureRequest()},
		{"no e-mail address", RequestReceipt, noEmail},
		{"extension not recorded", RequestExtended, fixtureRequest()},
		{"decision not recorded", RequestDecided, fixtureRequest()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := RequestMessage(tt.kind, fixtureBody(), tt.req, "id", portal); err == nil {
				t.Fatal("RequestMessage succeeded, want an error")
			}
		})
	}
}

func TestExcerptShortensLongInformation(t *testing.T) {
	long := strings.Repeat("a", 500)
	if got := excerpt(long); len([]rune(got)) != excerptRunes+2 || !strings.HasSuffix(got, " …") {
		t.Errorf("excerpt of 500 runes = %d runes: %q", len([]rune(got)), got)
	}
	if got := excerpt(" pendek "); got != "pendek" {
		t.Errorf("excerpt = %q", got)
	}
}
