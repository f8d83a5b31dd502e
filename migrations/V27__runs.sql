-- Issue 27: checklist runs. A run is one time a procedure was worked through, frozen on the
-- procedure version it was started on: its steps are copied from that version's text, so that
-- later changes to the procedure never change what was done.
create table run (
    id                    bigint generated always as identity primary key,
    workspace_id          bigint not null references workspace (id) on delete cascade,
    procedure_id          bigint not null references procedure (id) on delete cascade,
    procedure_version_id  bigint not null references procedure_version (id) on delete cascade,
    title                 varchar not null,
    due_on                date,
    started_by            bigint references account (id) on delete set null,
    started_at            timestamptz not null default now(),
    finished_by           bigint references account (id) on delete set null,
    finished_at           timestamptz,
    outcome               varchar check (outcome in ('done', 'problems')),
    constraint run_finished check ((finished_at is null) = (outcome is null))
);

create index run_workspace_idx on run (workspace_id, started_at desc);
create index run_procedure_idx on run (procedure_id, started_at desc);

-- One row a step: two people ticking two steps at once update two rows, and neither tick is lost.
create table run_step (
    run_id      bigint not null references run (id) on delete cascade,
    position    integer not null check (position > 0),
    text        varchar not null,
    state       varchar not null default 'open'
                check (state in ('open', 'done', 'not_applicable', 'problem')),
    note        varchar,
    changed_by  bigint references account (id) on delete set null,
    changed_at  timestamptz,
    primary key (run_id, position)
);

-- Every tick, untick and note, in order: a run's record of who did what, when.
create table run_tick (
    id          bigint generated always as identity primary key,
    run_id      bigint not null references run (id) on delete cascade,
    position    integer not null,
    state       varchar not null,
    note        varchar,
    account_id  bigint references account (id) on delete set null,
    at          timestamptz not null default now()
);

create index run_tick_run_idx on run_tick (run_id, id);
