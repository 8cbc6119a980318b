package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Namespaces of the OOXML elements read here. Matching on the namespace,
// not the prefix, keeps "w:t" of a document from matching a "t" of some
// extension schema.
const (
	nsWord  = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsSheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
)

// maxSheets bounds how many worksheets of an XLSX are read.
const maxSheets = 256

// unzipBudget is what is left of maxUnzipped for one document.
type unzipBudget struct{ left int64 }

// open returns entry name of z, reading at most what is left of the
// budget: a bomb ends in errBudget, which xmlText takes as the end of the
// document, keeping the text read so far.
func (b *unzipBudget) open(z *zip.Reader, name string) (io.ReadCloser, error) {
	for _, f := range z.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		return struct {
			io.Reader
			io.Closer
		}{&budgetReader{r: rc, b: b}, rc}, nil
	}
	return nil, errNoEntry
}

var errNoEntry = errors.New("entry missing")

// errBudget ends reading once a document decompressed maxUnzipped bytes.
var errBudget = errors.New("decompressed size limit reached")

type budgetReader struct {
	r io.Reader
	b *unzipBudget
}

func (br *budgetReader) Read(p []byte) (int, error) {
	if br.b.left <= 0 {
		return 0, errBudget
	}
	if int64(len(p)) > br.b.left {
		p = p[:br.b.left]
	}
	n, err := br.r.Read(p)
	br.b.left -= int64(n)
	return n, err
}

// xmlText walks the XML in r and hands each element start, end and char
// data to fn; it stops on ctx, on fn's error, or at the end. A document
// cut by the budget is not an error: the text so far is kept.
func xmlText(ctx context.Context, r io.Reader, fn func(t xml.Token) error) error {
	d := xml.NewDecoder(r)
	d.Strict = false
	for i := 0; ; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		t, err := d.RawToken()
		if errors.Is(err, io.EOF) || errors.Is(err, errBudget) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(t); err != nil {
			return err
		}
	}
}

// prefixes resolves the namespace of a RawToken name from the prefixes
// declared so far; OOXML declares them on the root, which is enough here.
type prefixes map[string]string

func (p prefixes) learn(t xml.StartElement) {
	for _, a := range t.Attr {
		switch {
		case a.Name.Space == "xmlns":
			p[a.Name.Local] = a.Value
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			p[""] = a.Value
		}
	}
}

func (p prefixes) is(n xml.Name, ns, local string) bool { return n.Local == local && p[n.Space] == ns }

// docxText reads word/document.xml: one line per paragraph, tabs and
// breaks kept.
func docxText(ctx context.Context, r io.ReaderAt, size int64, w *textWriter) error {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return err
	}
	b := &unzipBudget{left: maxUnzipped}
	rc, err := b.open(z, "word/document.xml")
	if err != nil {
		return err
	}
	defer rc.Close()
	ns := prefixes{}
	inText := false
	return xmlText(ctx, rc, func(t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			ns.learn(t)
			switch {
			case ns.is(t.Name, nsWord, "t"):
				inText = true
			case ns.is(t.Name, nsWord, "tab"):
				return w.WriteString("\t")
			case ns.is(t.Name, nsWord, "br"), ns.is(t.Name, nsWord, "cr"):
				return w.WriteString("\n")
			}
		case xml.EndElement:
			switch {
			case ns.is(t.Name, nsWord, "t"):
				inText = false
			case ns.is(t.Name, nsWord, "p"):
				return w.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				return w.WriteString(string(t))
			}
		}
		return nil
	})
}

// xlsxText reads the shared strings (where spreadsheet text lives) and
// then each worksheet's own values: inline strings, numbers and formula
// results, one line per row, cells separated by tabs.
func xlsxText(ctx context.Context, r io.ReaderAt, size int64, w *textWriter) error {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return err
	}
	b := &unzipBudget{left: maxUnzipped}
	if rc, err := b.open(z, "xl/sharedStrings.xml"); err == nil {
		err := sharedStrings(ctx, rc, w)
		rc.Close()
		if err != nil {
			return err
		}
	}
	var sheets []string
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") && path.Ext(f.Name) == ".xml" && path.Dir(f.Name) == "xl/worksheets" {
			sheets = append(sheets, f.Name)
		}
	}
	// sheet2 before sheet10: the numeric order a person expects.
	sort.Slice(sheets, func(i, j int) bool { return sheetNumber(sheets[i]) < sheetNumber(sheets[j]) })
	if len(sheets) > maxSheets {
		sheets = sheets[:maxSheets]
	}
	for _, name := range sheets {
		rc, err := b.open(z, name)
		if err != nil {
			return err
		}
		err = sheetValues(ctx, rc, w)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func sheetNumber(name string) int {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path.Base(name), "sheet"), ".xml"))
	if err != nil {
		return 1 << 30
	}
	return n
}

// sharedStrings writes each <si> of the shared string table as a line.
func sharedStrings(ctx context.Context, r io.Reader, w *textWriter) error {
	ns := prefixes{}
	inText := false
	return xmlText(ctx, r, func(t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			ns.learn(t)
			if ns.is(t.Name, nsSheet, "t") {
				inText = true
			}
		case xml.EndElement:
			switch {
			case ns.is(t.Name, nsSheet, "t"):
				inText = false
			case ns.is(t.Name, nsSheet, "si"):
				return w.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				return w.WriteString(string(t))
			}
		}
		return nil
	})
}

// sheetValues writes the values a worksheet holds itself: everything but
// shared-string indexes (t="s"), which sharedStrings already wrote.
func sheetValues(ctx context.Context, r io.Reader, w *textWriter) error {
	ns := prefixes{}
	shared, inValue := false, false
	return xmlText(ctx, r, func(t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			ns.learn(t)
			switch {
			case ns.is(t.Name, nsSheet, "c"):
				shared = false
				for _, a := range t.Attr {
					if a.Name.Local == "t" && a.Value == "s" {
						shared = true
					}
				}
			case ns.is(t.Name, nsSheet, "v"), ns.is(t.Name, nsSheet, "t"):
				inValue = !shared
			}
		case xml.EndElement:
			switch {
			case ns.is(t.Name, nsSheet, "v"), ns.is(t.Name, nsSheet, "t"):
				if inValue {
					inValue = false
					return w.WriteString("\t")
				}
			case ns.is(t.Name, nsSheet, "row"):
				return w.WriteString("\n")
			}
		case xml.CharData:
			if inValue {
				return w.WriteString(string(t))
			}
		}
		return nil
	})
}
