-- Ledger: the day totals (volunteer_day_hours, one row per volunteer and city day with hours, about as
-- many rows as service records) partitioned by year of the day. The primary key already holds the
-- day, so it stays exactly as strong; the daily cap reads recent days and prunes to one partition.
--
-- service_record stays one table: seq is the hash chain's order and the target of three foreign keys
-- (corrects_seq, correction_request.record_seq and result_seq), and "one SERVICE record per
-- attendance" is a unique index on (shift_id, volunteer_id); no time column is determined by either
-- key, so a partitioned service_record would have to drop one of those guarantees. Its chain is also
-- verified from seq 1, so old years cannot be detached anyway. See docs/notes/distribution.md.

alter table volunteer_day_hours rename to volunteer_day_hours_whole;
alter table volunteer_day_hours_whole rename constraint volunteer_day_hours_pkey to volunteer_day_hours_whole_pkey;

create table volunteer_day_hours (
    volunteer_id  bigint        not null,
    day           date          not null,
    hours         numeric(5, 1) not null
) partition by range (day);
create table volunteer_day_hours_default partition of volunteer_day_hours default;

-- the years of the data there is, and from 2015 (the records of the years before the platform) to next year
select platform_year_partition('volunteer_day_hours', y)
  from generate_series(
      least(2015, (select extract(year from min(day))::int from volunteer_day_hours_whole)),
      greatest(extract(year from now() at time zone 'Asia/Shanghai')::int + 1,
               (select extract(year from max(day))::int from volunteer_day_hours_whole))) y;

insert into volunteer_day_hours (volunteer_id, day, hours)
select volunteer_id, day, hours from volunteer_day_hours_whole;
drop table volunteer_day_hours_whole;

alter table volunteer_day_hours add constraint volunteer_day_hours_pkey primary key (volunteer_id, day);
alter table volunteer_day_hours add constraint volunteer_day_hours_volunteer_id_fkey
    foreign key (volunteer_id) references volunteer (id);
