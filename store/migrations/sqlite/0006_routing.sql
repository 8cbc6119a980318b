-- Routing of information requests (issue 3, bullets 0 and 1): incomplete
-- requests (perlu dilengkapi), dispositions to PPID Pelaksana (disposisi)
-- and the link between a transferred request and the request created for
-- it at a receiving body of the same deployment. Dates without a time are
-- TEXT YYYY-MM-DD in the request's body zone.

-- One row per "perlu dilengkapi" episode of a request; at most one is
-- pending (neither completed nor lapsed) at a time. The request's dates
-- before the clock restarted on completion are kept here.
CREATE TABLE request_incompletes (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    missing TEXT NOT NULL,
    flagged_at DATETIME NOT NULL,
    flagged_by_id INTEGER REFERENCES users(id),
    flagged_by TEXT NOT NULL DEFAULT '',
    complete_by TEXT NOT NULL,
    completed_at DATETIME,
    completion_note TEXT NOT NULL DEFAULT '',
    lapsed_at DATETIME,
    prev_received_on TEXT NOT NULL,
    prev_due_on TEXT NOT NULL,
    prev_calendar_version TEXT NOT NULL
);
CREATE INDEX request_incompletes_request ON request_incompletes(request_id, id);
CREATE UNIQUE INDEX request_incompletes_one_pending ON request_incompletes(request_id)
    WHERE completed_at IS NULL AND lapsed_at IS NULL;
CREATE INDEX request_incompletes_window ON request_incompletes(complete_by)
    WHERE completed_at IS NULL AND lapsed_at IS NULL;

-- One row per request and OPD it was forwarded to. An OPD's staff see the
-- request while a row for their body is open or answered; a withdrawn row
-- gives no access. At most one open row per request and OPD.
CREATE TABLE request_dispositions (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    to_body_id INTEGER NOT NULL REFERENCES bodies(id),
    days INTEGER NOT NULL,
    due_on TEXT NOT NULL,
    instructions TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'answered', 'withdrawn')),
    created_at DATETIME NOT NULL,
    created_by_id INTEGER REFERENCES users(id),
    created_by TEXT NOT NULL DEFAULT '',
    answer_kind TEXT NOT NULL DEFAULT '',
    answer_text TEXT NOT NULL DEFAULT '',
    answer_catalogue_id INTEGER REFERENCES catalogue_entries(id),
    answer_exemption_letter TEXT NOT NULL DEFAULT '',
    answer_exemption_basis TEXT NOT NULL DEFAULT '',
    answer_consequence_test TEXT NOT NULL DEFAULT '',
    answered_at DATETIME,
    answered_by_id INTEGER REFERENCES users(id),
    answered_by TEXT NOT NULL DEFAULT '',
    withdrawn_at DATETIME,
    withdrawn_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_dispositions_request ON request_dispositions(request_id, id);
CREATE INDEX request_dispositions_body ON request_dispositions(to_body_id, state, request_id);
CREATE UNIQUE INDEX request_dispositions_one_open ON request_dispositions(request_id, to_body_id)
    WHERE state = 'open';

-- A transfer (dialihkan) to a body of this deployment creates a request
-- there. pending_token holds the new request's tracking code only until
-- the e-mail that carries it has been sent (or given up), then it is
-- cleared; it is NULL from the start when the requester gave no e-mail.
CREATE TABLE request_transfers (
    id INTEGER PRIMARY KEY,
    from_request_id INTEGER NOT NULL UNIQUE REFERENCES requests(id),
    to_request_id INTEGER NOT NULL UNIQUE REFERENCES requests(id),
    created_at DATETIME NOT NULL,
    mailed BOOLEAN NOT NULL DEFAULT 0,
    pending_token TEXT
);
