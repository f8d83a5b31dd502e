-- Issue 23: recovering a forgotten password. A reset link is single use, valid one hour, and
-- stored as the SHA-256 of its secret. It is sent by e-mail on request, or made by an
-- administrator (any account) or an owner (their workspace's members) to hand over themselves.
create table password_reset (
    token_hash   varchar primary key,
    account_id   bigint not null references account (id) on delete cascade,
    -- Null when the person asked for it by e-mail; otherwise who made the link.
    created_by   bigint references account (id) on delete set null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    used_at      timestamptz
);

create index password_reset_account_idx on password_reset (account_id, created_at);

-- Requests of the "forgot your password" form by client address, known address or not, so that
-- one client cannot send mail without end; rows older than a day are removed as they are read.
create table password_reset_request (
    id          bigint generated always as identity primary key,
    client      varchar not null,
    at          timestamptz not null default now()
);

create index password_reset_request_client_idx on password_reset_request (client, at);
