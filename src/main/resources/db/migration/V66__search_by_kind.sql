-- The search per kind (issue 19; portal.Search): every answer asks each kind for its newest matches with a
-- limit, so that PostgreSQL either walks the kind's recency index and stops after a few rows (a word half the
-- documents hold: "文明实践" in 43,000 of 100,000) or intersects the kind's own GIN postings (a rare word).
-- One GIN index over every kind made a rare word's search of a small kind (sites) visit the pages of every
-- kind's matches, and a common word's search sort all of them. Measured by bench/search.sh.
create index search_document_recent_idx on search_document (kind, published_at desc nulls last, ref);
create index search_document_news_idx on search_document using gin (tokens) where kind = 'NEWS';
create index search_document_service_idx on search_document using gin (tokens) where kind = 'SERVICE';
create index search_document_activity_idx on search_document using gin (tokens) where kind = 'ACTIVITY';
create index search_document_site_idx on search_document using gin (tokens) where kind = 'SITE';
create index search_document_team_idx on search_document using gin (tokens) where kind = 'TEAM';
create index search_document_honour_idx on search_document using gin (tokens) where kind = 'HONOUR';
drop index search_document_tokens_idx;
