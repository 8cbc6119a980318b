package locale

// documentEN is the English text of catalogue documents (issue 4).
var documentEN = map[string]string{
	"not_found.catalogue_document":                  "Document not found.",
	"conflict.document_unchanged":                   "This file is identical to the document's latest version; no new version was made.",
	"invalid.single_line":                           "Write it on one line.",
	"audit.action.catalogue.document_added":         "Document added to the public information list",
	"audit.action.catalogue.document_version_added": "New version of a public information list document uploaded",
}
