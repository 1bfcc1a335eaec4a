-- The security audit (安全审计): logins, lockouts, denials, scope violations and changes to
-- accounts. Kept at least 180 days (wenming.security.audit.retention). Never holds a password or a
-- hash. actor_region_path is the actor's region path when the event happened, collated "C" so a
-- staff member browses the events of actors inside their subtree with one index range.
create table security_event (
    id                bigserial primary key,
    occurred_at       timestamptz  not null,
    type              varchar(32)  not null,
    actor_user_id     bigint,
    actor_username    varchar(64)  not null,
    actor_region_path text collate "C",
    target_user_id    bigint,
    target_username   varchar(64),
    ip                varchar(64),
    outcome           varchar(32)  not null,
    detail            varchar(500)
);
create index security_event_scope_idx on security_event (actor_region_path, occurred_at desc);
create index security_event_time_idx on security_event (occurred_at);
create index security_event_type_idx on security_event (type, occurred_at desc);

-- Lockout counts a username's recent failed logins; this index answers that count.
create index security_event_login_failure_idx on security_event (actor_username, occurred_at)
    where type = 'LOGIN_FAILURE';

-- Staff list users by region subtree: the region's path range, then its users.
create index user_role_role_idx on user_role (role);
