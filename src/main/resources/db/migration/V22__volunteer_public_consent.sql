-- A volunteer's separate consent to be named on public lists (the dashboard's top volunteers);
-- off unless the volunteer switches it on.
alter table volunteer add column show_publicly boolean not null default false;
alter table volunteer add column show_publicly_at timestamptz;
