-- Administrative divisions (行政区划): province 1, city 2, county 3, town 4, village 5.
-- path is the materialised path of codes ("44.4412.441202."), collated "C" so that a subtree is
-- one index range: path >= '44.4412.' and path < '44.4412/'.
create table region (
    code        varchar(12) primary key,
    name        varchar(100) not null,
    level       smallint     not null check (level between 1 and 5),
    parent_code varchar(12) references region (code),
    path        text collate "C" not null unique
);
create index region_parent_idx on region (parent_code);
create index region_level_idx on region (level);

-- Which division catalogues were loaded (by checksum of the files), so a restart skips the load.
create table region_catalogue (
    checksum  char(64) primary key,
    regions   int         not null,
    loaded_at timestamptz not null
);
