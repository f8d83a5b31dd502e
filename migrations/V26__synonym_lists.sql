-- Issue 25: each workspace's own synonyms, over Vademecum's built-in list. The text as its owners
-- and editors wrote it (one group per line, see search.Synonyms); only queries read it, so a change
-- takes effect at the next search, with no reindex of anything.
create table synonym_list (
    workspace_id  bigint primary key references workspace (id) on delete cascade,
    text          text not null,
    updated_at    timestamptz not null default now(),
    updated_by    bigint references account (id) on delete set null
);
