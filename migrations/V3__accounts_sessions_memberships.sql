-- Vademecum schema, part 3: sign-in, sessions, memberships, invitations, API tokens.
-- Secrets (session ids, invitation and API tokens) are stored only as SHA-256 hashes.

alter table account add column password_hash varchar;
alter table account add column disabled boolean not null default false;

create table membership (
    workspace_id  bigint not null references workspace (id) on delete cascade,
    account_id    bigint not null references account (id) on delete cascade,
    role          varchar not null check (role in ('owner', 'editor', 'assistant', 'recruiter')),
    created_at    timestamptz not null default now(),
    primary key (workspace_id, account_id)
);

create index membership_account_idx on membership (account_id);

create table session (
    id_hash       varchar primary key,
    account_id    bigint not null references account (id) on delete cascade,
    csrf_token    varchar not null,
    created_at    timestamptz not null default now(),
    last_seen_at  timestamptz not null default now(),
    expires_at    timestamptz not null
);

create index session_account_idx on session (account_id);

-- Each sign-in attempt, kept for throttling per account and per client address.
create table login_attempt (
    id          bigint generated always as identity primary key,
    email       varchar not null,
    client      varchar not null,
    succeeded   boolean not null,
    at          timestamptz not null default now()
);

create index login_attempt_email_idx on login_attempt (email, at);
create index login_attempt_client_idx on login_attempt (client, at);

create table invitation (
    id            bigint generated always as identity primary key,
    workspace_id  bigint not null references workspace (id) on delete cascade,
    email         varchar not null,
    role          varchar not null check (role in ('owner', 'editor', 'assistant', 'recruiter')),
    token_hash    varchar not null,
    invited_by    bigint not null references account (id),
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    accepted_at   timestamptz,
    accepted_by   bigint references account (id),
    revoked_at    timestamptz,
    constraint invitation_token_key unique (token_hash)
);

create index invitation_workspace_idx on invitation (workspace_id);

create table api_token (
    id            bigint generated always as identity primary key,
    account_id    bigint not null references account (id) on delete cascade,
    name          varchar not null,
    token_hash    varchar not null,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    constraint api_token_hash_key unique (token_hash)
);

create index api_token_account_idx on api_token (account_id);
