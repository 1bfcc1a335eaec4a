-- Volunteers (志愿者). Personal numbers (ID, phones) are never stored in plain text: each is kept
-- as AES-GCM ciphertext (key chosen by key_id, so keys can rotate), an HMAC-SHA256 keyed hash for
-- exact lookup and duplicate checks, and the masked form that every page shows
-- (4412**********1234, 138****1234). phone_last4 serves "last 4 digits of the phone" search.
-- region_path copies region.path so a data-scope range needs no join.
create table volunteer (
    id                      bigserial primary key,
    volunteer_number        varchar(20)  not null unique,   -- unified code, random, not derived from the ID
    real_name               varchar(50)  not null,
    name_initials           varchar(50)  not null,          -- pinyin initials, lower case: 张三 -> zs
    id_type                 varchar(24)  not null,          -- RESIDENT_ID, PASSPORT, HK_MACAO_PERMIT, TAIWAN_PERMIT, FOREIGNER_PR
    id_number_cipher        bytea        not null,
    id_number_hash          bytea        not null,
    id_number_masked        varchar(40)  not null,
    phone_cipher            bytea        not null,
    phone_hash              bytea        not null,
    phone_masked            varchar(20)  not null,
    phone_last4             char(4)      not null,
    key_id                  varchar(16)  not null,          -- which key encrypted this row's ciphertexts
    gender                  char(1)      not null check (gender in ('M', 'F')),
    birth_date              date         not null,
    region_code             varchar(12)  not null references region (code),
    region_path             text collate "C" not null,
    skills                  text[]       not null default '{}',
    availability            varchar(200),
    emergency_name          varchar(50),
    emergency_phone_cipher  bytea,
    emergency_phone_masked  varchar(20),
    guardian_name           varchar(50),
    guardian_relation       varchar(20),
    guardian_phone_cipher   bytea,
    guardian_phone_masked   varchar(20),
    guardian_consent_at     timestamptz,
    consent_version         varchar(20)  not null,          -- privacy notice the volunteer agreed to
    consent_at              timestamptz  not null,
    status                  varchar(16)  not null default 'ACTIVE' check (status in ('ACTIVE', 'WITHDRAWN')),
    withdrawn_at            timestamptz,
    user_id                 bigint unique references app_user (id),  -- the volunteer's own login, if any
    registered_by           varchar(64)  not null,          -- 'self' or the staff username
    created_at              timestamptz  not null default now(),
    updated_at              timestamptz  not null default now(),
    version                 int          not null default 0,
    unique (id_type, id_number_hash)                         -- one person, one registration
);
create index volunteer_scope_idx on volunteer (region_path, id);
create index volunteer_phone_hash_idx on volunteer (phone_hash);
create index volunteer_phone_last4_idx on volunteer (phone_last4, region_path);
create index volunteer_name_idx on volunteer (real_name text_pattern_ops);
create index volunteer_initials_idx on volunteer (name_initials text_pattern_ops);
