-- Casework: a case's history (case_event, several rows per case and the casework's biggest table)
-- partitioned by the year it happened. Nothing refers to an event by its id, which stays unique by its
-- sequence; the primary key carries occurred_at because PostgreSQL asks for it. A case's events are
-- read by case_id through each year's (case_id, id) index.
--
-- rectification_case stays one table: five tables refer to it by id, and case_number and the follow
-- token are unique on their own; no time column follows from either. A city's cases number in the
-- hundreds of thousands over the years, not tens of millions.

alter table case_event rename to case_event_whole;

create table case_event (
    id           bigint       not null default nextval('case_event_id_seq'),
    case_id      bigint       not null,
    kind         varchar(24)  not null,
    from_status  varchar(16),
    to_status    varchar(16),
    actor        varchar(64)  not null,
    reason       varchar(1000),
    detail       jsonb,
    occurred_at  timestamptz  not null default now()
) partition by range (occurred_at);
alter sequence case_event_id_seq owned by case_event.id;
create table case_event_default partition of case_event default;

select platform_year_partition('case_event', y)
  from generate_series(
      least(2015, (select extract(year from min(occurred_at) at time zone 'Asia/Shanghai')::int from case_event_whole)),
      greatest(extract(year from now() at time zone 'Asia/Shanghai')::int + 1,
               (select extract(year from max(occurred_at) at time zone 'Asia/Shanghai')::int from case_event_whole))) y;

insert into case_event (id, case_id, kind, from_status, to_status, actor, reason, detail, occurred_at)
select id, case_id, kind, from_status, to_status, actor, reason, detail, occurred_at from case_event_whole;
drop table case_event_whole;

alter table case_event add constraint case_event_pkey primary key (id, occurred_at);
alter table case_event add constraint case_event_case_id_fkey foreign key (case_id) references rectification_case (id);
create index case_event_case_idx on case_event (case_id, id);
