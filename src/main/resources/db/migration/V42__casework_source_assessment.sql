-- Casework: a case may come from a round of field assessment (交办: a failed criterion handed over by the
-- assessment module, issue 16), source ASSESSMENT.
alter table rectification_case drop constraint rectification_case_source_check;
alter table rectification_case add constraint rectification_case_source_check
    check (source in ('PATROL', 'CITIZEN', 'HOTLINE', 'STAFF', 'OPEN311', 'ASSESSMENT'));
