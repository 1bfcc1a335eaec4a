-- A volunteer's separate consent to be named on public lists (the dashboard's top volunteers);
-- off unless the volunteer switches it on.
alter table volunteer add column show_publicly boolean not null default false;
alter table volunteer add column show_publicly_at timestamptz;
-- the dashboard's top list starts from the (few) consenting volunteers when that is cheaper than
-- walking the year's hours from the top
create index volunteer_public_listing_idx on volunteer (region_path, id) where show_publicly and status = 'ACTIVE';
