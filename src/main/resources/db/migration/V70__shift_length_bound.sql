-- Activity: a shift lasts at most seven days (ActivityRules.SHIFT_MAX, checked on every draft), now held by
-- the database too. The sign-up's overlap check relies on it: a shift that overlaps another starts at most
-- seven days before it, so the check reads only the sign-up partitions of those days (the partition key is
-- the shift's start day) instead of planning over every year's partition on each request.
alter table shift add constraint shift_length_check check (ends_at - starts_at <= interval '7 days');
