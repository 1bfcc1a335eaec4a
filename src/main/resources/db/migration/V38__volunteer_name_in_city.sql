-- Volunteer search by name, bounded and within the city.
--
-- The database's collation (C.UTF-8 here, zh_CN.UTF-8 elsewhere) gives `like '陈%'` no index bounds on a
-- plain (real_name, id) index, so a city office's search walked the name order from its start across
-- every city's volunteers until 20 of its own matched: 10 ms with one city's data, 112 ms with four
-- (docs/BENCHMARKS.md, cost curve). Names are now compared as code points (collate "C": `like` then
-- bounds the walk to the prefix, and the order is the same on every installation), and the index leads
-- with the city, the second segment of the region path, which every search by a city's or a finer
-- office names (`split_part(v.region_path, '.', 2) = :city`).
drop index if exists volunteer_name_idx;
drop index if exists volunteer_name_order_idx;
create index volunteer_city_name_idx on volunteer (split_part(region_path, '.', 2), (real_name collate "C"), id);
-- the province's and the administrator's searches, which no city bounds
create index volunteer_name_order_idx on volunteer ((real_name collate "C"), id);
