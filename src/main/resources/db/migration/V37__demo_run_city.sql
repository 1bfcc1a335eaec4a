-- A database may hold several cities' demo data (issue 15: the cost curve with 1, 2 and 4 cities'
-- worth of rows): a run is per city, and a city is generated once.
alter table demo_run add column city_code varchar(4);
-- runs before this migration were of the installation's city: the city of the sites they marked as
-- demonstration sites (path 44.CCCC.…), else Zhaoqing, the scenario's city
update demo_run set city_code = coalesce(
    (select split_part(region_path, '.', 2) from practice_site where demonstration and updated_by = 'demo' limit 1),
    '4412');
alter table demo_run alter column city_code set not null;
alter table demo_run add constraint demo_run_city_uq unique (city_code);
