-- A version of the service desk's statistics, so that a node may keep a report and know, with one cheap
-- read, that it is still exact (issue 17: the city's statistics at 4 connections; docs/notes/servicedesk.md,
-- "A report kept per node"). What a report counts is the cells plus the deltas not yet folded. Between two
-- folds the deltas only grow (the triggers insert, nothing else deletes), so in one snapshot
-- (generation, count of deltas) names exactly one state of the figures: a commit that changes an order adds
-- delta rows (the count grows), and a fold or a rebuild, which change the cells and take deltas away, move
-- the generation on in the same transaction. The writers never touch this row (orders never wait on it);
-- only the fold does, one at a time under its advisory lock, every 30 s at most when there was something
-- to fold.
create table service_stat_generation (
    one  boolean  primary key default true check (one),
    n    bigint   not null
);
insert into service_stat_generation (one, n) values (true, 0);

create or replace function service_stat_fold() returns bigint
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
    if moved > 0 then
        update service_stat_generation set n = n + 1;
    end if;
    return moved;
end
$$;

-- Recounts the cells from service_order: writers wait (share lock) until the caller's transaction ends.
create or replace function service_stat_rebuild() returns bigint
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
    update service_stat_generation set n = n + 1;
    return counted;
end
$$;
