-- The service desk (issue 17): 群众点单、中心派单、志愿者接单、群众评单. The design is
-- docs/notes/servicedesk.md; this is its schema, laid down before the parts are built on it.

-- Categories of service with their stage limits in working time (the city's calendar, casework's
-- `calendar` interface). Names are in the message bundles (servicedesk.category.CODE).
create table service_category (
    code                 varchar(32)  primary key,
    position             int          not null,
    accept_within        int          not null check (accept_within > 0),
    accept_unit          varchar(16)  not null check (accept_unit in ('WORKING_HOURS', 'WORKING_DAYS')),
    serve_within         int          not null check (serve_within > 0),
    serve_unit           varchar(16)  not null check (serve_unit in ('WORKING_HOURS', 'WORKING_DAYS')),
    active               boolean      not null default true,
    updated_by           varchar(64)  not null,
    updated_at           timestamptz  not null default now()
);
insert into service_category (code, position, accept_within, accept_unit, serve_within, serve_unit, updated_by) values
    ('HOME_VISIT',    1, 1, 'WORKING_DAYS', 5,  'WORKING_DAYS', 'V46'),  -- 上门探访
    ('DAILY_CARE',    2, 1, 'WORKING_DAYS', 3,  'WORKING_DAYS', 'V46'),  -- 生活照料
    ('SMALL_REPAIR',  3, 1, 'WORKING_DAYS', 5,  'WORKING_DAYS', 'V46'),  -- 家电维修、小修小补
    ('LEGAL_ADVICE',  4, 1, 'WORKING_DAYS', 5,  'WORKING_DAYS', 'V46'),  -- 法律咨询
    ('HEALTH',        5, 1, 'WORKING_DAYS', 10, 'WORKING_DAYS', 'V46'),  -- 健康义诊
    ('LECTURE',       6, 2, 'WORKING_DAYS', 15, 'WORKING_DAYS', 'V46'),  -- 理论宣讲
    ('CULTURE',       7, 2, 'WORKING_DAYS', 15, 'WORKING_DAYS', 'V46'),  -- 文体活动
    ('MARKET_DAY',    8, 2, 'WORKING_DAYS', 10, 'WORKING_DAYS', 'V46'),  -- 圩日服务
    ('STUDY_AID',     9, 1, 'WORKING_DAYS', 10, 'WORKING_DAYS', 'V46'),  -- 助学助困
    ('ENVIRONMENT',  10, 1, 'WORKING_DAYS', 10, 'WORKING_DAYS', 'V46'),  -- 环境整治
    ('WISH',         11, 1, 'WORKING_DAYS', 10, 'WORKING_DAYS', 'V46');  -- 微心愿 (anything not on a menu)

-- 服务菜单: what a practice site offers. A centre's or institute's item reaches every village of its
-- region (`region_path` is the site's region's path: its subtree may order it).
create table service_menu_item (
    id             bigserial     primary key,
    site_id        bigint        not null references practice_site (id),
    region_path    text collate "C" not null,
    name           varchar(100)  not null,
    category       varchar(32)   not null references service_category (code),
    description    varchar(2000) not null default '',
    eligibility    varchar(500),                       -- who may order, as the site words it
    lead_days      int           check (lead_days between 0 and 365),
    team_id        bigint        references team (id), -- the team that usually serves
    at_home        boolean       not null default false,
    status         varchar(12)   not null default 'ACTIVE' check (status in ('ACTIVE', 'RETIRED')),
    created_by     varchar(64)   not null,
    created_at     timestamptz   not null default now(),
    updated_by     varchar(64)   not null,
    updated_at     timestamptz   not null default now(),
    version        int           not null default 0
);
create index service_menu_item_region_idx on service_menu_item (region_path) where status = 'ACTIVE';
create index service_menu_item_site_idx on service_menu_item (site_id);

