-- Vademecum schema, part 6: e-mail reminders, queued in PostgreSQL.
-- A publish (major) queues one job in its own transaction; a worker on any node takes it
-- with "for update skip locked", sends, and marks it done in the same transaction, so a job
-- is sent by one node, and a job whose sending failed is retried.

create table reminder_job (
    id            bigint generated always as identity primary key,
    workspace_id  bigint not null references workspace (id) on delete cascade,
    kind          varchar not null check (kind in ('publish', 'digest')),
    created_at    timestamptz not null default now(),
    attempts      integer not null default 0,
    done_at       timestamptz
);

create index reminder_job_pending_idx on reminder_job (created_at) where done_at is null;
