-- Issue 20: an address is confirmed by its owner (a link sent to it) or by an administrator
-- before another workspace's invitation can bind it. Accounts made before this existed were
-- created by administrators or through invitations their owners sent on purpose: they count as
-- confirmed, as do accounts made by an administrator, the CLI or the demo.
-- false for an account made from an invitation until its address is confirmed.
alter table account add column email_verified boolean not null default true;

-- A link sent to confirm an address; single use, stored as the SHA-256 of its secret.
create table email_verification (
    token_hash   varchar primary key,
    account_id   bigint not null references account (id) on delete cascade,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    used_at      timestamptz
);

create index email_verification_account_idx on email_verification (account_id);
