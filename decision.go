package terbuka

import (
	"regexp"
	"strings"
	"time"
)

// DecisionKind is the outcome written in the notice (API.md decision values).
type DecisionKind string

const (
	Granted          DecisionKind = "granted"           // diterima seluruhnya
	PartiallyGranted DecisionKind = "partially_granted" // diterima sebagian (redacted)
	Denied           DecisionKind = "denied"            // ditolak: dikecualikan, Pasal 17
	NotHeld          DecisionKind = "not_held"          // ditolak: belum dikuasai
	NotDocumented    DecisionKind = "not_documented"    // ditolak: belum didokumentasikan
	Transferred      DecisionKind = "transferred"       // dialihkan to the holding body
)

// DecisionKinds lists every outcome in form order.
var DecisionKinds = []DecisionKind{Granted, PartiallyGranted, Denied, NotHeld, NotDocumented, Transferred}

// NeedsExemption reports whether the outcome withholds information under
// Pasal 17 and so needs its letter and a consequence test.
func (k DecisionKind) NeedsExemption() bool { return k == Denied || k == PartiallyGranted }

// Exemption is the Pasal 17 ground for withholding, with the consequence
// test (uji konsekuensi) that supports it.
type Exemption struct {
	Letter          string `json:"-"`     // a–j
	Basis           string `json:"basis"` // canonical "Pasal 17 huruf b UU 14/2008"
	ConsequenceTest string `json:"consequence_test"`
}

// Pasal17 names each letter of Pasal 17 (DOMAIN.md section 2).
var Pasal17 = map[string]string{
	"a": "menghambat proses penegakan hukum",
	"b": "mengganggu perlindungan hak kekayaan intelektual dan persaingan usaha tidak sehat",
	"c": "membahayakan pertahanan dan keamanan negara",
	"d": "mengungkapkan kekayaan alam Indonesia",
	"e": "merugikan ketahanan ekonomi nasional",
	"f": "merugikan kepentingan hubungan luar negeri",
	"g": "mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir atau wasiat",
	"h": "mengungkap rahasia pribadi",
	"i": "memorandum atau surat-surat antar/intra badan publik yang dirahasiakan",
	"j": "informasi yang tidak boleh diungkapkan berdasarkan undang-undang",
}

var basisRe = regexp.MustCompile(`^(?:(?:pasal|ps)\.?\s*)?(?:17\s*(?:ayat\s*\(?\s*1\s*\)?\s*)?(?:huruf\s*)?)?\(?([a-j])\)?(?:\s*uu\s*(?:no\.?\s*)?14\s*/\s*2008)?$`)

// ParseBasis reads the Pasal 17 letter from "b", "Pasal 17 huruf b",
// "Ps. 17 b" or "17(b)" and returns it with the canonical basis text.
func ParseBasis(s string) (letter, canonical string, ok bool) {
	m := basisRe.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return "", "", false
	}
	return m[1], "Pasal 17 huruf " + m[1] + " UU 14/2008", true
}

// MinConsequenceTest is the shortest consequence test accepted: it must
// say what harm opening would do, not just cite the article.
const MinConsequenceTest = 30

// DecisionInput is what staff submit.
type DecisionInput struct {
	Decision      DecisionKind `json:"decision"`
	Note          string       `json:"note"`
	Exemption     *Exemption   `json:"exemption"`
	TransferredTo string       `json:"transferred_to"`
	// Fees quotes the fee of a decision that gives information, from the
	// body's fee table (fee.go); none means nothing to pay.
	Fees []FeeLineInput `json:"fees,omitempty"`
}

// Validate checks the input and fills the exemption's canonical basis.
func (in *DecisionInput) Validate() error {
	p := Problems{}
	in.Note = strings.TrimSpace(in.Note)
	in.TransferredTo = strings.TrimSpace(in.TransferredTo)
	if !oneOf(in.Decision, DecisionKinds) {
		p.Add("decision", choiceKey(string(in.Decision)))
	}
	text(p, "note", in.Note, maxInformation, false)
	if in.Decision.NeedsExemption() {
		switch e := in.Exemption; {
		case e == nil || (strings.TrimSpace(e.Basis) == "" && strings.TrimSpace(e.ConsequenceTest) == ""):
			p.Add("exemption", "invalid.exemption_required")
		default:
			letter, canon, ok := ParseBasis(e.Basis)
			if !ok {
				p.Add("exemption.basis", "invalid.exemption_basis")
			} else {
				e.Letter, e.Basis = letter, canon
			}
			e.ConsequenceTest = strings.TrimSpace(e.ConsequenceTest)
			text(p, "exemption.consequence_test", e.ConsequenceTest, maxInformation, true)
			if n := len([]rune(e.ConsequenceTest)); n > 0 && n < MinConsequenceTest {
				p.Add("exemption.consequence_test", "invalid.too_short", MinConsequenceTest)
			}
		}
	} else {
		in.Exemption = nil
	}
	if in.Decision == Transferred {
		text(p, "transferred_to", in.TransferredTo, maxShort, true)
	} else {
		in.TransferredTo = ""
	}
	validateFeeLines(p, in.Decision, in.Fees)
	return p.Err()
}

// Decision is the recorded outcome of a request.
type Decision struct {
	Kind          DecisionKind
	Note          string
	Exemption     *Exemption
	TransferredTo string
	DecidedAt     time.Time
	DecidedBy     string
}

// StatusAfter is the stored status a decision leads to.
func (k DecisionKind) StatusAfter() Status {
	if k == Transferred {
		return StatusTransferred
	}
	return StatusAnswered
}
