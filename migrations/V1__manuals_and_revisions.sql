-- Vademecum schema, part 1: workspaces, manuals, revisions, procedures.
-- Keyed text columns are varchar (not text): jOOQ's code generator replays these scripts
-- on H2, where an index on a text (CLOB) column fails. In PostgreSQL both are the same.

create table account (
    id            bigint generated always as identity primary key,
    email         varchar not null,
    display_name  varchar not null,
    language      varchar not null default 'fr' check (language in ('fr', 'en')),
    is_admin      boolean not null default false,
    created_at    timestamptz not null default now(),
    constraint account_email_key unique (email)
);

comment on table account is 'A person who signs in; the system account (id 1) authors imports.';

insert into account (email, display_name, language) values ('system@vademecum.invalid', 'Vademecum', 'fr');

create table workspace (
    id          bigint generated always as identity primary key,
    slug        varchar not null,
    name        varchar not null,
    created_at  timestamptz not null default now(),
    constraint workspace_slug_key unique (slug)
);

create table manual (
    id                     bigint generated always as identity primary key,
    workspace_id           bigint not null references workspace (id) on delete cascade,
    slug                   varchar not null,
    language               varchar not null check (language in ('fr', 'en')),
    source_path            varchar,
    latest_revision_id     bigint,
    published_revision_id  bigint,
    created_at             timestamptz not null default now(),
    constraint manual_workspace_slug_key unique (workspace_id, slug)
);

create unique index manual_source_path_key on manual (workspace_id, source_path) where source_path is not null;

-- A revision is an immutable snapshot: it is inserted once and never updated.
create table revision (
    id               bigint generated always as identity primary key,
    manual_id        bigint not null references manual (id) on delete cascade,
    number           integer not null check (number > 0),
    base_number      integer,
    title            varchar not null,
    description      varchar not null default '',
    tags             varchar array not null,
    markdown         text not null,
    procedure_count  integer not null,
    author_id        bigint not null references account (id),
    note             varchar not null default '',
    minor            boolean not null default false,
    created_at       timestamptz not null default now(),
    constraint revision_manual_number_key unique (manual_id, number)
);

alter table manual add constraint manual_latest_revision_fk foreign key (latest_revision_id) references revision (id);
alter table manual add constraint manual_published_revision_fk foreign key (published_revision_id) references revision (id);

-- Each publication of a revision, append-only: a revision is "published" once it appears here.
create table publication (
    id            bigint generated always as identity primary key,
    manual_id     bigint not null references manual (id) on delete cascade,
    revision_id   bigint not null references revision (id) on delete cascade,
    minor         boolean not null default false,
    published_by  bigint not null references account (id),
    published_at  timestamptz not null default now()
);

create index publication_manual_idx on publication (manual_id, published_at);

-- A procedure is a ## section, identified within its manual by its key.
-- current_version_id points at its version in the manual's published revision,
-- and is null while the published revision no longer has that section.
create table procedure (
    id                  bigint generated always as identity primary key,
    manual_id           bigint not null references manual (id) on delete cascade,
    key                 varchar not null,
    position            integer not null default 0,
    current_version_id  bigint,
    created_at          timestamptz not null default now(),
    constraint procedure_manual_key_key unique (manual_id, key)
);

-- Recorded at publish time when a section's normalised content changed; immutable.
create table procedure_version (
    id            bigint generated always as identity primary key,
    procedure_id  bigint not null references procedure (id) on delete cascade,
    number        integer not null check (number > 0),
    revision_id   bigint not null references revision (id) on delete cascade,
    title         varchar not null,
    markdown      text not null,
    content_hash  varchar not null,
    minor         boolean not null default false,
    created_at    timestamptz not null default now(),
    constraint procedure_version_number_key unique (procedure_id, number)
);

alter table procedure add constraint procedure_current_version_fk foreign key (current_version_id) references procedure_version (id);

create table audit_event (
    id            bigint generated always as identity primary key,
    at            timestamptz not null default now(),
    account_id    bigint references account (id) on delete set null,
    workspace_id  bigint references workspace (id) on delete cascade,
    action        varchar not null,
    target        varchar not null,
    detail        varchar not null default ''
);

create index audit_event_workspace_idx on audit_event (workspace_id, at);
