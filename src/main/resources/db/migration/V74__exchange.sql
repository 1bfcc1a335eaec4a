-- Record transfer (转移接续, issue 22): records another volunteer system exported for a volunteer who joins
-- enter the ledger as EXTERNAL records, in the hash chain like every other record, never mixed with Wenming's own.

-- the ledger: a fourth kind of record and a fourth kind of organizer (the other system's organizer, by name;
-- organization_id 0)
alter table service_record drop constraint service_record_kind_check;
alter table service_record add constraint service_record_kind_check
    check (kind in ('SERVICE', 'MANUAL', 'CORRECTION', 'EXTERNAL'));
alter table service_record drop constraint service_record_organization_kind_check;
alter table service_record add constraint service_record_organization_kind_check
    check (organization_kind in ('TEAM', 'SITE', 'EXTERNAL'));

-- where an EXTERNAL record came from: the exporting system's installation id and its own id of the record.
-- Unique, so a file imported twice adds nothing the second time. The same pair is written into the record's
-- reason ("external <source> <ref>"), which the record's hash covers: the chain vouches for it too.
create table service_record_external (
    seq         bigint       primary key references service_record (seq),
    source      varchar(64)  not null,
    source_ref  varchar(128) not null,
    unique (source, source_ref)
);

-- the dashboards count hours served here: external hours were served (and are counted) elsewhere
create or replace view published_service_record as
select seq, kind, volunteer_id, activity_id, shift_id, activity_type, started_at, ended_at, hours,
       organization_kind, organization_id, region_path
from service_record
where kind <> 'EXTERNAL';

-- the exchange module: who exported or imported what, and why (staff exports need a reason)
create table exchange_event (
    id             bigserial    primary key,
    occurred_at    timestamptz  not null,
    direction      varchar(8)   not null check (direction in ('EXPORT', 'IMPORT')),
    actor_user_id  bigint,
    actor_username varchar(64)  not null,
    volunteer_id   bigint,                       -- null for a bulk export or import
    scope_path     text collate "C" not null,    -- the volunteer's region, or the staff scope of a bulk run
    reason         varchar(200),                 -- required for staff exports; null for a volunteer's own
    source         varchar(64),                  -- an import's source installation
    volunteers     int          not null,
    records        bigint       not null,
    sha256         varchar(64)                   -- the file's digest as its trailer states it
);
create index exchange_event_scope_idx on exchange_event (scope_path, occurred_at);
