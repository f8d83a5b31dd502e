-- Revisions and procedure versions are snapshots: the database itself refuses to change them.
-- (Deleting a whole manual still removes them through the cascade.)
/* [jooq ignore start] */
create function refuse_update() returns trigger language plpgsql as $$
begin
    raise exception '% rows are immutable', tg_table_name using errcode = 'restrict_violation';
end;
$$;

create trigger revision_immutable before update on revision
    for each row execute function refuse_update();

create trigger procedure_version_immutable before update on procedure_version
    for each row execute function refuse_update();
/* [jooq ignore stop] */
