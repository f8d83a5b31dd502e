-- Issue 22: screenshots and attached files, kept in PostgreSQL so that every node, the backup and
-- the restore have them with no extra setup. Content-addressed: one row per workspace and SHA-256
-- of the bytes as stored (after metadata is removed), whatever the number of uses. Immutable.
create table stored_file (
    id              bigint generated always as identity primary key,
    workspace_id    bigint not null references workspace (id) on delete cascade,
    sha256          varchar not null,
    -- The name it was first uploaded with, for downloads and the alt text's default.
    name            varchar not null,
    content_type    varchar not null,
    size            integer not null,
    width           integer,
    height          integer,
    content         bytea not null,
    -- A smaller copy for pages when the image is wider than the text; the original stays.
    display         bytea,
    display_type    varchar,
    uploaded_by     bigint references account (id) on delete set null,
    created_at      timestamptz not null default now(),
    constraint stored_file_hash unique (workspace_id, sha256)
);

-- The files a revision's text uses: an old revision keeps its old screenshots, and a file no
-- revision uses (uploaded, never saved) can be removed after a while.
create table revision_file (
    revision_id  bigint not null references revision (id) on delete cascade,
    file_id      bigint not null references stored_file (id),
    primary key (revision_id, file_id)
);

create index revision_file_file_idx on revision_file (file_id);
