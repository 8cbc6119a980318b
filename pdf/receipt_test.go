package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

func fixtureBody() terbuka.Body {
	return terbuka.Body{
		ID: 1, Slug: "dinkes", Code: "DINKES", Name: "Dinas Kesehatan Kota Bandung",
		Kind: terbuka.KindOPD, PPID: terbuka.PPIDPelaksana, Settings: terbuka.DefaultSettings(),
		Address: "Jl. Supratman No. 73, Bandung 40122", Email: "ppid@dinkes.example.go.id",
		Phone: "022-7207811", Website: "https://dinkes.example.go.id",
	}
}

func fixtureRequest() terbuka.Request {
	wib := time.FixedZone("WIB", 7*60*60)
	return terbuka.Request{
		ID: 42, Number: "DINKES-2026-000042", BodyName: "Dinas Kesehatan Kota Bandung",
		Status: terbuka.StatusRegistered, Channel: terbuka.ChannelWeb,
		Requester: terbuka.Requester{
			Kind: terbuka.Individual, Name: "Budi Santoso", IDNumber: "3201011501900001",
			Address: "Jl. Merdeka No. 1, Bandung", Email: "budi@example.com", Phone: "+6281234567890",
			Occupation: "Wartawan",
		},
		Information: "Salinan dokumen anggaran program imunisasi tahun 2025.",
		Purpose:     "Liputan tentang belanja kesehatan daerah.",
		Obtain:      "softcopy", Delivery: "email", Lang: "id",
		SubmittedAt:   time.Date(2026, 1, 12, 14, 5, 0, 0, wib),
		ReceivedOn:    workday.D(2026, 1, 12),
		DueOn:         workday.D(2026, 1, 27),
		OriginalDueOn: workday.D(2026, 1, 27),
	}
}

var issued = time.Date(2026, 1, 12, 7, 5, 0, 0, time.UTC)

// pdfText extracts the text of a PDF with pdftotext (poppler-utils) and
// returns it with runs of white space collapsed, and the number of pages.
func pdfText(t *testing.T, doc []byte) (string, int) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext not found on PATH: install poppler-utils (apt-get install -y poppler-utils) to run the PDF tests")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	pages := strings.Count(string(out), "\f")
	return strings.Join(strings.Fields(string(out)), " "), pages
}

func TestReceipt_ShowsRequestInItsLanguage(t *testing.T) {
	tests := []struct {
		name    string
		lang    string
		change  func(*terbuka.Request)
		want    []string
		notWant []string
	}{
		{
			name: "indonesian by default",
			lang: "",
			want: []string{
				"TANDA BUKTI PERMOHONAN INFORMASI PUBLIK", "DINKES-2026-000042", "Dinas Kesehatan Kota Bandung",
				"Budi Santoso", "3201011501900001", "Wartawan", "budi@example.com", "+6281234567890",
				"Senin, 12 Januari 2026 pukul 14.05 WIB", "Selasa, 27 Januari 2026", "10 hari kerja",
				"paling lama 7 hari kerja", "Salinan softcopy", "Email", "keberatan",
				"Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Pasal 22",
				"Petugas Pelayanan Informasi", "12 Januari 2026", "Telp. 022-7207811", "Perseorangan",
				"kode pelacakan", "Halaman 1 dari 1",
			},
			notWant: []string{"Registration number", "Sampai"},
		},
		{
			name: "english labels, legal terms stay indonesian",
			lang: "en",
			want: []string{
				"RECEIPT OF A REQUEST FOR PUBLIC INFORMATION", "Registration number: DINKES-2026-000042",
				"Monday, 12 January 2026 at 14:05 WIB", "Tuesday, 27 January 2026", "10 working days",
				"Requester", "Occupation", "Soft copy", "keberatan", "atasan PPID",
				"Petugas Pelayanan Informasi", "Page 1 of 1", "tracking code",
			},
			notWant: []string{"Nomor pendaftaran", "Tanggal diajukan"},
		},
		{
			name: "extended request shows the new due date and reason",
			lang: "id",
			change: func(r *terbuka.Request) {
				r.Extended, r.DueOn, r.ExtensionReason = true, workday.D(2026, 2, 5), "Dokumen tersimpan di arsip daerah."
			},
			want: []string{"Kamis, 5 Februari 2026", "Dokumen tersimpan di arsip daerah", "Selasa, 27 Januari 2026"},
		},
		{
			name: "representative and legal entity",
			lang: "id",
			change: func(r *terbuka.Request) {
				r.Requester.Kind, r.Requester.IDNumber = terbuka.LegalEntity, "AHU-0012345.AH.01.07.2020"
				r.Representative = &terbuka.Representative{Name: "Siti Aminah", IDNumber: "3273014101850002", Mandate: "SK-01/2026"}
			},
			want: []string{"Badan hukum", "Nomor SK pengesahan (AHU)", "AHU-0012345.AH.01.07.2020", "Siti Aminah", "3273014101850002", "SK-01/2026"},
		},
		{
			name: "empty optional fields show a dash",
			lang: "id",
			change: func(r *terbuka.Request) {
				r.Requester.Occupation, r.Requester.Phone = "", ""
			},
			want: []string{"Pekerjaan : -", "Telp. : -"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixtureRequest()
			if tt.change != nil {
				tt.change(&r)
			}
			doc, err := Receipt(fixtureBody(), r, tt.lang, issued)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(doc, []byte("%PDF-")) {
				t.Fatalf("output starts with %q, want %%PDF-", doc[:min(8, len(doc))])
			}
			text, _ := pdfText(t, doc)
			for _, s := range tt.want {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q\n%s", s, text)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(text, s) {
					t.Errorf("text has %q", s)
				}
			}
		})
	}
}

func TestReceipt_LongInformationWrapsOntoSecondPage(t *testing.T) {
	r := fixtureRequest()
	r.Information = strings.Repeat("Rincian anggaran imunisasi per puskesmas. ", 120)[:5000]
	doc, err := Receipt(fixtureBody(), r, "id", issued)
	if err != nil {
		t.Fatal(err)
	}
	text, pages := pdfText(t, doc)
	if pages < 2 {
		t.Fatalf("pages = %d, want at least 2", pages)
	}
	if !strings.Contains(text, "Halaman 2 dari") || !strings.Contains(text, "Petugas Pelayanan Informasi") {
		t.Errorf("second page or signature missing:\n%s", text)
	}
}

func TestReceipt_SameInputGivesSameBytes(t *testing.T) {
	a, err := Receipt(fixtureBody(), fixtureRequest(), "id", issued)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Receipt(fixtureBody(), fixtureRequest(), "id", issued)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two receipts from the same input differ")
	}
}

func TestReceipt_TextTheFontCannotDrawDoesNotFail(t *testing.T) {
	tests := []struct{ name, information string }{
		{"emoji outside the BMP", "Data vaksinasi 💉 per kecamatan tahun 2025"},
		{"script the font lacks", "Data 漢字 dan ᬅᬓ᭄ᬱᬭ per kecamatan"},
		{"control characters", "Data\x00 vaksinasi\x07 per\r\nkecamatan\ttahun 2025"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixtureRequest()
			r.Information = tt.information
			doc, err := Receipt(fixtureBody(), r, "id", issued)
			if err != nil {
				t.Fatal(err)
			}
			if text, _ := pdfText(t, doc); !strings.Contains(text, "kecamatan") {
				t.Errorf("information missing:\n%s", text)
			}
		})
	}
}
