package files

import (
	"archive/zip"
	"io"
)

// zipMarkers is the entry each ZIP-based office type must hold, and for
// ODF the exact content of its "mimetype" entry (ODF 1.2 part 3, 3.3).
var zipMarkers = map[string]struct{ entry, mimetype string }{
	zipTypes[".docx"]: {entry: "word/document.xml"},
	zipTypes[".xlsx"]: {entry: "xl/workbook.xml"},
	zipTypes[".pptx"]: {entry: "ppt/presentation.xml"},
	zipTypes[".odt"]:  {entry: "mimetype", mimetype: zipTypes[".odt"]},
	zipTypes[".ods"]:  {entry: "mimetype", mimetype: zipTypes[".ods"]},
	zipTypes[".odp"]:  {entry: "mimetype", mimetype: zipTypes[".odp"]},
}

// maxZipEntries bounds the central directory SniffFile walks.
const maxZipEntries = 100_000

// SniffFile is Sniff with the whole file at hand (r, size bytes, whose
// first bytes are head): a ZIP container is opened and a type chosen by
// the extension must be true of its content — a .docx must hold
// word/document.xml, an .xlsx xl/workbook.xml, a .pptx
// ppt/presentation.xml, an ODF file a "mimetype" entry naming its type.
// A container that is none of these is served as what it is,
// application/zip (a ZIP is acceptable released information; only its
// label was wrong, and an office suite is never handed a file that is
// not its format). A ZIP whose directory cannot be read is refused:
// usually a cut-off upload, and nothing could open it.
func SniffFile(head []byte, name string, r io.ReaderAt, size int64) (contentType string, ok bool) {
	t, ok := Sniff(head, name)
	if !ok || (t != "application/zip" && zipMarkers[t].entry == "") {
		return t, ok
	}
	z, err := zip.NewReader(r, size)
	if err != nil || len(z.File) > maxZipEntries {
		return "", false
	}
	m, office := zipMarkers[t]
	if !office {
		return t, true
	}
	for _, f := range z.File {
		if f.Name != m.entry {
			continue
		}
		if m.mimetype == "" {
			return t, true
		}
		// The mimetype entry is a few dozen bytes; read one more than
		// the expected value to tell "equal" from "starts with".
		rc, err := f.Open()
		if err != nil {
			break
		}
		b, err := io.ReadAll(io.LimitReader(rc, int64(len(m.mimetype))+1))
		rc.Close()
		if err == nil && string(b) == m.mimetype {
			return t, true
		}
		break
	}
	return "application/zip", true
}
