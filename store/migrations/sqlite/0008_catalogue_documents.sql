-- Documents of catalogue entries (issue 4). A document is a named slot on
-- an entry; each upload to it is a new version, kept, so a citizen can
-- see what was published when. The bytes live in the content-addressed
-- file store (files.Store) under their SHA-256; the extracted text of a
-- version feeds the entry's search_text and the search snippets.
CREATE TABLE catalogue_documents (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES catalogue_entries(id),
    title TEXT NOT NULL,
    current_version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX catalogue_documents_entry ON catalogue_documents(entry_id, id);

CREATE TABLE catalogue_document_versions (
    document_id INTEGER NOT NULL REFERENCES catalogue_documents(id),
    version INTEGER NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    -- plain text extracted from PDF, DOCX, XLSX or text files (capped);
    -- empty for images and formats without extractable text
    text TEXT NOT NULL DEFAULT '',
    uploaded_by INTEGER REFERENCES users(id),
    uploaded_by_name TEXT NOT NULL DEFAULT '',
    uploaded_at DATETIME NOT NULL,
    PRIMARY KEY (document_id, version)
);
CREATE INDEX catalogue_document_versions_sha256 ON catalogue_document_versions(sha256);
