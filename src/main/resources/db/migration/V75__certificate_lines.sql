-- Issue 22: a certificate may carry the volunteer's commendations and trainings beside the hours, when the
-- volunteer asks for them. The lines are recorded as printed (like the figures), so the certificate reads the
-- same when downloaded again and the public verification page shows what was printed. A same-day download
-- keeps its number only when the lines are the same too.

create table service_certificate_line (
    certificate_id  bigint        not null references service_certificate (id) on delete cascade,
    position        int           not null,
    kind            varchar(10)   not null check (kind in ('AWARD', 'TRAINING')),
    title           varchar(200)  not null,
    by_whom         varchar(200)  not null,                  -- issuer of a commendation, provider of a training
    detail_key      varchar(100),                            -- a message key: the level, "{0} hours"
    detail_argument varchar(40),
    dated           date          not null,
    primary key (certificate_id, position)
);

alter table service_certificate add column lines_key text not null default '';
drop index service_certificate_same_day_idx;
create unique index service_certificate_same_day_idx on service_certificate
    (volunteer_id, coalesce(period_from, date '0001-01-01'), period_to, issued_on, figures_key, lines_key);
