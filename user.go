package terbuka

import (
	"net/mail"
	"strings"
	"unicode"
)

// Role is what a staff account may do.
type Role string

const (
	RoleAdmin         Role = "admin"
	RolePPID          Role = "ppid"           // PPID Utama staff
	RolePPIDPelaksana Role = "ppid_pelaksana" // PPID Pelaksana of an OPD
	RoleAtasanPPID    Role = "atasan_ppid"    // decides objections
	RoleVerifikator   Role = "verifikator"    // complaints
	RoleEvaluator     Role = "evaluator"      // Komisi Informasi (Monev)
	RoleInformanAhli  Role = "informan_ahli"  // IKIP expert
)

// Roles lists every role in the order the UI shows them.
var Roles = []Role{RoleAdmin, RolePPID, RolePPIDPelaksana, RoleAtasanPPID, RoleVerifikator, RoleEvaluator, RoleInformanAhli}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// User is a staff account bound to one body.
type User struct {
	ID       int64
	Email    string
	Name     string
	Role     Role
	BodyID   int64
	BodySlug string
	Disabled bool
}

// NewUser is the input for creating a staff account.
type NewUser struct {
	Email    string
	Name     string
	Role     Role
	BodySlug string
	Password string
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// Validate checks a new account; the store checks the body and duplicates.
func (u NewUser) Validate() error {
	p := Problems{}
	if !ValidEmail(u.Email) {
		p.Add("email", "invalid.email")
	}
	if strings.TrimSpace(u.Name) == "" {
		p.Add("name", "invalid.required")
	}
	if !u.Role.Valid() {
		p.Add("role", "invalid.role")
	}
	if u.BodySlug == "" {
		p.Add("body", "invalid.required")
	}
	if key := PasswordWeakness(u.Password); key != "" {
		p.Add("password", key)
	}
	return p.Err()
}

var commonPasswords = map[string]bool{
	"password12": true, "1234567890": true, "qwertyuiop": true, "password123": true,
	"rahasia123": true, "indonesia1": true, "admin12345": true, "bismillah1": true,
}

// PasswordWeakness returns a message key when pw is too weak, else "".
// Length matters most (NIST SP 800-63B); we also refuse single-class and
// well-known passwords.
func PasswordWeakness(pw string) string {
	if len([]rune(pw)) < MinPasswordLength {
		return "invalid.password_short"
	}
	if len(pw) > 256 {
		return "invalid.too_long"
	}
	var letter, other bool
	for _, r := range pw {
		if unicode.IsLetter(r) {
			letter = true
		} else {
			other = true
		}
	}
	if !letter || !other || commonPasswords[strings.ToLower(pw)] {
		return "invalid.password_weak"
	}
	return ""
}

// ValidEmail accepts a bare address (no display name) of sane length.
func ValidEmail(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " <>\r\n") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// CanHandleRequests reports whether r may act on information requests.
func (r Role) CanHandleRequests() bool {
	return r == RoleAdmin || r == RolePPID || r == RolePPIDPelaksana
}

// CanReadRequests reports whether r may see information requests at all.
func (r Role) CanReadRequests() bool {
	return r.CanHandleRequests() || r == RoleAtasanPPID
}

// RequestScope returns the body whose subtree holds every request u may
// see: the whole government for PPID Utama staff, admins and the atasan
// PPID; the own unit for a PPID Pelaksana. ok is false for roles that never
// see requests.
func RequestScope(u User, own Body, parent *Body) (rootID int64, ok bool) {
	if !u.Role.CanReadRequests() {
		return 0, false
	}
	wide := u.Role == RoleAdmin || u.Role == RolePPID || u.Role == RoleAtasanPPID
	if wide && own.PPID == PPIDUtama && parent != nil {
		return parent.ID, true
	}
	return own.ID, true
}
