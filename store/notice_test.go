package store_test

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
	"github.com/terbuka-id/terbuka/workday"
)

// The written notice (surat pemberitahuan tertulis) and SK penolakan that
// every decision produces in its own transaction (store/notice.go).

const harmTest = "Membuka rincian harga penawaran sebelum kontrak ditandatangani merugikan persaingan usaha yang sehat."

// decisionOf is a valid decision of kind.
func decisionOf(kind terbuka.DecisionKind) terbuka.DecisionInput {
	in := terbuka.DecisionInput{Decision: kind, Note: "Catatan PPID untuk pemohon."}
	switch kind {
	case terbuka.PartiallyGranted, terbuka.Denied:
		in.Exemption = &terbuka.Exemption{Basis: "b", ConsequenceTest: harmTest}
	case terbuka.Transferred:
		in.TransferredTo = "Badan Pengelola Keuangan Daerah"
	}
	return in
}

// noticePDFText reads a PDF's text back with pdftotext (poppler-utils),
// white space collapsed.
func noticePDFText(t *testing.T, doc []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext not found: install poppler-utils to run the notice tests")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// readFile returns the bytes of file id of request number, read as staff.
func (f *fixture) readFile(t *testing.T, number string, id int64) (terbuka.RequestFile, []byte) {
	t.Helper()
	rf, rc, err := f.s.OpenFileForStaff(context.Background(), f.ppid, number, id)
	if err != nil {
		t.Fatalf("open file %d of %s: %v", id, number, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return rf, b
}

func TestDecideRequest_IssuesNotice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		// Decided on Monday 12 January 2026: the keberatan window skips 16
		// January (Isra Mikraj), 16 February (cuti bersama) and 17 February
		// (Imlek) and ends on Thursday 26 February.
		const due = "2026-02-26"
		body, err := f.s.BodyBySlug(ctx, "dinkes-uji")
		if err != nil {
			t.Fatal(err)
		}
		cal, err := f.s.Calendar(ctx, body.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := terbuka.NoticeObjectionDeadline(cal, workday.D(2026, 1, 12)).String(); got != due {
			t.Fatalf("calendar gives %s, the test expects %s", got, due)
		}
		tests := []struct {
			kind       terbuka.DecisionKind
			notice     string
			refusal    string
			want       []string
			refusalHas []string
		}{
			{terbuka.Granted, "PEMB-DINKES-2026-000001", "", []string{"Permohonan DITERIMA SELURUHNYA.",
				"Seluruh informasi yang dimohon.", "Salinan softcopy; disampaikan melalui: Email.", "Tidak dikenakan biaya."}, nil},
			{terbuka.PartiallyGranted, "PEMB-DINKES-2026-000002", "", []string{"Permohonan DITERIMA SEBAGIAN",
				"Bagian yang dikecualikan dihitamkan (disensor) dengan alasan Pasal 17 huruf b UU 14/2008",
				"Ringkasan uji konsekuensi: Membuka rincian harga penawaran"}, nil},
			{terbuka.Denied, "PEMB-DINKES-2026-000003", "SKP-DINKES-2026-000001", []string{"Permohonan DITOLAK",
				"Seluruh informasi dikecualikan", "SKP-DINKES-2026-000001"},
				[]string{"INFORMASI YANG DIKECUALIKAN", "Pasal 17 huruf b UU 14/2008 (mengganggu perlindungan hak kekayaan intelektual",
					harmTest, "PERMOHONAN INFORMASI DITOLAK"}},
			{terbuka.NotHeld, "PEMB-DINKES-2026-000004", "SKP-DINKES-2026-000002", []string{"Informasi tidak dikuasai oleh Dinas Kesehatan Uji."},
				[]string{"INFORMASI YANG BELUM DIKUASAI", "PERMOHONAN INFORMASI DITOLAK"}},
			{terbuka.NotDocumented, "PEMB-DINKES-2026-000005", "SKP-DINKES-2026-000003", []string{"belum didokumentasikan"},
				[]string{"INFORMASI YANG BELUM DIDOKUMENTASIKAN"}},
			{terbuka.Transferred, "PEMB-DINKES-2026-000006", "", []string{"Badan Pengelola Keuangan Daerah",
				"Permohonan DIALIHKAN"}, nil},
		}
		for _, tt := range tests {
			t.Run(string(tt.kind), func(t *testing.T) {
				r, token := f.create(t, "dinkes-uji", nil)
				if _, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, decisionOf(tt.kind)); err != nil {
					t.Fatal(err)
				}
				d, err := f.s.DocumentsForStaff(ctx, f.ppid, r.Number)
				if err != nil {
					t.Fatal(err)
				}
				n := d.Notice
				if n == nil || n.Number != tt.notice || n.RefusalNumber != tt.refusal {
					t.Fatalf("notice %+v, want number %s refusal %q", n, tt.notice, tt.refusal)
				}
				if n.IssuedOn.String() != "2026-01-12" || n.ObjectionDueOn.String() != due || n.Signer != f.pelaksana.Name {
					t.Fatalf("notice dated %s, keberatan until %s, signed %q", n.IssuedOn, n.ObjectionDueOn, n.Signer)
				}
				wantFiles := 1
				if tt.refusal != "" {
					wantFiles = 2
				}
				if len(d.Files) != wantFiles {
					t.Fatalf("files %+v, want %d", d.Files, wantFiles)
				}
				nf, doc := f.readFile(t, r.Number, d.Files[0].ID)
				if nf.Kind != terbuka.FileNotice || nf.Name != "pemberitahuan-"+tt.notice+".pdf" || !nf.Public ||
					nf.ContentType != "application/pdf" || nf.Size != int64(len(doc)) {
					t.Fatalf("notice file %+v", nf)
				}
				text := noticePDFText(t, doc)
				for _, s := range append([]string{"PEMBERITAHUAN TERTULIS", "Nomor: " + tt.notice, r.Number, "Budi Santoso",
					"Salinan laporan realisasi anggaran Dinas Kesehatan tahun 2025", "Penelitian",
					"a. Penguasaan informasi", "b. Badan publik yang menguasai", "c. Keputusan dan alasannya",
					"d. Informasi yang diberikan", "e. Bagian yang dikecualikan", "f. Media dan format",
					"g. Biaya dan cara pembayaran", "Catatan PPID untuk pemohon.",
					"Batas akhir pengajuan keberatan : Kamis, 26 Februari 2026", "sampai dengan Kamis, 26 Februari 2026",
					"(" + f.pelaksana.Name + ")"}, tt.want...) {
					if !strings.Contains(text, s) {
						t.Errorf("notice lacks %q\n%s", s, text)
					}
				}
				if tt.refusal != "" {
					sk, skDoc := f.readFile(t, r.Number, d.Files[1].ID)
					if sk.Kind != terbuka.FileRefusal || sk.Name != "sk-penolakan-"+tt.refusal+".pdf" {
						t.Fatalf("sk file %+v", sk)
					}
					skText := noticePDFText(t, skDoc)
					for _, s := range append([]string{"KEPUTUSAN PPID TENTANG PENOLAKAN PERMOHONAN INFORMASI", "Nomor: " + tt.refusal,
						"Nomor pendaftaran : " + r.Number, "Budi Santoso", "Salinan laporan realisasi anggaran",
						"Batas akhir pengajuan keberatan : Kamis, 26 Februari 2026", "atasan PPID", tt.notice}, tt.refusalHas...) {
						if !strings.Contains(skText, s) {
							t.Errorf("SK lacks %q\n%s", s, skText)
						}
					}
				}
				// The requester sees the same documents with the tracking code.
				pub, err := f.s.DocumentsByTracking(ctx, r.Number, token)
				if err != nil || pub.Notice == nil || pub.Notice.Number != tt.notice || len(pub.Files) != wantFiles {
					t.Fatalf("tracking documents %+v, %v", pub, err)
				}
				entries, err := f.s.AuditFor(ctx, f.ppid, terbuka.AuditEntityRequest, r.Number)
				if err != nil {
					t.Fatal(err)
				}
				e := entries[len(entries)-1]
				// The decision stays one audit entry, with its notice.
				if e.Action != terbuka.AuditRequestDecided || !strings.Contains(e.Data, `"notice_sha256":"`+nf.SHA256+`"`) ||
					!strings.Contains(e.Data, `"notice_number":"`+tt.notice+`"`) || !strings.Contains(e.Data, `"objection_due_on":"`+due+`"`) ||
					!strings.Contains(e.Data, `"decision":"`+string(tt.kind)+`"`) {
					t.Fatalf("audit %+v", e)
				}
			})
		}
		if _, broken, err := f.s.VerifyAudit(ctx); err != nil {
			t.Fatalf("audit chain broken at %d: %v", broken, err)
		}
	})
}

