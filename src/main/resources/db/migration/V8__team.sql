-- Volunteer teams (志愿服务队伍) in a hierarchy: 总队 (CORPS) → 支队 (BRANCH) → 分队 (SQUAD).
-- A child is exactly one level below its parent, so depth grows strictly downwards and no cycle
-- can form. region_path copies region.path so a data-scope range needs no join.
create table team (
    id                bigserial primary key,
    name              varchar(100) not null,
    parent_id         bigint references team (id),
    level             varchar(8)   not null check (level in ('CORPS', 'BRANCH', 'SQUAD')),
    type              varchar(16)  not null check (type in ('PRACTICE', 'PROFESSIONAL', 'YOUTH', 'ENTERPRISE', 'COMMUNITY', 'OTHER')),
    region_code       varchar(12)  not null references region (code),
    region_path       text collate "C" not null,
    practice_site_id  bigint references practice_site (id),
    contact_name      varchar(50),
    contact_phone     varchar(20),                      -- the organisation's phone, published
    description       varchar(2000),
    status            varchar(12)  not null default 'ACTIVE' check (status in ('ACTIVE', 'DISSOLVED')),
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now(),
    updated_by        varchar(64)  not null,
    version           int          not null default 0,
    check (parent_id is null or parent_id <> id)
);
create index team_scope_idx on team (region_path, id);
create index team_parent_idx on team (parent_id);

-- Leaders (队长) are accounts; a leader of a team also leads every team below it.
create table team_leader (
    team_id     bigint      not null references team (id),
    user_id     bigint      not null references app_user (id),
    assigned_at timestamptz not null default now(),
    assigned_by varchar(64) not null,
    primary key (team_id, user_id)
);
create index team_leader_user_idx on team_leader (user_id);

-- Membership history: every application is a row and stays readable after it ends. A new
-- application after leaving, removal or a decline is a new row; at most one open row per team.
create table team_member (
    id            bigserial primary key,
    team_id       bigint       not null references team (id),
    volunteer_id  bigint       not null references volunteer (id),
    status        varchar(10)  not null check (status in ('APPLIED', 'MEMBER', 'DECLINED', 'REMOVED', 'LEFT')),
    applied_at    timestamptz  not null default now(),
    decided_at    timestamptz,                          -- approved or declined
    decided_by    varchar(64),
    reason        varchar(200),                         -- why declined or removed
    left_at       timestamptz,                          -- left or removed
    ended_by      varchar(64),
    check (status not in ('DECLINED', 'REMOVED') or reason is not null)
);
create unique index team_member_open_uq on team_member (team_id, volunteer_id) where status in ('APPLIED', 'MEMBER');
-- "volunteers of team X" (search by team) and "teams of volunteer Y"
create index team_member_team_status_idx on team_member (team_id, status, volunteer_id);
create index team_member_volunteer_idx on team_member (volunteer_id, status);
