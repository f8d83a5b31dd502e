-- Issue 25: what people looked for, for the owners' search insights. One row per search and
-- workspace searched, with no account: the text (folded to lower case, trimmed), how many of the
-- workspace's procedures it found, and the procedure opened from it, if any. Kept 90 days by
-- default (VADEMECUM_SEARCH_LOG_DAYS), then deleted by the hourly housekeeping.
create table search_log (
    id            bigint generated always as identity primary key,
    workspace_id  bigint not null references workspace (id) on delete cascade,
    query         varchar not null,
    hits          integer not null,
    -- "manual/procedure" of the hit opened from this search.
    opened        varchar,
    at            timestamptz not null default now()
);

create index search_log_workspace_idx on search_log (workspace_id, at);
create index search_log_at_idx on search_log (at);
