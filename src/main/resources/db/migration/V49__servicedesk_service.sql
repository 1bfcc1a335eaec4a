-- The service desk's part 3 (issue 17): taking, completion and rating. A take (接单) is recorded on the
-- order as a TAKEN event (who took, or which leader assigned whom; the sign-up itself is the activity
-- module's), and a poor rating's follow-up is closed by the site's staff with a note (a NOTE event).
alter table service_order_event drop constraint service_order_event_kind_check;
alter table service_order_event add constraint service_order_event_kind_check check (kind in ('RECEIVED', 'ACCEPTED',
    'DECLINED', 'PASSED_UP', 'DISPATCHED', 'HANDED_BACK', 'ESCALATED', 'SERVED', 'RATED', 'UNRATED', 'CANCELLED',
    'REVEALED', 'NOTE', 'TAKEN'));

-- The rating period's job reads served orders oldest first; follow-ups open at a site, newest first.
create index service_order_served_idx on service_order (served_at) where status = 'SERVED';
create index service_followup_open_idx on service_followup (site_id, created_at) where resolved_at is null;
