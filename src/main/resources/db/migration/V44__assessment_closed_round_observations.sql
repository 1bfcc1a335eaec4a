-- Field assessment (issue 16): a closed round's observations and place scores never change again. The
-- round's figures, its report and hand-over, and the most failed criteria that each node counts once for
-- a closed round rely on it. Closing a round locks its sample rows first, so a submission in flight
-- finishes before and one arriving after meets this refusal. Statement-level: a submission of 30
-- criteria checks its round once, not 30 times.
create function assessment_observations_closed() returns trigger language plpgsql as $$
begin
    if exists (select 1 from changed c join assessment_round r on r.id = c.round_id where r.status = 'CLOSED') then
        raise exception 'round is closed' using errcode = 'WM002';
    end if;
    return null;
end $$;

create trigger assessment_observation_closed_insert after insert on assessment_observation
    referencing new table as changed for each statement execute function assessment_observations_closed();
create trigger assessment_observation_closed_update after update on assessment_observation
    referencing new table as changed for each statement execute function assessment_observations_closed();
create trigger assessment_observation_closed_delete after delete on assessment_observation
    referencing old table as changed for each statement execute function assessment_observations_closed();
create trigger assessment_place_score_closed_insert after insert on assessment_place_score
    referencing new table as changed for each statement execute function assessment_observations_closed();
create trigger assessment_place_score_closed_update after update on assessment_place_score
    referencing new table as changed for each statement execute function assessment_observations_closed();
create trigger assessment_place_score_closed_delete after delete on assessment_place_score
    referencing old table as changed for each statement execute function assessment_observations_closed();
