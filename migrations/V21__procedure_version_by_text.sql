-- Issue 23: a version counts as read when the reader confirmed a version of the same procedure
-- with the same text (restoring confirmed text asks nothing). Every page view of a reader looks
-- that up per procedure: by text, not by scanning all the procedure's versions, which a manual
-- published hundreds of times would make slow.
create index procedure_version_text_idx on procedure_version (procedure_id, content_hash);
