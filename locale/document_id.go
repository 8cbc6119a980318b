package locale

// documentID is the Indonesian text of catalogue documents (issue 4).
var documentID = map[string]string{
	"not_found.catalogue_document":                  "Dokumen tidak ditemukan.",
	"conflict.document_unchanged":                   "Berkas ini sama persis dengan versi terakhir dokumen; tidak ada versi baru yang dibuat.",
	"invalid.single_line":                           "Tulis dalam satu baris.",
	"audit.action.catalogue.document_added":         "Dokumen ditambahkan ke Daftar Informasi Publik",
	"audit.action.catalogue.document_version_added": "Versi baru dokumen Daftar Informasi Publik diunggah",
}
