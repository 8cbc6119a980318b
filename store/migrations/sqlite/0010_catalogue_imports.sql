-- Bulk imports of an existing DIP from XLSX/CSV (issue 4). One row per
-- uploaded file; the bytes stay in the content-addressed file store under
-- sha256. A job (kind catalogue_import) validates every row, updating done
-- as it goes, then either rejects the file with the row report or adds
-- every entry in one transaction: an import is never partial.
CREATE TABLE catalogue_imports (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    filename TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'validating', 'saving', 'done', 'rejected', 'failed')),
    total INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    -- rejected: how many problems in all; report keeps the first ones,
    -- JSON [{"row", "field", "column", "message_key", "args"}]
    problems INTEGER NOT NULL DEFAULT 0,
    report TEXT NOT NULL DEFAULT '[]',
    created_at DATETIME NOT NULL,
    finished_at DATETIME
);
CREATE INDEX catalogue_imports_body ON catalogue_imports(body_id, id);
