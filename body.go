package terbuka

import (
	"regexp"
	"time"
)

// BodyKind places a public body in the hierarchy.
type BodyKind string

const (
	KindProvince   BodyKind = "province"   // pemerintah provinsi
	KindRegency    BodyKind = "regency"    // pemerintah kabupaten
	KindCity       BodyKind = "city"       // pemerintah kota
	KindOPD        BodyKind = "opd"        // organisasi perangkat daerah
	KindMinistry   BodyKind = "ministry"   // kementerian / lembaga
	KindCommission BodyKind = "commission" // Komisi Informasi
	KindOther      BodyKind = "other"
)

// Valid reports whether k is a known kind.
func (k BodyKind) Valid() bool {
	switch k {
	case KindProvince, KindRegency, KindCity, KindOPD, KindMinistry, KindCommission, KindOther:
		return true
	}
	return false
}

// Government reports whether a body of kind k is a regional government,
// the root of a PPID tree.
func (k BodyKind) Government() bool {
	return k == KindProvince || k == KindRegency || k == KindCity || k == KindMinistry
}

// PPIDRole says which PPID a body holds.
type PPIDRole string

const (
	PPIDUtama     PPIDRole = "utama"     // the main PPID of a government (usually Diskominfo)
	PPIDPelaksana PPIDRole = "pelaksana" // an implementing PPID in an OPD
	PPIDNone      PPIDRole = "none"
)

// Body is a public body (badan publik) or one of its units.
type Body struct {
	ID         int64
	Slug       string
	Code       string // prefix of registration numbers, e.g. DINKES
	Name       string
	Kind       BodyKind
	ParentID   int64 // 0 for a top-level body
	ParentSlug string
	PPID       PPIDRole
	Settings   BodySettings
	Address    string
	Email      string
	Phone      string
	Website    string
}

// BodySettings are the calendar settings an admin edits per body.
type BodySettings struct {
	TimeZone             string // Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)
	OfficeOpen           int    // minutes after local midnight
	OfficeClose          int
	CutiBersamaIsWorkday bool
}

// TimeZones are the zones an Indonesian body can be in.
var TimeZones = []string{"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}

// zones holds the loaded Indonesian zones; filled once, read-only after.
// time.LoadLocation reads tzdata on every call, too slow for a hot path.
var zones = func() map[string]*time.Location {
	m := map[string]*time.Location{}
	for _, z := range TimeZones {
		if loc, err := time.LoadLocation(z); err == nil {
			m[z] = loc
		}
	}
	return m
}()

// Location is the body's zone; an unknown zone falls back to WIB.
func (s BodySettings) Location() *time.Location {
	if loc, ok := zones[s.TimeZone]; ok {
		return loc
	}
	if loc, ok := zones["Asia/Jakarta"]; ok {
		return loc
	}
	return time.FixedZone("WIB", 7*3600)
}

// Validate checks settings an admin submits.
func (s BodySettings) Validate() error {
	p := Problems{}
	ok := false
	for _, z := range TimeZones {
		ok = ok || z == s.TimeZone
	}
	if !ok {
		p.Add("time_zone", "invalid.time_zone")
	}
	if s.OfficeOpen < 0 || s.OfficeClose > 24*60 || s.OfficeOpen >= s.OfficeClose {
		p.Add("office_hours", "invalid.office_hours")
	}
	return p.Err()
}

var (
	slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	codeRe = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)*$`)
)

// ValidSlug reports whether s can name a body in URLs.
func ValidSlug(s string) bool { return len(s) <= 64 && slugRe.MatchString(s) }

// Validate checks a body before it is stored.
func (b Body) Validate() error {
	p := Problems{}
	if !ValidSlug(b.Slug) {
		p.Add("slug", "invalid.slug")
	}
	if len(b.Code) > 20 || !codeRe.MatchString(b.Code) {
		p.Add("code", "invalid.body_code")
	}
	if b.Name == "" || len(b.Name) > 200 {
		p.Add("name", "invalid.required")
	}
	if !b.Kind.Valid() {
		p.Add("kind", "invalid.body_kind")
	}
	switch b.PPID {
	case PPIDUtama, PPIDPelaksana, PPIDNone:
	default:
		p.Add("ppid", "invalid.ppid_role")
	}
	if err := b.Settings.Validate(); err != nil {
		for k, v := range AsError(err).Fields {
			p[k] = v
		}
	}
	return p.Err()
}

// DefaultSettings are WIB and 08:00–16:00.
func DefaultSettings() BodySettings {
	return BodySettings{TimeZone: "Asia/Jakarta", OfficeOpen: 8 * 60, OfficeClose: 16 * 60}
}
