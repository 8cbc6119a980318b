package locale

import "fmt"

// noticeEN is the English text of written notices, fees and released
// information.
var noticeEN = withFeeRows(map[string]string{
	// Errors.
	"invalid.too_many":          "At most %d rows.",
	"invalid.fee_code":          "A code has only lower-case letters, digits, - and _ (at most 40 characters), e.g. copy-a4.",
	"invalid.fee_duplicate":     "This item is already on another row.",
	"invalid.fee_price":         "The price must be a whole number of rupiah between 0 and %s.",
	"invalid.fee_quantity":      "The quantity must be a whole number between 1 and %d.",
	"invalid.fee_item":          "This body's fee table has no item \"%s\".",
	"invalid.fees_not_allowed":  "A fee can only be charged when information is given (granted in full or in part).",
	"invalid.paid_at":           "The payment time cannot be in the future or more than a year ago.",
	"invalid.catalogue_exempt":  "Exempt information cannot be released to the requester.",
	"invalid.multipart":         "The upload could not be read.",
	"conflict.no_fee_due":       "There is no fee to pay for this request.",
	"conflict.fee_already_paid": "The payment of this request's fee has already been recorded.",
	"conflict.not_granted":      "Information can only be released once the request is granted in full or in part.",
	"conflict.already_linked":   "This catalogue entry was already released for this request.",
	"too_large.file":            "The file is too large (at most %d MiB).",
	"unsupported.file_type":     "This kind of file is not accepted. Upload PDF, images, Office or ODF documents, CSV, text or ZIP. The kind is read from the content, not the name.",
	"unsupported.multipart":     "Send the file as multipart/form-data.",
	"not_found.file":            "File not found.",

	// Values.
	"payment.tunai":                     "Cash",
	"payment.transfer":                  "Bank transfer",
	"payment.qris":                      "QRIS",
	"payment.lainnya":                   "Other",
	"portal.docs.kind.notice":           "Written notice",
	"portal.docs.kind.sk_penolakan":     "SK PPID penolakan (refusal decision)",
	"portal.docs.kind.released":         "Information given",
	"portal.event.fee_paid":             "Fee paid",
	"portal.event.file_released":        "Information released",
	"portal.event.catalogue_linked":     "Catalogue entry released",
	"portal.nav.fees":                   "Fees",
	"portal.flash.fees_saved":           "Fee table saved.",
	"portal.flash.paid":                 "Payment recorded.",
	"portal.flash.released":             "File uploaded.",
	"portal.flash.linked":               "Catalogue entry released.",
	"portal.fees.title":                 "Information service fees",
	"portal.fees.heading":               "Fee table of the information service",
	"portal.fees.intro":                 "The information service itself is free. Requesters pay only the actual cost of copying and sending under this table; electronic copies are free unless the table says otherwise. An unreasonable fee is a ground for keberatan (UU 14/2008 Article 35(1) f).",
	"portal.fees.caption":               "Fee items: code, description, unit and price per unit (rupiah)",
	"portal.fees.code":                  "Code",
	"portal.fees.name":                  "Description",
	"portal.fees.unit":                  "Unit",
	"portal.fees.price":                 "Price (Rp)",
	"portal.fees.rows_hint":             "Empty a whole row to remove its item. Save to get more empty rows.",
	"portal.fees.save":                  "Save the fee table",
	"portal.field.payment_instructions": "How to pay",
	"portal.hint.payment_instructions":  "E.g. the account of the regional treasury, or the desk where cash is paid. Printed on the written notice.",
	"portal.field.fees":                 "Fee",
	"portal.fee.legend":                 "Copying and sending fee (optional)",
	"portal.fee.hint":                   "Enter the number of units if the requester has to pay, leave empty if not. The service and electronic copies are free.",
	"portal.fee.heading":                "Fee",
	"portal.fee.caption":                "Fee details",
	"portal.fee.item":                   "Item",
	"portal.fee.quantity":               "Quantity",
	"portal.fee.unit_price":             "Unit price",
	"portal.fee.subtotal":               "Subtotal",
	"portal.fee.total":                  "Total",
	"portal.fee.paid":                   "Paid %s, %s",
	"portal.fee.received_by":            "received by %s",
	"portal.fee.pay":                    "Record a payment",
	"portal.fee.pay_submit":             "Save the payment",
	"portal.fee.track_paid":             "The fee was paid on %s. Thank you.",
	"portal.fee.track_due":              "Fee to pay: %s. The information is handed over once the payment is received.",
	"portal.fee.track_how_default":      "Pay at the PPID service desk; contact the PPID to pay by transfer.",
	"portal.field.method":               "Payment method",
	"portal.field.reference":            "Reference or receipt number",
	"portal.hint.reference":             "Required for transfer, QRIS and other methods.",
	"portal.field.paid_at":              "Time of payment",
	"portal.hint.paid_at":               "Leave empty if it was just paid.",
	"portal.docs.heading":               "Written notice and information given",
	"portal.docs.notice_number":         "Written notice number",
	"portal.docs.refusal_number":        "SK PPID penolakan number",
	"portal.docs.objection_due":         "Last day for keberatan",
	"portal.docs.none":                  "No documents yet.",
	"portal.docs.internal":              "staff only",
	"portal.docs.links":                 "Catalogue entries released",
	"portal.docs.catalogue_entry":       "entry #%d",
	"portal.docs.track_notice":          "Written notice number %s can be downloaded below.",
	"portal.docs.track_objection":       "Last day to file keberatan: %s.",
	"portal.docs.track_links":           "The information you asked for is in the public information list:",
	"portal.release.heading":            "Release information",
	"portal.release.intro":              "Upload a file of the information given (at most 20 MiB), or release a catalogue entry. Exempt parts must already be blacked out.",
	"portal.release.submit":             "Upload",
	"portal.release.link_submit":        "Release the catalogue entry",
	"portal.release.no_catalogue":       "This body has no catalogue entries that can be released yet.",
	"portal.field.public":               "The requester may download it",
	"portal.field.file":                 "File",
	"portal.hint.file":                  "PDF, images, Office or ODF documents, CSV, text or ZIP; at most 20 MiB.",
	"portal.field.catalogue_id":         "Catalogue entry",
}, "Code", "Description", "Unit", "Price", "row")

// withFeeRows adds the labels of the fee form's inputs, "items.N.code"
// and so on, which the error summary names: "Kode (baris 3)".
func withFeeRows(m map[string]string, code, name, unit, price, row string) map[string]string {
	for i := 0; i < 60; i++ {
		for f, label := range map[string]string{"code": code, "name": name, "unit": unit, "price": price} {
			m[fmt.Sprintf("portal.field.items.%d.%s", i, f)] = fmt.Sprintf("%s (%s %d)", label, row, i+1)
		}
	}
	return m
}
