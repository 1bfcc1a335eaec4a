-- Service shifts (issue 17): an order the service desk dispatches becomes an activity of the team with
-- one shift, so check-in, attendance and the ledger work unchanged. Such an activity is not listed
-- publicly (only the organizing team, its leaders and staff in scope see it) and has no waitlist (a
-- take after the places are gone is refused). Every existing activity keeps today's behaviour.
alter table activity
    add column listed   boolean not null default true,
    add column waitlist boolean not null default true;
