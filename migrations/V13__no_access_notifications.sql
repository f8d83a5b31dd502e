-- API token checks are read from PostgreSQL on every request again (issue 19): the triggers that
-- told nodes to forget their cached checks have no listener left.
/* [jooq ignore start] */
drop trigger if exists api_token_access on api_token;
drop trigger if exists account_access on account;
drop trigger if exists membership_access on membership;
drop trigger if exists workspace_access on workspace;
drop function if exists notify_access_change();
/* [jooq ignore stop] */
