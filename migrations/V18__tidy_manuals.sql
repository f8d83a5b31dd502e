-- Issue 23: keeping manuals tidy. Collections group a workspace's manuals in an order the editors
-- choose; a manual belongs to at most one. An archived manual is hidden from readers and search
-- and keeps its history and acknowledgements; a deleted one is gone from every page, restorable by
-- an administrator for 30 days, then purged with everything it had.
create table collection (
    id            bigint generated always as identity primary key,
    workspace_id  bigint not null references workspace (id) on delete cascade,
    name          varchar not null,
    position      integer not null default 0,
    created_at    timestamptz not null default now(),
    constraint collection_name_key unique (workspace_id, name)
);

alter table manual add column collection_id bigint references collection (id) on delete set null;
alter table manual add column position integer not null default 0;
alter table manual add column archived_at timestamptz;
alter table manual add column deleted_at timestamptz;
alter table manual add column deleted_by bigint references account (id) on delete set null;

create index manual_deleted_idx on manual (deleted_at) where deleted_at is not null;

/* [jooq ignore start] */
-- Acknowledgements stay append-only for everything but the purge of a deleted manual: a delete
-- that comes from the cascade of that purge (a trigger inside a trigger) goes through, a direct
-- one is refused as before.
create function refuse_direct_delete() returns trigger language plpgsql as $$
begin
    if pg_trigger_depth() <= 1 then
        raise exception '% rows are immutable', tg_table_name using errcode = 'restrict_violation';
    end if;
    return old;
end;
$$;

drop trigger acknowledgement_immutable on acknowledgement;
create trigger acknowledgement_immutable before update on acknowledgement
    for each row execute function refuse_update();
create trigger acknowledgement_kept before delete on acknowledgement
    for each row execute function refuse_direct_delete();

alter table acknowledgement drop constraint acknowledgement_procedure_version_id_fkey;
alter table acknowledgement add constraint acknowledgement_procedure_version_fk
    foreign key (procedure_version_id) references procedure_version (id) on delete cascade;
/* [jooq ignore stop] */
