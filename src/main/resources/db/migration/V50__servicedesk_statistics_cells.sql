-- The service desk's statistics from maintained cells (issue 17; docs/notes/servicedesk.md, "Statistics
-- from maintained cells"). What an order contributes to the figures is one SQL function
-- (service_stat_facts); triggers on service_order and service_rating append "minus the row as it was,
-- plus the row as it is" to service_stat_delta in the writer's transaction (insert only: concurrent
-- orders never wait on a shared row, whichever village, site or category), so no code path, plain SQL
-- or COPY can miss a change; a scheduled fold (service_stat_fold, under ShedLock and an advisory lock)
-- moves the deltas into the cells, summed by county. A read sums the cells and the deltas not yet folded
-- in one statement (one snapshot), so it is exact at any moment.

-- A stage time's histogram bucket: its start in seconds. To the minute below 2 hours, to 0.1 hour (the
-- shown precision) below 48 hours, to the hour below 30 days, to the day beyond.
create function service_stat_bucket(seconds double precision) returns int
language sql immutable as $$
    select case
        when seconds is null then null
        when seconds < 7200 then (floor(seconds / 60) * 60)::int
        when seconds < 172800 then (floor(seconds / 360) * 360)::int
        when seconds < 2592000 then (floor(seconds / 3600) * 3600)::int
        else (least(floor(seconds / 86400), 24000) * 86400)::int
    end
$$;

-- What one order counts (orders = 1; the sign is applied by the caller): its month of receipt in
-- Asia/Shanghai, its village's path cut to the county, the site holding it, its category, the additive
-- counts of ServiceFigures and the stage times' buckets. `stars` is the order's rating, if any.
create function service_stat_facts(o service_order, stars smallint)
returns table (month varchar, county_path text, site_id bigint, category varchar, orders int, dispatched int,
    served int, rated int, unrated int, satisfied int, stars_sum int, declined int, cancelled int,
    accept_s int, serve_s int, total_s int)
language sql stable as $$
    select to_char(o.received_at at time zone 'Asia/Shanghai', 'YYYY-MM'),
        coalesce(substring(o.region_path from '^[^.]*\.[^.]*\.[^.]*\.'), o.region_path),
        o.site_id, o.category, 1,
        (o.dispatched_at is not null or o.status in ('SERVED', 'RATED', 'UNRATED'))::int,
        (o.status in ('SERVED', 'RATED', 'UNRATED'))::int,
        (o.status = 'RATED' and stars is not null)::int,
        (o.status = 'UNRATED')::int,
        (o.status = 'RATED' and coalesce(stars >= 4, false))::int,
        case when o.status = 'RATED' then coalesce(stars, 0) else 0 end,
        (o.status = 'DECLINED')::int,
        (o.status = 'CANCELLED')::int,
        service_stat_bucket(extract(epoch from coalesce(o.accepted_at, o.dispatched_at) - o.received_at)::double precision),
        service_stat_bucket(extract(epoch from o.served_at - o.dispatched_at)::double precision),
        service_stat_bucket(extract(epoch from o.served_at - o.received_at)::double precision)
$$;

-- Changes not yet folded into the cells: one row per order change and side (−1 as it was, +1 as it is).
create table service_stat_delta (
    id           bigserial    primary key,
    month        varchar(7)   collate "C" not null,
    county_path  text         collate "C" not null,
    site_id      bigint       not null,
    category     varchar(32)  collate "C" not null,
    orders       int          not null,
    dispatched   int          not null,
    served       int          not null,
    rated        int          not null,
    unrated      int          not null,
    satisfied    int          not null,
    stars_sum    int          not null,
    declined     int          not null,
    cancelled    int          not null,
    accept_s     int,
    serve_s      int,
    total_s      int
);
-- a queue table: every fold leaves its rows dead, and a read scans the live ones; vacuum it early
alter table service_stat_delta set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);

-- The counts by period ('YYYY' or 'YYYY-MM' of receipt), county and one dimension: '-' none, 'C' the
-- category (dim_key its code), 'S' the site holding the order (dim_key its id).
create table service_stat_cell (
    period       varchar(7)   collate "C" not null,
    county_path  text         collate "C" not null,
    dim          char(1)      not null check (dim in ('-', 'C', 'S')),
    dim_key      varchar(32)  collate "C" not null,
    orders       bigint       not null,
    dispatched   bigint       not null,
    served       bigint       not null,
    rated        bigint       not null,
    unrated      bigint       not null,
    satisfied    bigint       not null,
    stars_sum    bigint       not null,
    declined     bigint       not null,
    cancelled    bigint       not null,
    primary key (period, dim, county_path, dim_key)   -- a read: a period's dimension over a range of counties
);

-- The stage times' histograms by period and county: stage A (received → decision), S (dispatched →
-- served), T (received → served); bucket = its start in seconds (service_stat_bucket); n orders.
create table service_stat_stage_cell (
    period       varchar(7)   collate "C" not null,
    county_path  text         collate "C" not null,
    stage        char(1)      not null check (stage in ('A', 'S', 'T')),
    bucket       int          not null,
    n            bigint       not null,
    primary key (period, county_path, stage, bucket)
);

