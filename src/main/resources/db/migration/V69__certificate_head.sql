-- The signed tree head a certificate was issued against (issue 20): one row per city whose tree holds
-- records of the certificate (usually one). The head itself lives in the ledger's heads table (V68); this
-- names it by city, tree size and signed time, so the public page proves the certificate's records against
-- it (or against a newer head, with the consistency proof between the two). Certificates issued before
-- this change have no row: their page proves against the latest head.
create table service_certificate_head (
    certificate_id  bigint       not null references service_certificate (id),
    city_code       varchar(4)   not null,
    tree_size       bigint       not null check (tree_size > 0),
    signed_at       timestamptz  not null,
    primary key (certificate_id, city_code)
);