func TestDecideRequest_NoticeNumbersPerBodyAndYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		decide := func(slug string, kind terbuka.DecisionKind) *terbuka.Notice {
			t.Helper()
			r, _ := f.create(t, slug, nil)
			if _, err := f.s.DecideRequest(ctx, f.ppid, r.Number, decisionOf(kind)); err != nil {
				t.Fatal(err)
			}
			d, err := f.s.DocumentsForStaff(ctx, f.ppid, r.Number)
			if err != nil {
				t.Fatal(err)
			}
			return d.Notice
		}
		if n := decide("dinkes-uji", terbuka.Denied); n.Number != "PEMB-DINKES-2026-000001" || n.RefusalNumber != "SKP-DINKES-2026-000001" {
			t.Fatalf("first notice %+v", n)
		}
		if n := decide("dindik-uji", terbuka.Granted); n.Number != "PEMB-DINDIK-2026-000001" || n.RefusalNumber != "" {
			t.Fatalf("another body starts at 1: %+v", n)
		}
		if n := decide("dinkes-uji", terbuka.Granted); n.Number != "PEMB-DINKES-2026-000002" {
			t.Fatalf("second notice %+v", n)
		}
		f.at(t, wib(2027, 1, 4, 9, 0))
		if n := decide("dinkes-uji", terbuka.NotHeld); n.Number != "PEMB-DINKES-2027-000001" || n.RefusalNumber != "SKP-DINKES-2027-000001" {
			t.Fatalf("a new year starts at 1: %+v", n)
		}
	})
}

