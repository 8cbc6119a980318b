package mail

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/workday"
)

var _ NoticeSource = (*store.Store)(nil)

// fakeNotices is a NoticeSource test double.
type fakeNotices struct {
	NoticeFilesFn func(ctx context.Context, number string) ([]store.FileContent, error)
}

func (f fakeNotices) NoticeFiles(ctx context.Context, number string) ([]store.FileContent, error) {
	return f.NoticeFilesFn(ctx, number)
}

func TestRequestMessage_DecisionAttachesTheStoredNotice(t *testing.T) {
	src := fakeNotices{NoticeFilesFn: func(_ context.Context, number string) ([]store.FileContent, error) {
		return []store.FileContent{
			{RequestFile: terbuka.RequestFile{Kind: terbuka.FileNotice, Name: "pemberitahuan-PEMB-DINKES-2026-000001.pdf", ContentType: "application/pdf"}, Data: []byte("%PDF-notice")},
			{RequestFile: terbuka.RequestFile{Kind: terbuka.FileRefusal, Name: "sk-penolakan-SKP-DINKES-2026-000001.pdf", ContentType: "application/pdf"}, Data: []byte("%PDF-sk")},
		}, nil
	}}
	docs, err := NoticeAttachments(context.Background(), src, "DINKES-2026-000042")
	if err != nil {
		t.Fatal(err)
	}
	r := decided(terbuka.Decision{Kind: terbuka.Denied, Exemption: exemptB()})
	for _, lang := range []string{"id", "en"} {
		m, err := RequestMessage(RequestDecided, fixtureBody(), r, lang, portal, docs...)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Attachments) != 2 || m.Attachments[0].Name != "pemberitahuan-PEMB-DINKES-2026-000001.pdf" ||
			string(m.Attachments[1].Data) != "%PDF-sk" {
			t.Fatalf("%s: attachments %+v", lang, m.Attachments)
		}
		for _, want := range []string{"- pemberitahuan-PEMB-DINKES-2026-000001.pdf", "- sk-penolakan-SKP-DINKES-2026-000001.pdf"} {
			if !strings.Contains(m.Text, want) {
				t.Errorf("%s: text lacks %q:\n%s", lang, want, m.Text)
			}
		}
		// The attachments are named before the closing, not after it.
		if strings.Index(m.Text, "pemberitahuan-PEMB") > strings.Index(m.Text, "/lacak?nomor=") {
			t.Errorf("%s: attachments named after the closing:\n%s", lang, m.Text)
		}
	}
	// Other kinds ignore documents.
	m, err := RequestMessage(RequestExtended, fixtureBody(), extended(), "id", portal, docs...)
	if err != nil || len(m.Attachments) != 0 {
		t.Fatalf("extension mail attachments %+v, %v", m.Attachments, err)
	}
}

func TestNoticeAttachments_FromTheStoreThroughSMTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := time.Date(2026, 1, 12, 9, 0, 0, 0, workday.Jakarta)
		st := store.New(db, terbuka.FixedClock{T: at}, password.NewHasher(password.Fast, 1))
		if _, err := st.CreateBody(ctx, terbuka.Body{Slug: "dinkes", Code: "DINKES", Name: "Dinas Kesehatan Kota Uji",
			Kind: terbuka.KindOPD, PPID: terbuka.PPIDPelaksana}); err != nil {
			t.Fatal(err)
		}
		u, err := st.CreateUser(ctx, terbuka.NewUser{Email: "ppid@uji.go.id", Name: "Siti PPID", Role: terbuka.RolePPIDPelaksana,
			BodySlug: "dinkes", Password: "kata-sandi-42"})
		if err != nil {
			t.Fatal(err)
		}
		in := terbuka.NewRequest{Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Budi Santoso", IDNumber: fixtureNIK,
			Address: "Jl. Merdeka 1", Email: "budi@example.com"}, Information: "Salinan anggaran imunisasi tahun 2025",
			Purpose: "Liputan", Obtain: "softcopy", Delivery: "email"}
		r, _, err := st.CreateRequest(ctx, "dinkes", in, store.CreateOptions{Channel: terbuka.ChannelWeb})
		if err != nil {
			t.Fatal(err)
		}
		r, err = st.DecideRequest(ctx, u, r.Number, terbuka.DecisionInput{Decision: terbuka.Denied,
			Exemption: &terbuka.Exemption{Basis: "h", ConsequenceTest: "Membuka data ini mengungkap rahasia pribadi pasien yang dilindungi."}})
		if err != nil {
			t.Fatal(err)
		}
		docs, err := NoticeAttachments(ctx, st, r.Number)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := st.BodyBySlug(ctx, "dinkes")
		m, err := RequestMessage(RequestDecided, b, r, "id", portal, docs...)
		if err != nil {
			t.Fatal(err)
		}
		cfg, box := startSMTP(t, nil)
		if err := NewSender(cfg).Send(ctx, m); err != nil {
			t.Fatal(err)
		}
		_, _, parts := parse(t, box.messages()[0].Data)
		var pdfs []part
		for _, p := range parts {
			if p.filename != "" {
				pdfs = append(pdfs, p)
			}
		}
		if len(pdfs) != 2 || pdfs[0].filename != "pemberitahuan-PEMB-DINKES-2026-000001.pdf" ||
			pdfs[1].filename != "sk-penolakan-SKP-DINKES-2026-000001.pdf" || pdfs[0].contentType != "application/pdf" {
			t.Fatalf("attachments %+v", pdfs)
		}
		// The very bytes stored with the request.
		d, err := st.DocumentsForStaff(ctx, u, r.Number)
		if err != nil {
			t.Fatal(err)
		}
		f, rc, err := st.OpenFileForStaff(ctx, u, r.Number, d.Files[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		var stored bytes.Buffer
		stored.ReadFrom(rc)
		if f.Kind != terbuka.FileNotice || !bytes.Equal(stored.Bytes(), pdfs[0].body) {
			t.Errorf("attached notice differs from the stored one")
		}
		text := pdfToText(t, pdfs[0].body)
		for _, s := range []string{"PEMBERITAHUAN TERTULIS", "PEMB-DINKES-2026-000001", r.Number, "Kamis, 26 Februari 2026"} {
			if !strings.Contains(text, s) {
				t.Errorf("attached notice lacks %q", s)
			}
		}
	})
}

func pdfToText(t *testing.T, doc []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils")
	}
	path := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v %s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
