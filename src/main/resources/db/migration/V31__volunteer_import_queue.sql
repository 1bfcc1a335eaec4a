-- The import queue is this table (VolunteerImports): every node's worker claims the oldest QUEUED job
-- with FOR UPDATE SKIP LOCKED and runs it, so a job no longer waits in one node's memory.
-- upload_key: the upload in the object store's imports area, kept until the job is DONE or REFUSED,
-- so a FAILED or INTERRUPTED job can run again from it; null once deleted.
alter table import_job add column upload_key varchar(200);
alter table import_job add column attempts int not null default 0;
-- the node whose worker ran the last attempt (process id @ host name)
alter table import_job add column claimed_by varchar(200);

-- report_path held the report's file path; it holds its key in the imports area now (for the local
-- store the same file: <work directory>/<job>/errors.csv)
update import_job set report_path = id || '/errors.csv' where report_path is not null;

-- jobs queued before this version waited in a stopped server's memory, perhaps for days: they are not
-- run unasked, but offered to run again from their upload, which is still where it was
update import_job set status = 'INTERRUPTED', problem = 'volunteer.import.interrupted.kept', upload_key = id || '/upload',
    finished_at = now()
where status = 'QUEUED';

create index import_job_queued_idx on import_job (id) where status = 'QUEUED';
