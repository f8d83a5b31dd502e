-- Share links: a recruiter gives one candidate read access to one manual (or some of its
-- procedures) through a private, expiring, revocable link. Only the token's hash is kept.

create table share_link (
    id                  bigint generated always as identity primary key,
    workspace_id        bigint not null references workspace (id) on delete cascade,
    manual_id           bigint not null references manual (id) on delete cascade,
    token_hash          varchar not null,
    label               varchar not null,
    -- The revision shown for ever; null means "whatever is published when the link is opened".
    pinned_revision_id  bigint references revision (id),
    created_by          bigint not null references account (id),
    created_at          timestamptz not null default now(),
    expires_at          timestamptz not null,
    revoked_at          timestamptz,
    revoked_by          bigint references account (id),
    read_confirmed_at   timestamptz,
    constraint share_link_token unique (token_hash)
);

create index share_link_workspace_idx on share_link (workspace_id, created_at);

-- The procedures a link is limited to; no row means the whole manual.
create table share_link_procedure (
    share_link_id  bigint not null references share_link (id) on delete cascade,
    procedure_key  varchar not null,
    primary key (share_link_id, procedure_key)
);

-- One row per opening of a live link: counts come from here, so concurrent openings are
-- each recorded once with no counter to race on. No address is kept, only the kind of client.
create table share_opening (
    id             bigint generated always as identity primary key,
    share_link_id  bigint not null references share_link (id) on delete cascade,
    at             timestamptz not null default now(),
    client         varchar not null
);

create index share_opening_link_idx on share_opening (share_link_id, at);

-- Failed token lookups per client (a hash of the address), for throttling guesses.
create table share_lookup_failure (
    id      bigint generated always as identity primary key,
    client  varchar not null,
    at      timestamptz not null default now()
);

create index share_lookup_failure_client_idx on share_lookup_failure (client, at);
