-- Webhooks: a workspace's owners register URLs that receive manual.published and
-- procedure.acknowledged events. Events are written to an outbox in the transaction of the change
-- itself, then delivered (signed, retried with backoff) by whichever node takes them first.

create table webhook (
    id            bigint generated always as identity primary key,
    workspace_id  bigint not null references workspace (id) on delete cascade,
    url           varchar not null,
    -- The HMAC key: it must be kept to sign, and is shown to the owner who needs it to verify.
    secret        varchar not null,
    created_by    bigint not null references account (id),
    created_at    timestamptz not null default now(),
    deleted_at    timestamptz
);

create index webhook_workspace_idx on webhook (workspace_id);

create table webhook_delivery (
    id               bigint generated always as identity primary key,
    webhook_id       bigint not null references webhook (id) on delete cascade,
    event            varchar not null,
    payload          varchar not null,
    status           varchar not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_status      integer,
    last_error       varchar,
    created_at       timestamptz not null default now(),
    delivered_at     timestamptz
);

create index webhook_delivery_due_idx on webhook_delivery (status, next_attempt_at);
create index webhook_delivery_webhook_idx on webhook_delivery (webhook_id, created_at);
