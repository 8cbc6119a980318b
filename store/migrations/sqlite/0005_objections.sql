-- Objections (keberatan, UU 14/2008 Pasal 35–36) and disputes at the
-- Komisi Informasi (sengketa informasi, Pasal 37–50). Dates without a time
-- are TEXT YYYY-MM-DD in the body's zone, as for requests.
CREATE TABLE objections (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    -- KEB-<body code>-<year>-<seq>; seq from number_counters scope 'objection'
    number TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('a', 'b', 'c', 'd', 'e', 'f', 'g')),
    statement TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('registered', 'decided')),
    lang TEXT NOT NULL,
    submitted_at DATETIME NOT NULL,
    received_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    -- the window it was filed in (Pasal 36(1)): the day the ground arose
    -- and the last day it could be filed
    ground_on TEXT NOT NULL,
    window_closes TEXT NOT NULL,
    calendar_version TEXT NOT NULL,
    -- the atasan PPID's answer (Pasal 36(2))
    decision TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'upheld', 'release_ordered')),
    release_scope TEXT NOT NULL DEFAULT '' CHECK (release_scope IN ('', 'full', 'partial')),
    decision_reasons TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_position TEXT NOT NULL DEFAULT '',
    decided_by_id INTEGER REFERENCES users(id),
    decided_at DATETIME,
    -- tanggapan pemohon, after the answer
    response TEXT NOT NULL DEFAULT '',
    responded_at DATETIME,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE (body_id, year, seq)
);
CREATE INDEX objections_request ON objections(request_id, id);
CREATE INDEX objections_body_status ON objections(body_id, status);
-- One open objection per request at a time.
CREATE UNIQUE INDEX objections_one_open ON objections(request_id) WHERE status = 'registered';

CREATE TABLE disputes (
    id INTEGER PRIMARY KEY,
    objection_id INTEGER NOT NULL UNIQUE REFERENCES objections(id),
    lodged_on TEXT NOT NULL,
    ki_number TEXT NOT NULL,
    commission TEXT NOT NULL,
    -- the latest stage and outcome, '' before any
    stage TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);

CREATE TABLE dispute_stages (
    id INTEGER PRIMARY KEY,
    dispute_id INTEGER NOT NULL REFERENCES disputes(id),
    stage TEXT NOT NULL CHECK (stage IN ('registrasi', 'pemeriksaan_awal', 'mediasi', 'ajudikasi', 'putusan', 'pengadilan', 'kasasi')),
    on_date TEXT NOT NULL,
    court TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES users(id),
    recorded_by_name TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX dispute_stages_dispute ON dispute_stages(dispute_id, id);
