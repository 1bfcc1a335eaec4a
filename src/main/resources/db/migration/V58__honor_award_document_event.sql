-- Issue 18 (session 14, part A): an award document attached, replaced or removed is recorded with who and
-- when (the award row keeps only the current key; the object of a replaced or removed document is deleted
-- from the store once the change commits).
create table honor_award_document_event (
    id            bigserial     primary key,
    award_id      bigint        not null references honor_award (id),
    action        varchar(8)    not null check (action in ('ATTACH', 'REMOVE')),
    document_key  varchar(200)  not null,
    acted_by      varchar(64)   not null,
    acted_at      timestamptz   not null
);
create index honor_award_document_event_award_idx on honor_award_document_event (award_id, acted_at);
