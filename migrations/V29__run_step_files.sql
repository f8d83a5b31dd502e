-- Issue 27: evidence on a run's step (a screenshot of the bank statement, a receipt), stored like
-- any workspace file and kept as long as the run.
create table run_step_file (
    run_id    bigint not null,
    position  integer not null,
    file_id   bigint not null references stored_file (id) on delete cascade,
    added_by  bigint references account (id) on delete set null,
    added_at  timestamptz not null default now(),
    primary key (run_id, position, file_id),
    foreign key (run_id, position) references run_step (run_id, position) on delete cascade
);

create index run_step_file_file_idx on run_step_file (file_id);
