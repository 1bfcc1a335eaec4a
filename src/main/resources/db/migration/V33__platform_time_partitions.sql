-- Time partitions (docs/notes/distribution.md, "Time partitions"): the big tables are range-partitioned
-- by year on a date or timestamptz column, each with a DEFAULT partition, so a row never fails to
-- insert for want of a partition. Years are cut at midnight in the city's time (Asia/Shanghai).
--
-- platform_year_partition(parent, year) makes the year's partition when it is missing; rows of that
-- year already in the default partition are moved into it first (PostgreSQL refuses a new range while
-- the default holds rows of it). The new table is attached rather than created as a partition, so the
-- parent is only locked SHARE UPDATE EXCLUSIVE and reads and writes go on meanwhile; the attach makes
-- the partition's indexes and foreign keys from the parent's.
create function platform_year_partition(parent regclass, year int) returns boolean
language plpgsql as $$
declare
    schema_name    name;
    parent_name    name;
    key_column     name;
    key_type       regtype;
    partition_name name;
    default_name   name;
    lower_bound    text;
    upper_bound    text;
begin
    if year not between 1900 and 9998 then
        raise exception 'year % out of range', year;
    end if;
    select n.nspname, c.relname, a.attname, a.atttypid::regtype
      into schema_name, parent_name, key_column, key_type
      from pg_partitioned_table p
      join pg_class c on c.oid = p.partrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0]
     where p.partrelid = parent and p.partstrat = 'r' and p.partnatts = 1;
    if key_column is null then
        raise exception '% is not range-partitioned on one column', parent;
    end if;
    partition_name := parent_name || '_' || year;
    if exists (select 1 from pg_class c where c.relname = partition_name and c.relnamespace = (
            select oid from pg_namespace where nspname = schema_name)) then
        return false;
    end if;
    if key_type = 'date'::regtype then
        lower_bound := make_date(year, 1, 1)::text;
        upper_bound := make_date(year + 1, 1, 1)::text;
    elsif key_type = 'timestamp with time zone'::regtype then
        lower_bound := make_date(year, 1, 1)::text || ' 00:00:00+08';
        upper_bound := make_date(year + 1, 1, 1)::text || ' 00:00:00+08';
    else
        raise exception '% is partitioned on %, not a date or timestamptz', parent, key_type;
    end if;
    execute format('create table %I.%I (like %I.%I including defaults including constraints including generated)',
        schema_name, partition_name, schema_name, parent_name);
    select c.relname into default_name
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = parent and c.relpartbound is not null
       and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT';
    if default_name is not null then
        execute format('with moved as (delete from %I.%I where %I >= %L and %I < %L returning *) '
                       'insert into %I.%I select * from moved',
            schema_name, default_name, key_column, lower_bound, key_column, upper_bound,
            schema_name, partition_name);
    end if;
    execute format('alter table %I.%I attach partition %I.%I for values from (%L) to (%L)',
        schema_name, parent_name, schema_name, partition_name, lower_bound, upper_bound);
    return true;
end $$;

comment on function platform_year_partition(regclass, int) is
    'Makes the year''s range partition of a table partitioned by year (moving that year''s rows out of its default partition); false when it exists.';

-- What the daily job runs (TimePartitions): for every table partitioned by year, this year's and the
-- next `ahead` years' partitions, and a partition for every year that has rows in the default partition
-- (a row far in the past or future lands there first and is moved out here). Returns how many
-- partitions it made.
create function platform_maintain_partitions(ahead int) returns int
language plpgsql as $$
declare
    t        record;
    y        int;
    made     int := 0;
    this_year int := extract(year from now() at time zone 'Asia/Shanghai')::int;
    years    int[];
begin
    -- one node at a time (two would race to create the same partition)
    perform pg_advisory_xact_lock(hashtext('platform_maintain_partitions'));
    for t in
        select p.partrelid::regclass as parent, a.attname as key_column, a.atttypid::regtype as key_type,
               (select i.inhrelid::regclass from pg_inherits i join pg_class c on c.oid = i.inhrelid
                 where i.inhparent = p.partrelid and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT') as default_partition
          from pg_partitioned_table p
          join pg_class pc on pc.oid = p.partrelid
          join pg_attribute a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0]
         where p.partstrat = 'r' and p.partnatts = 1 and not pc.relispartition
           and a.atttypid in ('date'::regtype, 'timestamp with time zone'::regtype)
         order by 1
    loop
        years := array(select generate_series(this_year, this_year + ahead));
        if t.default_partition is not null then
            execute format(case when t.key_type = 'date'::regtype
                                then 'select array(select distinct extract(year from %I)::int from %s)'
                                else 'select array(select distinct extract(year from %I at time zone ''Asia/Shanghai'')::int from %s)' end,
                           t.key_column, t.default_partition)
               into strict years;
            years := years || array(select generate_series(this_year, this_year + ahead));
        end if;
        foreach y in array years loop
            if y between 1900 and 9998 and platform_year_partition(t.parent, y) then
                made := made + 1;
            end if;
        end loop;
    end loop;
    return made;
end $$;
