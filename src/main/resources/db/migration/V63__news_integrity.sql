-- The newsroom's published-page integrity sweep (issue 19, newsroom part D): every published article is
-- fetched over HTTP as a reader's browser, Baidu's and Google's crawlers and a visitor from a search engine,
-- and each answer's article body is compared with the hash kept at publication; the page is searched for
-- content hidden by CSS and links off the allowlist. A sweep is one row; what it found, one row per article,
-- identity and kind. Sweeps older than wenming.newsroom.integrity.retention are deleted by the sweep job.
-- The design is docs/notes/newsroom.md, "The integrity sweep".

create table news_integrity_sweep (
    id                  bigserial     primary key,
    started_at          timestamptz   not null,
    finished_at         timestamptz,                               -- null while it runs (or if its node died)
    started_by          varchar(64)   not null,                    -- a staff username, or 'timer'
    base_url            varchar(300)  not null,
    articles            integer       not null default 0,
    fetches             integer       not null default 0,
    findings            integer       not null default 0,
    alarms              integer       not null default 0           -- findings not already found by the previous sweep
);

create index news_integrity_sweep_started on news_integrity_sweep (started_at desc);

create table news_integrity_finding (
    id                  bigserial     primary key,
    sweep_id            bigint        not null references news_integrity_sweep (id) on delete cascade,
    article_id          bigint        not null references news_article (id),
    version             integer       not null,
    identity            varchar(16)   not null check (identity in ('BROWSER', 'BAIDUSPIDER', 'GOOGLEBOT', 'SEARCH_VISITOR')),
    kind                varchar(20)   not null check (kind in ('STATUS', 'REDIRECT', 'FETCH_FAILED', 'BODY_CHANGED',
                                                              'HIDDEN_CONTENT', 'OFF_LIST_LINK', 'INLINE_SCRIPT')),
    cloaked             boolean       not null default false,      -- this answer differs from the browser's
    alarmed             boolean       not null,                    -- new since the previous sweep: audited and told
    detail              varchar(4200) not null,                    -- what was found, with the diff, bounded
    found_at            timestamptz   not null,
    unique (sweep_id, article_id, identity, kind)
);

create index news_integrity_finding_article on news_integrity_finding (article_id);
