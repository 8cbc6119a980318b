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

-- External-content FTS5 index over the two columns; remove_diacritics 0
-- so tokens stay exactly as Go wrote them (PostgreSQL's 'simple' keeps
-- them too).
CREATE VIRTUAL TABLE catalogue_fts USING fts5(
    search_title, search_text,
    content = 'catalogue_entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER catalogue_fts_insert AFTER INSERT ON catalogue_entries BEGIN
    INSERT INTO catalogue_fts(rowid, search_title, search_text) VALUES (new.id, new.search_title, new.search_text);
END;
CREATE TRIGGER catalogue_fts_delete AFTER DELETE ON catalogue_entries BEGIN
    INSERT INTO catalogue_fts(catalogue_fts, rowid, search_title, search_text)
        VALUES ('delete', old.id, old.search_title, old.search_text);
END;
CREATE TRIGGER catalogue_fts_update AFTER UPDATE OF search_title, search_text ON catalogue_entries BEGIN
    INSERT INTO catalogue_fts(catalogue_fts, rowid, search_title, search_text)
        VALUES ('delete', old.id, old.search_title, old.search_text);
    INSERT INTO catalogue_fts(rowid, search_title, search_text) VALUES (new.id, new.search_title, new.search_text);
END;
INSERT INTO catalogue_fts(catalogue_fts) VALUES ('rebuild');
