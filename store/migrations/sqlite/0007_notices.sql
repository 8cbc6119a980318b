-- Written notices, SK penolakan, fees and released information (issue 3,
-- "Decisions and written notice"). Amounts are whole rupiah.

-- A body's fee table: one row per item (a copy per page, a CD, postage to
-- a zone), replaced as a whole by its admin; fee_tables holds how to pay.
CREATE TABLE fee_tables (
    body_id INTEGER PRIMARY KEY REFERENCES bodies(id),
    payment_instructions TEXT NOT NULL DEFAULT '',
    updated_at DATETIME NOT NULL
);
CREATE TABLE fee_items (
    body_id INTEGER NOT NULL REFERENCES fee_tables(body_id),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    price INTEGER NOT NULL CHECK (price >= 0),
    PRIMARY KEY (body_id, position),
    UNIQUE (body_id, code)
);

-- The fee quoted in a request's notice, its lines copied from the table
-- when the decision was made, and its payment once staff record it.
CREATE TABLE fee_quotes (
    request_id INTEGER PRIMARY KEY REFERENCES requests(id),
    total INTEGER NOT NULL CHECK (total >= 0),
    created_at DATETIME NOT NULL,
    paid_at DATETIME,
    payment_method TEXT NOT NULL DEFAULT '',
    payment_reference TEXT NOT NULL DEFAULT '',
    received_by TEXT NOT NULL DEFAULT '',
    received_by_id INTEGER REFERENCES users(id),
    payment_recorded_at DATETIME
);
CREATE TABLE fee_quote_lines (
    request_id INTEGER NOT NULL REFERENCES fee_quotes(request_id),
    line INTEGER NOT NULL,
    item TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
    subtotal INTEGER NOT NULL CHECK (subtotal >= 0),
    PRIMARY KEY (request_id, line)
);

-- Documents of a request. The bytes live in the content-addressed file
-- store (files.Store) under sha256; a row is written only after its bytes
-- are stored, so a row never points at nothing. public_to_requester files
-- are downloadable with the tracking code; staff see all.
CREATE TABLE request_files (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    kind TEXT NOT NULL CHECK (kind IN ('notice', 'sk_penolakan', 'released')),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    public_to_requester BOOLEAN NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX request_files_request ON request_files(request_id, id);
CREATE INDEX request_files_sha256 ON request_files(sha256);

-- The written notice of a decision (one per request) and, for a refusal,
-- its SK PPID penolakan. Numbers come from number_counters, scopes
-- 'notice' and 'sk_penolakan', gap-free per body and year.
CREATE TABLE notices (
    request_id INTEGER PRIMARY KEY REFERENCES requests(id),
    number TEXT NOT NULL UNIQUE,
    refusal_number TEXT UNIQUE,
    issued_at DATETIME NOT NULL,
    issued_on TEXT NOT NULL,
    objection_due_on TEXT NOT NULL,
    calendar_version TEXT NOT NULL,
    signer TEXT NOT NULL,
    notice_file_id INTEGER NOT NULL REFERENCES request_files(id),
    refusal_file_id INTEGER REFERENCES request_files(id)
);

-- Catalogue entries released to a requester by reference instead of a copy.
CREATE TABLE request_catalogue_links (
    request_id INTEGER NOT NULL REFERENCES requests(id),
    catalogue_id INTEGER NOT NULL REFERENCES catalogue_entries(id),
    linked_by INTEGER REFERENCES users(id),
    linked_by_name TEXT NOT NULL DEFAULT '',
    linked_at DATETIME NOT NULL,
    PRIMARY KEY (request_id, catalogue_id)
);