// failingRenderer is a NoticeRenderer that cannot draw.
type failingRenderer struct{}

func (failingRenderer) Notice(terbuka.NoticeDocument) ([]byte, error) {
	return nil, errors.New("font missing")
}

func (failingRenderer) Refusal(terbuka.NoticeDocument) ([]byte, error) {
	return nil, errors.New("font missing")
}

var _ terbuka.NoticeRenderer = failingRenderer{}

func TestDecideRequest_NoNoticeNoDecision(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		r, _ := f.create(t, "dinkes-uji", nil)
		f.s.Notices = failingRenderer{}
		if _, err := f.s.DecideRequest(ctx, f.ppid, r.Number, decisionOf(terbuka.Denied)); err == nil {
			t.Fatal("decided without a notice")
		}
		f.s.Notices = nil
		got := f.staffView(t, r.Number)
		if got.Decision != nil || got.Status != terbuka.StatusRegistered {
			t.Fatalf("a failed notice left the decision: %+v", got.Decision)
		}
		if _, err := f.s.DecideRequest(ctx, f.ppid, r.Number, decisionOf(terbuka.Denied)); err != nil {
			t.Fatal(err)
		}
		d, err := f.s.DocumentsForStaff(ctx, f.ppid, r.Number)
		if err != nil || d.Notice.Number != "PEMB-DINKES-2026-000001" || d.Notice.RefusalNumber != "SKP-DINKES-2026-000001" {
			t.Fatalf("numbers after a rolled-back decision: %+v %v (a gap?)", d.Notice, err)
		}
	})
}

func TestDecideRequest_NoticeOnDisk(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		dir := filepath.Join(t.TempDir(), "files")
		disk, err := files.NewDisk(dir)
		if err != nil {
			t.Fatal(err)
		}
		f.s.Files = disk
		ctx := context.Background()
		r, _ := f.create(t, "dinkes-uji", nil)
		if _, err := f.s.DecideRequest(ctx, f.ppid, r.Number, decisionOf(terbuka.Granted)); err != nil {
			t.Fatal(err)
		}
		d, err := f.s.DocumentsForStaff(ctx, f.ppid, r.Number)
		if err != nil {
			t.Fatal(err)
		}
		sha := d.Files[0].SHA256
		if st, err := os.Stat(filepath.Join(dir, sha[:2], sha[2:4], sha)); err != nil || st.Size() != d.Files[0].Size {
			t.Fatalf("notice not on disk: %v %v", st, err)
		}
		// A second instance with the same directory serves the file.
		other := secondInstance(t, f)
		other.Files = disk
		if _, rc, err := other.OpenFileForStaff(ctx, f.ppid, r.Number, d.Files[0].ID); err != nil {
			t.Fatal(err)
		} else {
			rc.Close()
		}
		// One that does not share it fails loudly, not with a wrong file.
		lonely := secondInstance(t, f)
		if _, _, err := lonely.OpenFileForStaff(ctx, f.ppid, r.Number, d.Files[0].ID); terbuka.ErrorCode(err) != terbuka.EInternal {
			t.Fatalf("missing bytes: %v, want an internal error", err)
		}
	})
}

