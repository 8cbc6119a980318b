package mail

import "github.com/terbuka-id/terbuka"

// phrases are a mail's wording in one language. Legal terms (PPID,
// keberatan, atasan PPID) stay Indonesian in English mail.
type phrases struct {
	greeting, regards, automatic, masked string
	phone, website                       string

	number, received, due, dueNote, information string

	receiptSubject, receiptIntro, receiptLaw, receiptAttached string

	extendedSubject, extendedIntro, oldDue, newDue, reason, extendedOnce string

	decidedSubject, decidedIntro, decision, basis, consequence, redacted, note, keberatan string

	track, trackCode string
}

// phrasesFor returns the wording for lang: English for "en", Indonesian
// otherwise.
func phrasesFor(lang string) phrases {
	if lang == "en" {
		return phrases{
			greeting:  "Dear %s,\n\n",
			regards:   "Kind regards,",
			automatic: "This message was sent automatically; please do not reply to it.\n",
			masked:    "[ID number withheld]",
			phone:     "Phone",
			website:   "Website",

			number:      "Registration number",
			received:    "Received on",
			due:         "Written notice due by",
			dueNote:     "%d working days after receipt",
			information: "Information requested",

			receiptSubject: "Receipt for information request %s",
			receiptIntro:   "Your request for public information to %s has been received and registered.\n\n",
			receiptLaw: "The PPID must give you a written notice within %d working days of receipt and may extend " +
				"this once, by at most %d working days, with written reasons (UU 14/2008 Article 22).\n\n",
			receiptAttached: "The receipt (tanda bukti permohonan) is attached as %s. It contains your personal data: " +
				"keep it safe.\n\n",

			extendedSubject: "Time limit extended for request %s",
			extendedIntro: "The PPID of %s has extended the time limit for the written notice on your request %s " +
				"by at most %d working days (UU 14/2008 Article 22(8)).\n\n",
			oldDue:       "Original due date",
			newDue:       "New due date",
			reason:       "Reason for the extension",
			extendedOnce: "The time limit can be extended only once.\n\n",

			decidedSubject: "Decision on request %s",
			decidedIntro:   "The PPID of %s has decided on your request for public information %s.\n\n",
			decision:       "Decision",
			basis:          "Exemption basis",
			consequence:    "Consequence test (uji konsekuensi)",
			redacted:       "The exempt parts of the information are blacked out in what you receive.\n\n",
			note:           "Note from the PPID",
			keberatan: "If you disagree with this decision, you have the right to file a keberatan (objection) " +
				"in writing with the atasan PPID of %s within 30 working days of finding the grounds for it " +
				"(UU 14/2008 Articles 35 and 36).\n\n",

			track:     "Follow your request at:",
			trackCode: "Enter the tracking code you were given when you submitted the request. We never send that code by e-mail.",
		}
	}
	return phrases{
		greeting:  "Yth. %s,\n\n",
		regards:   "Hormat kami,",
		automatic: "Pesan ini dikirim otomatis; mohon tidak membalas e-mail ini.\n",
		masked:    "[nomor identitas disembunyikan]",
		phone:     "Telp.",
		website:   "Laman",

		number:      "Nomor pendaftaran",
		received:    "Tanggal diterima",
		due:         "Batas waktu pemberitahuan tertulis",
		dueNote:     "%d hari kerja sejak permohonan diterima",
		information: "Informasi yang dimohon",

		receiptSubject: "Tanda bukti permohonan informasi %s",
		receiptIntro:   "Permohonan informasi publik Anda kepada %s telah kami terima dan catat.\n\n",
		receiptLaw: "PPID wajib menyampaikan pemberitahuan tertulis paling lambat %d hari kerja sejak permohonan " +
			"diterima dan dapat memperpanjangnya satu kali, paling lama %d hari kerja, dengan alasan tertulis " +
			"(UU 14/2008 Pasal 22).\n\n",
		receiptAttached: "Tanda bukti permohonan terlampir dalam berkas %s. Berkas itu memuat data pribadi Anda: " +
			"simpan dengan baik.\n\n",

		extendedSubject: "Perpanjangan jangka waktu permohonan %s",
		extendedIntro: "PPID %s memperpanjang jangka waktu pemberitahuan tertulis atas permohonan Anda nomor %s " +
			"paling lama %d hari kerja (UU 14/2008 Pasal 22 ayat (8)).\n\n",
		oldDue:       "Batas waktu semula",
		newDue:       "Batas waktu baru",
		reason:       "Alasan perpanjangan",
		extendedOnce: "Perpanjangan jangka waktu hanya dapat dilakukan satu kali.\n\n",

		decidedSubject: "Keputusan atas permohonan %s",
		decidedIntro:   "PPID %s telah memutuskan permohonan informasi publik Anda nomor %s.\n\n",
		decision:       "Keputusan",
		basis:          "Dasar pengecualian",
		consequence:    "Uji konsekuensi",
		redacted:       "Bagian informasi yang dikecualikan dihitamkan atau dikaburkan.\n\n",
		note:           "Catatan PPID",
		keberatan: "Apabila Anda tidak setuju dengan keputusan ini, Anda berhak mengajukan keberatan secara " +
			"tertulis kepada atasan PPID %s paling lambat 30 hari kerja setelah ditemukannya alasan keberatan " +
			"(UU 14/2008 Pasal 35 dan 36).\n\n",

		track:     "Pantau permohonan Anda di:",
		trackCode: "Masukkan kode pelacakan yang Anda terima saat mengajukan permohonan. Kode itu tidak pernah kami kirim lewat e-mail.",
	}
}

// decisionWords states an outcome as the notice words it.
func decisionWords(d terbuka.Decision, lang string) string {
	en := lang == "en"
	switch d.Kind {
	case terbuka.Granted:
		return pick(en, "granted in full (diterima seluruhnya)", "diterima seluruhnya")
	case terbuka.PartiallyGranted:
		return pick(en, "partially granted (diterima sebagian)", "diterima sebagian")
	case terbuka.Denied:
		return pick(en, "denied: the information is exempt under Pasal 17 (ditolak, dikecualikan)",
			"ditolak (informasi dikecualikan berdasarkan Pasal 17 UU 14/2008)")
	case terbuka.NotHeld:
		return pick(en, "denied: the information is not held by this body (ditolak: belum dikuasai)",
			"ditolak: informasi belum dikuasai")
	case terbuka.NotDocumented:
		return pick(en, "denied: the information has not been documented (ditolak: belum didokumentasikan)",
			"ditolak: informasi belum didokumentasikan")
	case terbuka.Transferred:
		return pick(en, "transferred to "+d.TransferredTo+", the body that holds the information (dialihkan)",
			"dialihkan ke "+d.TransferredTo+", badan publik yang menguasai informasi tersebut")
	}
	return string(d.Kind)
}

func pick(en bool, english, indonesian string) string {
	if en {
		return english
	}
	return indonesian
}
