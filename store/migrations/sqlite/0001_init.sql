CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id INTEGER REFERENCES bodies(id),
    ppid_role TEXT NOT NULL DEFAULT 'none',
    time_zone TEXT NOT NULL DEFAULT 'Asia/Jakarta',
    office_open INTEGER NOT NULL DEFAULT 480,
    office_close INTEGER NOT NULL DEFAULT 960,
    cuti_bersama_workday BOOLEAN NOT NULL DEFAULT 0,
    address TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX bodies_parent ON bodies(parent_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until DATETIME,
    created_at DATETIME NOT NULL
);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at DATETIME NOT NULL,
    revoked_at DATETIME
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE number_counters (
    scope TEXT NOT NULL,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (scope, body_id, year)
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE regional_holidays (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    date TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    UNIQUE (body_id, date)
);

CREATE TABLE calendar_amendments (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    effective TEXT NOT NULL,
    payload TEXT NOT NULL,
    loaded_by INTEGER REFERENCES users(id),
    loaded_at DATETIME NOT NULL
);

CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    number TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    tracking_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    channel TEXT NOT NULL,
    requester_kind TEXT NOT NULL,
    requester_name TEXT NOT NULL,
    requester_id_number TEXT NOT NULL,
    requester_address TEXT NOT NULL,
    requester_email TEXT NOT NULL,
    requester_phone TEXT NOT NULL,
    requester_occupation TEXT NOT NULL,
    rep_name TEXT NOT NULL DEFAULT '',
    rep_id_number TEXT NOT NULL DEFAULT '',
    rep_mandate TEXT NOT NULL DEFAULT '',
    information TEXT NOT NULL,
    purpose TEXT NOT NULL,
    obtain TEXT NOT NULL,
    delivery TEXT NOT NULL,
    lang TEXT NOT NULL,
    submitted_at DATETIME NOT NULL,
    received_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    original_due_on TEXT NOT NULL,
    extended BOOLEAN NOT NULL DEFAULT 0,
    extension_reason TEXT NOT NULL DEFAULT '',
    calendar_version TEXT NOT NULL,
    decision TEXT NOT NULL DEFAULT '',
    decision_note TEXT NOT NULL DEFAULT '',
    exemption_letter TEXT NOT NULL DEFAULT '',
    exemption_basis TEXT NOT NULL DEFAULT '',
    consequence_test TEXT NOT NULL DEFAULT '',
    transferred_to TEXT NOT NULL DEFAULT '',
    decided_at DATETIME,
    decided_by TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE (body_id, year, seq)
);
CREATE INDEX requests_body_status ON requests(body_id, status);
CREATE INDEX requests_due ON requests(status, due_on);

CREATE TABLE request_events (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    at DATETIME NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    public BOOLEAN NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    actor_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_events_request ON request_events(request_id, id);

CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    recipient TEXT NOT NULL,
    lang TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at DATETIME NOT NULL,
    locked_by TEXT,
    locked_until DATETIME,
    sent_at DATETIME,
    failed_at DATETIME,
    last_error TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
