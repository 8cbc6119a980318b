package files

import (
	"bytes"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SniffLen is how many leading bytes Sniff looks at.
const SniffLen = 512

// Kinds of content a released file may have. The type is decided from the
// bytes (http.DetectContentType plus the OLE2 and TIFF signatures it lacks);
// the file name's extension only chooses between types of the same
// container (a ZIP is a .docx, .xlsx, .odt … or a plain ZIP), it never
// makes bytes acceptable. HTML, XML, scripts and executables are refused:
// they could run in a browser or on a desktop.
var (
	zipTypes = map[string]string{
		".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
		".odt":  "application/vnd.oasis.opendocument.text",
		".ods":  "application/vnd.oasis.opendocument.spreadsheet",
		".odp":  "application/vnd.oasis.opendocument.presentation",
		".zip":  "application/zip",
	}
	oleTypes = map[string]string{
		".doc": "application/msword",
		".xls": "application/vnd.ms-excel",
		".ppt": "application/vnd.ms-powerpoint",
	}
	textTypes = map[string]string{
		".csv": "text/csv; charset=utf-8",
		".txt": "text/plain; charset=utf-8",
		".rtf": "application/rtf",
	}
	// direct are the sniffed types accepted as they are.
	direct = map[string]bool{
		"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true,
		"image/webp": true, "image/bmp": true,
	}
	// extensions is the canonical extension of each type, for names whose
	// extension does not match their content.
	extensions = map[string]string{
		"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
		"image/webp": ".webp", "image/bmp": ".bmp", "image/tiff": ".tif", "application/zip": ".zip",
		"text/plain; charset=utf-8": ".txt", "text/plain; charset=utf-16be": ".txt", "text/plain; charset=utf-16le": ".txt",
	}
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Sniff decides the content type of a file from its first bytes (up to
// SniffLen) and its name, and whether it is acceptable as released
// information: PDF, images, office documents (OOXML, ODF, legacy Office),
// CSV and plain text, ZIP. ok is false for anything else, whatever the
// name says: an executable renamed .pdf is refused.
func Sniff(head []byte, name string) (contentType string, ok bool) {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	if len(head) == 0 {
		return "", false
	}
	ext := strings.ToLower(path.Ext(name))
	switch {
	case bytes.HasPrefix(head, oleMagic):
		t, ok := oleTypes[ext]
		return t, ok
	case bytes.HasPrefix(head, []byte("II*\x00")) || bytes.HasPrefix(head, []byte("MM\x00*")):
		return "image/tiff", true
	}
	t := http.DetectContentType(head)
	switch {
	case direct[t]:
		return t, true
	case t == "application/zip":
		if zt, ok := zipTypes[ext]; ok {
			return zt, true
		}
		return "application/zip", true
	case t == "text/plain; charset=utf-8":
		if tt, ok := textTypes[ext]; ok {
			return tt, true
		}
		return t, true
	case t == "text/plain; charset=utf-16be" || t == "text/plain; charset=utf-16le":
		return t, true
	}
	return "", false
}

// FixExtension makes name end in an extension that fits contentType, so
// a PNG uploaded as "laporan.pdf" is offered as "laporan.png".
func FixExtension(name, contentType string) string {
	ext := strings.ToLower(path.Ext(name))
	for e, t := range zipTypes {
		if t == contentType && e == ext {
			return name
		}
	}
	for e, t := range oleTypes {
		if t == contentType && e == ext {
			return name
		}
	}
	for e, t := range textTypes {
		if t == contentType && e == ext {
			return name
		}
	}
	want, known := extensions[contentType]
	if !known || ext == want || (want == ".jpg" && ext == ".jpeg") || (want == ".tif" && ext == ".tiff") ||
		(want == ".txt" && textTypes[ext] != "") {
		return name
	}
	return strings.TrimSuffix(name, path.Ext(name)) + want
}

// maxNameRunes bounds a download name.
const maxNameRunes = 120

// SafeName turns an uploaded file name into a download name: its last path
// element (slashes and backslashes both count), without control
// characters, quotes or leading dots, at most 120 characters with its
// extension kept. It is only ever a label: files are stored by hash.
func SafeName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "")
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), r == '"', r == '<', r == '>', r == ':', r == '|', r == '?', r == '*':
			return -1
		}
		return r
	}, name)
	name = strings.Join(strings.Fields(name), " ")
	name = strings.TrimLeft(name, ". ")
	if r := []rune(name); len(r) > maxNameRunes {
		ext := []rune(path.Ext(name))
		if len(ext) > 10 {
			ext = nil
		}
		name = strings.TrimSpace(string(r[:maxNameRunes-len(ext)])) + string(ext)
	}
	if name == "" {
		return "berkas"
	}
	return name
}
