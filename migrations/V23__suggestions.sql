-- Issue 24: a reader proposes a change to a procedure or a whole manual, from the published text.
-- The suggestion keeps the whole manual text as proposed and the revision it was made from, so
-- that it can be rebased on whatever the manual has become by the time it is decided.
create table suggestion (
    id                bigint generated always as identity primary key,
    workspace_id      bigint not null references workspace (id) on delete cascade,
    manual_id         bigint not null references manual (id) on delete cascade,
    -- The procedure edited; null when the whole manual was.
    procedure_key     varchar,
    base_revision_id  bigint not null references revision (id) on delete cascade,
    author_id         bigint references account (id) on delete set null,
    markdown          text not null,
    note              varchar not null default '',
    -- The answered question whose answer opened it ("add to the procedure").
    question_id       bigint references question (id) on delete set null,
    -- The declined suggestion this one submits again.
    resubmits_id      bigint references suggestion (id) on delete set null,
    status            varchar not null default 'open' check (status in ('open', 'accepted', 'declined')),
    decided_by        bigint references account (id) on delete set null,
    decided_at        timestamptz,
    decision_note     varchar not null default '',
    -- The revision an accepted suggestion became.
    revision_id       bigint references revision (id) on delete set null,
    created_at        timestamptz not null default now()
);

create index suggestion_manual_idx on suggestion (manual_id, status);
create index suggestion_author_idx on suggestion (author_id, created_at);
