package search

import "testing"

var stemCases = []struct{ in, want string }{
	// issue 4 examples
	{"membaca", "baca"}, {"dibaca", "baca"}, {"bacaan", "baca"},
	{"memohon", "mohon"}, {"permohonan", "mohon"}, {"pemohon", "mohon"},
	{"menolak", "tolak"}, {"penolakan", "tolak"}, {"ditolak", "tolak"},
	{"mengenai", "kena"}, {"dikirimkan", "kirim"}, {"pengiriman", "kirim"}, {"mengirim", "kirim"},
	{"menyampaikan", "sampai"}, {"disampaikan", "sampai"}, {"penyampaian", "sampai"},
	{"pemberitahuan", "beritahu"}, {"memberitahukan", "beritahu"}, {"diberitahukan", "beritahu"},
	{"keterbukaan", "buka"}, {"terbuka", "buka"}, {"membuka", "buka"},
	{"pelayanan", "layan"}, {"melayani", "layan"}, {"layanan", "layan"},
	// exception list
	{"pemerintah", "perintah"}, {"pemerintahan", "perintah"}, {"keberatan", "keberatan"},
	{"pengaduan", "adu"}, {"pengadaan", "pengadaan"}, {"anggaran", "anggaran"},
	{"laporan", "lapor"}, {"melaporkan", "lapor"}, {"dilaporkan", "lapor"},
	{"informasi", "informasi"}, {"kebijakan", "bijak"}, {"peraturan", "atur"}, {"mengatur", "atur"},
	{"keputusan", "putus"}, {"memutuskan", "putus"}, {"diputuskan", "putus"},
	// ajar
	{"ajar", "ajar"}, {"belajar", "ajar"}, {"pelajaran", "ajar"}, {"mengajar", "ajar"},
	// not over-stemmed
	{"makan", "makan"}, {"minum", "minum"}, {"data", "data"}, {"dana", "dana"}, {"desa", "desa"},
	{"kota", "kota"}, {"rumah", "rumah"}, {"sakit", "sakit"}, {"ikan", "ikan"}, {"dimakan", "makan"},
	{"makanan", "makan"}, {"sekolah", "sekolah"}, {"masalah", "masalah"}, {"berita", "berita"},
	{"kepala", "kepala"}, {"menteri", "menteri"}, {"digital", "digital"},
	// short words untouched
	{"di", "di"}, {"ke", "ke"}, {"dia", "dia"}, {"api", "api"}, {"bea", "bea"}, {"", ""},
	// prefixes and confixes
	{"memilih", "pilih"}, {"pemilihan", "pilih"}, {"memeriksa", "periksa"}, {"pemeriksaan", "periksa"},
	{"meminta", "minta"}, {"permintaan", "minta"}, {"memiliki", "milik"},
	{"menulis", "tulis"}, {"penulis", "tulis"}, {"menerima", "terima"}, {"penerimaan", "terima"},
	{"menentukan", "tentu"}, {"ketentuan", "tentu"}, {"menetapkan", "tetap"}, {"penetapan", "tetap"},
	{"menilai", "nilai"}, {"penilaian", "nilai"},
	{"menyusun", "susun"}, {"penyusunan", "susun"}, {"menyediakan", "sedia"}, {"penyelesaian", "selesai"},
	{"mengajukan", "aju"}, {"pengajuan", "aju"}, {"mengambil", "ambil"}, {"pengambilan", "ambil"},
	{"mengumumkan", "umum"}, {"pengumuman", "umum"}, {"mengubah", "ubah"}, {"perubahan", "ubah"},
	{"menggunakan", "guna"}, {"penggunaan", "guna"}, {"menghapus", "hapus"}, {"penghapusan", "hapus"},
	{"mengelola", "kelola"}, {"pengelolaan", "kelola"}, {"mengetahui", "tahu"}, {"diketahui", "tahu"},
	{"membantu", "bantu"}, {"bantuan", "bantu"}, {"mendapatkan", "dapat"}, {"mencari", "cari"},
	{"pencarian", "cari"}, {"menjawab", "jawab"}, {"jawaban", "jawab"},
	{"memberikan", "beri"}, {"diberikan", "beri"}, {"mempunyai", "punya"}, {"memperoleh", "oleh"},
	{"diperoleh", "oleh"}, {"mempersiapkan", "siap"}, {"persiapan", "siap"},
	{"melalui", "lalu"}, {"merupakan", "rupa"}, {"mewujudkan", "wujud"}, {"meliputi", "liput"},
	{"berdasarkan", "dasar"}, {"bersama", "sama"}, {"berkaitan", "kait"}, {"terkait", "kait"},
	{"bekerja", "kerja"}, {"pekerjaan", "kerja"}, {"berlaku", "laku"}, {"diberlakukan", "laku"},
	{"kegiatan", "giat"}, {"keuangan", "uang"}, {"keadilan", "adil"}, {"kesehatan", "sehat"},
	{"kewajiban", "wajib"}, {"kebutuhan", "butuh"}, {"perlindungan", "lindung"}, {"perjanjian", "janji"},
	{"persetujuan", "setuju"}, {"menyetujui", "setuju"}, {"disetujui", "setuju"},
	{"sesuai", "sesuai"}, {"menyesuaikan", "sesuai"}, {"penyesuaian", "sesuai"},
	{"pelaksanaan", "laksana"}, {"dilaksanakan", "laksana"}, {"melaksanakan", "laksana"},
	{"menyatakan", "nyata"}, {"pernyataan", "nyata"},
	// inflectional particles and possessives
	{"bacalah", "baca"}, {"apakah", "apa"}, {"dokumennya", "dokumen"}, {"permohonannya", "mohon"},
	{"bukuku", "buku"}, {"rumahmu", "rumah"}, {"layanannya", "layan"}, {"ditolaknya", "tolak"},
}

func TestStem(t *testing.T) {
	if len(stemCases) < 80 {
		t.Fatalf("only %d cases", len(stemCases))
	}
	for _, c := range stemCases {
		if got := Stem(c.in); got != c.want {
			t.Errorf("Stem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStemIdempotent(t *testing.T) {
	for _, c := range stemCases {
		s := Stem(c.in)
		if again := Stem(s); again != s {
			t.Errorf("Stem(Stem(%q)) = %q, Stem = %q", c.in, again, s)
		}
	}
}

func TestStemNonASCIIUnchanged(t *testing.T) {
	for _, w := range []string{"café", "naïve", "добро", "2025", "membaca2"} {
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q", w, got)
		}
	}
}