create function service_stat_append(o service_order, stars smallint, sign int) returns void
language sql as $$
    insert into service_stat_delta (month, county_path, site_id, category, orders, dispatched, served, rated,
        unrated, satisfied, stars_sum, declined, cancelled, accept_s, serve_s, total_s)
    select f.month, f.county_path, f.site_id, f.category, sign * f.orders, sign * f.dispatched, sign * f.served,
        sign * f.rated, sign * f.unrated, sign * f.satisfied, sign * f.stars_sum, sign * f.declined,
        sign * f.cancelled, f.accept_s, f.serve_s, f.total_s
    from service_stat_facts(o, stars) f
$$;

create function service_stat_order_changed() returns trigger
language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform service_stat_append(old, (select r.stars from service_rating r where r.order_id = old.id), -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform service_stat_append(new, (select r.stars from service_rating r where r.order_id = new.id), 1);
    end if;
    return null;
end
$$;

create trigger service_stat_order_insert_delete after insert or delete on service_order
    for each row execute function service_stat_order_changed();
-- only a change of what is counted: an escalation, a team or a version alone appends nothing
create trigger service_stat_order_update after update on service_order
    for each row when ((old.received_at, old.region_path, old.site_id, old.category, old.status, old.accepted_at,
        old.dispatched_at, old.served_at) is distinct from (new.received_at, new.region_path, new.site_id,
        new.category, new.status, new.accepted_at, new.dispatched_at, new.served_at))
    execute function service_stat_order_changed();

-- A rating counts only on a RATED order: its stars added, changed or removed move the order's count.
create function service_stat_rating_changed() returns trigger
language plpgsql as $$
declare
    o service_order;
begin
    select * into o from service_order where id = coalesce(new.order_id, old.order_id);
    if found and o.status = 'RATED' then
        perform service_stat_append(o, case when tg_op = 'INSERT' then null else old.stars end, -1);
        perform service_stat_append(o, case when tg_op = 'DELETE' then null else new.stars end, 1);
    end if;
    return null;
end
$$;

create trigger service_stat_rating_changed after insert or update or delete on service_rating
    for each row execute function service_stat_rating_changed();

-- Moves the committed deltas into the cells, each into its month and its year; returns how many. One at a
-- time (an advisory lock besides ShedLock); a delta committed meanwhile stays for the next fold.
create function service_stat_fold() returns bigint
language plpgsql as $$
declare
    moved bigint;
begin
    perform pg_advisory_xact_lock(hashtext('service_stat_fold'));
    with d as (delete from service_stat_delta returning *),
    p as (select m.period, d.* from d cross join lateral (values (d.month), (left(d.month, 4))) m(period)),
    c as (insert into service_stat_cell as cell (period, county_path, dim, dim_key, orders, dispatched, served, rated,
            unrated, satisfied, stars_sum, declined, cancelled)
        select p.period, p.county_path, x.dim, x.dim_key, sum(orders), sum(dispatched), sum(served), sum(rated),
            sum(unrated), sum(satisfied), sum(stars_sum), sum(declined), sum(cancelled)
        from p cross join lateral (values ('-', ''), ('C', p.category), ('S', p.site_id::text)) x(dim, dim_key)
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict (period, dim, county_path, dim_key) do update set
            orders = cell.orders + excluded.orders, dispatched = cell.dispatched + excluded.dispatched,
            served = cell.served + excluded.served, rated = cell.rated + excluded.rated,
            unrated = cell.unrated + excluded.unrated, satisfied = cell.satisfied + excluded.satisfied,
            stars_sum = cell.stars_sum + excluded.stars_sum, declined = cell.declined + excluded.declined,
            cancelled = cell.cancelled + excluded.cancelled
        returning 1),
    h as (insert into service_stat_stage_cell as cell (period, county_path, stage, bucket, n)
        select p.period, p.county_path, s.stage, s.bucket, sum(p.orders)
        from p cross join lateral (values ('A', p.accept_s), ('S', p.serve_s), ('T', p.total_s)) s(stage, bucket)
        where s.bucket is not null
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict (period, county_path, stage, bucket) do update set n = cell.n + excluded.n
        returning 1)
    select count(*) into moved from d;
    return moved;
end
$$;

-- Recounts the cells from service_order: writers wait (share lock) until the caller's transaction ends.
create function service_stat_rebuild() returns bigint
language plpgsql as $$
declare
    counted bigint;
begin
    lock table service_order, service_rating in share mode;
    perform pg_advisory_xact_lock(hashtext('service_stat_fold'));
    delete from service_stat_delta;
    delete from service_stat_cell;
    delete from service_stat_stage_cell;
    insert into service_stat_delta (month, county_path, site_id, category, orders, dispatched, served, rated,
        unrated, satisfied, stars_sum, declined, cancelled, accept_s, serve_s, total_s)
    select f.* from service_order o left join service_rating r on r.order_id = o.id
        cross join lateral service_stat_facts(o, r.stars) f;
    get diagnostics counted = row_count;
    perform service_stat_fold();
    return counted;
end
$$;
