-- The service desk, the leftovers of parts 1 and 2 (issue 17).
-- The resident's language, taken from the request at ordering: every notice about the order is written in it.
alter table service_order add column lang varchar(8) not null default 'zh-CN'
    check (lang in ('zh-CN', 'zh-TW', 'en'));
-- Anonymous orders only: the client that placed it (a hash of its address), counted by the per-client limit
-- on anonymous orders in the database, so that every node counts the same orders.
alter table service_order add column client_hash bytea;
create index service_order_client_idx on service_order (client_hash, received_at) where client_hash is not null;
-- A signed-in resident's own orders (/me/orders).
create index service_order_account_idx on service_order (account_user_id, received_at) where account_user_id is not null;
