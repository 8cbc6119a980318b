package register

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
	"github.com/xuri/excelize/v2"
)

var wib = time.FixedZone("WIB", 7*60*60)

// fixtures are four requests: granted, denied under Pasal 17 huruf b,
// transferred, and still open after an extension.
func fixtures() []terbuka.Request {
	at := func(d, h, m int) time.Time { return time.Date(2025, time.January, d, h, m, 0, 0, wib) }
	jan := func(d int) workday.Date { return workday.D(2025, time.January, d) }
	return []terbuka.Request{
		{
			Number: "KOMINFO-2025-000001", Status: terbuka.StatusAnswered, Channel: terbuka.ChannelWeb,
			Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Siti Rahmawati", Address: "Jl. Merdeka No. 1, Bandung",
				Email: "siti@example.id", Phone: "+6281234567890", Occupation: "Mahasiswa"},
			Information: "Salinan DIPA tahun anggaran 2024", Purpose: "Penelitian skripsi", Obtain: "softcopy", Delivery: "email",
			SubmittedAt: at(6, 9, 15), ReceivedOn: jan(6), DueOn: jan(20), OriginalDueOn: jan(20),
			Decision: &terbuka.Decision{Kind: terbuka.Granted, DecidedAt: at(10, 14, 0)},
		},
		{
			Number: "KOMINFO-2025-000002", Status: terbuka.StatusAnswered, Channel: terbuka.ChannelLetter,
			Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Budi Santoso", Address: "Jl. Sudirman 5, Jakarta",
				Phone: "+628111222333", Occupation: "Wiraswasta"},
			Information: "Dokumen penawaran lelang pengadaan server", Purpose: "Mengikuti tender", Obtain: "hardcopy", Delivery: "post",
			SubmittedAt: at(7, 10, 0), ReceivedOn: jan(7), DueOn: jan(21), OriginalDueOn: jan(21),
			Decision: &terbuka.Decision{Kind: terbuka.Denied, DecidedAt: at(15, 11, 30),
				Exemption: &terbuka.Exemption{Letter: "b", Basis: "Pasal 17 huruf b UU 14/2008", ConsequenceTest: "Membuka penawaran merugikan persaingan usaha peserta lelang."}},
		},
		{
			Number: "KOMINFO-2025-000003", Status: terbuka.StatusTransferred, Channel: terbuka.ChannelEmail,
			Requester: terbuka.Requester{Kind: terbuka.LegalEntity, Name: "Yayasan Lentera", Address: "Jl. Asia Afrika 10, Bandung",
				Email: "info@lentera.or.id"},
			Information: "Data jumlah sekolah inklusi per kabupaten", Purpose: "Advokasi pendidikan", Obtain: "view", Delivery: "in_person",
			SubmittedAt: at(8, 15, 45), ReceivedOn: jan(8), DueOn: jan(22), OriginalDueOn: jan(22),
			Decision: &terbuka.Decision{Kind: terbuka.Transferred, TransferredTo: "Dinas Pendidikan Provinsi Jawa Barat", DecidedAt: at(9, 8, 0)},
		},
		{
			Number: "KOMINFO-2025-000004", Status: terbuka.StatusExtended, Channel: terbuka.ChannelInPerson,
			Requester: terbuka.Requester{Kind: terbuka.Individual, Name: "Andi Wijaya", Address: "Jl. Diponegoro 22, Semarang",
				Email: "andi@example.id", Phone: "+6282233344455"},
			Information: "Laporan realisasi anggaran 2024", Purpose: "Pengawasan publik", Obtain: "read", Delivery: "in_person",
			SubmittedAt: at(20, 16, 30), ReceivedOn: jan(21), DueOn: workday.D(2025, time.February, 13), OriginalDueOn: workday.D(2025, time.February, 4),
			Extended: true, ExtensionReason: "Dokumen tersebar di beberapa unit",
		},
	}
}

var headerID = []string{
	"No", "Tanggal", "Waktu diajukan", "Nomor pendaftaran", "Nama", "Alamat", "Kontak", "Pekerjaan",
	"Informasi yang diminta", "Tujuan penggunaan", "Status informasi", "Bentuk informasi", "Jenis permohonan",
	"Keputusan", "Alasan penolakan", "Tanggal pemberitahuan tertulis", "Biaya dan cara pembayaran",
	"Status", "Batas waktu", "Diperpanjang", "Saluran",
}

