-- Casework workflow: what the transitions need beyond V16.
-- Who submitted the fix under review (nobody verifies their own fix), and when a suspension began
-- (resuming moves the due time by the working time spent suspended).
alter table rectification_case add column fix_submitted_by varchar(64);
alter table rectification_case add column suspended_at timestamptz;

-- The escalation job reads open overdue cases by due time.
create index rectification_case_overdue_idx on rectification_case (due_at)
    where status in ('DISPATCHED', 'IN_PROGRESS');
-- The supervision (督办) list: escalated cases by region.
create index rectification_case_escalated_idx on rectification_case (region_path, escalation_level)
    where escalation_level > 0;
