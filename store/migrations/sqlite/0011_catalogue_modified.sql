-- Harvesters ask for what changed since their last run (CKAN
-- package_search fq=metadata_modified:[… TO *], sort=metadata_modified
-- desc): index the change times they filter and sort on.
CREATE INDEX catalogue_entries_updated ON catalogue_entries(updated_at, id);
CREATE INDEX catalogue_documents_entry_updated ON catalogue_documents(entry_id, updated_at);
