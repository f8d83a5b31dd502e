-- Vademecum schema, part 4: the change feed that keeps each node's Lucene index in step.
--
-- Every publish (and any other change to what is searchable) appends a row in its own
-- transaction, stamped with that transaction's id. An indexer consumes rows whose
-- transaction is older than the oldest one still running (pg_snapshot_xmin), and keeps that
-- xmin as its watermark in the index's commit data: a transaction that took its row id early
-- but commits late is never skipped, because ids are not commit order but xmin is safe.

create table search_change (
    id         bigint generated always as identity primary key,
    manual_id  bigint not null,
    txid       bigint not null,
    at         timestamptz not null default now()
);

create index search_change_txid_idx on search_change (txid);

-- A full rebuild asked for by `reindex`; each node remembers the last one it carried out.
create table reindex_request (
    id            bigint generated always as identity primary key,
    requested_at  timestamptz not null default now()
);

/* [jooq ignore start] */
alter table search_change alter column txid set default (pg_current_xact_id()::text::bigint);

-- Manuals published before this migration are searchable from the first start on.
insert into search_change (manual_id) select id from manual where published_revision_id is not null;
/* [jooq ignore stop] */
