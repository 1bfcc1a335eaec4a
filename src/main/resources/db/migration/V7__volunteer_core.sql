-- Skills dictionary (技能字典): codes are stored in volunteer.skills; names are shown.
create table volunteer_skill (
    code      varchar(32)  primary key,
    name_zh   varchar(50)  not null,
    name_en   varchar(80)  not null,
    position  int          not null
);
insert into volunteer_skill (code, name_zh, name_en, position) values
    ('MEDICAL',     '医疗救护', 'First aid and medical care', 1),
    ('LEGAL',       '法律咨询', 'Legal advice', 2),
    ('COUNSELLING', '心理疏导', 'Counselling', 3),
    ('TUTORING',    '教育辅导', 'Tutoring', 4),
    ('PERFORMING',  '文艺表演', 'Performing arts', 5),
    ('PHOTO_VIDEO', '摄影摄像', 'Photography and video', 6),
    ('TRANSLATION', '翻译', 'Translation', 7),
    ('DRIVING',     '驾驶', 'Driving', 8),
    ('IT',          '信息技术', 'Information technology', 9),
    ('ENVIRONMENT', '环境保护', 'Environmental protection', 10),
    ('ELDER_CARE',  '助老助残', 'Care for the elderly and disabled', 11),
    ('EMERGENCY',   '应急救援', 'Emergency rescue', 12);

-- Search by skill within a scope.
create index volunteer_skills_idx on volunteer using gin (skills);
-- Lists sorted by name or registration date inside a scope walk these instead of sorting the scope.
create index volunteer_name_order_idx on volunteer (real_name, id);
create index volunteer_created_idx on volunteer (created_at desc, id);

-- What happened to a volunteer record (registered, changed, withdrawn): nothing is erased, and no
-- personal numbers are kept here (only which fields changed).
create table volunteer_history (
    id            bigserial    primary key,
    volunteer_id  bigint       not null references volunteer (id),
    occurred_at   timestamptz  not null default now(),
    action        varchar(16)  not null check (action in ('REGISTERED', 'UPDATED', 'WITHDRAWN')),
    actor         varchar(64)  not null,
    detail        varchar(200)
);
create index volunteer_history_idx on volunteer_history (volunteer_id, id);

-- Every attempt to see a personal number in full (个人信息查阅记录): who, whom, which field, why,
-- when, from where, and whether it was granted. volunteer_region_path lets staff browse the
-- records about volunteers in their scope. Kept at least 6 months (PRODUCT.md).
create table personal_data_access (
    id                     bigserial    primary key,
    occurred_at            timestamptz  not null default now(),
    actor_user_id          bigint       not null,
    actor_username         varchar(64)  not null,
    volunteer_id           bigint       not null references volunteer (id),
    volunteer_region_path  text collate "C" not null,
    field                  varchar(16)  not null check (field in ('ID_NUMBER', 'PHONE')),
    reason                 varchar(200),
    ip                     varchar(64),
    outcome                varchar(16)  not null check (outcome in ('GRANTED', 'REFUSED'))
);
create index personal_data_access_scope_idx on personal_data_access (volunteer_region_path, occurred_at desc);
create index personal_data_access_time_idx on personal_data_access (occurred_at desc, id);
