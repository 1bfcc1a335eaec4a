-- The search over everything public (issue 19; docs/notes/portal.md). One row per public thing of another
-- module (a news article, a government service, an activity, a site, a team, an honour), fed by the owners'
-- PublicDocumentChanged / PublicDocumentRemoved events and refilled from their PublicDocuments. Only public
-- fields; the text is kept as its search tokens (platform.search.SearchTokens: CJK unigrams and bigrams,
-- Latin words), a GIN index finding the rows that hold all of a query's tokens.
create table search_document (
    kind          varchar(16)   not null check (kind in ('NEWS', 'SERVICE', 'ACTIVITY', 'SITE', 'TEAM', 'HONOUR')),
    ref           varchar(64)   collate "C" not null,
    region_path   text          collate "C",
    title         varchar(300)  not null,
    summary       varchar(1000) not null default '',
    url           varchar(500)  not null,
    tokens        text[]        not null,
    title_tokens  text[]        not null,
    published_at  timestamptz,
    indexed_at    timestamptz   not null,
    primary key (kind, ref)
);
create index search_document_tokens_idx on search_document using gin (tokens);
