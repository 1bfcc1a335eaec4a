-- Maintained cells of the rectification statistics: additive counts that the statistics page sums
-- instead of scanning the cases. Written in the transaction of every case change (CaseRecords.save,
-- Cases.report) as "minus the case as it was, plus the case as it is"; rebuilt from the cases after a
-- bulk load; StatisticsCells.check() compares them with a recount. See docs/notes/casework-statistics.md.
--
-- A case counts in two places: on the day it was reported (found, registered, closed, close_micros,
-- fixed, reworked: the cohort of the period) and on the day it falls due (due, closed_on_time,
-- open_due). Days are Asia/Shanghai days. Each fact is kept at four grains so that a period is read
-- as a few whole years and months plus the days at its edges:
--   YEAR / MONTH / DAY: bucket = first day of the year / month, or the day; place = the case's region
--                       path cut to the town (44.4412.441202.441202001.), for the city's and a
--                       district's views;
--   PLACE:              bucket = the day; place = the case's own region path, for a town's villages.
-- and each in its category and unit, and summed over categories and/or units (the tables by part, by
-- category and by unit read a few thousand cells rather than every combination).
create table case_statistics_cell (
    grain           varchar(5)  not null check (grain in ('YEAR', 'MONTH', 'DAY', 'PLACE')),
    bucket          date        not null,
    place           text collate "C" not null,
    category_code   varchar(32) not null,              -- '*': all categories together
    unit_id         bigint      not null,              -- 0: not dispatched to a unit; -1: all units together
    found           integer     not null default 0,
    registered      integer     not null default 0,    -- found and registered (at any time; see the notes)
    closed          integer     not null default 0,    -- found and CLOSED now (at any time)
    close_micros    bigint      not null default 0,    -- sum of closed_at - reported_at of those, microseconds (exact)
    fixed           integer     not null default 0,
    reworked        integer     not null default 0,
    due             integer     not null default 0,    -- due that day (passed or not), not rejected or merged
    closed_on_time  integer     not null default 0,
    open_due        integer     not null default 0,    -- open now, due that day (overdue once the time passes)
    primary key (grain, bucket, place, category_code, unit_id)
);
-- "overdue now" sums open_due over every year: few cells have any
create index case_statistics_cell_open_idx on case_statistics_cell (grain, place) where open_due <> 0;

-- The bounded corrections the cells cannot give, read from the cases through these indexes:
-- cases due from now on (not yet "due" nor overdue): a deadline horizon of cases;
create index rectification_case_due_idx on rectification_case (due_at);
-- cases reported before a past period's end and registered / closed after it (open at that instant).
create index rectification_case_registering_idx on rectification_case
    using gist (tstzrange(reported_at, greatest(reported_at, registered_at), '(]')) where registered_at is not null;
create index rectification_case_closing_idx on rectification_case
    using gist (tstzrange(reported_at, greatest(reported_at, closed_at), '(]')) where status = 'CLOSED';
