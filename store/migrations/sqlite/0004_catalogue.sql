-- The public information catalogue (Daftar Informasi Publik, DIP): one row
-- per entry with the DIP columns of DOMAIN.md section 2, and for an
-- exempted (dikecualikan) entry its row of the Daftar Informasi yang
-- Dikecualikan. Dates without a time are TEXT YYYY-MM-DD in the body's
-- zone; an optional date is NULL, so "< today" comparisons skip it.
CREATE TABLE catalogue_entries (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    -- pejabat/unit yang menguasai: a body of the same government
    unit_id INTEGER NOT NULL REFERENCES bodies(id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    classification TEXT NOT NULL
        CHECK (classification IN ('berkala', 'serta_merta', 'setiap_saat', 'dikecualikan')),
    year INTEGER NOT NULL,
    responsible TEXT NOT NULL DEFAULT '',
    created_place TEXT NOT NULL DEFAULT '',
    -- comma-separated terbuka.Format values: 'softcopy,hardcopy'
    formats TEXT NOT NULL DEFAULT 'softcopy',
    retention TEXT NOT NULL DEFAULT '',
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    -- berkala only: published again every update_months; stale after next_due
    update_months INTEGER NOT NULL DEFAULT 0,
    published_on TEXT NOT NULL,
    next_due TEXT,
    -- dikecualikan only: the consequence test (uji konsekuensi)
    exemption_letter TEXT NOT NULL DEFAULT '',
    exemption_basis TEXT NOT NULL DEFAULT '',
    consequence_test TEXT NOT NULL DEFAULT '',
    exempt_until TEXT,
    exemption_decided_by TEXT NOT NULL DEFAULT '',
    exemption_decided_by_id INTEGER REFERENCES users(id),
    exemption_decided_at DATETIME,
    -- Reserved for the search slice: pre-stemmed Indonesian text written by
    -- Go (DEPS.md). For a dikecualikan entry it may hold the register
    -- columns only (title, basis), never the summary or documents.
    search_text TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CHECK ((classification = 'dikecualikan') = (exemption_letter <> ''))
);
CREATE INDEX catalogue_entries_body_class ON catalogue_entries(body_id, classification);
CREATE INDEX catalogue_entries_class_year ON catalogue_entries(classification, year);
-- For the reminder jobs: stale berkala entries and exemptions due for review.
CREATE INDEX catalogue_entries_next_due ON catalogue_entries(next_due) WHERE next_due IS NOT NULL;
CREATE INDEX catalogue_entries_exempt_until ON catalogue_entries(exempt_until) WHERE exempt_until IS NOT NULL;
