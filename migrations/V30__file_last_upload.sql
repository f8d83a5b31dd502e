-- A file uploaded again is kept as long as a new upload would be: the cleanup of files that no
-- revision, question or run uses counts from the last upload, not the first. (Uploading again the
-- bytes of a week-old unused file returned its row, which the next hourly cleanup removed before
-- the editor saved: the saved text then showed a broken image for good.)
alter table stored_file add column last_uploaded_at timestamptz not null default now();
/* [jooq ignore start] */
update stored_file set last_uploaded_at = created_at;
-- Evidence on a run's step is never removed with its file: the cleanup of a file a run has just
-- started to use fails instead of taking the evidence with it (as for revisions and questions).
alter table run_step_file drop constraint run_step_file_file_id_fkey;
alter table run_step_file add constraint run_step_file_file_id_fkey
    foreign key (file_id) references stored_file (id);
/* [jooq ignore stop] */
