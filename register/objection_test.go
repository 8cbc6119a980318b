package register

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
	"github.com/xuri/excelize/v2"
)

// objectionFixtures are a decided objection (upheld, with the requester's
// response, filed through a proxy) and an open one whose statement and
// name start like formulas.
func objectionFixtures() []terbuka.Objection {
	return []terbuka.Objection{
		{
			Number: "KEB-DINKES-2026-000001", RequestNumber: "DINKES-2026-000007", BodyTimeZone: "Asia/Jakarta",
			Reason: "a", Status: terbuka.ObjectionDecided, ReceivedOn: workday.D(2026, 2, 2), DueOn: workday.D(2026, 3, 16),
			RequesterName: "Siti Rahmawati", RepresentativeName: "LBH Bandung",
			Information: "Rekam medis agregat puskesmas 2025", Purpose: "Penelitian",
			Decision: &terbuka.ObjectionDecision{Kind: terbuka.Upheld, Reasons: "Data memuat rahasia pribadi pasien.",
				DecidedBy: "Drs. Hendra Gunawan", Position: "Sekretaris Daerah",
				// 23:30 WIB on 2 March is 16:30 UTC: the register shows the WIB date.
				DecidedAt: time.Date(2026, 3, 2, 16, 30, 0, 0, time.UTC)},
			Response: "Saya akan mengajukan sengketa ke Komisi Informasi.",
		},
		{
			Number: "KEB-DINKES-2026-000002", RequestNumber: "DINKES-2026-000009", BodyTimeZone: "Asia/Jakarta",
			Reason: "c", Status: terbuka.ObjectionRegistered, ReceivedOn: workday.D(2026, 2, 9), DueOn: workday.D(2026, 3, 23),
			RequesterName: "=HYPERLINK(\"http://x\")", Information: "+62 data", Purpose: "-",
		},
	}
}

var objectionHeaderID = []string{"No", "Nomor registrasi keberatan", "Tanggal diterima", "Nama pemohon / kuasa",
	"Nomor pendaftaran permohonan", "Informasi yang diminta", "Tujuan penggunaan informasi",
	"Alasan keberatan (Pasal 35 ayat (1))", "Keputusan atasan PPID", "Tanggal keputusan", "Nama dan jabatan atasan PPID",
	"Tanggapan pemohon", "Batas waktu tanggapan", "Status"}

func TestObjectionRows_RegisterColumns(t *testing.T) {
	header, rows := ObjectionRows(objectionFixtures(), "id")
	if !slices.Equal(header, objectionHeaderID) {
		t.Fatalf("header:\n got %q\nwant %q", header, objectionHeaderID)
	}
	want := map[string]string{
		"No": "1", "Nomor registrasi keberatan": "KEB-DINKES-2026-000001", "Tanggal diterima": "2026-02-02",
		"Nama pemohon / kuasa": "Siti Rahmawati (kuasa: LBH Bandung)", "Nomor pendaftaran permohonan": "DINKES-2026-000007",
		"Informasi yang diminta": "Rekam medis agregat puskesmas 2025", "Tujuan penggunaan informasi": "Penelitian",
		"Alasan keberatan (Pasal 35 ayat (1))": "huruf a: " + terbuka.Pasal35["a"],
		"Keputusan atasan PPID":                "Menguatkan putusan PPID", "Tanggal keputusan": "2026-03-02",
		"Nama dan jabatan atasan PPID": "Drs. Hendra Gunawan, Sekretaris Daerah",
		"Tanggapan pemohon":            "Saya akan mengajukan sengketa ke Komisi Informasi.",
		"Batas waktu tanggapan":        "2026-03-16", "Status": "Diputus",
	}
	for col, v := range want {
		if got := cellAt(t, header, rows[0], col); got != v {
			t.Errorf("%s = %q, want %q", col, got, v)
		}
	}
	open := rows[1]
	for col, v := range map[string]string{"Keputusan atasan PPID": "-", "Tanggal keputusan": "", "Tanggapan pemohon": "-",
		"Nama dan jabatan atasan PPID": "-", "Status": "Terdaftar"} {
		if got := cellAt(t, header, open, col); got != v {
			t.Errorf("open objection %s = %q, want %q", col, got, v)
		}
	}
	en, _ := ObjectionRows(objectionFixtures(), "en")
	if en[1] != "Objection registration number" || en[8] != "Decision of the atasan PPID" {
		t.Errorf("English header %q", en)
	}
}

func TestWriteObjectionCSV_ReadsBackDefused(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteObjectionCSV(&buf, "Pemerintah Provinsi Contoh", objectionFixtures(), "id"); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if !strings.HasPrefix(raw, bom) || !strings.Contains(raw, "\r\n") {
		t.Fatalf("no BOM or CRLF: %q", raw[:40])
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(raw, bom))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 4 || records[0][0] != "Register Keberatan — Pemerintah Provinsi Contoh" {
		t.Fatalf("records %q", records)
	}
	if !slices.Equal(records[1], objectionHeaderID) {
		t.Errorf("header %q", records[1])
	}
	row := records[3]
	if got := cellAt(t, records[1], row, "Nama pemohon / kuasa"); got != `'=HYPERLINK("http://x")` {
		t.Errorf("name not defused: %q", got)
	}
	if got := cellAt(t, records[1], row, "Informasi yang diminta"); got != "'+62 data" {
		t.Errorf("information not defused: %q", got)
	}
	if got := cellAt(t, records[1], row, "Tujuan penggunaan informasi"); got != "-" {
		t.Errorf("a lone dash is defused: %q", got)
	}
}

func TestWriteObjectionXLSX_ReadsBackTyped(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteObjectionXLSX(&buf, "Pemerintah Provinsi Contoh", objectionFixtures(), "id"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "Register Keberatan — Pemerintah Provinsi Contoh" || !slices.Equal(rows[1], objectionHeaderID) {
		t.Fatalf("rows %q", rows)
	}
	raw := func(ref string) string {
		v, err := f.GetCellValue(SheetName, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if raw("B3") != "KEB-DINKES-2026-000001" || raw("D4") != `'=HYPERLINK("http://x")` {
		t.Errorf("B3 %q D4 %q", raw("B3"), raw("D4"))
	}
	serial, err := strconv.ParseFloat(raw("J3"), 64)
	if err != nil {
		t.Fatalf("J3 (Tanggal keputusan) = %q, want a date serial", raw("J3"))
	}
	if day, _ := excelize.ExcelDateToTime(serial, false); !day.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("J3 = %v", day)
	}
	if raw("J4") != "" {
		t.Errorf("an undecided objection has a decision date %q", raw("J4"))
	}
}

func TestWriteObjectionXLSX_Empty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteObjectionXLSX(&buf, "", nil, "en"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(SheetName)
	if len(rows) < 2 || rows[0][0] != "Objection Register (register keberatan)" || rows[1][1] != "Objection registration number" {
		t.Fatalf("rows %q", rows)
	}
}
