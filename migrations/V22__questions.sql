-- Issue 24: assistants ask where the question arises. A question is on one procedure (the version
-- the asker was reading), may quote the step it is about, and is a thread of messages: the first
-- is the question, those of owners and editors are answers, the asker may follow up. It is seen by
-- its asker and by owners and editors, and by every reader once made public (the procedure's FAQ).
create table question (
    id                    bigint generated always as identity primary key,
    workspace_id          bigint not null references workspace (id) on delete cascade,
    manual_id             bigint not null references manual (id) on delete cascade,
    procedure_id          bigint not null references procedure (id) on delete cascade,
    procedure_version_id  bigint references procedure_version (id) on delete set null,
    asked_by              bigint references account (id) on delete set null,
    quote                 varchar not null default '',
    status                varchar not null default 'open' check (status in ('open', 'answered', 'closed')),
    -- Set when an answered question is made public: it then shows under the procedure and is found
    -- by search.
    public_at             timestamptz,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    -- When the asker last saw it: an answer written after that is news for them.
    asker_seen_at         timestamptz not null default now()
);

create index question_manual_idx on question (manual_id, status);
create index question_asker_idx on question (asked_by, updated_at);

create table question_message (
    id           bigint generated always as identity primary key,
    question_id  bigint not null references question (id) on delete cascade,
    author_id    bigint references account (id) on delete set null,
    body         text not null,
    -- Written by an owner or editor; the question itself and the asker's follow-ups are not.
    answer       boolean not null,
    created_at   timestamptz not null default now()
);

create index question_message_question_idx on question_message (question_id, id);

-- The screenshots a message shows stay as long as the message (see stored_file's clean-up).
create table question_file (
    message_id  bigint not null references question_message (id) on delete cascade,
    file_id     bigint not null references stored_file (id),
    primary key (message_id, file_id)
);

create index question_file_file_idx on question_file (file_id);
