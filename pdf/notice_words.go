package pdf

// noticeWords are the wording of the written notice and the SK penolakan
// in one language. Legal terms (PPID, keberatan, atasan PPID, SK) stay
// Indonesian in English documents; the Indonesian text follows the forms
// annexed to Perki 1/2021 (pemberitahuan tertulis; keputusan PPID tentang
// penolakan permohonan informasi).
type noticeWords struct {
	noticeTitle, refusalTitle, numberLine, intro, addressee string
	name, address, contact                                  string

	requestHeading, regNumber, submitted, information, purpose, obtain, delivery string

	itemsHeading                                                          string
	itemHeld, itemHolder, itemDecision, itemGiven, itemExempt             string
	itemMedium, itemFee                                                   string
	heldYes, heldNo, heldUndocumented, holderSelf, holderUnknown          string
	decidedGranted, decidedPartial, decidedDenied, decidedNotHeld         string
	decidedNotDocumented, decidedTransferred, ppidNote                    string
	givenAll, givenPart, givenNone, exemptNone, exemptPart, exemptAll     string
	consequenceSummary, mediumLine, mediumNone                            string
	feeNone, feeItem, feeQty, feeUnitPrice, feeSubtotal, feeTotal, feeHow string
	feeHowDefault, feePaid                                                string

	objectionHeading, objectionRow, objection, refusalAttached string
	legalHeading, legal, ppid, made                            string

	refusalIntro, refusalDenied, refusalNotHeld, refusalNotDocumented string
	refusalReasons, refusalBasis, refusalHarm, refusalNoExemption     string
	refusalNotHeldWhy, refusalNotDocumentedWhy, refusalDecided        string
	refusalObjection, refusalOfNotice, refusalLegal                   string
}

