-- A job its server stopped before it finished is settled at the next start (VolunteerImports):
-- DONE when its volunteers are there, else INTERRUPTED (nothing imported, offered for a rerun).
alter table import_job drop constraint import_job_status_check;
alter table import_job add constraint import_job_status_check
    check (status in ('QUEUED', 'VALIDATING', 'IMPORTING', 'DONE', 'REFUSED', 'FAILED', 'INTERRUPTED'));
