-- Issue 23: the inbox offers to confirm in bulk only what the reader has opened. A row says that
-- the account was shown this version's text (the manual page, where each procedure still to
-- confirm is displayed in full); it is written once and never changed.
create table procedure_opening (
    account_id            bigint not null references account (id) on delete cascade,
    procedure_version_id  bigint not null references procedure_version (id) on delete cascade,
    at                    timestamptz not null default now(),
    primary key (account_id, procedure_version_id)
);
