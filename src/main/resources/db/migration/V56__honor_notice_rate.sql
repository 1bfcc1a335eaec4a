-- Honours' public notice (issue 18, part C): requests counted per client, action and window for the rate
-- limits on likes, comments and objections, in the database so that every node behind the balancer counts
-- the same requests. The client is a keyed hash (of an account or an address block), never an address.
create table honor_notice_rate (
    client_hash   bytea         not null,
    action        varchar(12)   not null check (action in ('LIKE', 'COMMENT', 'OBJECTION')),
    window_start  timestamptz   not null,
    hits          int           not null,
    primary key (client_hash, action, window_start)
);
create index honor_notice_rate_window_idx on honor_notice_rate (window_start);
