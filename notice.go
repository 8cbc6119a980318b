package terbuka

import (
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/workday"
)

// Every decision is given to the requester as a written notice (surat
// pemberitahuan tertulis, UU 14/2008 Pasal 22 ayat (7)); a refusal also
// as an SK PPID penolakan (DOMAIN.md section 1). Both are PDFs stored with
// the request, beside the information released to the requester.

// Audit actions of notices, fees and released information. They sit here
// rather than in audit.go so the audit trail's file stays untouched.
const (
	AuditFeePaid         = "request.fee_paid"
	AuditFileReleased    = "request.file_released"
	AuditCatalogueLinked = "request.catalogue_linked"
	AuditFeeTableUpdated = "body.fee_table_updated"
)

// Grants reports whether the outcome gives information, in full or in
// part: only then may a fee be quoted and files released.
func (k DecisionKind) Grants() bool { return k == Granted || k == PartiallyGranted }

// Refusal reports whether the outcome refuses the request, so that an SK
// PPID penolakan is issued beside the notice: exempt information, and
// information not held or not documented. A transfer is not a refusal.
func (k DecisionKind) Refusal() bool { return k == Denied || k == NotHeld || k == NotDocumented }

// Held reports whether the body holds the information (Pasal 22(7) huruf a).
func (k DecisionKind) Held() bool { return k == Granted || k == PartiallyGranted || k == Denied }

// Notice is the record of a written notice: its numbers, dates and the
// keberatan deadline printed on it.
type Notice struct {
	Number          string // PEMB-DINKES-2026-000001
	RefusalNumber   string // SKP-DINKES-2026-000001 for a refusal, else ""
	IssuedAt        time.Time
	IssuedOn        workday.Date // in the body's zone
	ObjectionDueOn  workday.Date // last day to file keberatan
	CalendarVersion string
	Signer          string // the PPID officer who decided
}

// NoticeNumber is the number of a body's seq-th notice of year: only
// letters, digits and "-", like every Terbuka number (API.md).
func NoticeNumber(code string, year int, seq int64) string {
	return fmt.Sprintf("PEMB-%s-%d-%06d", code, year, seq)
}

// RefusalNumber is the number of a body's seq-th SK penolakan of year.
func RefusalNumber(code string, year int, seq int64) string {
	return fmt.Sprintf("SKP-%s-%d-%06d", code, year, seq)
}

// NoticeObjectionDeadline is the last day to file keberatan against a
// notice dated issued. A decision is the ground for reasons a, b, d, e
// and f, so this is the same window CheckObjection enforces.
func NoticeObjectionDeadline(cal *workday.Calendar, issued workday.Date) workday.Date {
	return ObjectionDeadline(cal, issued)
}

// NoticeDocument is everything a notice or an SK penolakan shows: the
// record, the body's letterhead, the decided request and the fee quote.
type NoticeDocument struct {
	Notice
	Body                Body
	Request             Request // with its Decision
	Fee                 *FeeQuote
	PaymentInstructions string
}

// NoticeRenderer draws the documents of a decision as PDF. The same
// document must always give the same bytes. Package pdf implements it.
type NoticeRenderer interface {
	// Notice draws the written notice (Pasal 22(7) a–g).
	Notice(d NoticeDocument) ([]byte, error)
	// Refusal draws the SK PPID penolakan of a refusal.
	Refusal(d NoticeDocument) ([]byte, error)
}

// FileKind says what a file of a request is.
type FileKind string

const (
	FileNotice   FileKind = "notice"       // the written notice
	FileRefusal  FileKind = "sk_penolakan" // the SK PPID penolakan
	FileReleased FileKind = "released"     // information given to the requester
)

// FileKinds lists the kinds in display order.
var FileKinds = []FileKind{FileNotice, FileRefusal, FileReleased}

// RequestFile is a stored document of a request. Public files are the
// requester's to download with the tracking code; staff see all.
type RequestFile struct {
	ID          int64
	RequestID   int64
	Kind        FileKind
	Name        string // download name, never a path
	ContentType string // sniffed, never taken from the upload
	SHA256      string
	Size        int64
	Public      bool
	CreatedAt   time.Time
	CreatedBy   string // staff name, "" for generated documents
}

// CatalogueLink points a granted request at a catalogue entry that holds
// the information, instead of a copy.
type CatalogueLink struct {
	Entry    CatalogueEntry // its PublicView
	LinkedAt time.Time
	LinkedBy string
}

// RequestDocuments is what a request holds for its requester: the notice,
// files, catalogue links and the fee to pay.
type RequestDocuments struct {
	Notice              *Notice
	Files               []RequestFile
	Links               []CatalogueLink
	Fee                 *FeeQuote
	PaymentInstructions string
}

// File returns the file with id.
func (d RequestDocuments) File(id int64) (RequestFile, bool) {
	for _, f := range d.Files {
		if f.ID == id {
			return f, true
		}
	}
	return RequestFile{}, false
}

// CheckRelease enforces that information is released only after a
// decision that gives it.
func (r Request) CheckRelease() error {
	if r.Decision == nil || !r.Decision.Kind.Grants() {
		return Errorf(EConflict, "conflict.not_granted")
	}
	return nil
}

// MaxReleaseBytes bounds one released file (20 MiB).
const MaxReleaseBytes = 20 << 20
