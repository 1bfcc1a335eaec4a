-- Demo city runs (演示城市): one row per generated city, written in the same transaction as the city
-- itself, so a row here means the whole city is in the database. The first start looks here (and at
-- the volunteer table) to decide whether to generate the small city.
create table demo_run (
    id            bigserial    primary key,
    scale         varchar(8)   not null check (scale in ('TINY', 'SMALL', 'FULL')),
    seed          bigint       not null check (seed >= 0),
    as_of         date         not null,                 -- the city day the scenario is generated for
    started_at    timestamptz  not null,
    finished_at   timestamptz  not null,
    volunteers    int          not null,
    teams         int          not null,
    activities    int          not null,
    records       bigint       not null,
    hours         numeric(14, 1) not null,
    cases         int          not null,
    digest        char(64)     not null                  -- SHA-256 of the generated rows (personal numbers by their hashes)
);