// cellAt returns the cell of row under the header named col.
func cellAt(t *testing.T, header []string, row []string, col string) string {
	t.Helper()
	j := slices.Index(header, col)
	if j < 0 {
		t.Fatalf("no column %q in %q", col, header)
	}
	return row[j]
}

func TestRows_HeaderFollowsRegisterFormat(t *testing.T) {
	header, rows := Rows(fixtures(), "id")
	if !slices.Equal(header, headerID) {
		t.Errorf("header:\n got %q\nwant %q", header, headerID)
	}
	if len(rows) != 4 {
		t.Fatalf("rows = %d, want 4", len(rows))
	}
	for i, r := range rows {
		if len(r) != len(header) {
			t.Errorf("row %d has %d cells, want %d", i+1, len(r), len(header))
		}
	}
}

func TestRows_DerivesRegisterValues(t *testing.T) {
	header, rows := Rows(fixtures(), "id")
	tests := []struct {
		name string
		row  int // 1-based, as in the No column
		col  string
		want string
	}{
		{"numbers rows in order", 3, "No", "3"},
		{"registration date is received_on", 4, "Tanggal", "2025-01-21"},
		{"submission time is kept apart", 4, "Waktu diajukan", "2025-01-20 16:30"},
		{"registration number", 2, "Nomor pendaftaran", "KOMINFO-2025-000002"},
		{"requester name", 1, "Nama", "Siti Rahmawati"},
		{"contact joins e-mail and phone", 1, "Kontak", "siti@example.id; +6281234567890"},
		{"contact with phone only is not defused in Rows", 2, "Kontak", "+628111222333"},
		{"missing occupation is a dash", 3, "Pekerjaan", "-"},
		{"granted information is held", 1, "Status informasi", "dikuasai"},
		{"denied information is held", 2, "Status informasi", "dikuasai"},
		{"transferred names the holding body", 3, "Status informasi", "dikuasai badan publik lain: Dinas Pendidikan Provinsi Jawa Barat"},
		{"undecided is in process", 4, "Status informasi", "dalam proses"},
		{"softcopy form", 1, "Bentuk informasi", "softcopy"},
		{"hardcopy form", 2, "Bentuk informasi", "hardcopy"},
		{"viewing form", 3, "Bentuk informasi", "melihat langsung"},
		{"copy request", 2, "Jenis permohonan", "meminta salinan"},
		{"inspection request", 4, "Jenis permohonan", "melihat/mengetahui"},
		{"granted decision", 1, "Keputusan", "Diterima seluruhnya"},
		{"denied decision", 2, "Keputusan", "Ditolak"},
		{"transferred decision", 3, "Keputusan", "Dialihkan"},
		{"no decision yet", 4, "Keputusan", "-"},
		{"denial cites Pasal 17", 2, "Alasan penolakan", "Pasal 17 huruf b UU 14/2008"},
		{"grant has no refusal reason", 1, "Alasan penolakan", "-"},
		{"notice date is the decision day", 2, "Tanggal pemberitahuan tertulis", "2025-01-15"},
		{"no notice yet is blank", 4, "Tanggal pemberitahuan tertulis", ""},
		{"fees not recorded", 1, "Biaya dan cara pembayaran", "-"},
		{"status in words", 4, "Status", "Diperpanjang"},
		{"due date after extension", 4, "Batas waktu", "2025-02-13"},
		{"extended", 4, "Diperpanjang", "ya"},
		{"not extended", 1, "Diperpanjang", "tidak"},
		{"channel in words", 2, "Saluran", "Surat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cellAt(t, header, rows[tt.row-1], tt.col); got != tt.want {
				t.Errorf("row %d %s = %q, want %q", tt.row, tt.col, got, tt.want)
			}
		})
	}
}

func TestRows_RefusalGroundsOfNotHeldAndNotDocumented(t *testing.T) {
	tests := []struct {
		kind                           terbuka.DecisionKind
		wantDecision, wantReason, info string
	}{
		{terbuka.NotHeld, "Ditolak", "informasi belum dikuasai", "belum dikuasai"},
		{terbuka.NotDocumented, "Ditolak", "informasi belum didokumentasikan", "belum didokumentasikan"},
		{terbuka.PartiallyGranted, "Diterima sebagian", "Pasal 17 huruf h UU 14/2008", "dikuasai"},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			r := fixtures()[0]
			r.Decision = &terbuka.Decision{Kind: tt.kind, DecidedAt: r.SubmittedAt}
			if tt.kind.NeedsExemption() {
				r.Decision.Exemption = &terbuka.Exemption{Basis: "Pasal 17 huruf h UU 14/2008"}
			}
			header, rows := Rows([]terbuka.Request{r}, "id")
			for col, want := range map[string]string{"Keputusan": tt.wantDecision, "Alasan penolakan": tt.wantReason, "Status informasi": tt.info} {
				if got := cellAt(t, header, rows[0], col); got != want {
					t.Errorf("%s = %q, want %q", col, got, want)
				}
			}
		})
	}
}

