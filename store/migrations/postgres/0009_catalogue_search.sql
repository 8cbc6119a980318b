-- Catalogue search (issue 4). Go's own Indonesian analyser (package search)
-- writes pre-stemmed tokens: search_title from the title, search_text from
-- everything an entry is found by. SQLite indexes them with FTS5 and
-- PostgreSQL with to_tsvector('simple', …) + GIN, so both engines see the
-- same tokens and match the same rows. search_version is the analyser
-- version that wrote them: entries written by an older analyser are
-- re-analysed at start-up (store.ReindexCatalogue).
ALTER TABLE catalogue_entries ADD COLUMN search_title TEXT NOT NULL DEFAULT '';
ALTER TABLE catalogue_entries ADD COLUMN search_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX catalogue_entries_search_version ON catalogue_entries(search_version);

-- 'simple' lower-cases and keeps every token as it is: the stemming was
-- done in Go.
ALTER TABLE catalogue_entries ADD COLUMN search_title_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', search_title)) STORED;
ALTER TABLE catalogue_entries ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX catalogue_entries_search_title ON catalogue_entries USING GIN (search_title_vector);
CREATE INDEX catalogue_entries_search ON catalogue_entries USING GIN (search_vector);
