-- Nodes keep what a bearer token grants (its account and its memberships) in memory. Any change
-- to what a token may grant tells every node to forget, once the change is committed
-- (TokenCache). Recording a token's last use is not such a change.
/* [jooq ignore start] */
create function notify_access_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('vademecum_access', tg_table_name);
    return null;
end;
$$;

create trigger api_token_access
    after update of token_hash, account_id, revoked_at or delete or truncate on api_token
    for each statement execute function notify_access_change();

create trigger account_access after update or delete or truncate on account
    for each statement execute function notify_access_change();

create trigger membership_access after insert or update or delete or truncate on membership
    for each statement execute function notify_access_change();

create trigger workspace_access after update or delete or truncate on workspace
    for each statement execute function notify_access_change();
/* [jooq ignore stop] */
