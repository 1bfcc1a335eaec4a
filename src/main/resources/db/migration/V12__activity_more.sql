-- Activities, continued: when an activity runs (first shift start, last shift end, kept by the
-- activity module with its shifts), the indexes the public list and the lecture statistics need,
-- and each volunteer's secret calendar-feed token.

alter table activity add column starts_at timestamptz;
alter table activity add column ends_at timestamptz;

-- the public list: published activities not yet over, by region subtree and start
create index activity_listing_idx on activity (region_path, starts_at) where status in ('PUBLISHED', 'UNDER_WAY');
-- "near me": a bounding box on coordinates before the exact distance
create index activity_position_idx on activity (latitude, longitude) where latitude is not null and status in ('PUBLISHED', 'UNDER_WAY');
-- lecture statistics (thousands of sessions a year): an index-only scan by period, grouped by setting and team
create index activity_lecture_stats_idx on activity (starts_at)
    include (lecture_setting, lecture_team_id, audience_count, region_path)
    where type = 'LECTURE' and status = 'FINISHED';
-- overlap check of a volunteer's live sign-ups
create index signup_live_volunteer_idx on signup (volunteer_id) where status in ('PENDING', 'CONFIRMED', 'WAITLISTED');

-- A volunteer's iCalendar feed lives at /calendar/{token}.ics; regenerating replaces the token, revoking deletes it.
create table activity_calendar_token (
    volunteer_id  bigint       primary key references volunteer (id),
    token         varchar(64)  not null unique,
    created_at    timestamptz  not null default now()
);
