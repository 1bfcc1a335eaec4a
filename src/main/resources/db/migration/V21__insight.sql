-- Insight: aggregates maintained from the modules' events, read by key by the dashboards.

-- One figure of one region (at every level of its path: province, city, county, town, village) in one
-- calendar month (city time), split by one dimension (activity type, lecture setting, team level/type,
-- case category; '' when none). A dashboard reads a handful of these rows by key.
create table insight_cell (
    metric       varchar(24)    not null,
    region_code  varchar(12)    not null,
    month        date           not null,     -- first day of the month
    dim          varchar(40)    not null default '',
    value        numeric(16, 1) not null,
    primary key (metric, region_code, month, dim)
);
create index insight_cell_region_idx on insight_cell (region_code, month);

-- Service hours by organizing team and year, for the top-team lists (one row per team and year).
create table insight_team_hours (
    team_id      bigint         not null,
    year         int            not null,
    region_path  text collate "C" not null,   -- the team's region at the time of its records
    hours        numeric(14, 1) not null,
    primary key (team_id, year)
);
create index insight_team_hours_rank_idx on insight_team_hours (year, hours desc);

-- Activities held and service hours recorded by each practice site (organizer), by month: the
-- cockpit's last drill-down level (a town's sites).
create table insight_site_cell (
    site_id  bigint         not null,
    month    date           not null,
    metric   varchar(24)    not null,     -- ACTIVITIES or SERVICE_HOURS
    value    numeric(14, 1) not null,
    primary key (site_id, month, metric)
);

-- Service hours by volunteer and year, for the top-volunteer lists.
create table insight_volunteer_hours (
    volunteer_id bigint         not null,
    year         int            not null,
    hours        numeric(12, 1) not null,
    primary key (volunteer_id, year)
);
create index insight_volunteer_hours_rank_idx on insight_volunteer_hours (year, hours desc, volunteer_id);

-- What each rectification case last counted as, so a status change moves its counts exactly once.
create table insight_case_state (
    case_id        bigint       primary key,
    category_code  varchar(32)  not null,
    region_path    text collate "C" not null,
    reported_month date         not null,
    found          boolean      not null,
    closed         boolean      not null,
    closed_on_time boolean      not null,
    changed_at     timestamptz  not null      -- the change last applied; older deliveries are ignored
);

-- Events already applied (key per fact), so a redelivered event counts nothing twice.
create table insight_applied_event (
    event_key   varchar(80)  primary key,
    applied_at  timestamptz  not null default now()
);

-- The last check's result, for the staff page.
create table insight_check_run (
    id           bigserial    primary key,
    started_at   timestamptz  not null,
    finished_at  timestamptz  not null,
    differences  int          not null,
    detail       text         not null default '',   -- the first differences, one per line
    run_by       varchar(64)  not null
);

-- Other cities of the province, as staff entered or imported them, for the city's rank in the
-- province (the city's own figures come from the aggregates).
create table insight_province_figure (
    city_code    varchar(12)    not null references region (code),
    year         int            not null check (year between 2000 and 2100),
    volunteers   bigint         not null check (volunteers >= 0),
    hours        numeric(16, 1) not null check (hours >= 0),
    updated_by   varchar(64)    not null,
    updated_at   timestamptz    not null default now(),
    primary key (city_code, year)
);
