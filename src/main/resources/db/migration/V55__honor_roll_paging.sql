-- Honours part B (issue 18): the public roll without a filter on the honour is paged by (period, id)
-- descending; this index lets the newest page be read from its head instead of sorting the whole roll.
create index honor_roll_entry_period_idx on honor_roll_entry (period desc, id desc);
