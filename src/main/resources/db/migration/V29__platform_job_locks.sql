-- ShedLock's table: one row per timed job; the node whose update finds lock_until in the past (by the
-- database's clock, usingDbTime) runs the job, every other node skips that period. locked_at and
-- locked_by stay after the lock ends, so the row also says when and where the job last ran.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);

-- One row per run that took the lock: the proof that a job ran once per period across the nodes
-- (the shedlock row keeps only the last run). Purged after wenming.jobs.run-retention.
create table job_run (
    id        bigint generated always as identity primary key,
    name      varchar(64)  not null,
    locked_at timestamptz  not null,
    node      varchar(255) not null
);
create index job_run_by_name_idx on job_run (name, locked_at);
create index job_run_by_locked_at_idx on job_run (locked_at);
