-- Field assessment, rounds (issue 16): the candidates a sample was drawn from, kept as they were at the
-- draw, so the draw can be redrawn and checked later even after the registry changed; and a closed
-- round that nothing changes any more.

-- Every active place of the round's city at the moment of the draw, with the county and type it was
-- drawn under. `candidates_digest` is SHA-256 over "id:county:type\n" in place-id order.
create table assessment_round_candidate (
    round_id     bigint       not null references assessment_round (id) on delete cascade,
    place_id     bigint       not null references assessment_place (id),
    county_code  varchar(12)  not null,
    place_type   varchar(32)  not null,
    primary key (round_id, place_id)
);

alter table assessment_round add column candidate_count int;
alter table assessment_round add column candidates_digest char(64);

-- A closed round is final: its own row, its teams, members, candidates and sample never change again
-- (the observations and scores are the observation part's to guard).
create function assessment_round_closed() returns trigger language plpgsql as $$
declare
    rid bigint;
begin
    if tg_table_name = 'assessment_round' then
        if old.status = 'CLOSED' then
            raise exception 'round % is closed', old.id using errcode = 'WM002';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
    end if;
    if tg_table_name = 'assessment_team_member' then
        select round_id into rid from assessment_team
        where id = case when tg_op = 'DELETE' then old.team_id else new.team_id end;
    else
        rid := case when tg_op = 'DELETE' then old.round_id else new.round_id end;
    end if;
    if exists (select 1 from assessment_round where id = rid and status = 'CLOSED') then
        raise exception 'round % is closed', rid using errcode = 'WM002';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger assessment_round_closed before update or delete on assessment_round
    for each row execute function assessment_round_closed();
create trigger assessment_team_closed before insert or update or delete on assessment_team
    for each row execute function assessment_round_closed();
create trigger assessment_team_member_closed before insert or update or delete on assessment_team_member
    for each row execute function assessment_round_closed();
create trigger assessment_round_candidate_closed before insert or update or delete on assessment_round_candidate
    for each row execute function assessment_round_closed();
create trigger assessment_sample_closed before insert or update or delete on assessment_sample
    for each row execute function assessment_round_closed();

-- the registry listed by city and type, name order within
create index assessment_place_name_idx on assessment_place (region_path, name);
