-- 补录 (a missing record) names the team or site that organized the service: approving it appends
-- a MANUAL record in that organization's name, and staff of its region decide the request.
alter table correction_request
    add column organization_kind varchar(8) check (organization_kind in ('TEAM', 'SITE')),
    add column organization_id   bigint,
    add column organization_name varchar(100),
    add column activity_type     varchar(12);
