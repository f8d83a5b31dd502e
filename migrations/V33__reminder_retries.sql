-- Reminder jobs that failed used to be retried at once, five times in a row within one poll: a
-- short outage of the mail server gave up on every job pending (the week's digest included),
-- and a mailbox the server refused failed the whole job, so the assistants before it got the
-- same mail five times and those after it none. A failed job now waits longer each time, and
-- each person a job has reached is noted, so that a retry mails only the others.
alter table reminder_job add column next_attempt_at timestamptz not null default now();

create table reminder_sent (
    job_id      bigint not null references reminder_job (id) on delete cascade,
    account_id  bigint not null references account (id) on delete cascade,
    primary key (job_id, account_id)
);
