package search

// stopWords is Terbuka's own list of common Indonesian function words that
// carry no meaning for search. Tokens are compared after lower-casing and
// before stemming.
var stopWords = map[string]struct{}{}

func init() {
	for _, w := range []string{
		"ada", "adalah", "agar", "akan", "aku", "anda", "antara", "apa", "apabila", "atas",
		"atau", "bagaimana", "bagi", "bahkan", "bahwa", "banyak", "beberapa", "belum", "berapa", "bisa",
		"boleh", "bukan", "dalam", "dan", "dapat", "dari", "daripada", "demikian", "dengan", "di",
		"dia", "hal", "hanya", "harus", "hingga", "ia", "ialah", "ini", "itu", "jadi",
		"jika", "juga", "kalau", "kami", "kamu", "karena", "ke", "kepada", "ketika", "kini",
		"kita", "lagi", "lain", "lebih", "maka", "masih", "mau", "melainkan", "mereka", "meskipun",
		"namun", "nya", "oleh", "pada", "para", "perlu", "saat", "saja", "sama", "kemudian",
		"ataupun", "sangat", "saya", "sebagai", "sebelum", "sedang", "sedangkan", "sehingga", "sejak", "selain",
		"selama", "semua", "sendiri", "seperti", "serta", "sesudah", "setelah", "setiap", "sudah", "supaya",
		"tanpa", "tapi", "telah", "tentang", "terhadap", "tersebut", "tetapi", "tidak", "untuk", "walaupun",
		"yaitu", "yakni", "yang",
	} {
		stopWords[w] = struct{}{}
	}
}

// IsStopWord reports whether the lower-case word w is on the stop list.
func IsStopWord(w string) bool {
	_, ok := stopWords[w]
	return ok
}
