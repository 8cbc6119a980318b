// Package extract reads the plain text of uploaded documents (PDF, DOCX,
// XLSX, plain text and CSV) so catalogue entries can be found by what
// their documents say. Input comes from outside and may be hostile: every
// extractor bounds the bytes it decompresses and the text it returns
// (terbuka.MaxExtractedText), checks ctx as it goes, and turns a parser
// panic into an error. The text feeds a search index, so losing layout or
// the tail of a huge document is acceptable; crashing the server is not.
package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
)

// Content types Text reads (as files.Sniff names them).
const (
	PDF  = "application/pdf"
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// maxUnzipped bounds the bytes decompressed from one DOCX or XLSX, so a
// zip bomb (a few KiB expanding to gigabytes) costs at most this much work.
const maxUnzipped = 64 << 20

// errFull stops an extractor once the text reached its cap; Text then
// returns what it has, without error.
var errFull = errors.New("extract: text cap reached")

// Text returns the plain text of a document of contentType (parameters
// such as charset are honoured for text/plain and text/csv) held in r of
// size bytes, at most terbuka.MaxExtractedText bytes of valid UTF-8 with
// control characters other than newline and tab removed. A type it does
// not read (images, ZIP, legacy Office) gives "" and no error. A document
// that cannot be read gives an error; callers should store the document
// anyway, without text, rather than refuse it.
func Text(ctx context.Context, contentType string, r io.ReaderAt, size int64) (text string, err error) {
	mt, params, perr := mime.ParseMediaType(contentType)
	if perr != nil {
		return "", nil
	}
	var extract func(ctx context.Context, r io.ReaderAt, size int64, w *textWriter) error
	switch mt {
	case PDF:
		extract = pdfText
	case DOCX:
		extract = docxText
	case XLSX:
		extract = xlsxText
	case "text/plain", "text/csv":
		cs := strings.ToLower(params["charset"])
		extract = func(ctx context.Context, r io.ReaderAt, size int64, w *textWriter) error {
			return plainText(ctx, r, size, cs, w)
		}
	default:
		return "", nil
	}
	w := &textWriter{max: terbuka.MaxExtractedText}
	defer func() {
		// The parsers are third-party or fed hostile bytes: a panic is a
		// malformed document, never a crashed server.
		if p := recover(); p != nil {
			text, err = "", fmt.Errorf("extract %s: malformed document: %v", mt, p)
		}
	}()
	if err := extract(ctx, r, size, w); err != nil && !errors.Is(err, errFull) {
		return "", fmt.Errorf("extract %s: %w", mt, err)
	}
	return strings.TrimSpace(w.String()), nil
}

// textWriter collects text up to max bytes: valid UTF-8 only, control
// characters other than newline and tab dropped, runs of blank lines
// collapsed. Writes beyond max fail with errFull.
type textWriter struct {
	b        strings.Builder
	max      int
	newlines int // newlines just written, to collapse blank runs
}

func (w *textWriter) String() string { return w.b.String() }

// WriteString appends s; it returns errFull once the cap is reached (the
// part of s that fits is kept, cut at a rune boundary).
func (w *textWriter) WriteString(s string) error {
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			// invalid bytes were already replaced; keep the marker once
		case r == '\r':
			continue
		case r == '\n':
			if w.newlines >= 2 || w.b.Len() == 0 {
				continue
			}
		case r == '\t':
		case unicode.IsControl(r) || r == '\uFEFF':
			continue
		}
		if w.b.Len()+utf8.RuneLen(r) > w.max {
			return errFull
		}
		if r == '\n' {
			w.newlines++
		} else {
			w.newlines = 0
		}
		w.b.WriteRune(r)
	}
	return nil
}

// full reports whether nothing more fits.
func (w *textWriter) full() bool { return w.b.Len() >= w.max }
