-- Practice sites (新时代文明实践阵地): one centre per county, one institute per town, one station per
-- village (generated on first start), plus points and bases added by staff.
--
-- region_path is a copy of region.path (division paths never change once loaded), kept here so that
-- a subtree listing is a single range scan on this table's own index, with no join:
--   region_path >= :lower and region_path < :upper order by region_path, id
create table practice_site (
    id            bigserial primary key,
    region_code   varchar(12)  not null references region (code),
    region_path   text collate "C" not null,
    kind          varchar(16)  not null check (kind in ('CENTRE', 'INSTITUTE', 'STATION', 'POINT', 'BASE')),
    name          varchar(100) not null check (length(name) between 1 and 100),
    demonstration boolean      not null default false,
    address       varchar(200),
    opening_hours varchar(100),
    contact_name  varchar(50),
    contact_phone varchar(20),
    latitude      numeric(9, 6) check (latitude between -90 and 90),
    longitude     numeric(9, 6) check (longitude between -180 and 180),
    description   varchar(2000),
    generated     boolean      not null default false,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    updated_by    varchar(64)  not null,
    version       integer      not null default 0
);

-- A region has at most one centre, institute or station (points and bases are not limited).
create unique index practice_site_network_uq on practice_site (region_code, kind)
    where kind in ('CENTRE', 'INSTITUTE', 'STATION');

-- Subtree listing in tree order: a county's centre, then each town's institute and its stations.
create index practice_site_path_idx on practice_site (region_path, id);
