-- Field assessment (实地测评, issue 16): criteria frameworks, the registry of places, monthly rounds with
-- a seeded random sample, inspection teams assigned across counties, observations from phones, scores,
-- and the hand-over of failed criteria to casework. Owned by the assessment module.

-- A framework (测评体系) is versioned: staff edit a DRAFT and publish it; a PUBLISHED version never changes
-- (a trigger refuses it) and rounds keep the version they used. A new version starts as a copy.
create table assessment_framework (
    id            bigserial primary key,
    name          varchar(100) not null,
    version       int          not null check (version >= 1),
    status        varchar(12)  not null check (status in ('DRAFT', 'PUBLISHED', 'RETIRED')),
    description   varchar(2000),
    based_on_id   bigint references assessment_framework (id),
    created_by    varchar(100) not null,
    created_at    timestamptz  not null,
    published_by  varchar(100),
    published_at  timestamptz,
    unique (name, version)
);

-- 测评项目: the headings criteria are grouped under (e.g. 公共环境卫生, 公共秩序, 志愿服务).
create table assessment_item (
    id            bigserial primary key,
    framework_id  bigint       not null references assessment_framework (id) on delete cascade,
    code          varchar(20)  not null,
    name          varchar(100) not null,
    position      int          not null,
    unique (framework_id, code)
);

-- 测评标准: one check at one type of place. Rules: PASS_FAIL (full marks or none); DEDUCTION (each
-- shortfall found deducts `deduction`, down to zero); COUNT_TARGET (at least `target` of something; each
-- one missing deducts `deduction`, down to zero). A failed criterion becomes a case of `case_category`.
create table assessment_criterion (
    id             bigserial primary key,
    framework_id   bigint        not null references assessment_framework (id) on delete cascade,
    item_id        bigint        not null references assessment_item (id) on delete cascade,
    place_type     varchar(32)   not null,
    code           varchar(24)   not null,
    text           varchar(500)  not null,
    full_marks     numeric(6, 2) not null check (full_marks > 0),
    rule           varchar(12)   not null check (rule in ('PASS_FAIL', 'DEDUCTION', 'COUNT_TARGET')),
    deduction      numeric(6, 2) check (deduction > 0),
    target         int           check (target > 0),
    case_category  varchar(40),
    position       int           not null,
    unique (framework_id, code),
    check ((rule = 'PASS_FAIL' and deduction is null and target is null)
        or (rule = 'DEDUCTION' and deduction is not null and target is null)
        or (rule = 'COUNT_TARGET' and deduction is not null and target is not null))
);
create index assessment_criterion_type_idx on assessment_criterion (framework_id, place_type, position);

-- A published framework's items and criteria never change, nor is it deleted; its own row may only move to RETIRED.
create function assessment_framework_frozen() returns trigger language plpgsql as $$
declare
    fw bigint;
begin
    if tg_table_name = 'assessment_framework' then
        if tg_op = 'DELETE' then
            if old.status <> 'DRAFT' then
                raise exception 'framework % is published and cannot be deleted', old.id using errcode = 'WM001';
            end if;
            return old;
        end if;
        if old.status = 'PUBLISHED' and (new.status not in ('PUBLISHED', 'RETIRED') or new.name <> old.name
                or new.version <> old.version or new.description is distinct from old.description) then
            raise exception 'framework % is published and cannot change', old.id using errcode = 'WM001';
        end if;
        if old.status = 'RETIRED' and new.status <> 'RETIRED' then
            raise exception 'framework % is retired', old.id using errcode = 'WM001';
        end if;
        return new;
    end if;
    fw := case when tg_op = 'DELETE' then old.framework_id else new.framework_id end;
    if exists (select 1 from assessment_framework where id = fw and status <> 'DRAFT')
        or (tg_op = 'UPDATE' and exists (select 1 from assessment_framework where id = old.framework_id and status <> 'DRAFT')) then
        raise exception 'framework % is published and cannot change', fw using errcode = 'WM001';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger assessment_framework_frozen before update or delete on assessment_framework
    for each row execute function assessment_framework_frozen();
create trigger assessment_item_frozen before insert or update or delete on assessment_item
    for each row execute function assessment_framework_frozen();
create trigger assessment_criterion_frozen before insert or update or delete on assessment_criterion
    for each row execute function assessment_framework_frozen();

-- 测评点位: a real place in a village or community.
create table assessment_place (
    id           bigserial primary key,
    place_type   varchar(32)   not null,
    name         varchar(100)  not null,
    address      varchar(200),
    region_code  varchar(12)   not null,
    region_path  text collate "C" not null,
    latitude     numeric(9, 6) check (latitude between -90 and 90),
    longitude    numeric(9, 6) check (longitude between -180 and 180),
    active       boolean       not null default true,
    created_by   varchar(100)  not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    unique (region_code, place_type, name)
);
create index assessment_place_path_idx on assessment_place (region_path, place_type);

