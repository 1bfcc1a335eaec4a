-- Issue 22: the volunteer chooses whether their completed trainings appear on their service certificates
-- (as commendation_choice does for commendations). No row: no.
create table training_choice (
    volunteer_id     bigint       primary key references volunteer (id),
    on_certificates  boolean      not null,
    chosen_at        timestamptz  not null
);
