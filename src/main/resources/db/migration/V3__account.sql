-- Accounts: every account is bound to a region; staff see only that region's subtree.
create table app_user (
    id                  bigserial primary key,
    username            varchar(64)  not null unique,
    display_name        varchar(100) not null,
    password_hash       varchar(200) not null,
    region_code         varchar(12)  not null references region (code),
    enabled             boolean      not null default true,
    password_changed_at timestamptz  not null default now(),
    created_at          timestamptz  not null default now()
);
create index app_user_region_idx on app_user (region_code);

create table user_role (
    user_id bigint      not null references app_user (id) on delete cascade,
    role    varchar(32) not null,
    primary key (user_id, role)
);
