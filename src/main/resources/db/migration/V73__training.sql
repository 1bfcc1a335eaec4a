-- Issue 22, training part: courses (培训课程), enrolment and completion per volunteer, courses completed elsewhere
-- (record transfer), the qualifications a completed course grants, and the qualifications a shift requires at
-- sign-up. Module training owns training_course, training_enrolment, training_external and publishes
-- published_training_qualification; activity owns the new column shift.required_qualifications.

-- A course: the region it belongs to is the staff's data scope (as for commendations).
create table training_course (
    id               bigserial      primary key,
    title            varchar(200)   not null,
    provider         varchar(200)   not null,                 -- the organisation that gives it
    hours            numeric(5, 1)  not null check (hours > 0 and hours <= 200),
    starts_on        date           not null,
    ends_on          date           check (ends_on >= starts_on),
    place            varchar(200)   not null,
    certificate      boolean        not null,                 -- whether completing it gives a certificate
    qualification    varchar(24),                             -- training.Qualification, null: none
    validity_months  int            check (validity_months between 1 and 240),
    status           varchar(10)    not null default 'OPEN' check (status in ('OPEN', 'CANCELLED')),
    region_code      varchar(12)    not null,
    region_path      text collate "C" not null,
    created_by       varchar(64)    not null,
    created_at       timestamptz    not null,
    check (validity_months is null or qualification is not null)
);
create index training_course_scope_idx on training_course (region_path, starts_on desc);
create index training_course_upcoming_idx on training_course (starts_on) where status = 'OPEN';

-- One volunteer on one course: enrolled, then completed (with its day and certificate number) or absent or
-- withdrawn. The unique key makes enrolling twice, and importing a sheet twice, one row.
create table training_enrolment (
    id                  bigserial     primary key,
    course_id           bigint        not null references training_course (id),
    volunteer_id        bigint        not null references volunteer (id),
    status              varchar(10)   not null check (status in ('ENROLLED', 'COMPLETED', 'ABSENT', 'WITHDRAWN')),
    completed_on        date,
    certificate_number  varchar(64),
    enrolled_at         timestamptz   not null,
    recorded_by         varchar(64)   not null,
    recorded_at         timestamptz   not null,
    unique (course_id, volunteer_id),
    check ((status = 'COMPLETED') = (completed_on is not null))
);
create index training_enrolment_volunteer_idx on training_enrolment (volunteer_id);

-- A course completed in another system, entered by record transfer: marked by its source, never mixed with
-- the courses given here, entered once per (source, source_ref).
create table training_external (
    id                  bigserial      primary key,
    volunteer_id        bigint         not null references volunteer (id),
    source              varchar(100)   not null,
    source_ref          varchar(100)   not null,
    title               varchar(200)   not null,
    provider            varchar(200)   not null,
    hours               numeric(5, 1)  not null check (hours > 0 and hours <= 200),
    completed_on        date           not null,
    place               varchar(200),
    certificate         boolean        not null,
    certificate_number  varchar(64),
    qualification       varchar(24),
    valid_until         date,
    recorded_at         timestamptz    not null,
    unique (source, source_ref)
);
create index training_external_volunteer_idx on training_external (volunteer_id);

-- What a volunteer holds: one row per volunteer and qualification, valid through valid_until (null: no expiry).
-- A course granting a qualification with a validity of N months is valid until the day before the same day
-- N months after completion.
create view published_training_qualification as
select volunteer_id, qualification,
       case when bool_or(valid_until is null) then null else max(valid_until) end as valid_until
from (select e.volunteer_id, c.qualification,
             case when c.validity_months is null then null
                  else cast(e.completed_on + make_interval(months => c.validity_months) as date) - 1 end as valid_until
      from training_enrolment e join training_course c on c.id = e.course_id
      where e.status = 'COMPLETED' and c.qualification is not null
      union all
      select volunteer_id, qualification, valid_until from training_external where qualification is not null) held
group by volunteer_id, qualification;

-- activity: the qualifications a shift requires (training.Qualification codes), checked at sign-up like skills.
alter table shift add column required_qualifications text[] not null default '{}';
