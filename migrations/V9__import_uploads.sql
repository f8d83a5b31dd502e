-- An upload waiting for its preview to be confirmed: kept in PostgreSQL (any node may receive
-- the confirmation) for an hour at most, then deleted.

create table import_upload (
    id            bigint generated always as identity primary key,
    token         varchar not null,
    workspace_id  bigint not null references workspace (id) on delete cascade,
    account_id    bigint not null references account (id) on delete cascade,
    file_name     varchar not null,
    language      varchar,
    content       bytea not null,
    created_at    timestamptz not null default now(),
    constraint import_upload_token unique (token)
);
