-- Rate limits counted in the database, so that every node behind the balancer counts the same reports
-- and posts (before: in each node's memory, N nodes allowed N times the limit).

-- 随手拍 without an account: the sliding log of one client's report times (epoch microseconds), one row
-- per IP and one per session. The client is a SHA-256 of "ip:<address>" or "session:<id>": neither an
-- address nor a session id (a bearer secret) is stored. A report locks the rows of its IP and session in
-- one order (for update), so concurrent reports on any nodes cannot all take the last place.
create table report_rate_log (
    client     text          primary key,
    times      bigint[]      not null,
    touched_at timestamptz   not null
);
-- the purge deletes clients idle for longer than the long window
create index report_rate_log_by_touched_idx on report_rate_log (touched_at);

-- Open311: POSTs per API key in one calendar minute, counted by one upsert per request.
create table open311_post_window (
    key_id       bigint      not null references open311_api_key (id) on delete cascade,
    window_start timestamptz not null,
    posts        int         not null,
    primary key (key_id, window_start)
);
create index open311_post_window_by_start_idx on open311_post_window (window_start);
