-- The newsroom (issue 19, part B): articles written and reviewed by the civilization offices, every
-- published body kept with the hash of its rendered form (what the later integrity sweep compares a fetched
-- page against), photos in the object store, and the allowlist of domains an article may link to.
-- The design is docs/notes/newsroom.md.

create sequence news_article_number_seq;

create table news_article (
    id                  bigserial     primary key,
    number              varchar(24)   not null unique,            -- N2026-000123, the public URL /news/N2026-000123
    region_code         varchar(12)   not null references region (code),
    region_path         text collate "C" not null,
    status              varchar(10)   not null default 'DRAFT'
                        check (status in ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'WITHDRAWN')),
    title               varchar(200)  not null,
    subtitle            varchar(200),
    lead                varchar(1000),                             -- 核心提示
    body_html           text          not null,                    -- sanitized (BodySanitizer), canonical serialization
    tags                text[]        not null default '{}',
    source              varchar(100),
    reporters           text[]        not null default '{}',       -- 记者
    correspondents      text[]        not null default '{}',       -- 通讯员
    editor              varchar(50),                               -- 编辑, a real name
    reprint_source      varchar(100),                              -- a reprint's original publication
    reprint_author      varchar(100),
    reprint_title       varchar(200),
    reprint_url         varchar(500)  check (reprint_url is null or reprint_url like 'https://%'),
    reprint_terms       varchar(500),
    created_by          varchar(64)   not null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    submitted_by        varchar(64),
    submitted_at        timestamptz,
    reviewed_by         varchar(64),
    reviewed_at         timestamptz,
    return_reason       varchar(500),
    published_at        timestamptz,
    version             integer       not null default 0,          -- the newest published version, 0 before
    withdrawn_by        varchar(64),
    withdrawn_at        timestamptz,
    withdraw_reason     varchar(500),
    view_count          bigint        not null default 0,
    -- four eyes: whoever approves is neither the author nor who submitted it (also checked in Articles)
    constraint news_article_four_eyes check (reviewed_by is null
        or (reviewed_by <> created_by and (submitted_by is null or reviewed_by <> submitted_by))),
    constraint news_article_published_reviewed check (status not in ('PUBLISHED', 'WITHDRAWN')
        or (reviewed_by is not null and published_at is not null and version > 0)),
    constraint news_article_reprint_whole check ((reprint_source is null) = (reprint_url is null))
);

create index news_article_public on news_article (published_at desc, id desc) where status = 'PUBLISHED';
create index news_article_scope on news_article (region_path collate "C", status);
create index news_article_tags on news_article using gin (tags);

-- Every published body: the first publication is version 1, each correction the next. body_sha256 is the
-- SHA-256 (hex) of the rendered article body exactly as /news/{number} emits it inside its
-- <div class="article-body"> (ArticleBodies.render), the integrity sweep's reference.
create table news_article_version (
    article_id          bigint        not null references news_article (id),
    version             integer       not null check (version > 0),
    title               varchar(200)  not null,
    body_html           text          not null,
    body_sha256         char(64)      not null,
    published_at        timestamptz   not null,
    published_by        varchar(64)   not null,
    correction_note     varchar(1000),
    primary key (article_id, version),
    constraint news_version_correction_noted check (version = 1 or correction_note is not null)
);

create table news_photo (
    id                  bigserial     primary key,
    article_id          bigint        not null references news_article (id),
    object_key          varchar(200)  not null unique,
    content_type        varchar(32)   not null,
    width               integer       not null,
    height              integer       not null,
    caption             varchar(300),
    credit              varchar(100),                              -- 供图
    position            integer       not null,
    uploaded_by         varchar(64)   not null,
    uploaded_at         timestamptz   not null,
    unique (article_id, position)
);

-- Domains an article body may link to (a link elsewhere becomes plain text), kept by the city's staff.
create table news_link_domain (
    domain              varchar(253)  primary key check (domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'),
    note                varchar(200),
    added_by            varchar(64)   not null,
    added_at            timestamptz   not null
);
