package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"sync"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/password"
	"github.com/terbuka-id/terbuka/workday"
)

// Store implements Terbuka's services over a DB. It holds no per-request
// state, so any number of app instances can share one PostgreSQL.
type Store struct {
	db     *DB
	clock  terbuka.Clock
	base   workday.Base
	hasher *password.Hasher
	// routing holds the windows of incomplete requests and dispositions;
	// set with SetRoutingConfig (store/incomplete.go) before use.
	routing terbuka.RoutingConfig

	// Files keeps the documents of requests (notices, SK penolakan,
	// released information) and Notices draws the PDFs of a decision. Set
	// both in main before use; when nil, documents go to an in-memory store
	// and are drawn by package pdf (see store/notice.go).
	Files     files.Store
	Notices   terbuka.NoticeRenderer
	filesOnce sync.Once
	// Extract reads the text of uploaded catalogue documents; main sets
	// extract.Isolated. Nil reads in-process (store/catalogue_document.go).
	Extract TextExtractor

	group *groupCommit
	read  *stmtCache // prepared read statements on the reader pool

	mu        sync.Mutex
	calendars map[int64]cachedCalendar // body ID → calendar at a revision
}

type cachedCalendar struct {
	revision int64
	cal      *workday.Calendar
}

// New returns a Store. clock and hasher may be nil for the defaults.
func New(db *DB, clock terbuka.Clock, hasher *password.Hasher) *Store {
	if clock == nil {
		clock = terbuka.SystemClock{}
	}
	if hasher == nil {
		hasher = password.NewHasher(password.Default, 4)
	}
	return &Store{db: db, clock: clock, base: workday.MustBase(), hasher: hasher, group: &groupCommit{db: db},
		read: newStmtCache(db.r), calendars: map[int64]cachedCalendar{}}
}

// DB returns the underlying database.
func (s *Store) DB() *DB { return s.db }

// Now is the store's clock in UTC.
func (s *Store) Now() time.Time { return s.clock.Now().UTC() }

var tokenEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newSecret returns 160 random bits as lower-case base32 (32 characters).
func newSecret() string {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never happens on Linux ≥ 3.17
	}
	s := tokenEncoding.EncodeToString(b)
	out := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out)
}

// hashSecret is how tokens are stored: a leaked database does not leak
// working tokens. Secrets are random, so no salt or slow hash is needed.
func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
