-- Weekly digests: one job per workspace and ISO week. The unique index makes queuing it
-- idempotent, so several nodes queuing the same week's digest create one job.

alter table reminder_job add column period varchar;

create unique index reminder_job_period_key on reminder_job (workspace_id, kind, period) where period is not null;