func TestDocuments_Access(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		r, token := f.create(t, "dinkes-uji", nil)
		other, otherToken := f.create(t, "dinkes-uji", nil)
		for _, n := range []string{r.Number, other.Number} {
			if _, err := f.s.DecideRequest(ctx, f.ppid, n, decisionOf(terbuka.Granted)); err != nil {
				t.Fatal(err)
			}
		}
		d, err := f.s.DocumentsForStaff(ctx, f.ppid, r.Number)
		if err != nil {
			t.Fatal(err)
		}
		id := d.Files[0].ID
		t.Run("OK", func(t *testing.T) {
			_, rc, err := f.s.OpenFileByTracking(ctx, r.Number, token, id)
			if err != nil {
				t.Fatal(err)
			}
			rc.Close()
		})
		for name, fn := range map[string]func() error{
			"ErrWrongCode": func() error { _, _, err := f.s.OpenFileByTracking(ctx, r.Number, otherToken, id); return err },
			"ErrNoCode":    func() error { _, _, err := f.s.OpenFileByTracking(ctx, r.Number, "", id); return err },
			"ErrFileOfAnotherRequest": func() error {
				_, _, err := f.s.OpenFileByTracking(ctx, other.Number, otherToken, id)
				return err
			},
			"ErrUnknownFile":        func() error { _, _, err := f.s.OpenFileByTracking(ctx, r.Number, token, id+1000); return err },
			"ErrDocumentsWrongCode": func() error { _, err := f.s.DocumentsByTracking(ctx, r.Number, otherToken); return err },
			"ErrOtherUnit":          func() error { _, _, err := f.s.OpenFileForStaff(ctx, f.otherPelaksana, r.Number, id); return err },
			"ErrEvaluator":          func() error { _, err := f.s.DocumentsForStaff(ctx, f.evalUsr, r.Number); return err },
		} {
			t.Run(name, func(t *testing.T) { wantCode(t, fn(), terbuka.ENotFound) })
		}
	})
}

func TestDecideRequest_ConcurrentNoticesAreGapFree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		other := secondInstance(t, f)
		shared := files.NewMemory() // as a shared directory would be
		f.s.Files, other.Files = shared, shared
		const n = 8
		numbers := make([]string, n)
		for i := range numbers {
			r, _ := f.create(t, "dinkes-uji", nil)
			numbers[i] = r.Number
		}
		errs := make(chan error, n)
		for i, number := range numbers {
			s := f.s
			if i%2 == 1 {
				s = other
			}
			kind := terbuka.Granted
			if i%3 == 0 {
				kind = terbuka.NotHeld
			}
			go func() {
				_, err := s.DecideRequest(ctx, f.ppid, number, decisionOf(kind))
				errs <- err
			}()
		}
		for range numbers {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		seen := map[string]bool{}
		refusals := map[string]bool{}
		for _, number := range numbers {
			d, err := f.s.DocumentsForStaff(ctx, f.ppid, number)
			if err != nil {
				t.Fatal(err)
			}
			seen[d.Notice.Number] = true
			if d.Notice.RefusalNumber != "" {
				refusals[d.Notice.RefusalNumber] = true
			}
		}
		for i := 1; i <= n; i++ {
			if want := terbuka.NoticeNumber("DINKES", 2026, int64(i)); !seen[want] {
				t.Errorf("notice %s missing: %v", want, seen)
			}
		}
		for i := 1; i <= 3; i++ { // decisions 0, 3 and 6 are refusals
			if want := terbuka.RefusalNumber("DINKES", 2026, int64(i)); !refusals[want] {
				t.Errorf("SK %s missing: %v", want, refusals)
			}
		}
		if _, broken, err := f.s.VerifyAudit(ctx); err != nil {
			t.Fatalf("audit chain broken at %d: %v", broken, err)
		}
	})
}
