-- Honours (issue 18): nominations, consent, vetting by level, public notice with likes, comments and
-- objections, the roll, care for the honoured, brand projects and awards. The design is
-- docs/notes/honor.md; this is its schema, laid down before the parts are built on it.

create sequence honor_nomination_number_seq;

-- A nomination (提名). The nominee's ID number and mobile and the nominator's mobile are sealed with the
-- personal-data keys (the volunteer module's ContactSeal, bound to the column), shown masked, revealed
-- with a reason. `nominee_id_hash` is the keyed hash of the ID number (the duplicate rule and the link to
-- a registered volunteer); a group has no ID: `group_key` (its normalised name) stands in.
create table honor_nomination (
    id                      bigserial     primary key,
    number                  varchar(24)   not null unique,          -- HR-2026-000123
    category                varchar(16)   not null check (category in ('HELPING', 'BRAVERY', 'HONESTY', 'DEDICATION', 'FILIAL')),
    kind                    varchar(8)    not null check (kind in ('PERSON', 'GROUP')),
    nominee_name            varchar(100)  not null,
    nominee_id_cipher       bytea,
    nominee_id_masked       varchar(24),
    nominee_id_key_id       varchar(16),
    nominee_id_hash         bytea,
    nominee_minor           boolean       not null default false,   -- from the ID's birth date: consent by a guardian
    nominee_mobile_cipher   bytea,
    nominee_mobile_masked   varchar(20),
    nominee_mobile_key_id   varchar(16),
    group_key               varchar(200),
    volunteer_id            bigint        references volunteer (id),
    region_code             varchar(12)   not null references region (code),
    region_path             text collate "C" not null,
    deed_date               date,
    title                   varchar(100)  not null,                 -- one line: 冲进火场救出八旬老人
    story                   varchar(5000) not null,                 -- plain text, shown as text
    nominator_kind          varchar(8)    not null check (nominator_kind in ('PUBLIC', 'UNIT', 'SELF')),
    nominator_name          varchar(100)  not null,
    nominator_unit          varchar(100),
    nominator_mobile_cipher bytea         not null,
    nominator_mobile_masked varchar(20)   not null,
    nominator_mobile_key_id varchar(16)   not null,
    nominator_user_id       bigint,                                 -- the nominator's account, when signed in
    entered_by              varchar(64),                            -- staff who entered it on someone's behalf
    follow_token_hash       bytea         not null unique,          -- the nominator's private link
    quarter                 varchar(7)    not null check (quarter ~ '^[0-9]{4}Q[1-4]$'),
    status                  varchar(12)   not null check (status in ('SUBMITTED', 'RETURNED', 'SHORTLISTED', 'IN_NOTICE',
                                'REVIEW', 'PUBLISHED', 'REJECTED', 'WITHDRAWN')),
    vetting_level           varchar(8)    check (vetting_level in ('TOWN', 'COUNTY', 'CITY')),
    portrait_evidence_id    bigint,                                 -- the photo shown publicly, once consented
    submitted_at            timestamptz   not null,
    updated_at              timestamptz   not null,
    version                 int           not null default 0,
    check ((kind = 'PERSON') = (nominee_id_hash is not null)),
    check (kind = 'PERSON' or group_key is not null)
);
-- a living person once a quarter; a group once a quarter per region
create unique index honor_nomination_person_quarter_uk on honor_nomination (nominee_id_hash, quarter)
    where kind = 'PERSON' and status not in ('REJECTED', 'WITHDRAWN');
create unique index honor_nomination_group_quarter_uk on honor_nomination (group_key, region_code, quarter)
    where kind = 'GROUP' and status not in ('REJECTED', 'WITHDRAWN');
create index honor_nomination_vetting_idx on honor_nomination (vetting_level, region_path) where status = 'SUBMITTED';
create index honor_nomination_status_idx on honor_nomination (status, region_path);
create index honor_nomination_volunteer_idx on honor_nomination (volunteer_id) where volunteer_id is not null;

-- Evidence: photos (the casework photo rules: checked by content, re-encoded, stripped) and PDF documents
-- (checked by content). Never public, except the photo a consent names as the portrait.
create table honor_evidence (
    id             bigserial     primary key,
    nomination_id  bigint        not null references honor_nomination (id),
    kind           varchar(8)    not null check (kind in ('PHOTO', 'DOCUMENT')),
    object_key     varchar(200)  not null,
    content_type   varchar(32)   not null,
    bytes          int           not null,
    width          int,
    height         int,
    pages          int,
    caption        varchar(200),
    uploaded_by    varchar(64)   not null,
    uploaded_at    timestamptz   not null
);
create index honor_evidence_nomination_idx on honor_evidence (nomination_id);
alter table honor_nomination add constraint honor_nomination_portrait_fk
    foreign key (portrait_evidence_id) references honor_evidence (id);

-- Vetting (审核) by level: every decision with its reason.
create table honor_vetting (
    id             bigserial     primary key,
    nomination_id  bigint        not null references honor_nomination (id),
    level          varchar(8)    not null check (level in ('TOWN', 'COUNTY', 'CITY')),
    office_region  varchar(12)   not null references region (code),  -- the deciding office's region
    decision       varchar(8)    not null check (decision in ('PASS', 'RETURN', 'REJECT')),
    reason         varchar(1000) not null,
    decided_by     varchar(64)   not null,
    decided_at     timestamptz   not null
);
create index honor_vetting_nomination_idx on honor_vetting (nomination_id, decided_at);

-- Consent to publication (PIPL Art. 25): the snapshot of exactly what will be public and its SHA-256;
-- REQUESTED → GIVEN or DECLINED; GIVEN → WITHDRAWN (by the nominee) or SUPERSEDED (a public field changed).
-- At most one open (REQUESTED or GIVEN) consent per nomination.
create table honor_consent (
    id                bigserial     primary key,
    nomination_id     bigint        not null references honor_nomination (id),
    status            varchar(10)   not null check (status in ('REQUESTED', 'GIVEN', 'DECLINED', 'WITHDRAWN', 'SUPERSEDED')),
    snapshot          jsonb         not null,
    snapshot_sha256   bytea         not null,
    channel           varchar(8)    not null check (channel in ('LINK', 'PAPER')),
    token_hash        bytea         unique,                 -- the one-time link; the token is never stored
    expires_at        timestamptz,
    given_by          varchar(10)   check (given_by in ('NOMINEE', 'GUARDIAN')),
    guardian_name     varchar(100),
    paper_evidence_id bigint        references honor_evidence (id),
    requested_by      varchar(64)   not null,
    requested_at      timestamptz   not null,
    decided_at        timestamptz,
    ended_at          timestamptz,
    ended_by          varchar(64),
    check (status = 'REQUESTED' or decided_at is not null),
    check (status not in ('WITHDRAWN', 'SUPERSEDED') or ended_at is not null)
);
create unique index honor_consent_open_uk on honor_consent (nomination_id) where status in ('REQUESTED', 'GIVEN');
create index honor_consent_given_idx on honor_consent (nomination_id) where status = 'GIVEN';

-- Notice periods (公示) and their shortlists.
create table honor_notice (
    id             bigserial     primary key,
    region_code    varchar(12)   not null references region (code),  -- the office that holds it (the city)
    quarter        varchar(7)    not null check (quarter ~ '^[0-9]{4}Q[1-4]$'),
    title          varchar(200)  not null,
    starts_at      timestamptz   not null,
    ends_at        timestamptz   not null,
    closed_at      timestamptz,                                       -- its nominations moved to REVIEW
    created_by     varchar(64)   not null,
    created_at     timestamptz   not null,
    check (ends_at > starts_at)
);
create table honor_notice_entry (
    notice_id      bigint        not null references honor_notice (id),
    nomination_id  bigint        not null references honor_nomination (id),
    position       int           not null,
    primary key (notice_id, nomination_id)
);
create unique index honor_notice_entry_nomination_uk on honor_notice_entry (nomination_id);

-- Likes (点赞): one per person per nominee per day by the key; suspect ones are kept, not counted.
create table honor_like (
    nomination_id  bigint        not null references honor_nomination (id),
    liker_key      bytea         not null,     -- the account, or an HMAC of the address block and the session
    day            date          not null,     -- Asia/Shanghai
    client_hash    bytea         not null,     -- HMAC of the address block: the per-address cap
    liked_at       timestamptz   not null,
    counted        boolean       not null,
    suspect        varchar(16)   check (suspect in ('ADDRESS_CAP', 'NO_PROOF', 'BAD_PROOF', 'REPLAYED', 'NO_SESSION', 'HEADLESS')),
    primary key (nomination_id, liker_key, day),
    check (counted = (suspect is null))
);
create index honor_like_client_day_idx on honor_like (client_hash, day);
create index honor_like_suspect_idx on honor_like (nomination_id) where suspect is not null;
create table honor_like_count (
    nomination_id  bigint        not null references honor_nomination (id),
    stripe         smallint      not null check (stripe between 0 and 15),
    likes          bigint        not null default 0,
    primary key (nomination_id, stripe)
);
-- spent proof-of-work challenges (single use); a timed job deletes the expired ones
create table honor_pow_spent (
    challenge_hash bytea         primary key,
    expires_at     timestamptz   not null
);
create index honor_pow_spent_expires_idx on honor_pow_spent (expires_at);

-- Comments (评议): shown only once approved, always as text.
create table honor_comment (
    id             bigserial     primary key,
    nomination_id  bigint        not null references honor_nomination (id),
    body           varchar(500)  not null,
    author_name    varchar(50),
    author_user_id bigint,
    client_hash    bytea         not null,
    status         varchar(10)   not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    moderated_by   varchar(64),
    moderated_at   timestamptz,
    created_at     timestamptz   not null
);
create index honor_comment_nomination_idx on honor_comment (nomination_id, status, created_at);
create index honor_comment_pending_idx on honor_comment (created_at) where status = 'PENDING';

-- Objections (异议): recorded and answered; never public. The objector follows by a private link.
create table honor_objection (
    id                 bigserial     primary key,
    nomination_id      bigint        not null references honor_nomination (id),
    body               varchar(2000) not null,
    objector_name      varchar(100)  not null,
    contact_cipher     bytea         not null,
    contact_masked     varchar(20)   not null,
    contact_key_id     varchar(16)   not null,
    follow_token_hash  bytea         not null unique,
    status             varchar(10)   not null check (status in ('RECEIVED', 'ANSWERED')),
    answer             varchar(2000),
    upheld             boolean,
    answered_by        varchar(64),
    answered_at        timestamptz,
    created_at         timestamptz   not null,
    check ((status = 'ANSWERED') = (answer is not null))
);
create index honor_objection_nomination_idx on honor_objection (nomination_id);
create index honor_objection_open_idx on honor_objection (created_at) where status = 'RECEIVED';

-- The roll (好人榜): one entry per nomination and honour.
create table honor_roll_entry (
    id                 bigserial     primary key,
    nomination_id      bigint        not null references honor_nomination (id),
    honour             varchar(24)   not null check (honour in ('CITY_GOOD', 'PROVINCE_GOOD', 'NATION_GOOD',
                           'CITY_MORAL_MODEL', 'PROVINCE_MORAL_MODEL', 'NATION_MORAL_MODEL')),
    period             varchar(7)    not null check (period ~ '^[0-9]{4}(Q[1-4])?$'),  -- a quarter, or a moral model's year
    citation           varchar(500),
    decision_document  varchar(200),          -- the province's or the nation's decision: 粤文明办〔2026〕12号
    published_by       varchar(64)   not null,
    published_at       timestamptz   not null,
    unique (nomination_id, honour)
);
create index honor_roll_entry_list_idx on honor_roll_entry (honour, period desc, id desc);
create index honor_roll_entry_recent_idx on honor_roll_entry (published_at desc, id desc);

-- What the public may see: roll entries and notice shortlists whose nominee's consent is given and not
-- withdrawn. Every public read path reads these views, so a withdrawal hides the person everywhere.
create view honor_public_entry as
select e.id, e.nomination_id, e.honour, e.period, e.citation, e.published_at,
       n.category, n.kind, n.nominee_name, n.title, n.story, n.region_code, n.region_path, n.deed_date,
       n.portrait_evidence_id
from honor_roll_entry e
join honor_nomination n on n.id = e.nomination_id
where exists (select 1 from honor_consent c where c.nomination_id = n.id and c.status = 'GIVEN');

create view honor_public_shortlist as
select ne.notice_id, ne.nomination_id, ne.position, no.region_code as notice_region, no.quarter,
       no.starts_at, no.ends_at,
       n.category, n.kind, n.nominee_name, n.title, n.story, n.region_code, n.region_path, n.portrait_evidence_id
from honor_notice_entry ne
join honor_notice no on no.id = ne.notice_id
join honor_nomination n on n.id = ne.nomination_id
where n.status in ('IN_NOTICE', 'REVIEW', 'PUBLISHED')
  and exists (select 1 from honor_consent c where c.nomination_id = n.id and c.status = 'GIVEN');

-- Care (礼遇帮扶): the measures a city grants and who received what. Never public.
create table honor_care_measure (
    id             bigserial     primary key,
    region_code    varchar(12)   not null references region (code),  -- the granting office
    code           varchar(32)   not null,
    kind           varchar(16)   not null check (kind in ('HEALTH_CHECK', 'TRANSIT', 'SCENIC', 'HARDSHIP_AID', 'OTHER')),
    name           varchar(100)  not null,
    description    varchar(1000) not null default '',
    default_amount numeric(12, 2) check (default_amount >= 0),
    active         boolean       not null default true,
    created_by     varchar(64)   not null,
    created_at     timestamptz   not null,
    unique (region_code, code)
);
create table honor_care_grant (
    id             bigserial     primary key,
    roll_entry_id  bigint        not null references honor_roll_entry (id),
    measure_id     bigint        not null references honor_care_measure (id),
    region_path    text collate "C" not null,       -- the honoured person's region: the data scope
    amount         numeric(12, 2) check (amount >= 0),
    granted_on     date          not null,
    note           varchar(500),
    recorded_by    varchar(64)   not null,
    recorded_at    timestamptz   not null
);
create index honor_care_grant_scope_idx on honor_care_grant (region_path, granted_on);
create index honor_care_grant_entry_idx on honor_care_grant (roll_entry_id);

-- Volunteer service brands (志愿服务品牌项目) and awards.
create table honor_brand_project (
    id             bigserial     primary key,
    name           varchar(100)  not null,
    description    varchar(2000) not null default '',
    team_id        bigint        references team (id),
    site_id        bigint        references practice_site (id),
    region_code    varchar(12)   not null references region (code),
    region_path    text collate "C" not null,
    since_year     int           check (since_year between 1949 and 2100),
    status         varchar(8)    not null default 'ACTIVE' check (status in ('ACTIVE', 'RETIRED')),
    created_by     varchar(64)   not null,
    created_at     timestamptz   not null
);
create index honor_brand_project_team_idx on honor_brand_project (team_id) where team_id is not null;
create index honor_brand_project_site_idx on honor_brand_project (site_id) where site_id is not null;
create index honor_brand_project_region_idx on honor_brand_project (region_path);
create table honor_award (
    id             bigserial     primary key,
    project_id     bigint        references honor_brand_project (id),
    team_id        bigint        references team (id),
    site_id        bigint        references practice_site (id),
    volunteer_id   bigint        references volunteer (id),
    title          varchar(200)  not null,                  -- 全国学雷锋志愿服务"四个100"最佳志愿服务项目
    issuer         varchar(200)  not null,
    level          varchar(8)    not null check (level in ('CITY', 'PROVINCE', 'NATION')),
    year           int           not null check (year between 1949 and 2100),
    document_key   varchar(200),                            -- the award document in the object store
    region_path    text collate "C" not null,
    recorded_by    varchar(64)   not null,
    recorded_at    timestamptz   not null,
    check (num_nonnulls(project_id, team_id, site_id, volunteer_id) = 1)
);
create index honor_award_project_idx on honor_award (project_id) where project_id is not null;
create index honor_award_team_idx on honor_award (team_id) where team_id is not null;
create index honor_award_site_idx on honor_award (site_id) where site_id is not null;
create index honor_award_volunteer_idx on honor_award (volunteer_id) where volunteer_id is not null;
