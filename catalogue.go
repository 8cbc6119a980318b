package terbuka

import (
	"regexp"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

// Classification is the category of a catalogue entry (UU 14/2008 Pasal
// 9–11 and 17; API.md values).
type Classification string

const (
	Berkala      Classification = "berkala"      // published periodically, at least every 6 months (Ps 9)
	SertaMerta   Classification = "serta_merta"  // published immediately: disasters, threats to life (Ps 10)
	SetiapSaat   Classification = "setiap_saat"  // available at all times, on request (Ps 11)
	Dikecualikan Classification = "dikecualikan" // exempt under Ps 17, after a consequence test
)

// Classifications lists every classification in DIP order.
var Classifications = []Classification{Berkala, SertaMerta, SetiapSaat, Dikecualikan}

// Valid reports whether c is a known classification.
func (c Classification) Valid() bool { return oneOf(c, Classifications) }

// Format is a form in which the information is available (format tersedia).
type Format string

const (
	Softcopy Format = "softcopy"
	Hardcopy Format = "hardcopy"
)

// Formats lists the formats in form order.
var Formats = []Format{Softcopy, Hardcopy}

// Catalogue rules with their sources (DOMAIN.md section 2).
const (
	// DefaultUpdateMonths is the update period of berkala information:
	// Pasal 9 ayat (4) asks for it at least every 6 months, so it is also
	// the longest period allowed.
	DefaultUpdateMonths = 6
	// MaxLawEnforcementYears bounds a Pasal 17 huruf a exemption (PP 61/2010).
	MaxLawEnforcementYears = 30
	// MinCatalogueYear is the first year an entry may be dated.
	MinCatalogueYear = 1945
)

// Audit action and entity of the catalogue. They sit here rather than in
// audit.go so the catalogue's owners can extend them without touching the
// audit trail's file.
const (
	AuditCatalogueCreated = "catalogue.created"
	AuditEntityCatalogue  = "catalogue" // EntityRef: the entry's ID in decimal
)

// CanManageCatalogue reports whether r may add catalogue entries: the PPID
// staff and admins. Other roles never may (EForbidden, not ENotFound).
func (r Role) CanManageCatalogue() bool {
	return r == RoleAdmin || r == RolePPID || r == RolePPIDPelaksana
}

// CatalogueExemption is the consequence test behind a dikecualikan entry:
// one row of the Daftar Informasi yang Dikecualikan.
type CatalogueExemption struct {
	Letter          string       // Pasal 17 letter a–j; j when another statute closes it
	Basis           string       // canonical legal basis, see ParseCatalogueBasis
	ConsequenceTest string       // the harm of opening, weighed against the public interest
	Until           workday.Date // last exempt day; zero = permanent (letters g and h only, Ps 20)
	DecidedBy       string       // the staff member who recorded it
	DecidedByID     int64
	DecidedAt       time.Time
}

// Permanent reports whether the exemption has no end (Pasal 20: only g, h).
func (e CatalogueExemption) Permanent() bool { return e.Until.IsZero() }

// Expired reports whether the exemption ended before today; the entry then
// goes back to staff for review. It stays exempt until staff reclassify
// it: an expiry never opens content by itself.
func (e CatalogueExemption) Expired(today workday.Date) bool {
	return !e.Until.IsZero() && today.After(e.Until)
}

// CatalogueEntry is one row of a body's Daftar Informasi Publik (DIP).
type CatalogueEntry struct {
	ID                         int64
	BodyID                     int64
	BodySlug, BodyName, BodyTZ string
	// Unit is the pejabat/unit yang menguasai: a body of the same
	// government, by default the entry's own body.
	UnitID             int64
	UnitSlug, UnitName string
	Title              string
	Summary            string // ringkasan isi
	Classification     Classification
	Year               int    // waktu pembuatan
	Responsible        string // penanggung jawab pembuatan
	CreatedPlace       string // tempat pembuatan
	Formats            []Format
	Retention          string // jangka waktu penyimpanan
	ValidFrom          workday.Date
	ValidUntil         workday.Date // zero = open-ended
	UpdateMonths       int          // berkala only, else 0
	PublishedOn        workday.Date // last published; next_due counts from here
	NextDue            workday.Date // berkala only
	Exemption          *CatalogueExemption
	CreatedBy          int64
	CreatedAt          time.Time
	UpdatedAt          time.Time
	// Public marks a value made by PublicView: what anyone may see.
	Public bool
}

// Stale reports whether a berkala entry is past its update period on day
// today (in the body's zone): staff must publish it again.
func (e CatalogueEntry) Stale(today workday.Date) bool {
	return e.Classification == Berkala && !e.NextDue.IsZero() && today.After(e.NextDue)
}

// PublicView is what the public may see of e. For a dikecualikan entry
// that is only its row of the exemption register — title, classification,
// year, body, legal basis and end date — never the summary, the consequence
// test or any other content; every public surface (API, portal, search,
// feeds, exports) must go through here.
func (e CatalogueEntry) PublicView() CatalogueEntry {
	if e.Classification == Dikecualikan {
		out := CatalogueEntry{ID: e.ID, BodyID: e.BodyID, BodySlug: e.BodySlug, BodyName: e.BodyName, BodyTZ: e.BodyTZ,
			Title: e.Title, Classification: e.Classification, Year: e.Year, Public: true}
		if x := e.Exemption; x != nil {
			out.Exemption = &CatalogueExemption{Letter: x.Letter, Basis: x.Basis, Until: x.Until}
		}
		return out
	}
	e.Formats = append([]Format(nil), e.Formats...)
	e.Exemption, e.CreatedBy, e.Public = nil, 0, true
	return e
}

// NewCatalogueEntry is what staff submit (API.md "Public information
// catalogue"). Dates are YYYY-MM-DD; everything after Exemption is
// optional.
type NewCatalogueEntry struct {
	Title          string         `json:"title"`
	Summary        string         `json:"summary"`
	Classification Classification `json:"classification"`
	Year           int            `json:"year"`
	Exemption      *NewExemption  `json:"exemption"`
	Unit           string         `json:"unit"`          // body slug; default the entry's body
	Responsible    string         `json:"responsible"`   // penanggung jawab pembuatan
	CreatedPlace   string         `json:"created_place"` // tempat pembuatan
	Formats        []Format       `json:"formats"`       // default ["softcopy"]
	Retention      string         `json:"retention"`     // e.g. "5 tahun", "permanen"
	ValidFrom      string         `json:"valid_from"`    // default today
	ValidUntil     string         `json:"valid_until"`
	UpdateMonths   int            `json:"update_months"` // berkala: 1–6, default 6
}

// NewExemption is the consequence test submitted with a dikecualikan entry.
type NewExemption struct {
	Basis           string `json:"basis"`
	ConsequenceTest string `json:"consequence_test"`
	Until           string `json:"until"` // YYYY-MM-DD; may be empty for Pasal 17 g and h
}

func (x *NewExemption) empty() bool {
	return x == nil || strings.TrimSpace(x.Basis) == "" && strings.TrimSpace(x.ConsequenceTest) == "" && strings.TrimSpace(x.Until) == ""
}

// Entry validates in on day today (the body's zone) and builds the entry
// without its body, unit and author, which the store fills. Every problem
// is named by its JSON path ("exemption.until").
func (in NewCatalogueEntry) Entry(today workday.Date) (CatalogueEntry, error) {
	p := Problems{}
	e := CatalogueEntry{
		Title: strings.TrimSpace(in.Title), Summary: strings.TrimSpace(in.Summary), Classification: in.Classification,
		Year: in.Year, Responsible: strings.TrimSpace(in.Responsible), CreatedPlace: strings.TrimSpace(in.CreatedPlace),
		Retention: strings.TrimSpace(in.Retention), UnitSlug: strings.TrimSpace(in.Unit), PublishedOn: today,
	}
	text(p, "title", e.Title, maxShort*2, true)
	text(p, "summary", e.Summary, maxInformation, true)
	text(p, "responsible", e.Responsible, maxShort, false)
	text(p, "created_place", e.CreatedPlace, maxShort, false)
	text(p, "retention", e.Retention, maxShort, false)
	if !e.Classification.Valid() {
		p.Add("classification", choiceKey(string(e.Classification)))
	}
	switch {
	case in.Year == 0:
		p.Add("year", "invalid.required")
	case in.Year < MinCatalogueYear || in.Year > today.Year+1:
		p.Add("year", "invalid.catalogue_year", MinCatalogueYear, today.Year+1)
	}
	if e.UnitSlug != "" && !ValidSlug(e.UnitSlug) {
		p.Add("unit", "invalid.slug")
	}
	e.Formats = formats(p, in.Formats)
	e.ValidFrom = optionalDate(p, "valid_from", in.ValidFrom)
	if e.ValidFrom.IsZero() {
		e.ValidFrom = today
	}
	e.ValidUntil = optionalDate(p, "valid_until", in.ValidUntil)
	if !e.ValidUntil.IsZero() && e.ValidUntil.Before(e.ValidFrom) {
		p.Add("valid_until", "invalid.date_order")
	}
	switch {
	case e.Classification != Berkala && in.UpdateMonths != 0:
		p.Add("update_months", "invalid.berkala_only")
	case e.Classification == Berkala && in.UpdateMonths == 0:
		e.UpdateMonths = DefaultUpdateMonths
	case e.Classification == Berkala && (in.UpdateMonths < 1 || in.UpdateMonths > DefaultUpdateMonths):
		p.Add("update_months", "invalid.update_months", DefaultUpdateMonths)
	default:
		e.UpdateMonths = in.UpdateMonths
	}
	if e.Classification == Berkala {
		e.NextDue = AddMonths(e.PublishedOn, e.UpdateMonths)
	}
	switch {
	case e.Classification == Dikecualikan && in.Exemption.empty():
		p.Add("exemption", "invalid.catalogue_exemption_required")
	case e.Classification == Dikecualikan:
		e.Exemption = exemption(p, *in.Exemption, today)
	case !in.Exemption.empty():
		p.Add("exemption", "invalid.exemption_not_allowed")
	}
	return e, p.Err()
}

func formats(p Problems, in []Format) []Format {
	if len(in) == 0 {
		return []Format{Softcopy}
	}
	var out []Format
	for _, f := range Formats {
		if oneOf(f, in) {
			out = append(out, f)
		}
	}
	for _, f := range in {
		if !oneOf(f, Formats) {
			p.Add("formats", choiceKey(string(f)))
		}
	}
	return out
}

func optionalDate(p Problems, field, s string) workday.Date {
	if s = strings.TrimSpace(s); s == "" {
		return workday.Date{}
	}
	d, err := workday.ParseDate(s)
	if err != nil {
		p.Add(field, "invalid.date")
	}
	return d
}

func exemption(p Problems, in NewExemption, today workday.Date) *CatalogueExemption {
	x := &CatalogueExemption{ConsequenceTest: strings.TrimSpace(in.ConsequenceTest)}
	if strings.TrimSpace(in.Basis) == "" {
		p.Add("exemption.basis", "invalid.required")
	} else if letter, canon, key := ParseCatalogueBasis(in.Basis); key != "" {
		p.Add("exemption.basis", key)
	} else {
		x.Letter, x.Basis = letter, canon
	}
	text(p, "exemption.consequence_test", x.ConsequenceTest, maxInformation, true)
	if n := len([]rune(x.ConsequenceTest)); n > 0 && n < MinConsequenceTest {
		p.Add("exemption.consequence_test", "invalid.too_short", MinConsequenceTest)
	}
	x.Until = optionalDate(p, "exemption.until", in.Until)
	switch {
	case strings.TrimSpace(in.Until) != "" && x.Until.IsZero():
		// already reported as invalid.date
	case x.Until.IsZero() && x.Letter != "" && x.Letter != "g" && x.Letter != "h":
		p.Add("exemption.until", "invalid.exemption_until_required")
	case x.Until.IsZero():
	case !x.Until.After(today):
		p.Add("exemption.until", "invalid.exemption_until_past")
	case x.Letter == "a" && x.Until.After(AddMonths(today, 12*MaxLawEnforcementYears)):
		p.Add("exemption.until", "invalid.exemption_until_too_long", MaxLawEnforcementYears)
	}
	return x
}

var (
	// kipRe finds UU 14/2008 itself ("UU No. 14 Tahun 2008").
	kipRe = regexp.MustCompile(`(?i)\b(?:uu|undang[- ]?undang)\b[^0-9]*14\s*(?:/|\s+tahun\s+)\s*2008\b`)
	// letterRe finds the Pasal 17 letter inside a longer citation.
	letterRe = regexp.MustCompile(`(?i)\bpasal\s*17\s*(?:ayat\s*\(?\s*1\s*\)?\s*)?(?:huruf\s*)?\(?([a-j])\)?(?:\s|$|,|\.)`)
	// statuteRe finds a statute with its number and year ("UU 36/2009",
	// "Undang-Undang Nomor 27 Tahun 2022", "Perppu 1/2020") or a code.
	statuteRe = regexp.MustCompile(`(?i)\b(?:(?:uu|undang[- ]?undang|perppu)\b[^0-9]{0,20}\d+\s*(?:/|\s+tahun\s+)\s*\d{4}|kuhap?\b)`)
	articleRe = regexp.MustCompile(`(?i)\bpasal\s*\d+`)
	// lowerRe finds regulations below statute rank, which cannot close
	// information on their own.
	lowerRe = regexp.MustCompile(`(?i)\b(?:pp|peraturan\s+pemerintah|perpres|peraturan\s+presiden|permen\w*|peraturan\s+menteri|perda|peraturan\s+daerah|pergub|perbup|perwal|perki|peraturan\s+komisi|keppres|keputusan|surat\s+edaran)\b`)
)

// ParseCatalogueBasis reads the legal basis of an exemption. It accepts
//   - a Pasal 17 letter in any form ParseBasis reads, or inside a longer
//     citation of UU 14/2008 ("UU 14/2008 Pasal 17 huruf h"): canonical
//     "Pasal 17 huruf h UU 14/2008";
//   - another statute with its number, year and article ("UU 36/2009 Pasal
//     57"): that is Pasal 17 huruf j (information closed by an undang-
//     undang), canonical "Pasal 17 huruf j UU 14/2008 jo. UU 36/2009 Pasal 57".
//
// Regulations below statute rank (PP, Permen, Perda, Perki, decrees) are
// refused: under huruf j only an undang-undang closes information. key is
// the message key of the problem, "" when s is accepted.
func ParseCatalogueBasis(s string) (letter, canonical, key string) {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) > maxShort*3/2 {
		return "", "", "invalid.too_long"
	}
	if l, c, ok := ParseBasis(s); ok {
		return l, c, ""
	}
	if kipRe.MatchString(s) {
		if m := letterRe.FindStringSubmatch(s); m != nil {
			l := strings.ToLower(m[1])
			return l, "Pasal 17 huruf " + l + " UU 14/2008", ""
		}
		return "", "", "invalid.catalogue_basis"
	}
	if statuteRe.MatchString(s) {
		if !articleRe.MatchString(s) {
			return "", "", "invalid.catalogue_basis"
		}
		return "j", "Pasal 17 huruf j UU 14/2008 jo. " + s, ""
	}
	if lowerRe.MatchString(s) {
		return "", "", "invalid.exemption_statute_only"
	}
	return "", "", "invalid.catalogue_basis"
}

// AddMonths moves d by n months, clamped to the month's last day (31
// August + 6 months is 28 or 29 February, not 3 March).
func AddMonths(d workday.Date, n int) workday.Date {
	m := int(d.Month) - 1 + n
	y := d.Year + m/12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	month := time.Month(m + 1)
	last := time.Date(y, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return workday.Date{Year: y, Month: month, Day: min(d.Day, last)}
}
