-- Issue 22, first part: awards and commendations (表彰) and evaluations and complaints in the volunteer's
-- record. Two modules: commendation (commendation, commendation_choice) and complaint (shift_rating,
-- complaint, complaint_step). The honours' published good people appear among a volunteer's commendations
-- by reading honor_public_entry, which now names the nominee's registered volunteer (when linked).

-- Commendations: one subject, a volunteer or a team; the subject's region is the staff's data scope.
create table commendation (
    id             bigserial     primary key,
    volunteer_id   bigint        references volunteer (id),
    team_id        bigint        references team (id),
    title          varchar(200)  not null,                  -- 肇庆市优秀志愿者, for what
    issuer         varchar(200)  not null,                  -- 肇庆市文明办
    level          varchar(8)    not null check (level in ('DISTRICT', 'CITY', 'PROVINCE', 'NATION')),
    awarded_on     date          not null,
    document_key   varchar(200),                            -- the document (PDF) in the object store
    region_path    text collate "C" not null,
    recorded_by    varchar(64)   not null,
    recorded_at    timestamptz   not null,
    check (num_nonnulls(volunteer_id, team_id) = 1)
);
create index commendation_volunteer_idx on commendation (volunteer_id, awarded_on desc) where volunteer_id is not null;
create index commendation_team_idx on commendation (team_id, awarded_on desc) where team_id is not null;
create index commendation_scope_idx on commendation (region_path, awarded_on desc);

-- The volunteer's choice: their commendations on their certificates, or not (none recorded: not).
create table commendation_choice (
    volunteer_id     bigint       primary key references volunteer (id),
    on_certificates  boolean      not null,
    chosen_at        timestamptz  not null
);

-- An organizer's rating of a volunteer's service on one shift: at most one per volunteer and shift.
create table shift_rating (
    id             bigserial     primary key,
    shift_id       bigint        not null,
    volunteer_id   bigint        not null references volunteer (id),
    score          smallint      not null check (score between 1 and 5),
    remark         varchar(200)  not null default '',
    region_path    text collate "C" not null,               -- the volunteer's region: the data scope
    rated_by       varchar(64)   not null,
    rated_at       timestamptz   not null,
    unique (volunteer_id, shift_id)
);
create index shift_rating_shift_idx on shift_rating (shift_id);

-- Complaints about a volunteer: received -> investigating -> upheld or dismissed. The complainant is known
-- to staff only; the volunteer may respond once. Deleted by the retention rules after the decision.
create table complaint (
    id                 bigserial     primary key,
    volunteer_id       bigint        not null references volunteer (id),
    region_path        text collate "C" not null,           -- the volunteer's region: the data scope
    complainant_kind   varchar(10)   not null check (complainant_kind in ('RESIDENT', 'ORGANIZER')),
    complainant_name   varchar(50)   not null,              -- never shown to the volunteer
    shift_id           bigint,
    summary            varchar(1000) not null,
    status             varchar(16)   not null check (status in ('RECEIVED', 'INVESTIGATING', 'UPHELD', 'DISMISSED')),
    version            int           not null default 0,
    received_by        varchar(64)   not null,
    received_at        timestamptz   not null,
    decided_at         timestamptz,
    response           varchar(1000),
    responded_at       timestamptz,
    check ((status in ('UPHELD', 'DISMISSED')) = (decided_at is not null)),
    check ((response is null) = (responded_at is null))
);
create index complaint_volunteer_idx on complaint (volunteer_id, received_at desc);
create index complaint_scope_idx on complaint (region_path, received_at desc);
create index complaint_decided_idx on complaint (status, decided_at) where decided_at is not null;

-- Every step of a complaint: from, to, the reason, who and when.
create table complaint_step (
    id             bigserial     primary key,
    complaint_id   bigint        not null references complaint (id) on delete cascade,
    from_status    varchar(16),
    to_status      varchar(16)   not null,
    reason         varchar(500)  not null,
    acted_by       varchar(64)   not null,
    acted_at       timestamptz   not null
);
create index complaint_step_complaint_idx on complaint_step (complaint_id, id);

-- The honours' public entries name the nominee's registered volunteer (null when not linked), so the
-- commendation module shows a published good person among that volunteer's commendations. Same columns and
-- condition as V53, one column added at the end.
create or replace view honor_public_entry as
select e.id, e.nomination_id, e.honour, e.period, e.citation, e.published_at,
       n.category, n.kind, n.nominee_name, n.title, n.story, n.region_code, n.region_path, n.deed_date,
       n.portrait_evidence_id, n.volunteer_id
from honor_roll_entry e
join honor_nomination n on n.id = e.nomination_id
where exists (select 1 from honor_consent c where c.nomination_id = n.id and c.status = 'GIVEN');
