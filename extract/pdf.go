package extract

import (
	"bufio"
	"context"
	"errors"
	"io"
	"math"
	"reflect"
	"regexp"

	"github.com/ledongthuc/pdf"
)

// maxPDFPages bounds the pages read from one PDF: the page count is the
// file's own claim, and a hostile one may claim billions.
const maxPDFPages = 5000

// errStop carries an extractor's own error out of pdf.Interpret, which
// offers no way to stop early; pdfText recovers it.
type errStop struct{ err error }

// pdfText writes the text of each page: the strings of the text-showing
// operators, decoded with the page's fonts, a newline for each new line
// or text object. Pages are found by walking the page tree ourselves: the
// library's own walk loops forever on a cyclic tree and trusts /Count.
func pdfText(ctx context.Context, r io.ReaderAt, size int64, w *textWriter) (err error) {
	if encrypted, err := hasEncrypt(ctx, r, size); err != nil || encrypted {
		if err == nil {
			err = errEncrypted
		}
		return err
	}
	rd, err := pdf.NewReader(r, size)
	if err != nil {
		return err
	}
	if err := checkXref(rd); err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			if s, ok := p.(errStop); ok {
				err = s.err
				return
			}
			panic(p) // Text turns it into an error
		}
	}()
	pages := pageList(rd.Trailer().Key("Root").Key("Pages"))
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		pageText(ctx, p, w)
		if err := w.WriteString("\n"); err != nil {
			return err
		}
	}
	return nil
}

// pageList returns the leaves of the page tree under root in order, at
// most maxPDFPages. Nodes have no identity we can see, so a cyclic tree is
// cut by a depth limit and a bound on the nodes visited.
func pageList(root pdf.Value) []pdf.Page {
	var out []pdf.Page
	visits := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if visits++; visits > 4*maxPDFPages || len(out) >= maxPDFPages || depth > 32 || v.Kind() != pdf.Dict {
			return
		}
		switch v.Key("Type").Name() {
		case "Pages":
			kids := v.Key("Kids")
			for i := 0; i < kids.Len() && len(out) < maxPDFPages; i++ {
				walk(kids.Index(i), depth+1)
			}
		case "Page":
			out = append(out, pdf.Page{V: v})
		}
	}
	walk(root, 0)
	return out
}

// pageText interprets the content stream of p, writing its text to w.
func pageText(ctx context.Context, p pdf.Page, w *textWriter) {
	if p.V.Key("Contents").Kind() == pdf.Null {
		return
	}
	fonts := map[string]*pdf.Font{}
	var enc pdf.TextEncoding
	write := func(s string) {
		if err := w.WriteString(s); err != nil {
			panic(errStop{err})
		}
	}
	show := func(raw string) {
		if enc == nil {
			write(raw)
			return
		}
		write(enc.Decode(raw))
	}
	ops := 0
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		if ops++; ops%4096 == 0 && ctx.Err() != nil {
			panic(errStop{ctx.Err()})
		}
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "BT", "ET", "T*", "Td", "TD":
			write("\n")
		case "Tf":
			if len(args) != 2 {
				return
			}
			name := args[0].Name()
			f, ok := fonts[name]
			if !ok {
				f = &pdf.Font{V: resources(p).Key("Font").Key(name)}
				fonts[name] = f
			}
			enc = nil
			if f.V.Kind() == pdf.Dict {
				enc = f.Encoder()
			}
		case "Tj", "'", "\"":
			if len(args) > 0 && args[len(args)-1].Kind() == pdf.String {
				if op != "Tj" {
					write("\n")
				}
				show(args[len(args)-1].RawString())
			}
		case "TJ":
			if len(args) != 1 || args[0].Kind() != pdf.Array {
				return
			}
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				x := v.Index(i)
				switch x.Kind() {
				case pdf.String:
					show(x.RawString())
				case pdf.Integer, pdf.Real:
					// A wide negative kern is how many PDFs write a space.
					if x.Float64() < -200 || math.IsInf(x.Float64(), 0) {
						write(" ")
					}
				}
			}
		}
	})
}

// resources is the page's resource dictionary, inherited from its
// ancestors when it has none; the library's own lookup follows /Parent
// forever on a cyclic tree.
func resources(p pdf.Page) pdf.Value {
	v := p.V
	for range 32 {
		if v.Kind() != pdf.Dict {
			break
		}
		if r := v.Key("Resources"); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

var (
	errEncrypted = errors.New("encrypted PDF: text not read")
	errXref      = errors.New("malformed PDF: object stream inside an object stream")
	errLayout    = errors.New("PDF reader's internals changed: text not read")
)

// encryptName matches the name /Encrypt however it is spelled: any byte
// of a PDF name may be written as #hh.
var encryptName = regexp.MustCompile(`/(?:E|#45)(?:n|#6[eE])(?:c|#63)(?:r|#72)(?:y|#79)(?:p|#70)(?:t|#74)(?:[^A-Za-z0-9#]|$)`)

// hasEncrypt reports whether the file names /Encrypt anywhere. Encrypted
// files are not read: opening one makes the library resolve objects
// before checkXref can look at the table, and without the password there
// is no text to read anyway.
func hasEncrypt(ctx context.Context, r io.ReaderAt, size int64) (bool, error) {
	br := bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 1<<20)
	var carry []byte
	buf := make([]byte, 1<<20)
	for {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		n, err := io.ReadFull(br, buf)
		chunk := append(carry, buf[:n]...)
		if encryptName.Match(chunk) {
			return true, nil
		}
		if err != nil {
			return false, nil
		}
		// A name split between two reads is found in the next chunk.
		carry = append([]byte(nil), chunk[max(0, len(chunk)-32):]...)
	}
}

// checkXref refuses a cross-reference table in which an object lives in
// an object stream that itself lives in an object stream. The library
// resolves such a chain by recursion, and a cycle (object 2 stored in
// stream 2) overflows the stack: a fatal error no recover can catch, which
// would take the whole server down. The table is unexported, so it is
// read by reflection (reading, never writing); if the library's layout
// changes, PDFs are refused rather than read unchecked, and the tests say
// so.
func checkXref(rd *pdf.Reader) error {
	table := reflect.ValueOf(rd).Elem().FieldByName("xref")
	if !table.IsValid() || table.Kind() != reflect.Slice {
		return errLayout
	}
	n := table.Len()
	inStream := func(i int) (bool, uint64, bool) {
		e := table.Index(i)
		in, st := e.FieldByName("inStream"), e.FieldByName("stream")
		if !in.IsValid() || in.Kind() != reflect.Bool || !st.IsValid() || st.Kind() != reflect.Struct {
			return false, 0, false
		}
		id := st.FieldByName("id")
		if !id.IsValid() || id.Kind() != reflect.Uint32 {
			return false, 0, false
		}
		return in.Bool(), id.Uint(), true
	}
	for i := range n {
		in, sid, ok := inStream(i)
		if !ok {
			return errLayout
		}
		if !in || sid >= uint64(n) {
			continue // an out-of-range stream resolves to null, which the library reports
		}
		if nested, _, _ := inStream(int(sid)); nested {
			return errXref
		}
	}
	return nil
}
