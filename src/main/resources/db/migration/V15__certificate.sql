-- Service certificates (志愿服务证明) as issued: the figures exactly as printed and the ledger position
-- they were computed from, so the public verification page can recompute them from service_record
-- and say whether they still match.

create table service_certificate (
    id               bigserial     primary key,
    number           varchar(32)   not null unique,          -- ZQ2026-XXXX-XXXX-XXXX: random, not derived from anything
    volunteer_id     bigint        not null references volunteer (id),
    volunteer_number varchar(20)   not null,                 -- as printed
    name_masked      varchar(40)   not null,                 -- what the public page shows (张*)
    period_from      date,                                   -- null: from the first record
    period_to        date          not null,                 -- inclusive, in the city's time zone
    total_hours      numeric(10, 1) not null,
    record_count     int           not null,
    ledger_seq       bigint        not null,                 -- max(seq) of service_record the figures were computed at
    figures_key      text          not null,                 -- canonical figures, so a same-day re-download reuses the number
    issuer           varchar(100)  not null,
    issued_on        date          not null,                 -- in the city's time zone
    issued_at        timestamptz   not null,
    issued_by        varchar(64)   not null,
    check (period_from is null or period_from <= period_to)
);
-- the same certificate downloaded again the same day keeps its number, also when two downloads race
create unique index service_certificate_same_day_idx on service_certificate
    (volunteer_id, coalesce(period_from, date '0001-01-01'), period_to, issued_on, figures_key);
create index service_certificate_volunteer_idx on service_certificate (volunteer_id, issued_at desc);

-- hours per activity type as printed
create table service_certificate_hours (
    certificate_id  bigint        not null references service_certificate (id),
    activity_type   varchar(12)   not null,
    hours           numeric(10, 1) not null,
    records         int           not null,
    primary key (certificate_id, activity_type)
);
