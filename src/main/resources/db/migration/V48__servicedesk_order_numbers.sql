-- The service desk, part 1 (issue 17): order numbers per year (SD-2026-000123). One row per year, counted
-- up in the ordering transaction (insert … on conflict do update), so numbers are gapless per year and
-- every node counts on the same row.
create table service_order_counter (
    year           int           primary key check (year between 2000 and 9999),
    last_number    int           not null check (last_number >= 0)
);
