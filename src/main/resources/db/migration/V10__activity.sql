-- Activities (活动), their shifts (班次), sign-ups (报名) and attendance (考勤).
-- region_path copies the place's region path so a data-scope range needs no join.

create table activity (
    id                 bigserial primary key,
    title              varchar(100)  not null,
    description        varchar(5000) not null default '',
    type               varchar(12)   not null check (type in ('SERVICE', 'LECTURE', 'MARKET', 'COURSE', 'CAMPAIGN')),
    -- 宣讲: where the lecture goes (六进) and which lecture team gives it
    lecture_setting    varchar(12)   check (lecture_setting in ('ENTERPRISE', 'VILLAGE', 'GOVERNMENT', 'CAMPUS', 'COMMUNITY', 'ONLINE')),
    lecture_team_id    bigint        references team (id),
    -- 主题活动: 我们的节日, 文明餐桌, 绿色出行, 文明家风, 全市行动日
    campaign_theme     varchar(16)   check (campaign_theme in ('FESTIVALS', 'TABLE_MANNERS', 'GREEN_TRAVEL', 'FAMILY_VIRTUES', 'ACTION_DAY')),
    course_subject     varchar(100),                     -- 课程: calligraphy, intangible heritage, ...
    organizer_team_id  bigint        references team (id),
    organizer_site_id  bigint        references practice_site (id),
    -- the place: a practice site, or an address (with coordinates when known)
    site_id            bigint        references practice_site (id),
    address            varchar(200),
    latitude           numeric(9, 6) check (latitude between -90 and 90),
    longitude          numeric(9, 6) check (longitude between -180 and 180),
    region_code        varchar(12)   not null references region (code),
    region_path        text collate "C" not null,
    geofence_radius_m  int           check (geofence_radius_m between 10 and 100000),  -- null: no geofence
    requires_approval  boolean       not null default false,   -- leaders approve each sign-up
    status             varchar(12)   not null default 'DRAFT'
                       check (status in ('DRAFT', 'PUBLISHED', 'UNDER_WAY', 'FINISHED', 'CANCELLED')),
    cancel_reason      varchar(200),
    audience_count     int           check (audience_count >= 0),  -- lectures: attendances (听众人次), entered at the end
    created_by         varchar(64)   not null,
    created_at         timestamptz   not null default now(),
    updated_at         timestamptz   not null default now(),
    published_at       timestamptz,
    finished_at        timestamptz,
    cancelled_at       timestamptz,
    version            int           not null default 0,
    check (num_nonnulls(organizer_team_id, organizer_site_id) = 1),
    check ((type = 'LECTURE') = (lecture_setting is not null)),
    check ((type = 'CAMPAIGN') = (campaign_theme is not null)),
    check (site_id is not null or address is not null or lecture_setting = 'ONLINE'),
    check ((latitude is null) = (longitude is null)),
    check (status <> 'CANCELLED' or cancel_reason is not null)
);
create index activity_scope_idx on activity (region_path, id);
create index activity_public_idx on activity (status, region_path);
create index activity_organizer_team_idx on activity (organizer_team_id);
create index activity_organizer_site_idx on activity (organizer_site_id);

create table shift (
    id                       bigserial primary key,
    activity_id              bigint       not null references activity (id),
    starts_at                timestamptz  not null,
    ends_at                  timestamptz  not null,
    capacity                 int          not null check (capacity between 1 and 100000),
    min_age                  int          check (min_age between 1 and 100),
    required_skills          text[]       not null default '{}',
    -- maintained with each sign-up; the check makes overbooking impossible whatever the code does
    confirmed_count          int          not null default 0,
    waitlist_count           int          not null default 0 check (waitlist_count >= 0),
    attendance_confirmed_at  timestamptz,                  -- the organizer confirmed who attended (hours go to the ledger)
    attendance_confirmed_by  varchar(64),
    version                  int          not null default 0,
    check (ends_at > starts_at),
    check (confirmed_count between 0 and capacity)
);
create index shift_activity_idx on shift (activity_id, starts_at);
create index shift_starts_idx on shift (starts_at);

-- PENDING waits for a leader's approval and holds no place; WAITLISTED is promoted in queued_at order.
create table signup (
    id            bigserial    primary key,
    shift_id      bigint       not null references shift (id),
    volunteer_id  bigint       not null references volunteer (id),
    status        varchar(12)  not null check (status in ('PENDING', 'CONFIRMED', 'WAITLISTED', 'DECLINED', 'CANCELLED')),
    signed_up_at  timestamptz  not null default now(),
    queued_at     timestamptz  not null default clock_timestamp(),  -- waitlist order (id breaks ties)
    decided_at    timestamptz,
    decided_by    varchar(64),
    reason        varchar(200),                          -- why declined or cancelled
    cancelled_at  timestamptz,
    check (status <> 'DECLINED' or reason is not null)
);
-- no double sign-up: one live sign-up per volunteer and shift
create unique index signup_live_idx on signup (shift_id, volunteer_id) where status in ('PENDING', 'CONFIRMED', 'WAITLISTED');
create index signup_volunteer_idx on signup (volunteer_id, status);
create index signup_waitlist_idx on signup (shift_id, queued_at, id) where status = 'WAITLISTED';

-- One row per volunteer and shift: when they arrived and left, and how it was recorded.
create table attendance (
    id                 bigserial    primary key,
    shift_id           bigint       not null references shift (id),
    volunteer_id       bigint       not null references volunteer (id),
    checked_in_at      timestamptz  not null,
    check_in_method    varchar(8)   not null check (check_in_method in ('QR', 'STAFF')),
    check_in_by        varchar(64)  not null,             -- the volunteer's username, or the staff member's
    check_in_reason    varchar(200),                      -- staff entry needs a reason
    checked_out_at     timestamptz,
    check_out_method   varchar(8)   check (check_out_method in ('QR', 'STAFF', 'AUTO')),
    check_out_by       varchar(64),
    check_out_reason   varchar(200),
    auto_checked_out   boolean      not null default false,  -- forgotten check-out, closed at the shift end; flagged for the leader
    counted            boolean,                            -- set when attendance is confirmed: met the minimum presence share
    unique (shift_id, volunteer_id),
    check (checked_out_at is null or checked_out_at >= checked_in_at),
    check (check_in_method <> 'STAFF' or check_in_reason is not null),
    check (check_out_method is distinct from 'STAFF' or check_out_reason is not null)
);
create index attendance_open_idx on attendance (shift_id) where checked_out_at is null;
create index attendance_volunteer_idx on attendance (volunteer_id);

-- Idempotency of check-in and check-out: the phone's key, once per volunteer, with the answer it got.
create table check_request (
    volunteer_id     bigint       not null references volunteer (id),
    idempotency_key  varchar(64)  not null,
    shift_id         bigint       not null references shift (id),
    action           varchar(4)   not null check (action in ('IN', 'OUT')),
    occurred_at      timestamptz  not null,                -- when it happened on the phone (offline queue)
    received_at      timestamptz  not null default now(),
    outcome          varchar(40)  not null,                -- the answer's message key, replayed on a retry
    primary key (volunteer_id, idempotency_key)
);

-- What volunteers are told in the app (an activity they signed up for was cancelled, a sign-up approved...).
create table activity_notice (
    id            bigserial    primary key,
    volunteer_id  bigint       not null references volunteer (id),
    activity_id   bigint       not null references activity (id),
    kind          varchar(24)  not null,
    detail        varchar(200),
    created_at    timestamptz  not null default now(),
    read_at       timestamptz
);
create index activity_notice_volunteer_idx on activity_notice (volunteer_id, created_at desc);
