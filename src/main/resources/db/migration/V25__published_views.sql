-- Published views: what a module offers other modules to read with SQL (joins, scope ranges,
-- recounts) without handing them its tables. Each belongs to the module that owns the table beneath
-- it (declared with @ModuleTables in the module's package-info); other modules only read them
-- (TableOwnershipTest fails on a write). They are simple views, so PostgreSQL plans a join through one
-- exactly as a join through the table, on the same indexes. Columns are those other modules need;
-- personal numbers (ciphertexts, hashes, masked forms) are never among them.

-- region: the division tree (public data)
create view published_region as
select code, name, level, parent_code, path from region;

-- region: practice sites as the public directory shows them (no contact person)
create view published_practice_site as
select id, region_code, region_path, kind, name, demonstration, address, latitude, longitude from practice_site;

-- volunteer: who a volunteer is for rosters, ledgers and the public top lists (consumers mask the
-- name unless the volunteer consented to be named, show_publicly)
create view published_volunteer as
select id, user_id, volunteer_number, real_name, birth_date, region_code, region_path, status, created_at,
       withdrawn_at, show_publicly
from volunteer;

-- volunteer: teams (public directory data)
create view published_team as
select id, name, parent_id, level, type, region_code, region_path, practice_site_id, status, created_at from team;

-- activity: what the dashboards recount
create view published_activity as
select id, type, lecture_setting, status, region_code, region_path, organizer_team_id, organizer_site_id,
       starts_at, ends_at, audience_count
from activity;

-- ledger: service records without their hash chain
create view published_service_record as
select seq, kind, volunteer_id, activity_id, shift_id, activity_type, started_at, ended_at, hours,
       organization_kind, organization_id, region_path
from service_record;

-- casework: cases as the dashboards count them (no reporter, no contact)
create view published_rectification_case as
select id, category_code, region_code, region_path, status, reported_at, closed_at, closed_on_time, updated_at
from rectification_case;
