-- Issue 24: somebody answers for each manual being right, and it says when it was last checked.
-- The owner is a member who is owner or editor; the review interval is in months (null: no review
-- date). A review is "still accurate" (no new revision) or the publish of a major change.
alter table manual add column owner_id bigint references account (id) on delete set null;
alter table manual add column review_months integer default 6;
alter table manual add column reviewed_at timestamptz;
-- The due date the owner was last told about, so that each due date is announced once.
alter table manual add column review_due_told timestamptz;

create table manual_review (
    id          bigint generated always as identity primary key,
    manual_id   bigint not null references manual (id) on delete cascade,
    account_id  bigint references account (id) on delete set null,
    kind        varchar not null check (kind in ('still_accurate', 'major_publish')),
    note        varchar not null default '',
    at          timestamptz not null default now()
);

create index manual_review_manual_idx on manual_review (manual_id, at);

-- "Looks out of date": a reader's flag on a procedure, until an owner or editor resolves it.
create table outdated_flag (
    id            bigint generated always as identity primary key,
    manual_id     bigint not null references manual (id) on delete cascade,
    procedure_id  bigint not null references procedure (id) on delete cascade,
    flagged_by    bigint references account (id) on delete set null,
    note          varchar not null default '',
    created_at    timestamptz not null default now(),
    resolved_at   timestamptz,
    resolved_by   bigint references account (id) on delete set null
);

create index outdated_flag_manual_idx on outdated_flag (manual_id) where resolved_at is null;

/* [jooq ignore start] */
-- Existing manuals: owned by whoever wrote their first revision, if still an owner or editor of
-- the workspace; the last publish stands as the last review.
update manual m
   set owner_id = r.author_id
  from revision r
  join membership ms on ms.account_id = r.author_id
 where r.manual_id = m.id and r.number = 1
   and ms.workspace_id = m.workspace_id and ms.role in ('owner', 'editor');

update manual m
   set reviewed_at = (select max(p.published_at) from publication p where p.manual_id = m.id and not p.minor);
/* [jooq ignore stop] */
