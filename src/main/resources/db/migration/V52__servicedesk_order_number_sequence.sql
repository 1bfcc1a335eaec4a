-- The service desk (issue 17): order numbers from a sequence, as casework's case numbers are, instead of
-- V48's one counter row per year. The row was locked from the order's first statement to its commit, so
-- every order in the city waited for the one before it (bench/servicedesk.sh: 69 orders/s at 50 clients,
-- p99 1.7 s). A sequence never waits; a rolled-back order leaves a gap, which only says a number was not
-- used. The year stays in the number; the count no longer restarts each year.
create sequence service_order_number_seq;
select setval('service_order_number_seq', greatest((select coalesce(max(last_number), 0) from service_order_counter), 1),
              (select count(*) > 0 from service_order_counter));
drop table service_order_counter;
