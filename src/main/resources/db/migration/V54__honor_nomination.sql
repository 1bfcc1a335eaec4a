-- Honours part A (issue 18): what the nomination form and the staff pages need beyond V53.

-- The client a nomination came from (a keyed hash of the account, never an address in clear): the
-- per-client limit counts stored nominations, so every node counts the same.
alter table honor_nomination add column client_hash bytea;
create index honor_nomination_client_idx on honor_nomination (client_hash, submitted_at) where client_hash is not null;

-- Reveals of a nomination's sealed numbers by staff (查看完整信息): who, what, why, when; refusals too.
create table honor_reveal (
    id             bigserial     primary key,
    nomination_id  bigint        not null references honor_nomination (id),
    region_path    text collate "C" not null,     -- the nomination's region: whose records the office reads
    field          varchar(16)   not null check (field in ('NOMINEE_ID', 'NOMINEE_MOBILE', 'NOMINATOR_MOBILE')),
    reason         varchar(200)  not null,
    actor_user_id  bigint        not null,
    actor          varchar(64)   not null,
    outcome        varchar(8)    not null check (outcome in ('GRANTED', 'REFUSED')),
    occurred_at    timestamptz   not null
);
create index honor_reveal_nomination_idx on honor_reveal (nomination_id, occurred_at);

-- Why staff ended a consent (a withdrawal the nominee asked for by telephone or in person).
alter table honor_consent add column ended_reason varchar(500);
