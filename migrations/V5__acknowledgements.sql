-- Vademecum schema, part 5: who has read and understood which version of each procedure.
-- Append-only: a row is inserted once; the database refuses to change or remove one.

create table acknowledgement (
    id                    bigint generated always as identity primary key,
    procedure_version_id  bigint not null references procedure_version (id),
    account_id            bigint not null references account (id),
    at                    timestamptz not null default now(),
    constraint acknowledgement_once unique (procedure_version_id, account_id)
);

create index acknowledgement_account_idx on acknowledgement (account_id);

/* [jooq ignore start] */
create trigger acknowledgement_immutable before update or delete on acknowledgement
    for each row execute function refuse_update();
/* [jooq ignore stop] */
