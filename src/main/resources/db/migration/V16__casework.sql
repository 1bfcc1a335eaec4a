-- Rectification casework (整改): problems found by inspectors and citizens, from report to verified fix.
--
-- Every case hangs off a region (region_path, collated "C", copied from region.path) so that a staff
-- member's scope is one range on the case's own index, like every other scoped table.

-- The configurable category tree. Leaves are what a case is filed under (and Open311's services);
-- a parent groups them (Open311's "group"). Each leaf carries its default deadline.
create table case_category (
    code             varchar(32)  primary key check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    parent_code      varchar(32)  references case_category (code),
    name_zh          varchar(60)  not null,
    name_en          varchar(80)  not null,
    description_zh   varchar(400) not null default '',
    description_en   varchar(400) not null default '',
    deadline_amount  integer      check (deadline_amount between 1 and 1000),
    deadline_unit    varchar(16)  check (deadline_unit in ('WORKING_DAYS', 'WORKING_HOURS')),
    sort_order       integer      not null default 0,
    active           boolean      not null default true,
    updated_at       timestamptz  not null default now(),
    updated_by       varchar(64)  not null default 'system',
    -- a leaf has a deadline, a group has none
    check ((deadline_amount is null) = (deadline_unit is null))
);

insert into case_category (code, parent_code, name_zh, name_en, description_zh, description_en, deadline_amount, deadline_unit, sort_order) values
  ('CITY_APPEARANCE',  null, '市容环境', 'City appearance', '', '', null, null, 10),
  ('INFRASTRUCTURE',   null, '基础设施', 'Infrastructure', '', '', null, null, 20),
  ('NEIGHBOURHOODS',   null, '老旧小区与背街小巷', 'Old compounds and back alleys', '', '', null, null, 30),
  ('CIVIC_ORDER',      null, '文明秩序', 'Civic order', '', '', null, null, 40),
  ('OVERHEAD_CABLES',  'INFRASTRUCTURE', '“三线”乱拉乱挂', 'Tangled overhead cables ("three lines")',
     '电力、通信、广电线路乱拉乱挂、垂落、缠绕', 'Power, telecom and cable-TV lines strung, hanging or tangled', 10, 'WORKING_DAYS', 10),
  ('BARRIER_FREE',     'INFRASTRUCTURE', '无障碍设施', 'Barrier-free facility',
     '盲道、坡道、无障碍车位缺失或被占用', 'Tactile paving, ramps or accessible parking missing or blocked', 10, 'WORKING_DAYS', 20),
  ('PUBLIC_TOILET',    'CITY_APPEARANCE', '公共厕所', 'Public toilet',
     '公厕脏乱、设施损坏、未开放', 'Public toilet dirty, broken or closed', 2, 'WORKING_DAYS', 10),
  ('BUILDING_FACADE',  'CITY_APPEARANCE', '建筑立面', 'Building facade',
     '外立面破损、违规广告、空调外机隐患', 'Damaged facade, illegal signs, unsafe air-conditioner units', 15, 'WORKING_DAYS', 20),
  ('SANITATION',       'CITY_APPEARANCE', '环境卫生', 'Environmental sanitation',
     '垃圾堆放、污水、卫生死角', 'Piled rubbish, sewage, neglected corners', 24, 'WORKING_HOURS', 30),
  ('OLD_COMPOUND',     'NEIGHBOURHOODS', '老旧小区', 'Old residential compound',
     '老旧小区设施破损、管线老化、环境脏乱', 'Old compound with broken facilities, ageing pipes, untidy grounds', 20, 'WORKING_DAYS', 10),
  ('BACK_ALLEY',       'NEIGHBOURHOODS', '背街小巷', 'Back alley',
     '背街小巷路面破损、照明缺失、杂物堆放', 'Back alley with broken paving, no lighting, clutter', 15, 'WORKING_DAYS', 20),
  ('TRAFFIC_ORDER',    'CIVIC_ORDER', '交通秩序', 'Traffic order',
     '乱停乱放、占道、闯红灯多发点', 'Illegal parking, blocked roads, red-light running hot spots', 8, 'WORKING_HOURS', 10),
  ('PUBLIC_BEHAVIOUR', 'CIVIC_ORDER', '公共文明行为', 'Public-order behaviour',
     '占道经营、随地吐痰、乱贴乱画', 'Street stalls in the way, spitting, fly-posting and graffiti', 3, 'WORKING_DAYS', 20);

-- Responsible units (责任单位): a bureau, a street office, a utility. Handlers are accounts with the
-- UNIT_HANDLER role linked here; a unit sits in a region (its queue is its own cases, not a scope).
create table responsible_unit (
    id           bigserial    primary key,
    name         varchar(100) not null unique,
    kind         varchar(16)  not null check (kind in ('BUREAU', 'STREET_OFFICE', 'TOWN', 'UTILITY', 'COMMUNITY', 'OTHER')),
    region_code  varchar(12)  not null references region (code),
    region_path  text collate "C" not null,
    active       boolean      not null default true,
    created_at   timestamptz  not null default now(),
    updated_by   varchar(64)  not null
);
create index responsible_unit_path_idx on responsible_unit (region_path);

create table responsible_unit_member (
    unit_id  bigint not null references responsible_unit (id),
    user_id  bigint not null references app_user (id),
    primary key (unit_id, user_id)
);
create index responsible_unit_member_user_idx on responsible_unit_member (user_id);

-- The working-day calendar's exceptions to "Monday to Friday": public holidays on weekdays
-- (HOLIDAY) and adjusted working weekend days (WORKDAY, 调休上班), set per year by staff.
create table work_calendar_day (
    day         date         primary key,
    kind        varchar(8)   not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name        varchar(40)  not null,
    updated_by  varchar(64)  not null default 'system'
);

-- 2025 and 2026 as the State Council's General Office announced them (weekday holidays and working weekend days only).
insert into work_calendar_day (day, kind, name) values
  ('2025-01-01', 'HOLIDAY', '元旦'),
  ('2025-01-28', 'HOLIDAY', '春节'), ('2025-01-29', 'HOLIDAY', '春节'), ('2025-01-30', 'HOLIDAY', '春节'),
  ('2025-01-31', 'HOLIDAY', '春节'), ('2025-02-03', 'HOLIDAY', '春节'), ('2025-02-04', 'HOLIDAY', '春节'),
  ('2025-01-26', 'WORKDAY', '春节调休'), ('2025-02-08', 'WORKDAY', '春节调休'),
  ('2025-04-04', 'HOLIDAY', '清明节'),
  ('2025-05-01', 'HOLIDAY', '劳动节'), ('2025-05-02', 'HOLIDAY', '劳动节'), ('2025-05-05', 'HOLIDAY', '劳动节'),
  ('2025-04-27', 'WORKDAY', '劳动节调休'),
  ('2025-06-02', 'HOLIDAY', '端午节'),
  ('2025-10-01', 'HOLIDAY', '国庆节、中秋节'), ('2025-10-02', 'HOLIDAY', '国庆节、中秋节'), ('2025-10-03', 'HOLIDAY', '国庆节、中秋节'),
  ('2025-10-06', 'HOLIDAY', '国庆节、中秋节'), ('2025-10-07', 'HOLIDAY', '国庆节、中秋节'), ('2025-10-08', 'HOLIDAY', '国庆节、中秋节'),
  ('2025-09-28', 'WORKDAY', '国庆节调休'), ('2025-10-11', 'WORKDAY', '国庆节调休');
insert into work_calendar_day (day, kind, name) values
  ('2026-01-01', 'HOLIDAY', '元旦'), ('2026-01-02', 'HOLIDAY', '元旦'), ('2026-01-04', 'WORKDAY', '元旦调休'),
  ('2026-02-16', 'HOLIDAY', '春节'), ('2026-02-17', 'HOLIDAY', '春节'), ('2026-02-18', 'HOLIDAY', '春节'),
  ('2026-02-19', 'HOLIDAY', '春节'), ('2026-02-20', 'HOLIDAY', '春节'), ('2026-02-23', 'HOLIDAY', '春节'),
  ('2026-02-14', 'WORKDAY', '春节调休'), ('2026-02-28', 'WORKDAY', '春节调休'),
  ('2026-04-06', 'HOLIDAY', '清明节'),
  ('2026-05-01', 'HOLIDAY', '劳动节'), ('2026-05-04', 'HOLIDAY', '劳动节'), ('2026-05-05', 'HOLIDAY', '劳动节'),
  ('2026-05-09', 'WORKDAY', '劳动节调休'),
  ('2026-06-19', 'HOLIDAY', '端午节'),
  ('2026-09-25', 'HOLIDAY', '中秋节'),
  ('2026-10-01', 'HOLIDAY', '国庆节'), ('2026-10-02', 'HOLIDAY', '国庆节'), ('2026-10-05', 'HOLIDAY', '国庆节'),
  ('2026-10-06', 'HOLIDAY', '国庆节'), ('2026-10-07', 'HOLIDAY', '国庆节'),
  ('2026-09-20', 'WORKDAY', '国庆节调休'), ('2026-10-10', 'WORKDAY', '国庆节调休');

-- Open311 API keys (POST requests needs one): only the key's hash is stored; the key is shown once.
create table open311_api_key (
    id          bigserial    primary key,
    name        varchar(100) not null,
    key_hash    bytea        not null unique,
    key_prefix  varchar(12)  not null,              -- shown in the list so staff can tell keys apart
    created_at  timestamptz  not null default now(),
    created_by  varchar(64)  not null,
    revoked_at  timestamptz,
    revoked_by  varchar(64)
);

-- A case. "case" is a reserved word, hence the name.
create table rectification_case (
    id                 bigserial    primary key,
    case_number        varchar(24)  not null unique,          -- shown to people and in Open311 as service_request_id's twin
    source             varchar(12)  not null check (source in ('PATROL', 'CITIZEN', 'HOTLINE', 'STAFF', 'OPEN311')),
    category_code      varchar(32)  not null references case_category (code),
    status             varchar(16)  not null check (status in ('REPORTED', 'REJECTED', 'REGISTERED', 'DISPATCHED',
                                        'IN_PROGRESS', 'FIX_SUBMITTED', 'CLOSED', 'SUSPENDED', 'MERGED')),
    description        varchar(2000) not null check (length(description) between 1 and 2000),
    address            varchar(200),
    latitude           numeric(9, 6) check (latitude between -90 and 90),
    longitude          numeric(9, 6) check (longitude between -180 and 180),
    region_code        varchar(12)  not null references region (code),
    region_path        text collate "C" not null,
    -- who reported: an account, or a citizen without one (name and contact optional; contact sealed)
    reporter_user_id   bigint       references app_user (id),
    reporter_name      varchar(60),
    reporter_contact_cipher bytea,
    reporter_contact_masked varchar(20),
    reporter_key_id    varchar(16),
    follow_token_hash  bytea        unique,                  -- the reporter's follow link; the token itself is never stored
    api_key_id         bigint       references open311_api_key (id),
    reported_at        timestamptz  not null,
    reported_by        varchar(64)  not null,                 -- username, or 'citizen' / 'open311:<key prefix>'
    registered_at      timestamptz,
    unit_id            bigint       references responsible_unit (id),
    dispatched_at      timestamptz,
    due_at             timestamptz,                           -- moves with an approved extension
    fix_submitted_at   timestamptz,
    closed_at          timestamptz,
    closed_on_time     boolean,                               -- set at closure: closed_at <= due_at
    rework_count       integer      not null default 0,
    escalation_level   smallint     not null default 0,       -- 督办 level reached while overdue (0 = none)
    status_before_suspension varchar(16),
    merged_into_id     bigint       references rectification_case (id),
    rating             smallint     check (rating between 1 and 5),
    rating_comment     varchar(500),
    rated_at           timestamptz,
    updated_at         timestamptz  not null default now(),
    version            integer      not null default 0,
    check ((latitude is null) = (longitude is null)),
    check (status <> 'MERGED' or merged_into_id is not null),
    check (status <> 'CLOSED' or closed_at is not null)
);
create index rectification_case_path_idx on rectification_case (region_path, reported_at);
create index rectification_case_status_due_idx on rectification_case (status, due_at);
create index rectification_case_category_idx on rectification_case (category_code, status);
create index rectification_case_unit_idx on rectification_case (unit_id, status);
create index rectification_case_reported_idx on rectification_case (reported_at, id);
create index rectification_case_position_idx on rectification_case (category_code, latitude, longitude)
    where latitude is not null and status not in ('CLOSED', 'REJECTED', 'MERGED');

-- The full history: every transition and every act on a case (who, when, what, why).
create table case_event (
    id           bigserial    primary key,
    case_id      bigint       not null references rectification_case (id),
    kind         varchar(24)  not null,
    from_status  varchar(16),
    to_status    varchar(16),
    actor        varchar(64)  not null,
    reason       varchar(1000),
    detail       jsonb,                                      -- e.g. the unit, the new due time, the merged case
    occurred_at  timestamptz  not null default now()
);
create index case_event_case_idx on case_event (case_id, id);

-- Requests that need an approver: an extension of the due time (延期) or a suspension (挂起).
create table case_approval (
    id               bigserial    primary key,
    case_id          bigint       not null references rectification_case (id),
    kind             varchar(12)  not null check (kind in ('EXTENSION', 'SUSPENSION')),
    requested_by     varchar(64)  not null,
    requested_at     timestamptz  not null default now(),
    reason           varchar(500) not null,
    requested_due_at timestamptz,                            -- EXTENSION: the due time asked for
    status           varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'DECLINED')),
    decided_by       varchar(64),
    decided_at       timestamptz,
    decision_reason  varchar(500),
    check (kind <> 'EXTENSION' or requested_due_at is not null)
);
create unique index case_approval_pending_uq on case_approval (case_id, kind) where status = 'PENDING';

-- Photos: stored outside any served folder under storage_key; only re-encoded images without
-- metadata are kept. BEFORE at report time, AFTER with a submitted fix.
create table case_photo (
    id            bigserial    primary key,
    case_id       bigint       not null references rectification_case (id),
    stage         varchar(8)   not null check (stage in ('BEFORE', 'AFTER')),
    storage_key   varchar(80)  not null unique,
    content_type  varchar(16)  not null check (content_type in ('image/jpeg', 'image/png')),
    width         integer      not null check (width > 0),
    height        integer      not null check (height > 0),
    byte_size     integer      not null check (byte_size > 0),
    sha256        bytea        not null,
    uploaded_at   timestamptz  not null default now(),
    uploaded_by   varchar(64)  not null
);
create index case_photo_case_idx on case_photo (case_id, id);

-- Case numbers: the city's code, the report date and a number that never repeats.
create sequence case_number_seq;