func noticeWordsFor(lang string) noticeWords {
	if lang == "en" {
		return noticeWords{
			noticeTitle:  "WRITTEN NOTICE (SURAT PEMBERITAHUAN TERTULIS)",
			refusalTitle: "DECISION OF THE PPID ON THE REFUSAL OF A REQUEST FOR INFORMATION (SK PPID PENOLAKAN)",
			numberLine:   "Number: %s",
			intro:        "Concerning the request for public information of %s with registration number %s, we inform:",
			addressee:    "Addressee", name: "Name", address: "Address", contact: "Phone / e-mail",

			requestHeading: "The request", regNumber: "Registration number", submitted: "Date of the request",
			information: "Information requested", purpose: "Purpose of use", obtain: "How to obtain it",
			delivery: "How to receive a copy",

			itemsHeading: "Notice under Law No. 14 of 2008 (UU 14/2008), Article 22(7)",
			itemHeld:     "a. Information held", itemHolder: "b. Public body that holds it",
			itemDecision: "c. Decision and reasons", itemGiven: "d. Information given",
			itemExempt: "e. Exempted parts", itemMedium: "f. Medium and format",
			itemFee:          "g. Fee and how to pay",
			heldYes:          "The information is held by %s.",
			heldNo:           "The information is not held by %s.",
			heldUndocumented: "The information is under the control of %s but has not been documented.",
			holderSelf:       "%s (this public body).", holderUnknown: "Not known to this public body.",
			decidedGranted:       "The request is GRANTED IN FULL.",
			decidedPartial:       "The request is PARTIALLY GRANTED: part of the information is exempt under %s (%s).",
			decidedDenied:        "The request is REFUSED: the information is exempt under %s (%s).",
			decidedNotHeld:       "The request is REFUSED: the information is not held by this public body.",
			decidedNotDocumented: "The request is REFUSED: the information has not been documented yet.",
			decidedTransferred:   "The request is TRANSFERRED to %s, which holds the information.",
			ppidNote:             "Note of the PPID: %s",
			givenAll:             "All of the information requested.",
			givenPart:            "Part of the information requested; the exempted parts are blacked out.",
			givenNone:            "No information is given.",
			exemptNone:           "None.",
			exemptPart:           "The exempted parts are blacked out (redacted) on the ground of %s (%s).",
			exemptAll:            "All of the information is exempt on the ground of %s (%s).",
			consequenceSummary:   "Summary of the consequence test (uji konsekuensi): %s",
			mediumLine:           "%s; sent by: %s.", mediumNone: "Not applicable: no information is given.",
			feeNone: "No fee is charged (tidak dikenakan biaya).",
			feeItem: "Item", feeQty: "Quantity", feeUnitPrice: "Unit price", feeSubtotal: "Subtotal",
			feeTotal: "Total", feeHow: "How to pay: %s",
			feeHowDefault: "Pay at the PPID service desk; ask the PPID for the account for a transfer.",
			feePaid:       "Paid on %s.",

			objectionHeading: "Right to object (keberatan)",
			objectionRow:     "Last day to file keberatan",
			objection: "If you disagree with this notice you may file a keberatan (objection) with the atasan PPID " +
				"within %d working days of the date of this notice, that is until %s (UU 14/2008 Articles 35 and 36). " +
				"You can file it on the portal's tracking page (Lacak) with the registration number %s and your " +
				"tracking code.",
			refusalAttached: "The refusal is set out in the Decision of the PPID (SK PPID penolakan) number %s, attached.",
			legalHeading:    "Legal basis",
			legal: "Law No. 14 of 2008 on Public Information Disclosure (UU 14/2008), Article 22(7) and Articles 35–36; " +
				"Information Commission Regulation No. 1 of 2021 on Public Information Service Standards (Perki 1/2021).",
			ppid: "Pejabat Pengelola Informasi dan Dokumentasi (PPID)",
			made: "This document was generated electronically on %s.",

			refusalIntro:         "The PPID of %s has decided that the information requested is:",
			refusalDenied:        "EXEMPT INFORMATION (INFORMASI YANG DIKECUALIKAN)",
			refusalNotHeld:       "INFORMATION NOT HELD (INFORMASI BELUM DIKUASAI)",
			refusalNotDocumented: "INFORMATION NOT YET DOCUMENTED (INFORMASI BELUM DIDOKUMENTASIKAN)",
			refusalReasons:       "Grounds of the refusal",
			refusalBasis:         "Legal ground of the exemption",
			refusalHarm:          "Opening the information would have the following consequences (consequence test):",
			refusalNoExemption:   "Not applicable: the refusal is not based on an exemption.",
			refusalNotHeldWhy: "The information requested is not held by %s (UU 14/2008 Article 22(7) letters a and b), " +
				"so it cannot be given.",
			refusalNotDocumentedWhy: "The information requested has not been documented by %s, so it cannot be given " +
				"at this time (UU 14/2008 Article 22(7) letter a).",
			refusalDecided: "It is therefore declared that THE REQUEST FOR INFORMATION IS REFUSED.",
			refusalObjection: "If the requester objects to this refusal, the requester may file a keberatan with the " +
				"atasan PPID within %d working days of the date of this decision, that is until %s (UU 14/2008 " +
				"Articles 35 and 36).",
			refusalOfNotice: "This decision belongs to the written notice number %s.",
			refusalLegal:    "Legal basis: UU 14/2008 Articles 17, 22 and 35–36; Perki 1/2021.",
		}
	}
	return noticeWords{
		noticeTitle:  "PEMBERITAHUAN TERTULIS",
		refusalTitle: "KEPUTUSAN PPID TENTANG PENOLAKAN PERMOHONAN INFORMASI",
		numberLine:   "Nomor: %s",
		intro:        "Berdasarkan permohonan informasi publik pada tanggal %s dengan nomor pendaftaran %s, kami menyampaikan kepada Saudara/i:",
		addressee:    "Kepada", name: "Nama", address: "Alamat", contact: "Nomor telepon/email",

		requestHeading: "Permohonan informasi", regNumber: "Nomor pendaftaran", submitted: "Tanggal permohonan",
		information: "Rincian informasi yang dimohon", purpose: "Tujuan penggunaan informasi",
		obtain: "Cara memperoleh informasi", delivery: "Cara mendapatkan salinan",

		itemsHeading: "Pemberitahuan sebagai berikut (UU 14/2008 Pasal 22 ayat (7))",
		itemHeld:     "a. Penguasaan informasi", itemHolder: "b. Badan publik yang menguasai",
		itemDecision: "c. Keputusan dan alasannya", itemGiven: "d. Informasi yang diberikan",
		itemExempt: "e. Bagian yang dikecualikan", itemMedium: "f. Media dan format",
		itemFee:              "g. Biaya dan cara pembayaran",
		heldYes:              "Informasi dikuasai oleh %s.",
		heldNo:               "Informasi tidak dikuasai oleh %s.",
		heldUndocumented:     "Informasi berada dalam penguasaan %s tetapi belum didokumentasikan.",
		holderSelf:           "%s (badan publik ini).",
		holderUnknown:        "Tidak diketahui oleh badan publik ini.",
		decidedGranted:       "Permohonan DITERIMA SELURUHNYA.",
		decidedPartial:       "Permohonan DITERIMA SEBAGIAN: sebagian informasi dikecualikan berdasarkan %s (%s).",
		decidedDenied:        "Permohonan DITOLAK: informasi yang dimohon dikecualikan berdasarkan %s (%s).",
		decidedNotHeld:       "Permohonan DITOLAK: informasi yang dimohon belum dikuasai oleh badan publik ini.",
		decidedNotDocumented: "Permohonan DITOLAK: informasi yang dimohon belum didokumentasikan.",
		decidedTransferred:   "Permohonan DIALIHKAN kepada %s yang menguasai informasi tersebut.",
		ppidNote:             "Catatan PPID: %s",
		givenAll:             "Seluruh informasi yang dimohon.",
		givenPart:            "Sebagian informasi yang dimohon; bagian yang dikecualikan dihitamkan.",
		givenNone:            "Tidak ada informasi yang diberikan.",
		exemptNone:           "Tidak ada.",
		exemptPart:           "Bagian yang dikecualikan dihitamkan (disensor) dengan alasan %s (%s).",
		exemptAll:            "Seluruh informasi dikecualikan dengan alasan %s (%s).",
		consequenceSummary:   "Ringkasan uji konsekuensi: %s",
		mediumLine:           "%s; disampaikan melalui: %s.",
		mediumNone:           "Tidak berlaku: tidak ada informasi yang diberikan.",
		feeNone:              "Tidak dikenakan biaya.",
		feeItem:              "Uraian", feeQty: "Jumlah", feeUnitPrice: "Harga satuan", feeSubtotal: "Subtotal",
		feeTotal: "Jumlah biaya", feeHow: "Cara pembayaran: %s",
		feeHowDefault: "Dibayar di meja layanan PPID; untuk transfer, nomor rekening dapat ditanyakan kepada PPID.",
		feePaid:       "Telah dibayar pada %s.",

		objectionHeading: "Hak mengajukan keberatan",
		objectionRow:     "Batas akhir pengajuan keberatan",
		objection: "Apabila Saudara/i tidak puas dengan pemberitahuan ini, Saudara/i dapat mengajukan keberatan kepada " +
			"atasan PPID paling lambat %d hari kerja sejak tanggal pemberitahuan ini, yaitu sampai dengan %s " +
			"(UU 14/2008 Pasal 35 dan Pasal 36). Keberatan dapat diajukan melalui halaman Lacak di portal layanan " +
			"informasi dengan nomor pendaftaran %s dan kode pelacakan Saudara/i.",
		refusalAttached: "Penolakan ini ditetapkan dengan Keputusan PPID tentang Penolakan Permohonan Informasi nomor %s, terlampir.",
		legalHeading:    "Dasar hukum",
		legal: "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Pasal 22 ayat (7) serta Pasal 35 " +
			"dan Pasal 36; Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik.",
		ppid: "Pejabat Pengelola Informasi dan Dokumentasi (PPID)",
		made: "Dokumen ini dibuat secara elektronik pada %s.",

		refusalIntro:         "PPID %s memutuskan bahwa informasi yang dimohon adalah:",
		refusalDenied:        "INFORMASI YANG DIKECUALIKAN",
		refusalNotHeld:       "INFORMASI YANG BELUM DIKUASAI",
		refusalNotDocumented: "INFORMASI YANG BELUM DIDOKUMENTASIKAN",
		refusalReasons:       "Alasan penolakan",
		refusalBasis:         "Dasar pengecualian",
		refusalHarm:          "Bahwa berdasarkan pasal tersebut, membuka informasi tersebut dapat menimbulkan konsekuensi sebagai berikut (uji konsekuensi):",
		refusalNoExemption:   "Tidak berlaku: penolakan tidak didasarkan pada pengecualian informasi.",
		refusalNotHeldWhy: "Informasi yang dimohon belum dikuasai oleh %s (UU 14/2008 Pasal 22 ayat (7) huruf a dan b), " +
			"sehingga tidak dapat diberikan.",
		refusalNotDocumentedWhy: "Informasi yang dimohon belum didokumentasikan oleh %s, sehingga belum dapat diberikan " +
			"(UU 14/2008 Pasal 22 ayat (7) huruf a).",
		refusalDecided: "Dengan demikian menyatakan bahwa PERMOHONAN INFORMASI DITOLAK.",
		refusalObjection: "Jika Pemohon Informasi keberatan atas penolakan ini, Pemohon Informasi dapat mengajukan keberatan " +
			"kepada atasan PPID paling lambat %d hari kerja sejak tanggal Keputusan ini, yaitu sampai dengan %s " +
			"(UU 14/2008 Pasal 35 dan Pasal 36).",
		refusalOfNotice: "Keputusan ini merupakan bagian dari pemberitahuan tertulis nomor %s.",
		refusalLegal:    "Dasar hukum: UU 14/2008 Pasal 17, Pasal 22, Pasal 35 dan Pasal 36; Perki 1/2021.",
	}
}
