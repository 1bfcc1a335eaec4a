-- Issue 19 part A: the government-service catalogue (政务服务事项目录). One row per item a region's government
-- offers, with the scope tags 同城通办 (CITY_WIDE), 佛肇通办 (FOSHAN_ZHAOQING) and 跨省通办 (CROSS_PROVINCE), and
-- its search tokens (platform.search.SearchTokens: CJK unigrams and bigrams, Latin words) under a GIN index.
create table catalogue_item (
    id              bigint generated always as identity primary key,
    city_code       varchar(4)    not null,                      -- the city the code is unique in
    code            varchar(40)   not null,                      -- the item's code in the city's catalogue
    name            varchar(200)  not null,
    department      varchar(100)  not null,
    level           varchar(12)   not null check (level in ('PROVINCE', 'CITY', 'COUNTY', 'TOWN', 'VILLAGE')),
    region_code     varchar(12)   not null references region (code),
    region_path     text collate "C" not null,                   -- the region that offers it: the data scope
    how_to_apply    varchar(4000) not null default '',           -- where and how to apply
    online_link     varchar(500)  check (online_link is null or online_link like 'https://%'),
    materials       varchar(8000) not null default '',           -- one per line
    time_limit_days integer       check (time_limit_days is null or time_limit_days between 0 and 3650),
    fee             varchar(200)  not null default '',
    scopes          text[]        not null default '{}'
        check (scopes <@ array['CITY_WIDE', 'FOSHAN_ZHAOQING', 'CROSS_PROVINCE']::text[]),
    partners        text[]        not null default '{}',         -- partner regions (names or codes)
    search_tokens   text[]        not null default '{}',
    created_at      timestamptz   not null default now(),
    updated_at      timestamptz   not null default now(),
    updated_by      varchar(64)   not null,
    version         integer       not null default 0,
    unique (city_code, code)
);

create index catalogue_item_tokens on catalogue_item using gin (search_tokens);
create index catalogue_item_scopes on catalogue_item using gin (scopes);
create index catalogue_item_region on catalogue_item (region_path collate "C");
create index catalogue_item_department on catalogue_item (department);
