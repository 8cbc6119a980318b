package locale

// opendataID is the Indonesian text of the open-data surfaces: the
// exports, the DCAT catalogue and the CKAN Action API. CKAN's own error
// types ("Validation Error") stay in English, as harvesters match them.
var opendataID = map[string]string{
	"invalid.page_number":   "Nomor halaman harus bilangan bulat mulai dari 1.",
	"invalid.ckan_action":   "Permintaan tidak valid - Nama action tidak dikenal: %s",
	"invalid.ckan_json":     "Permintaan tidak valid - Kesalahan JSON: isi permintaan harus berupa objek JSON (paling besar 64 KiB).",
	"invalid.ckan_missing":  "Nilai wajib diisi",
	"invalid.ckan_integer":  "Bilangan bulat tidak valid",
	"invalid.ckan_natural":  "Harus bilangan asli (0 atau lebih)",
	"invalid.ckan_boolean":  "Nilai boolean tidak valid (true atau false)",
	"invalid.ckan_string":   "Harus berupa teks",
	"invalid.ckan_sort":     "Urutan tidak didukung. Gunakan id, metadata_modified atau metadata_created dengan asc atau desc.",
	"invalid.ckan_org_sort": "Urutan tidak didukung. Gunakan name, title atau package_count dengan asc atau desc.",
	"invalid.ckan_fq":       "Filter tidak didukung: %s. Terbuka memahami organization, tags, groups, metadata_modified:[WAKTU TO *], dataset_type, capacity dan state.",
	"invalid.ckan_q_fq":     "Bersama q, fq hanya boleh memuat satu organization dan satu tags.",
	"not_found.ckan":        "Tidak ditemukan",
}
