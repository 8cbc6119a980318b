// Package search holds Terbuka's Indonesian text analysis: a rule-based
// stemmer of our own (confix stripping in the Nazief–Adriani / ECS style with
// nasal substitution and a small exception list), a stop-word list and the
// analyser that produces the pre-stemmed search_text column shared by SQLite
// FTS5 and PostgreSQL.
package search

import "strings"

// minRoot is the shortest root (in letters) any stripping step may leave.
const minRoot = 3

// exceptions maps words the rules get wrong, mostly legal and administrative
// vocabulary, to the root we want. Our own list.
var exceptions = map[string]string{
	"pemerintah":     "perintah",
	"pemerintahan":   "perintah",
	"keberatan":      "keberatan",
	"pengadaan":      "pengadaan",
	"anggaran":       "anggaran",
	"informasi":      "informasi",
	"mengenai":       "kena",
	"pengaduan":      "adu",
	"permohonan":     "mohon",
	"memohon":        "mohon",
	"pemohon":        "mohon",
	"dimohon":        "mohon",
	"dimohonkan":     "mohon",
	"penolakan":      "tolak",
	"menolak":        "tolak",
	"ditolak":        "tolak",
	"laporan":        "lapor",
	"melaporkan":     "lapor",
	"kebijakan":      "bijak",
	"peraturan":      "atur",
	"keputusan":      "putus",
	"belajar":        "ajar",
	"pelajaran":      "ajar",
	"pelajar":        "ajar",
	"mempelajari":    "ajar",
	"dipelajari":     "ajar",
	"bekerja":        "kerja",
	"pekerjaan":      "kerja",
	"berikan":        "beri",
	"berupa":         "rupa",
	"bertemu":        "temu",
	"pertemuan":      "temu",
	"kementerian":    "menteri",
	"berlaku":        "laku",
	"perilaku":       "perilaku",
	"menyatakan":     "nyata",
	"pernyataan":     "nyata",
	"dinyatakan":     "nyata",
	"menguasai":      "kuasa",
	"dikuasai":       "kuasa",
	"penguasaan":     "kuasa",
	"sekretariat":    "sekretariat",
	"sekretaris":     "sekretaris",
	"perempuan":      "perempuan",
	"pelaksana":      "laksana",
	"memberitahu":    "beritahu",
	"diberitahu":     "beritahu",
	"pemberitahuan":  "beritahu",
	"memberitahukan": "beritahu",
	"diberitahukan":  "beritahu",
}

// protected words look prefixed or suffixed but are roots themselves.
var protected = set(
	"perintah", "periksa", "perkara", "pertama", "perlu", "pergi", "peran",
	"berita", "beritahu", "berat", "beri", "benar", "belum", "besar", "bentuk",
	"kelola", "kembali", "keluar", "keluarga", "kepala", "ketua", "kecuali", "kena", "kenal",
	"terima", "teliti", "terang", "terus", "tengah",
	"sesuai", "sekolah", "selesai", "sedia", "setuju", "selenggara", "sejahtera",
	"seluruh", "seleksi", "seminar", "semester", "selasa",
	"masalah", "menteri", "mulai", "sampai", "nilai", "pakai", "digital", "direktur",
	"makan", "minum", "ikan", "desa", "data", "dana", "kota", "rumah", "sakit", "ajar",
	"halaman", "kawasan", "tahu", "bijak", "perilaku",
)

// rootsEndingKuMu are roots whose final "ku"/"mu" is not a possessive.
var rootsEndingKuMu = []string{"laku", "temu", "ilmu", "tamu", "buku", "kuku", "suku", "saku", "paku", "baku", "jamu", "ramu", "tiru"}

// rootsEndingAI are roots ending in "ai" whose final "i" is not the suffix -i.
var rootsEndingAI = []string{"sampai", "mulai", "selesai", "pakai", "nilai", "capai", "pantai", "ramai", "damai", "tunai", "abai", "lalai", "rantai", "sungai", "pandai", "andai", "urai", "cerai", "bantai", "santai", "badai", "gadai", "balai", "bagai"}

// rootsEndingI are roots ending in "i" (not "ai") whose final "i" is not the suffix -i.
var rootsEndingI = []string{"cari", "beri", "bagi", "isi", "kunci", "cuci", "lari", "diri", "kaji", "gali", "uji", "janji", "bunyi", "ganti", "puji", "mandi", "nanti", "kendali", "hadiri", "terbit", "informasi", "koreksi", "revisi", "sanksi", "lokasi", "publikasi", "verifikasi", "klarifikasi", "sosialisasi", "evaluasi", "koordinasi", "digitalisasi", "transaksi", "konsultasi", "registrasi", "investigasi"}

