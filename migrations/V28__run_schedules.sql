-- Issue 27: recurring runs. A workspace's calendar has a time zone (due dates are its days); a
-- schedule creates each run ahead of its due date and assigns it.
alter table workspace add column time_zone varchar not null default 'Europe/Paris';

create table run_schedule (
    id                bigint generated always as identity primary key,
    workspace_id      bigint not null references workspace (id) on delete cascade,
    procedure_id      bigint not null references procedure (id) on delete cascade,
    frequency         varchar not null check (frequency in ('daily', 'weekly', 'monthly', 'quarterly')),
    -- The weekday (1 Monday … 7 Sunday) or the day of the month; 0 when unused.
    day               integer not null default 0 check (day between 0 and 31),
    last_working_day  boolean not null default false,
    -- A quarterly schedule's quarters are counted from this month (its first day).
    anchor            date not null,
    assignee_id       bigint references account (id) on delete set null,
    -- How many days before its due date a run is created (and its assignee told).
    lead_days         integer not null default 2 check (lead_days between 0 and 31),
    next_due          date not null,
    created_by        bigint references account (id) on delete set null,
    created_at        timestamptz not null default now(),
    stopped_at        timestamptz
);

create index run_schedule_due_idx on run_schedule (next_due) where stopped_at is null;

alter table run add column schedule_id bigint references run_schedule (id) on delete set null;
alter table run add column assignee_id bigint references account (id) on delete set null;

-- One run per schedule and due date, whichever node creates it.
create unique index run_schedule_due_once on run (schedule_id, due_on) where schedule_id is not null;
create index run_assignee_idx on run (assignee_id) where finished_at is null;

-- When the run's being overdue was announced (webhook), so that each run is announced once.
alter table run add column overdue_told_at timestamptz;

-- The runs page reads a workspace's open runs by due date and its finished ones newest first.
create index run_open_idx on run (workspace_id, due_on) where finished_at is null;
create index run_finished_idx on run (workspace_id, finished_at desc) where finished_at is not null;
