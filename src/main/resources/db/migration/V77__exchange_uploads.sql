-- Record transfer (issue 22): an import file previewed by the office is kept in the object store until it is
-- stored; one previewed and never stored is removed after wenming.exchange.upload-retention (the object store
-- cannot list by age, so the keys and their time are kept here).
create table exchange_upload (
    object_key   varchar(200)  primary key,
    uploaded_by  bigint        not null,
    uploaded_at  timestamptz   not null default now()
);
create index exchange_upload_age_idx on exchange_upload (uploaded_at);