// After meN-/peN- a vowel-initial remainder normally lost an initial p, t, k
// or s (nasal substitution). These roots keep their own initial vowel or nasal.
var (
	vowelRoots = set("ajar", "ambil", "ada", "adu", "atur", "ubah", "ikut", "umum", "urus", "isi", "ingat",
		"akses", "olah", "awas", "angkat", "alih", "aju", "ajak", "amat", "undang", "unggah", "unduh",
		"ukur", "usul", "usaha", "ulang", "ungkap", "iklan", "informasi", "edar", "arah", "antar",
		"awal", "ekspor", "impor", "elak", "evaluasi", "implementasi", "input", "akhir", "alami", "uji", "isyarat",
		"ambil", "anggar", "ukur", "upaya", "optimal", "operasi", "integrasi", "identifikasi", "inventarisasi")
	mRoots  = set("mohon", "minta", "mulai", "muat", "makan", "minum", "masuk", "maaf", "milik", "mudah", "menang", "mandi", "malu", "mati", "mohonkan")
	nRoots  = set("nilai", "nikah", "nanti", "naik", "nama", "nikmat", "nasihat", "nyata")
	nyRoots = set("nyata", "nyanyi", "nyala")
)

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

func vowels(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			n++
		}
	}
	return n
}

func lettersOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func endsWithAny(w string, roots []string) bool {
	for _, r := range roots {
		if strings.HasSuffix(w, r) {
			return true
		}
	}
	return false
}

// Stem returns the root of a lower-case Indonesian word. Words that are not
// plain a–z, shorter than four letters or protected are returned unchanged.
func Stem(word string) string {
	if r, ok := exceptions[word]; ok {
		return r
	}
	if len(word) <= minRoot || !lettersOnly(word) || protected[word] {
		return word
	}
	w := stripInflection(word)
	if r, ok := exceptions[w]; ok {
		return r
	}
	if protected[w] {
		return w
	}
	d := stripDerivational(w, prefixKind(w))
	if r, ok := exceptions[d]; ok {
		return r
	}
	root := stripPrefixes(d)
	if d != w && root == d && prefixKind(w) != "" {
		// No prefix came off once the "suffix" was gone, so the suffix
		// belonged to the root: dimakan → makan, not dima.
		if alt := stripPrefixes(w); alt != w {
			root = alt
		}
	}
	return root
}

// stripInflection removes one particle (-lah, -kah, -tah, -pun) and then one
// possessive pronoun (-ku, -mu, -nya).
func stripInflection(w string) string {
	for _, p := range []string{"lah", "kah", "tah", "pun"} {
		if strings.HasSuffix(w, p) && vowels(w) > 2 && len(w)-len(p) >= minRoot && !protected[w] {
			w = w[:len(w)-len(p)]
			break
		}
	}
	for _, p := range []string{"nya", "ku", "mu"} {
		if !strings.HasSuffix(w, p) || vowels(w) <= 2 || len(w)-len(p) < minRoot || protected[w] {
			continue
		}
		if p != "nya" && endsWithAny(w, rootsEndingKuMu) && !endsWithAny(w[:len(w)-len(p)], rootsEndingKuMu) {
			continue
		}
		w = w[:len(w)-len(p)]
		break
	}
	return w
}

// prefixKind classifies the word's outer prefix for the disallowed
// prefix–suffix pairs.
func prefixKind(w string) string {
	switch {
	case strings.HasPrefix(w, "di"):
		return "di"
	case strings.HasPrefix(w, "me"):
		return "me"
	case strings.HasPrefix(w, "ter"):
		return "ter"
	case strings.HasPrefix(w, "per"):
		return "per"
	case strings.HasPrefix(w, "pe"):
		return "pe"
	case strings.HasPrefix(w, "ke"):
		return "ke"
	case strings.HasPrefix(w, "be"):
		return "be"
	case strings.HasPrefix(w, "se"):
		return "se"
	}
	return ""
}