-- 点单: a resident's order. The contact's mobile and the home address are sealed with the personal-data
-- keys (volunteer module's ContactSeal, bound to the column), shown masked, revealed with a reason.
create table service_order (
    id                  bigserial     primary key,
    order_number        varchar(24)   not null unique,
    menu_item_id        bigint        references service_menu_item (id),   -- null: a wish (心愿)
    category            varchar(32)   not null references service_category (code),
    what                varchar(1000) not null,
    region_code         varchar(12)   not null references region (code),  -- the village or community
    region_path         text collate "C" not null,
    address_cipher      bytea,
    address_key_id      varchar(16),
    latitude            numeric(9, 6) check (latitude between -90 and 90),
    longitude           numeric(9, 6) check (longitude between -180 and 180),
    preferred_from      date,
    preferred_to        date,
    contact_name        varchar(50)   not null,
    contact_cipher      bytea         not null,
    contact_masked      varchar(20)   not null,
    contact_key_id      varchar(16)   not null,
    notes               varchar(1000),
    channel             varchar(12)   not null check (channel in ('WEB', 'PHONE', 'WALK_IN', 'API')),
    ordered_by          varchar(64),                     -- staff who took it on someone's behalf
    account_user_id     bigint,                          -- the resident's own account, when signed in
    follow_token_hash   bytea         not null unique,   -- the private link; the token is never stored
    status              varchar(16)   not null check (status in ('RECEIVED', 'ACCEPTED', 'PASSED_UP', 'DISPATCHED',
                            'HANDED_BACK', 'SERVED', 'RATED', 'UNRATED', 'DECLINED', 'CANCELLED')),
    site_id             bigint        not null references practice_site (id),  -- the site that holds it now
    escalation_level    int           not null default 0,
    team_id             bigint        references team (id),
    needed              int           check (needed between 1 and 200),
    shift_id            bigint,                          -- the activity module's shift, once dispatched
    received_at         timestamptz   not null,
    accepted_at         timestamptz,
    dispatched_at       timestamptz,
    served_at           timestamptz,
    closed_at           timestamptz,                     -- rated, unrated, declined or cancelled
    accept_due          timestamptz,
    serve_due           timestamptz,
    version             int           not null default 0,
    check (preferred_to is null or preferred_from is null or preferred_to >= preferred_from)
);
create index service_order_queue_idx on service_order (site_id, status, received_at);
create index service_order_region_idx on service_order (region_path, received_at);
create index service_order_team_idx on service_order (team_id, status) where team_id is not null;
create index service_order_accept_due_idx on service_order (accept_due) where status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK');
create index service_order_serve_due_idx on service_order (serve_due) where status in ('ACCEPTED', 'DISPATCHED');

-- Every step of an order: the resident's page and the staff's history read it, the statistics' stage
-- times come from it. `public_reason`: the reason is shown to the resident (a decline, a hand-back).
create table service_order_event (
    id             bigserial     primary key,
    order_id       bigint        not null references service_order (id),
    at             timestamptz   not null,
    kind           varchar(16)   not null check (kind in ('RECEIVED', 'ACCEPTED', 'DECLINED', 'PASSED_UP', 'DISPATCHED',
                       'HANDED_BACK', 'ESCALATED', 'SERVED', 'RATED', 'UNRATED', 'CANCELLED', 'REVEALED', 'NOTE')),
    from_status    varchar(16),
    to_status      varchar(16),
    actor          varchar(64)   not null,
    site_id        bigint,
    team_id        bigint,
    reason         varchar(500),
    public_reason  boolean       not null default false
);
create index service_order_event_order_idx on service_order_event (order_id, at);

-- Photos: the resident's (BEFORE) and the team's at completion (AFTER), by the casework photo rules.
create table service_order_photo (
    id             bigserial     primary key,
    order_id       bigint        not null references service_order (id),
    stage          varchar(8)    not null check (stage in ('BEFORE', 'AFTER')),
    object_key     varchar(200)  not null,
    content_type   varchar(32)   not null,
    width          int           not null,
    height         int           not null,
    bytes          int           not null,
    uploaded_by    varchar(64)   not null,
    uploaded_at    timestamptz   not null
);
create index service_order_photo_order_idx on service_order_photo (order_id);

-- 评单: one rating per order (the key refuses a second), and the site's follow-up of a poor one.
create table service_rating (
    order_id       bigint        primary key references service_order (id),
    stars          smallint      not null check (stars between 1 and 5),
    comment        varchar(500),
    rated_at       timestamptz   not null
);
create table service_followup (
    order_id       bigint        primary key references service_order (id),
    site_id        bigint        not null references practice_site (id),
    created_at     timestamptz   not null,
    resolved_by    varchar(64),
    resolved_at    timestamptz,
    note           varchar(1000)
);

-- One-time codes for ordering without an account: 6 digits, 5 minutes, 5 tries. Neither the mobile
-- nor the code is stored: the mobile as an HMAC with the personal-data hash key, the code as a hash.
-- The rows also count the requests per mobile and per client (address or session) for the rate limits,
-- across nodes.
create table service_code (
    id             bigserial     primary key,
    mobile_hash    bytea         not null,
    client_hash    bytea         not null,
    code_hash      bytea         not null,
    created_at     timestamptz   not null,
    expires_at     timestamptz   not null,
    tries          int           not null default 0,
    used_at        timestamptz
);
create index service_code_mobile_idx on service_code (mobile_hash, created_at);
create index service_code_client_idx on service_code (client_hash, created_at);
