-- Issue 23: a link can share several manuals at once (a whole collection or a chosen set). The
-- link's own manual_id stays the first of them; when there are several, this lists them all in
-- the order the candidate reads them, each with the revision it is pinned to (null: whatever is
-- published when the link is opened).
create table share_link_manual (
    share_link_id       bigint not null references share_link (id) on delete cascade,
    manual_id           bigint not null references manual (id) on delete cascade,
    position            integer not null,
    pinned_revision_id  bigint references revision (id) on delete cascade,
    primary key (share_link_id, manual_id)
);