func TestRows_EnglishHeadersAndWords(t *testing.T) {
	header, rows := Rows(fixtures(), "en")
	want := []string{
		"No.", "Date received", "Submitted at", "Registration number", "Name", "Address", "Contact", "Occupation",
		"Information requested", "Purpose", "Information status", "Form of information", "Type of request",
		"Decision", "Reason for refusal", "Written notice date", "Fee and payment method",
		"Status", "Due date", "Extended", "Channel",
	}
	if !slices.Equal(header, want) {
		t.Errorf("header:\n got %q\nwant %q", header, want)
	}
	for _, c := range []struct {
		row       int
		col, want string
	}{
		{1, "Decision", "Granted in full"},
		{2, "Reason for refusal", "Pasal 17 huruf b UU 14/2008"}, // legal citation stays Indonesian
		{3, "Information status", "held by another public body: Dinas Pendidikan Provinsi Jawa Barat"},
		{4, "Status", "Extended"},
		{4, "Extended", "yes"},
		{1, "Date received", "2025-01-06"},
	} {
		if got := cellAt(t, header, rows[c.row-1], c.col); got != c.want {
			t.Errorf("row %d %s = %q, want %q", c.row, c.col, got, c.want)
		}
	}
}

func TestWriteXLSX_WritesTypedRegisterSheet(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, "Kementerian Komunikasi dan Digital", fixtures(), "id"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	if got := f.GetSheetList(); !slices.Equal(got, []string{"Register"}) {
		t.Fatalf("sheets = %q, want [Register]", got)
	}
	rows, err := f.GetRows("Register")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+4 {
		t.Fatalf("rows = %d, want heading + header + 4", len(rows))
	}
	if want := "Buku Register Permohonan Informasi Publik — Kementerian Komunikasi dan Digital"; rows[0][0] != want {
		t.Errorf("A1 = %q, want %q", rows[0][0], want)
	}
	if !slices.Equal(rows[1], headerID) {
		t.Errorf("header row:\n got %q\nwant %q", rows[1], headerID)
	}
	cell := func(ref string) string {
		t.Helper()
		v, err := f.GetCellValue("Register", ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := cell("E3"); got != "Siti Rahmawati" {
		t.Errorf("E3 (Nama) = %q, want Siti Rahmawati", got)
	}
	if got := cell("A5"); got != "3" {
		t.Errorf("A5 (No) = %q, want 3", got)
	}
	if typ, _ := f.GetCellType("Register", "A5"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("A5 (No) is a string cell, want a number")
	}

	t.Run("date cell holds a date serial with a date format", func(t *testing.T) {
		serial, err := strconv.ParseFloat(cell("B3"), 64)
		if err != nil {
			t.Fatalf("B3 (Tanggal) = %q, want a date serial: %v", cell("B3"), err)
		}
		day, err := excelize.ExcelDateToTime(serial, false)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2025, time.January, 6, 0, 0, 0, 0, time.UTC); !day.Equal(want) {
			t.Errorf("B3 = %v, want %v", day, want)
		}
		id, err := f.GetCellStyle("Register", "B3")
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
			t.Errorf("B3 number format = %v, want yyyy-mm-dd", st.CustomNumFmt)
		}
		if got, _ := f.GetCellValue("Register", "B3"); got != "2025-01-06" {
			t.Errorf("B3 shown as %q, want 2025-01-06", got)
		}
	})
	t.Run("empty notice date is a blank cell", func(t *testing.T) {
		if got := cell("P6"); got != "" {
			t.Errorf("P6 = %q, want blank", got)
		}
	})
	t.Run("header is frozen and filterable", func(t *testing.T) {
		panes, err := f.GetPanes("Register")
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 2 {
			t.Errorf("panes = %+v, want frozen below row 2", panes)
		}
		tables, err := f.GetTables("Register")
		if err != nil {
			t.Fatal(err)
		}
		if len(tables) != 1 || tables[0].Range != "A2:U6" {
			t.Errorf("tables = %+v, want one over A2:U6", tables)
		}
		id, err := f.GetCellStyle("Register", "E2")
		if err != nil {
			t.Fatal(err)
		}
		if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("header cell E2 is not bold (style %+v, err %v)", st, err)
		}
	})
}

