package terbuka

import (
	"strings"
	"time"
)

// Documents of catalogue entries (issue 4). A document is a named slot on
// an entry ("Laporan Keuangan 2025"); each upload to it is a new version,
// kept forever, so a citizen can see what was published when. The bytes
// live in the content-addressed file store under their SHA-256.

// Limits of catalogue documents.
const (
	// MaxCatalogueDocumentBytes bounds one uploaded version: large enough
	// for a scanned annual report, small enough to stream through one
	// request without a resumable upload protocol.
	MaxCatalogueDocumentBytes = 50 << 20
	// MaxExtractedText bounds the text kept per version for search: the
	// first MiB of a document finds it; more would only bloat the index.
	MaxExtractedText = 1 << 20
	// maxDocumentTitle bounds a document title, in characters.
	maxDocumentTitle = maxShort
)

// Audit actions of catalogue documents; the entity is AuditEntityCatalogue
// (the entry's ID), the document ID and version are in the data.
const (
	AuditCatalogueDocumentAdded        = "catalogue.document_added"
	AuditCatalogueDocumentVersionAdded = "catalogue.document_version_added"
)

// CatalogueDocument is a document of a catalogue entry with its current
// version and, where the store fills it, every version.
type CatalogueDocument struct {
	ID, EntryID          int64
	Title                string
	CurrentVersion       int
	Current              CatalogueDocumentVersion   // the current version
	Versions             []CatalogueDocumentVersion // newest first; filled by CatalogueDocuments
	CreatedAt, UpdatedAt time.Time
}

// CatalogueDocumentVersion is one uploaded version of a document. Versions
// never change once written: a new upload is a new version.
type CatalogueDocumentVersion struct {
	DocumentID  int64
	Version     int
	Filename    string // safe display name (files.SafeName), extension fixed to the sniffed type
	ContentType string // sniffed from the bytes, never from the name
	SHA256      string
	Size        int64
	UploadedBy  string
	UploadedAt  time.Time
}

// DocumentsPublic reports whether the public may see e's documents at
// all: never for an exempted (dikecualikan) entry, whose content is closed
// under Pasal 17 — the public sees only its row of the exemption register.
// Staff whose scope covers the entry's body see them regardless.
func (e CatalogueEntry) DocumentsPublic() bool { return e.Classification != Dikecualikan }

// DocumentTitle validates the title of a new document: required, at most
// 200 characters, no control characters. It returns the trimmed title, or
// EInvalid naming the field "title".
func DocumentTitle(title string) (string, error) {
	title = strings.TrimSpace(title)
	p := Problems{}
	text(p, "title", title, maxDocumentTitle, true)
	if strings.ContainsAny(title, "\r\n") {
		p.Add("title", "invalid.single_line")
	}
	return title, p.Err()
}
