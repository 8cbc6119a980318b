package terbuka

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Audit actions: what an audit entry records. The prefix names the kind
// of record changed.
const (
	AuditRequestCreated           = "request.created"
	AuditRequestExtended          = "request.extended"
	AuditRequestDecided           = "request.decided"
	AuditRequestDeadlineRecompute = "request.deadline_recomputed"
	AuditUserCreated              = "user.created"
	AuditUserLogin                = "user.login"
	AuditUserLoginFailed          = "user.login_failed"
	AuditUserLogout               = "user.logout"
	AuditTokenCreated             = "token.created"
	AuditBodyCreated              = "body.created"
	AuditBodySettingsUpdated      = "body.settings_updated"
	AuditRegionalHolidayAdded     = "calendar.regional_holiday_added"
	AuditRegionalHolidayDeleted   = "calendar.regional_holiday_deleted"
	AuditAmendmentLoaded          = "calendar.amendment_loaded"
)

// Audit entities: the kind of record an entry is about; EntityRef names
// the record (a request number, an account's e-mail, a body slug, an
// amendment's ID).
const (
	AuditEntityRequest  = "request"
	AuditEntityUser     = "user"
	AuditEntityBody     = "body"
	AuditEntityCalendar = "calendar"
)

// Actors that are not staff accounts (ActorID 0).
const (
	ActorPublic = "public" // a requester, anonymous by design
	ActorSystem = "system" // the terbuka command, seeding, background work
)

// GenesisHash is the PrevHash of the first entry of every audit log.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// AuditEntry is one link of the append-only, hash-chained audit log
// (issue 3, "Audit trail"). Data is canonical JSON of what changed; it
// never holds a requester's personal data (NIK, phone, e-mail, address,
// name) nor free text staff typed, only numbers, statuses, decisions,
// dates and SHA-256 digests of such text.
type AuditEntry struct {
	Seq       int64     // 1, 2, 3, … without gaps
	At        time.Time // store clock, UTC, microsecond precision
	ActorID   int64     // staff account, 0 for ActorPublic / ActorSystem
	Actor     string    // staff name at the time, or ActorPublic / ActorSystem
	Action    string    // one of the Audit… actions
	Entity    string    // one of the AuditEntity… kinds
	EntityRef string
	Data      string
	PrevHash  string // Hash of entry Seq-1, GenesisHash for Seq 1
	Hash      string // ComputeHash()
}

// auditHashVersion opens the hashed encoding so that a future format can
// be told apart from this one.
const auditHashVersion = "terbuka-audit-v1"

// ComputeHash returns the lower-case hex SHA-256 of the entry without its
// Hash. The input is unambiguous: for each of the fields "terbuka-audit-v1",
// Seq (decimal), At (UTC, RFC 3339 with nanoseconds, trailing zeros
// dropped), ActorID (decimal), Actor, Action, Entity, EntityRef, Data and
// PrevHash, in this order, the field's length in bytes as an 8-byte
// big-endian unsigned integer followed by its UTF-8 bytes.
func (e AuditEntry) ComputeHash() string {
	h := sha256.New()
	var n [8]byte
	for _, f := range []string{auditHashVersion, strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(e.ActorID, 10), e.Actor, e.Action, e.Entity, e.EntityRef, e.Data, e.PrevHash} {
		binary.BigEndian.PutUint64(n[:], uint64(len(f)))
		h.Write(n[:])
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AuditHead is the position a chain has reached: the Seq and Hash of its
// last entry. The empty chain's head is AuditHead{0, GenesisHash}.
type AuditHead struct {
	Seq  int64
	Hash string
}

// EmptyAuditHead is the head of a log with no entries.
var EmptyAuditHead = AuditHead{Seq: 0, Hash: GenesisHash}

// AuditBreak says where and why an audit log fails verification.
type AuditBreak struct {
	Seq    int64
	Reason string
}

func (b *AuditBreak) Error() string {
	return fmt.Sprintf("audit broken at entry %d: %s", b.Seq, b.Reason)
}

// VerifyChain checks that entries continue the chain whose head is prev:
// consecutive Seq numbers, each PrevHash equal to the Hash before it, and
// each Hash equal to ComputeHash. It returns 0, nil when they do, else the
// first broken Seq and an *AuditBreak. A missing entry is reported at its
// own (missing) Seq.
func VerifyChain(entries []AuditEntry, prev AuditHead) (broken int64, err error) {
	for _, e := range entries {
		want := prev.Seq + 1
		switch {
		case e.Seq != want:
			return want, &AuditBreak{Seq: want, Reason: fmt.Sprintf("entry missing (next stored entry is %d)", e.Seq)}
		case e.PrevHash != prev.Hash:
			return e.Seq, &AuditBreak{Seq: e.Seq, Reason: "previous-hash link broken"}
		case e.ComputeHash() != e.Hash:
			return e.Seq, &AuditBreak{Seq: e.Seq, Reason: "hash mismatch"}
		}
		prev = AuditHead{Seq: e.Seq, Hash: e.Hash}
	}
	return 0, nil
}

// CheckAuditHead compares the head recorded beside the log with last, the
// head reached by verifying every stored entry; a deleted or added tail
// shows up here.
func CheckAuditHead(recorded, last AuditHead) (broken int64, err error) {
	switch {
	case recorded.Seq > last.Seq:
		return last.Seq + 1, &AuditBreak{Seq: last.Seq + 1,
			Reason: fmt.Sprintf("entry missing (the log records %d entries, %d found)", recorded.Seq, last.Seq)}
	case recorded.Seq < last.Seq:
		return recorded.Seq + 1, &AuditBreak{Seq: recorded.Seq + 1, Reason: "entry beyond the recorded head"}
	case recorded.Hash != last.Hash:
		return last.Seq, &AuditBreak{Seq: last.Seq, Reason: "hash differs from the recorded head"}
	}
	return 0, nil
}

// AuditData is a canonical JSON object of fields: keys sorted, no
// insignificant space. Values must be JSON-encodable; nil maps to {}.
func AuditData(fields map[string]any) string {
	if len(fields) == 0 {
		return "{}"
	}
	b, err := json.Marshal(fields)
	if err != nil {
		panic("terbuka: audit data not encodable: " + err.Error()) // a programming error
	}
	return string(b)
}

// TextDigest is how free text (a reason, a note) enters audit data: its
// hex SHA-256, which proves later that the stored text was not changed
// without copying into the permanent log what it says. Empty text is "".
func TextDigest(s string) string {
	if s == "" {
		return ""
	}
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
