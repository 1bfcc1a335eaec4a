-- The service-hours ledger (志愿服务记录). Append-only and hash-chained: seq numbers the chain
-- without gaps, each row's hash covers its canonical content and the previous row's hash.
-- Corrections (补录/更正) are new rows that reference the original; nothing is updated or deleted.

create table service_record (
    seq                bigint        primary key,            -- position in the chain: 1, 2, 3, ...
    kind               varchar(12)   not null check (kind in ('SERVICE', 'MANUAL', 'CORRECTION')),
    volunteer_id       bigint        not null references volunteer (id),
    activity_id        bigint,                               -- null for MANUAL records of activities outside the app
    shift_id           bigint,
    activity_type      varchar(12)   not null,               -- SERVICE, LECTURE, MARKET, COURSE, CAMPAIGN
    activity_title     varchar(100)  not null,
    started_at         timestamptz   not null,
    ended_at           timestamptz   not null,
    hours              numeric(7, 1) not null,               -- credited; negative only in a correction
    -- 谁组织谁记录、谁记录谁证明: the organization that records and certifies
    organization_kind  varchar(8)    not null check (organization_kind in ('TEAM', 'SITE')),
    organization_id    bigint        not null,
    organization_name  varchar(100)  not null,
    region_path        text collate "C" not null,            -- the organization's region: who may see the record
    recorded_by        varchar(64)   not null,
    confirmed_by       varchar(64)   not null,
    corrects_seq       bigint        references service_record (seq),
    reason             varchar(200),
    approved_by        varchar(64),
    recorded_at        timestamptz   not null,
    prev_hash          bytea         not null,
    hash               bytea         not null,
    check (ended_at >= started_at),
    check (kind <> 'CORRECTION' or (corrects_seq is not null and reason is not null and approved_by is not null)),
    check (kind = 'CORRECTION' or hours >= 0)
);
-- one record per attendance: a redelivered event cannot credit twice
create unique index service_record_attendance_idx on service_record (shift_id, volunteer_id) where kind = 'SERVICE';
create index service_record_volunteer_idx on service_record (volunteer_id, started_at);
create index service_record_scope_idx on service_record (region_path, started_at);

-- The chain's end, one row: appending locks it, so appends are serialized and the chain has no forks.
create table ledger_head (
    id        boolean  primary key default true check (id),
    last_seq  bigint   not null,
    last_hash bytea    not null
);
insert into ledger_head (last_seq, last_hash) values (0, '\x0000000000000000000000000000000000000000000000000000000000000000');

-- Maintained with every append, checked against a recount.
create table volunteer_hours (
    volunteer_id  bigint        primary key references volunteer (id),
    hours         numeric(10, 1) not null default 0,
    records       int           not null default 0,
    updated_at    timestamptz   not null default now()
);
create table volunteer_year_hours (
    volunteer_id  bigint        not null references volunteer (id),
    year          int           not null,                -- calendar year in the city's time zone
    hours         numeric(10, 1) not null default 0,
    records       int           not null default 0,
    primary key (volunteer_id, year)
);
-- credited hours per volunteer and day, for the daily cap
create table volunteer_day_hours (
    volunteer_id  bigint        not null references volunteer (id),
    day           date          not null,
    hours         numeric(5, 1) not null,
    primary key (volunteer_id, day)
);

-- 补录/更正: a volunteer asks, staff approve (a CORRECTION or MANUAL record is appended) or decline.
create table correction_request (
    id              bigserial     primary key,
    volunteer_id    bigint        not null references volunteer (id),
    record_seq      bigint        references service_record (seq),  -- 更正 of this record; null for 补录 (a missing record)
    activity_title  varchar(100),
    started_at      timestamptz,
    ended_at        timestamptz,
    hours           numeric(7, 1) not null,                       -- the hours the volunteer says are right
    reason          varchar(200)  not null,
    region_path     text collate "C" not null,                    -- who may decide it
    status          varchar(10)   not null default 'OPEN' check (status in ('OPEN', 'APPROVED', 'DECLINED')),
    requested_at    timestamptz   not null default now(),
    decided_at      timestamptz,
    decided_by      varchar(64),
    decision_reason varchar(200),
    result_seq      bigint        references service_record (seq)
);
create index correction_request_scope_idx on correction_request (region_path, status, requested_at);
create index correction_request_volunteer_idx on correction_request (volunteer_id, requested_at desc);

-- Append-only: the application's own statements cannot change or remove a record. (Someone with
-- the database's superuser rights still can; the hash chain is what reveals it.)
create function service_record_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'service_record is append-only: % refused', tg_op using errcode = 'P0001';
end $$;
create trigger service_record_no_update before update or delete on service_record
    for each row execute function service_record_append_only();
create trigger service_record_no_truncate before truncate on service_record
    for each statement execute function service_record_append_only();
