-- Bulk import of volunteers (批量导入). One row per uploaded file; the file, the prepared rows and
-- the error report live in the job's folder on disk, never in the database. scope_path is the
-- importer's data scope: the job is visible only to people whose scope covers it.
create table import_job (
    id             bigserial    primary key,
    created_by_id  bigint       not null,
    created_by     varchar(64)  not null,
    scope_path     text collate "C" not null,
    file_name      varchar(255) not null,
    locale         varchar(10)  not null,
    status         varchar(16)  not null default 'QUEUED'
                   check (status in ('QUEUED', 'VALIDATING', 'IMPORTING', 'DONE', 'REFUSED', 'FAILED')),
    problem        varchar(64),                     -- message key when the whole file was refused or the load failed
    problem_detail varchar(100),                    -- its argument (a row number, a column name)
    rows_read      int          not null default 0,
    rows_ok        int          not null default 0,
    errors_count   int          not null default 0,
    imported       int          not null default 0,
    created_at     timestamptz  not null default now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    report_path    varchar(500)
);
create index import_job_scope_idx on import_job (scope_path, id desc);

-- Which import brought a volunteer in (null for registrations one at a time).
alter table volunteer add column import_job_id bigint references import_job (id);

-- Exports of personal data (导出记录): who exported how many volunteers with which filter.
create table volunteer_export (
    id                 bigserial    primary key,
    occurred_at        timestamptz  not null default now(),
    actor_user_id      bigint       not null,
    actor_username     varchar(64)  not null,
    actor_region_path  text collate "C" not null,
    format             varchar(8)   not null check (format in ('CSV', 'XLSX')),
    filter             varchar(500) not null,
    row_count          int          not null
);
create index volunteer_export_scope_idx on volunteer_export (actor_region_path, occurred_at desc);
