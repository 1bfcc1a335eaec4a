-- Field assessment, scores and hand-over (issue 16, part 4).

-- The round's figures group the sample by county and place type, and the worst criteria count a round's
-- observations below full marks: both answered from the round's own rows.
create index assessment_sample_county_idx on assessment_sample (round_id, county_code, place_type);
create index assessment_observation_failed_idx on assessment_observation (round_id, criterion_id) where marks < full_marks;
