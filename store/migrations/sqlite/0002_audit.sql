-- The audit log: an append-only hash chain (terbuka.AuditEntry). Entries
-- are appended only by store.appendAudit, inside the transaction of the
-- change they record; audit_head holds the last seq and hash, locked by
-- every append, so the chain never forks and a deleted tail is detected.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at DATETIME NOT NULL,
    actor_id INTEGER NOT NULL DEFAULT 0,
    actor TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_ref TEXT NOT NULL,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_ref, seq);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