-- 测评轮次: a city's round. DRAFT -> DRAWN (sample drawn, hidden from the counties) -> OPEN (inspectors
-- observe) -> CLOSED (scores final, failed criteria handed over). `seed` and `sample_digest` let anyone
-- redraw the sample from the same candidates and check it was not hand-picked.
create table assessment_round (
    id              bigserial primary key,
    name            varchar(100)  not null,
    region_code     varchar(12)   not null,
    region_path     text collate "C" not null,
    framework_id    bigint        not null references assessment_framework (id),
    starts_on       date          not null,
    ends_on         date          not null check (ends_on >= starts_on),
    quota           int           not null check (quota between 1 and 100),
    status          varchar(8)    not null check (status in ('DRAFT', 'DRAWN', 'OPEN', 'CLOSED')),
    seed            bigint,
    sample_digest   char(64),
    created_by      varchar(100)  not null,
    created_at      timestamptz   not null,
    drawn_by        varchar(100),
    drawn_at        timestamptz,
    opened_at       timestamptz,
    closed_by       varchar(100),
    closed_at       timestamptz
);
create index assessment_round_region_idx on assessment_round (region_path, starts_on desc);

-- 测评组: an inspection team for a round; `home_county` is where its members work (null: the city
-- office's own inspectors). Teams never inspect their home county (交叉测评).
create table assessment_team (
    id           bigserial primary key,
    round_id     bigint        not null references assessment_round (id) on delete cascade,
    name         varchar(100)  not null,
    home_county  varchar(12),
    unique (round_id, name)
);
create table assessment_team_member (
    team_id  bigint not null references assessment_team (id) on delete cascade,
    user_id  bigint not null,
    primary key (team_id, user_id)
);
create index assessment_team_member_user_idx on assessment_team_member (user_id);

-- The sample: each drawn place with its county, type, order of drawing and the team assigned. An
-- inspector closes a place when done; until then its observations may be edited.
create table assessment_sample (
    round_id     bigint        not null references assessment_round (id) on delete cascade,
    place_id     bigint        not null references assessment_place (id),
    county_code  varchar(12)   not null,
    place_type   varchar(32)   not null,
    draw_order   int           not null,
    team_id      bigint references assessment_team (id),
    closed_by    bigint,
    closed_at    timestamptz,
    primary key (round_id, place_id)
);
create index assessment_sample_team_idx on assessment_sample (team_id);

-- One observation per sampled place and criterion: the value the rule needs (passed, shortfalls, or the
-- count) and the marks it gives, the note, where and when the phone was. `far_from_place` flags a
-- position more than the allowed distance away (flagged, not refused).
create table assessment_observation (
    id              bigserial primary key,
    round_id        bigint        not null,
    place_id        bigint        not null,
    criterion_id    bigint        not null references assessment_criterion (id),
    passed          boolean,
    shortfalls      int           check (shortfalls >= 0),
    counted         int           check (counted >= 0),
    marks           numeric(6, 2) not null check (marks >= 0),
    full_marks      numeric(6, 2) not null check (full_marks > 0),
    note            varchar(500),
    latitude        numeric(9, 6),
    longitude       numeric(9, 6),
    distance_m      int,
    far_from_place  boolean       not null default false,
    observed_by     bigint        not null,
    observed_at     timestamptz   not null,
    updated_at      timestamptz   not null,
    version         int           not null default 0,
    unique (round_id, place_id, criterion_id),
    foreign key (round_id, place_id) references assessment_sample (round_id, place_id) on delete cascade,
    check (marks <= full_marks)
);

-- Photos taken at a place (for one criterion or the place as a whole), checked and re-encoded as the
-- casework photo rules say, kept in the object store.
create table assessment_photo (
    id            bigserial primary key,
    round_id      bigint        not null,
    place_id      bigint        not null,
    criterion_id  bigint references assessment_criterion (id),
    object_key    varchar(200)  not null unique,
    content_type  varchar(40)   not null,
    width         int           not null,
    height        int           not null,
    bytes         int           not null,
    uploaded_by   bigint        not null,
    uploaded_at   timestamptz   not null,
    foreign key (round_id, place_id) references assessment_sample (round_id, place_id) on delete cascade
);
create index assessment_photo_place_idx on assessment_photo (round_id, place_id);

-- A phone's submission, by the key it generated: a retry or a queued offline submission with a key
-- already seen answers what the first did and stores nothing again.
create table assessment_submission (
    idempotency_key  varchar(64)  primary key,
    user_id          bigint       not null,
    round_id         bigint       not null,
    place_id         bigint       not null,
    request_digest   char(64)     not null,
    response         text         not null,
    received_at      timestamptz  not null
);
create index assessment_submission_received_idx on assessment_submission (received_at);

-- Each sampled place's marks, kept with every observation written (the round's figures sum 2,000 rows,
-- not 60,000).
create table assessment_place_score (
    round_id        bigint        not null,
    place_id        bigint        not null,
    marks           numeric(9, 2) not null,
    possible        numeric(9, 2) not null,
    observed        int           not null,
    criteria        int           not null,
    primary key (round_id, place_id),
    foreign key (round_id, place_id) references assessment_sample (round_id, place_id) on delete cascade
);

-- 交办: each failed criterion handed to casework as a case, once.
create table assessment_handover (
    round_id      bigint       not null,
    place_id      bigint       not null,
    criterion_id  bigint       not null references assessment_criterion (id),
    case_id       bigint       not null,
    case_number   varchar(40)  not null,
    handed_at     timestamptz  not null,
    primary key (round_id, place_id, criterion_id),
    foreign key (round_id, place_id) references assessment_sample (round_id, place_id) on delete cascade
);
create index assessment_handover_place_idx on assessment_handover (place_id, handed_at desc);
