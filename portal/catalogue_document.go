package portal

import (
	"net/http"
	"strconv"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/web"
)

// catalogueDocumentView is the data of a document's public page.
type catalogueDocumentView struct {
	Entry    terbuka.CatalogueEntry
	Document terbuka.CatalogueDocument
}

// catalogueDocument serves GET /katalog/{id}/dokumen/{doc}: a document of
// a public entry with every version, its size and SHA-256, so a citizen
// can check a copy and see what was published when. Documents of an
// exempted entry, and IDs that name nothing, are the 404 page.
func (p *Portal) catalogueDocument(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r, "portal.catalogue.document_title")
	e, docs, ok := p.publicEntry(w, r, pg)
	if !ok {
		return
	}
	doc, ok := findDocument(r, docs)
	if !ok {
		p.fail(w, r, pg, terbuka.ErrNotFound("catalogue_document"))
		return
	}
	pg.Title = doc.Title
	pg.Data = catalogueDocumentView{Entry: e, Document: doc}
	p.render(w, r, http.StatusOK, "catalogue_document", pg)
}

// findDocument picks the document {doc} out of an entry's documents.
func findDocument(r *http.Request, docs []terbuka.CatalogueDocument) (terbuka.CatalogueDocument, bool) {
	id, ok := pathID(r, "doc")
	if !ok {
		return terbuka.CatalogueDocument{}, false
	}
	for _, d := range docs {
		if d.ID == id {
			return d, true
		}
	}
	return terbuka.CatalogueDocument{}, false
}

// downloadCatalogueDocument serves GET /katalog/{id}/dokumen/{doc}/unduh
// [?versi=N]: the bytes of the current version, or of version N, as the
// public may have them (never of an exempted entry: 404). A versi that is
// not a positive number is the 404 page too, not the current version, so a
// link never silently gives other bytes than it names.
func (p *Portal) downloadCatalogueDocument(w http.ResponseWriter, r *http.Request) {
	entryID, ok1 := pathID(r, "id")
	docID, ok2 := pathID(r, "doc")
	version := 0
	if s := r.URL.Query().Get("versi"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			ok1 = false
		}
		version = n
	}
	if !ok1 || !ok2 {
		p.fail(w, r, p.newPage(w, r, "portal.error.title"), terbuka.ErrNotFound("catalogue_document"))
		return
	}
	v, body, err := p.Store.OpenCatalogueDocument(r.Context(), nil, entryID, docID, version)
	if err != nil {
		p.fail(w, r, p.newPage(w, r, "portal.error.title"), err)
		return
	}
	defer body.Close()
	d := web.Download{Filename: v.Filename, ContentType: v.ContentType, Size: v.Size, SHA256: v.SHA256,
		Immutable: version != 0}
	if err := web.ServeDownload(w, r, d, body); err != nil {
		p.Log.WarnContext(r.Context(), "portal: send catalogue document", "entry", entryID, "document", docID, "err", err)
	}
}