func TestWriteXLSX_EmptyRegister(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, "", nil, "en"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := f.GetCellValue("Register", "A1"); got != "Public Information Request Register" {
		t.Errorf("A1 = %q", got)
	}
	if got, _ := f.GetCellValue("Register", "E2"); got != "Name" {
		t.Errorf("E2 = %q, want Name", got)
	}
}

// readCSV checks the BOM and parses the rest of b.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(b, []byte("\xEF\xBB\xBF"))
	if !ok {
		t.Fatalf("CSV does not start with a UTF-8 BOM: %q", b[:min(len(b), 8)])
	}
	records, err := csv.NewReader(bytes.NewReader(rest)).ReadAll() // also checks every record has the same width
	if err != nil {
		t.Fatal(err)
	}
	return records
}

func TestWriteCSV_WritesRegisterWithBOM(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, "Kementerian Komunikasi dan Digital", fixtures(), "id"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("\r\n")) {
		t.Error("CSV lines do not end in CRLF")
	}
	records := readCSV(t, buf.Bytes())
	if len(records) != 2+4 {
		t.Fatalf("records = %d, want heading + header + 4", len(records))
	}
	if want := "Buku Register Permohonan Informasi Publik — Kementerian Komunikasi dan Digital"; records[0][0] != want {
		t.Errorf("heading = %q, want %q", records[0][0], want)
	}
	header := records[1]
	if !slices.Equal(header, headerID) {
		t.Errorf("header:\n got %q\nwant %q", header, headerID)
	}
	for _, c := range []struct {
		row       int
		col, want string
	}{
		{1, "No", "1"},
		{1, "Nama", "Siti Rahmawati"},
		{1, "Tanggal", "2025-01-06"},
		{1, "Waktu diajukan", "2025-01-06 09:15"},
		{2, "Alasan penolakan", "Pasal 17 huruf b UU 14/2008"},
		{2, "Kontak", "'+628111222333"}, // defused: a leading + is a formula to Excel
		{3, "Status informasi", "dikuasai badan publik lain: Dinas Pendidikan Provinsi Jawa Barat"},
		{4, "Tanggal pemberitahuan tertulis", ""},
		{4, "Biaya dan cara pembayaran", "-"},
	} {
		if got := cellAt(t, header, records[1+c.row], c.col); got != c.want {
			t.Errorf("row %d %s = %q, want %q", c.row, c.col, got, c.want)
		}
	}
}

func TestWriteCSV_NoHeadingWithoutTitle(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, "", fixtures()[:1], "en"); err != nil {
		t.Fatal(err)
	}
	records := readCSV(t, buf.Bytes())
	if len(records) != 2 || records[0][0] != "No." || records[1][4] != "Siti Rahmawati" {
		t.Errorf("records = %q, want English header then one row", records)
	}
}

func TestWriters_DefuseFormulaInRequesterName(t *testing.T) {
	const name = `=HYPERLINK("http://x")`
	reqs := fixtures()[:1]
	reqs[0].Requester.Name = name
	want := "'" + name

	t.Run("csv", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, "", reqs, "id"); err != nil {
			t.Fatal(err)
		}
		records := readCSV(t, buf.Bytes())
		if got := cellAt(t, records[0], records[1], "Nama"); got != want {
			t.Errorf("Nama = %q, want %q", got, want)
		}
	})
	t.Run("xlsx", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, "", reqs, "id"); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got, _ := f.GetCellValue("Register", "E3"); got != want {
			t.Errorf("E3 (Nama) = %q, want %q", got, want)
		}
		if formula, _ := f.GetCellFormula("Register", "E3"); formula != "" {
			t.Errorf("E3 has formula %q", formula)
		}
	})
}

func TestDefuse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+6281", "'+6281"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-", "-"}, // the register's empty mark
		{"", ""},
		{"a=b", "a=b"},
		{"Siti", "Siti"},
	}
	for _, tt := range tests {
		if got := defuse(tt.in); got != tt.want {
			t.Errorf("defuse(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
