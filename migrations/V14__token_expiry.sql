-- API tokens expire (issue 20): 90 days unless their owner chose otherwise. Tokens made before
-- this version get 90 days from now rather than from their creation, so none stops without
-- warning on the day of the upgrade.
alter table api_token add column expires_at timestamptz;
/* [jooq ignore start] */
update api_token set expires_at = now() + interval '90 days' where expires_at is null;
alter table api_token alter column expires_at set not null;
/* [jooq ignore stop] */