// stripDerivational removes one of -kan, -an, -i, respecting the pairs that
// Indonesian morphology does not allow: be-…-i, di-…-an, ke-…-i/-kan,
// me-…-an, se-…-i/-kan, peN-…-kan/-i. Words without a prefix only lose -an.
func stripDerivational(w, pre string) string {
	if vowels(w) <= 2 {
		return w
	}
	cut := func(n int) string {
		if len(w)-n < minRoot {
			return w
		}
		return w[:len(w)-n]
	}
	switch {
	case strings.HasSuffix(w, "kan"):
		switch pre {
		case "di", "me", "ter", "be":
			return cut(3)
		default: // ke-, pe(N)-, per-, se-, none: the k belongs to the root.
			return cut(2)
		}
	case strings.HasSuffix(w, "an"):
		if pre == "di" || pre == "me" {
			return w
		}
		return cut(2)
	case strings.HasSuffix(w, "i"):
		if pre != "di" && pre != "me" && pre != "ter" && pre != "per" {
			return w
		}
		if strings.HasSuffix(w, "ai") {
			if endsWithAny(w, rootsEndingAI) {
				return w
			}
		} else if endsWithAny(w, rootsEndingI) {
			return w
		}
		if strings.HasSuffix(w, "ii") {
			return w
		}
		return cut(1)
	}
	return w
}

// okStart reports whether s can begin an Indonesian root: a vowel, or a
// consonant followed by a vowel or by one of r, l, y, w, h (tr-, pr-, kl-,
// sy-, kh-, ny-, ...).
func okStart(s string) bool {
	if len(s) < minRoot {
		return false
	}
	if isVowel(s[0]) || isVowel(s[1]) {
		return true
	}
	return strings.IndexByte("rlywh", s[1]) >= 0 || s[:2] == "ny" || s[:2] == "ng"
}

// stripPrefixes removes up to three prefixes, outermost first.
func stripPrefixes(w string) string {
	for round := 0; round < 3; round++ {
		if protected[w] || vowels(w) <= 2 {
			return w
		}
		if r, ok := exceptions[w]; ok {
			return r
		}
		next, ok := stripPrefix(w, round)
		if !ok || !okStart(next) {
			return w
		}
		w = next
	}
	return w
}

// stripPrefix removes one prefix with nasal substitution. Round 0 may remove
// any prefix; later rounds only the inner ones (ber-, per-, ter-, ke-, se-, peN-).
func stripPrefix(w string, round int) (string, bool) {
	h := func(p string) bool { return strings.HasPrefix(w, p) }
	rest := func(n int) string { return w[n:] }
	vowelAt := func(i int) bool { return len(w) > i && isVowel(w[i]) }
	if round == 0 {
		switch {
		case h("di"):
			return rest(2), true
		case h("meny") || h("peny"):
			r := rest(4)
			if vowelAt(4) {
				if nyRoots["ny"+r] {
					return "ny" + r, true
				}
				return "s" + r, true
			}
			return w, false
		case h("meng") || h("peng"):
			return nasalK(rest(4))
		case h("mem") || h("pem"):
			r := rest(3)
			if vowelAt(3) {
				if mRoots["m"+r] {
					return "m" + r, true
				}
				return "p" + r, true
			}
			if len(r) > 0 && strings.IndexByte("bfvp", r[0]) >= 0 {
				return r, true
			}
			return w, false
		case h("men") || h("pen"):
			r := rest(3)
			if vowelAt(3) {
				if nRoots["n"+r] {
					return "n" + r, true
				}
				return "t" + r, true
			}
			if len(r) > 0 && strings.IndexByte("dcjzts", r[0]) >= 0 {
				return r, true
			}
			return w, false
		case h("me") || (h("pe") && !h("per")):
			if len(w) > 3 && strings.IndexByte("lmnrwy", w[2]) >= 0 && isVowel(w[3]) {
				return rest(2), true
			}
			return w, false
		}
	} else if h("peng") || h("peny") || h("pem") || h("pen") {
		return stripPrefix(w, 0)
	}
	switch {
	case h("ber") || h("per") || h("ter"):
		return rest(3), true
	case h("be") || (h("pe") && !h("per")):
		// be-/pe- before a root whose first syllable ends in -er (bekerja).
		if len(w) > 4 && !isVowel(w[2]) && w[3] == 'e' && w[4] == 'r' {
			return rest(2), true
		}
		if h("pe") && len(w) > 3 && strings.IndexByte("lrwy", w[2]) >= 0 && isVowel(w[3]) {
			return rest(2), true
		}
	case h("ke") || h("se"):
		return rest(2), true
	}
	return w, false
}

// nasalK handles meng-/peng-: before g, h or k the prefix just drops; before
// a vowel the lost initial is k unless the vowel-initial root is known.
func nasalK(r string) (string, bool) {
	if r == "" {
		return r, false
	}
	if isVowel(r[0]) {
		if vowelRoots[r] {
			return r, true
		}
		return "k" + r, true
	}
	if strings.IndexByte("ghk", r[0]) >= 0 {
		return r, true
	}
	return r, false
}
