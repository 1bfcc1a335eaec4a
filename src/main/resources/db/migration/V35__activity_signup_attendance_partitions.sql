-- Activity: sign-ups and attendance partitioned by the year of their shift's city day.
--
-- The day is the shift's (shift.starts_on, generated from starts_at), copied into each row as
-- shift_day and held equal to it by a foreign key on (shift_id, shift_day) that follows a moved shift
-- (on update cascade; the row moves to its new year's partition). So shift_day is determined by
-- shift_id, and the unique keys with shift_day added ("one live sign-up per volunteer and shift", "one
-- attendance per volunteer and shift") are exactly as strong as without it. The ids stay unique by
-- their sequences; the primary keys carry shift_day because PostgreSQL asks for it.
--
-- check_request stays one table: its key is the phone's idempotency key, which determines no time,
-- and CheckRequestRetention deletes it after days, so it never grows big.

alter table shift add column starts_on date generated always as ((starts_at at time zone 'Asia/Shanghai')::date) stored;
alter table shift add constraint shift_id_starts_on_key unique (id, starts_on);

-- sign-ups ------------------------------------------------------------------------------------------
alter table signup rename to signup_whole;

create table signup (
    id            bigint       not null default nextval('signup_id_seq'),
    shift_id      bigint       not null,
    volunteer_id  bigint       not null,
    status        varchar(12)  not null constraint signup_status_check
                               check (status in ('PENDING', 'CONFIRMED', 'WAITLISTED', 'DECLINED', 'CANCELLED')),
    signed_up_at  timestamptz  not null default now(),
    queued_at     timestamptz  not null default clock_timestamp(),
    decided_at    timestamptz,
    decided_by    varchar(64),
    reason        varchar(200),
    cancelled_at  timestamptz,
    shift_day     date         not null,                 -- the shift's city day: the partition key
    constraint signup_check check (status <> 'DECLINED' or reason is not null)
) partition by range (shift_day);
alter sequence signup_id_seq owned by signup.id;
create table signup_default partition of signup default;

-- attendance ----------------------------------------------------------------------------------------
alter table attendance rename to attendance_whole;

create table attendance (
    id                 bigint       not null default nextval('attendance_id_seq'),
    shift_id           bigint       not null,
    volunteer_id       bigint       not null,
    checked_in_at      timestamptz  not null,
    check_in_method    varchar(8)   not null constraint attendance_check_in_method_check check (check_in_method in ('QR', 'STAFF')),
    check_in_by        varchar(64)  not null,
    check_in_reason    varchar(200),
    checked_out_at     timestamptz,
    check_out_method   varchar(8)   constraint attendance_check_out_method_check check (check_out_method in ('QR', 'STAFF', 'AUTO')),
    check_out_by       varchar(64),
    check_out_reason   varchar(200),
    auto_checked_out   boolean      not null default false,
    counted            boolean,
    shift_day          date         not null,            -- the shift's city day: the partition key
    constraint attendance_check check (checked_out_at is null or checked_out_at >= checked_in_at),
    constraint attendance_check1 check (check_in_method <> 'STAFF' or check_in_reason is not null),
    constraint attendance_check2 check (check_out_method is distinct from 'STAFF' or check_out_reason is not null)
) partition by range (shift_day);
alter sequence attendance_id_seq owned by attendance.id;
create table attendance_default partition of attendance default;

-- the years of the shifts there are, and from 2015 to next year
select platform_year_partition(t, y)
  from unnest(array['signup', 'attendance']::regclass[]) t,
       generate_series(
           least(2015, (select extract(year from min(starts_on))::int from shift)),
           greatest(extract(year from now() at time zone 'Asia/Shanghai')::int + 1,
                    (select extract(year from max(starts_on))::int from shift))) y;

insert into signup (id, shift_id, volunteer_id, status, signed_up_at, queued_at, decided_at, decided_by, reason,
                    cancelled_at, shift_day)
select su.id, su.shift_id, su.volunteer_id, su.status, su.signed_up_at, su.queued_at, su.decided_at, su.decided_by,
       su.reason, su.cancelled_at, s.starts_on
  from signup_whole su join shift s on s.id = su.shift_id;
insert into attendance (id, shift_id, volunteer_id, checked_in_at, check_in_method, check_in_by, check_in_reason,
                        checked_out_at, check_out_method, check_out_by, check_out_reason, auto_checked_out, counted,
                        shift_day)
select a.id, a.shift_id, a.volunteer_id, a.checked_in_at, a.check_in_method, a.check_in_by, a.check_in_reason,
       a.checked_out_at, a.check_out_method, a.check_out_by, a.check_out_reason, a.auto_checked_out, a.counted,
       s.starts_on
  from attendance_whole a join shift s on s.id = a.shift_id;
drop table signup_whole;
drop table attendance_whole;

alter table signup add constraint signup_pkey primary key (id, shift_day);
alter table signup add constraint signup_shift_id_fkey foreign key (shift_id, shift_day)
    references shift (id, starts_on) on update cascade;
alter table signup add constraint signup_volunteer_id_fkey foreign key (volunteer_id) references volunteer (id);
-- no double sign-up: one live sign-up per volunteer and shift (shift_day follows from shift_id)
create unique index signup_live_idx on signup (shift_id, volunteer_id, shift_day) where status in ('PENDING', 'CONFIRMED', 'WAITLISTED');
create index signup_volunteer_idx on signup (volunteer_id, status);
create index signup_waitlist_idx on signup (shift_id, queued_at, id) where status = 'WAITLISTED';
-- a shift's sign-ups of every status (the organizer's roster), and the key a moved shift's cascade looks up;
-- without it both read every sign-up (PartitionPlanTest)
create index signup_shift_idx on signup (shift_id, shift_day);
create index signup_live_volunteer_idx on signup (volunteer_id) where status in ('PENDING', 'CONFIRMED', 'WAITLISTED');

alter table attendance add constraint attendance_pkey primary key (id, shift_day);
-- one attendance per volunteer and shift (shift_day follows from shift_id)
alter table attendance add constraint attendance_shift_id_volunteer_id_key unique (shift_id, volunteer_id, shift_day);
alter table attendance add constraint attendance_shift_id_fkey foreign key (shift_id, shift_day)
    references shift (id, starts_on) on update cascade;
alter table attendance add constraint attendance_volunteer_id_fkey foreign key (volunteer_id) references volunteer (id);
create index attendance_open_idx on attendance (shift_id) where checked_out_at is null;
create index attendance_volunteer_idx on attendance (volunteer_id);
