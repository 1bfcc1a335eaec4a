-- Red/black lists (红黑榜) of the rectification casework: each published run is kept with its entries
-- exactly as published, so a past list never changes when cases move on.

create table case_ranking_run (
    id            bigserial    primary key,
    period_from   date         not null,                 -- days in Asia/Shanghai, both included
    period_to     date         not null,
    trigger       varchar(8)   not null check (trigger in ('SCHEDULE', 'STAFF')),
    run_by        varchar(64)  not null,                 -- 'system' for the schedule, else the username
    run_at        timestamptz  not null,
    list_size     smallint     not null check (list_size between 1 and 50),
    check (period_to >= period_from)
);
-- the schedule publishes a period once, however many instances run it
create unique index case_ranking_run_schedule_uq on case_ranking_run (period_from, period_to) where trigger = 'SCHEDULE';
create index case_ranking_run_latest_idx on case_ranking_run (run_at desc, id desc);

create table case_ranking_entry (
    run_id          bigint       not null references case_ranking_run (id),
    board           varchar(8)   not null check (board in ('DISTRICT', 'UNIT')),
    list            varchar(5)   not null check (list in ('RED', 'BLACK')),
    position        smallint     not null check (position >= 1),   -- 1 = best on the red list, worst on the black
    subject_key     varchar(20)  not null,                          -- the region code or the unit id
    subject_name    varchar(100) not null,
    found           integer      not null,
    closed          integer      not null,
    due             integer      not null,
    closed_on_time  integer      not null,
    overdue_now     integer      not null,
    completion_rate numeric(4, 1),                                  -- percent; null when nothing was found
    on_time_rate    numeric(4, 1),                                  -- percent; null when nothing was due
    score           numeric(4, 1) not null,
    primary key (run_id, board, list, position)
);
