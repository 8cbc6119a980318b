package pdf

import (
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/workday"
)

// words are a document's labels in one language. Legal terms (PPID,
// keberatan, atasan PPID) stay Indonesian in English documents.
type words struct {
	phone, email, website string

	receiptTitle, number string

	timeHeading, submitted, received, due, dueNote, extension string
	extensionOpen, extensionDone                              string

	requesterHeading, name, kind, occupation, address string
	nik, ahu, idNumber                                string
	repName, repID, repMandate                        string

	infoHeading, information, purpose, obtain, delivery string

	trackHeading, track, legal, officer, made string
}

// wordsFor returns the labels for lang: English for "en", Indonesian
// otherwise.
func wordsFor(lang string) words {
	if lang == "en" {
		return words{
			phone: "Phone", email: "E-mail", website: "Website",

			receiptTitle: "RECEIPT OF A REQUEST FOR PUBLIC INFORMATION",
			number:       "Registration number",

			timeHeading: "Dates and time limits",
			submitted:   "Submitted",
			received:    "Received on",
			due:         "Written notice due by",
			dueNote:     "%d working days after receipt",
			extension:   "Extension",
			extensionOpen: "The PPID may extend the time limit once, by at most %d working days, " +
				"giving written reasons",
			extensionDone: "Extended by at most %d working days to %s. Reason: %s",

			requesterHeading: "Requester",
			name:             "Name",
			kind:             "Requester type",
			nik:              "NIK (national ID number)",
			ahu:              "AHU decree number (SK pengesahan)",
			idNumber:         "Identity number",
			address:          "Address",
			occupation:       "Occupation",
			repName:          "Representative",
			repID:            "Representative's NIK",
			repMandate:       "Power of attorney (surat kuasa)",

			infoHeading: "Information requested",
			information: "Details of the information",
			purpose:     "Purpose of use",
			obtain:      "How to obtain it",
			delivery:    "How to receive a copy",

			trackHeading: "Tracking the request",
			track: "You can follow this request online on the portal's tracking page (Lacak) with the registration " +
				"number %s and the tracking code you were given when the request was submitted. The tracking " +
				"code is not printed on this receipt: keep it safe and do not share it.",
			legal: "Legal basis: Law No. 14 of 2008 on Public Information Disclosure (UU 14/2008), Article 22. " +
				"The PPID must give a written notice within %d working days of receipt and may extend this once " +
				"by at most %d working days with written reasons. If the request is not answered in time or is " +
				"refused, you may file a keberatan (objection) with the atasan PPID.",
			officer: "Petugas Pelayanan Informasi",
			made:    "This receipt was generated electronically on %s.",
		}
	}
	return words{
		phone: "Telp.", email: "E-mail", website: "Laman",

		receiptTitle: "TANDA BUKTI PERMOHONAN INFORMASI PUBLIK",
		number:       "Nomor pendaftaran",

		timeHeading: "Tanggal dan jangka waktu",
		submitted:   "Tanggal diajukan",
		received:    "Tanggal diterima",
		due:         "Batas pemberitahuan tertulis",
		dueNote:     "%d hari kerja sejak permohonan diterima",
		extension:   "Perpanjangan",
		extensionOpen: "PPID dapat memperpanjang jangka waktu satu kali, paling lama %d hari kerja, " +
			"dengan alasan tertulis",
		extensionDone: "Diperpanjang paling lama %d hari kerja sampai %s. Alasan: %s",

		requesterHeading: "Identitas pemohon",
		name:             "Nama",
		kind:             "Jenis pemohon",
		nik:              "NIK",
		ahu:              "Nomor SK pengesahan (AHU)",
		idNumber:         "Nomor identitas",
		address:          "Alamat",
		occupation:       "Pekerjaan",
		repName:          "Kuasa pemohon",
		repID:            "NIK kuasa",
		repMandate:       "Surat kuasa",

		infoHeading: "Informasi yang dimohon",
		information: "Rincian informasi",
		purpose:     "Tujuan penggunaan informasi",
		obtain:      "Cara memperoleh informasi",
		delivery:    "Cara mendapatkan salinan",

		trackHeading: "Pemantauan permohonan",
		track: "Status permohonan dapat dipantau secara daring pada halaman Lacak di portal layanan informasi " +
			"dengan nomor pendaftaran %s dan kode pelacakan yang diberikan saat permohonan diajukan. Kode " +
			"pelacakan tidak dicantumkan pada tanda bukti ini: simpan kode tersebut dan jangan berikan kepada " +
			"orang lain.",
		legal: "Dasar hukum: Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Pasal 22. " +
			"PPID wajib menyampaikan pemberitahuan tertulis paling lambat %d hari kerja sejak permohonan " +
			"diterima dan dapat memperpanjangnya satu kali paling lama %d hari kerja dengan alasan tertulis. " +
			"Apabila permohonan tidak ditanggapi dalam jangka waktu tersebut atau ditolak, pemohon dapat " +
			"mengajukan keberatan kepada atasan PPID.",
		officer: "Petugas Pelayanan Informasi",
		made:    "Tanda bukti ini dibuat secara elektronik pada %s.",
	}
}

// kindWord names a requester kind (jenis pemohon).
func kindWord(k terbuka.RequesterKind, lang string) string {
	return vocab(lang, "requester_kind.", string(k))
}

// idLabel names the identity number a requester of kind k gives.
func idLabel(k terbuka.RequesterKind, w words) string {
	switch k {
	case terbuka.Individual:
		return w.nik
	case terbuka.LegalEntity:
		return w.ahu
	}
	return w.idNumber
}

// obtainWord is the form's wording for how the information is obtained
// (cara memperoleh).
func obtainWord(o terbuka.Obtain, lang string) string { return vocab(lang, "obtain.", string(o)) }

// deliveryWord is the form's wording for how a copy is sent (cara mengirim).
func deliveryWord(d terbuka.Delivery, lang string) string { return vocab(lang, "delivery.", string(d)) }

// vocab words an enum value from the shared catalogue; an unknown value is
// shown as stored.
func vocab(lang, prefix, v string) string {
	l := locale.Parse(lang)
	if !locale.Has(l, prefix+v) {
		return v
	}
	return locale.T(l, prefix+v)
}

func pick(en bool, english, indonesian string) string {
	if en {
		return english
	}
	return indonesian
}

// dayMonthYear writes d as a letter dates it: "12 Januari 2026" or
// "12 January 2026".
func dayMonthYear(d workday.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, workday.MonthName(d.Month), d.Year)
}

// instant writes t in loc with its zone: "Senin, 12 Januari 2026 pukul
// 14.05 WIB" or "Monday, 12 January 2026 at 14:05 WIB".
func instant(t time.Time, loc *time.Location, lang string) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	day := workday.FormatDate(workday.DateOf(t), lang)
	if lang == "en" {
		return day + " at " + t.Format("15:04 MST")
	}
	return day + " pukul " + t.Format("15.04 MST")
}
