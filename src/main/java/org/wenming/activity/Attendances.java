package org.wenming.activity;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What other modules may ask about attendance without reading the activity module's tables: whether a
 * volunteer served on a shift (checked in and out, and not left out when the organizer confirmed the shift's
 * attendance for being present too short a time), and who did. The organizer's rating of a volunteer's
 * service (the complaint module) is allowed only for a shift the volunteer attended.
 */
@Service
public class Attendances {

	private final JdbcClient jdbc;

	Attendances(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the volunteer attended the shift: checked in and out, and counted (or not yet confirmed). */
	public boolean attended(long shiftId, long volunteerId) {
		return jdbc.sql("""
				select exists (select 1 from attendance where shift_id = :shift and volunteer_id = :volunteer
				    and checked_out_at is not null and coalesce(counted, true))""").param("shift", shiftId)
			.param("volunteer", volunteerId).query(Boolean.class).single();
	}

	/** The volunteers who attended the shift (as {@link #attended}), at most {@code limit}, by id. */
	public List<Long> attendees(long shiftId, int limit) {
		return jdbc.sql("""
				select volunteer_id from attendance where shift_id = :shift and checked_out_at is not null
				    and coalesce(counted, true) order by volunteer_id limit :limit""").param("shift", shiftId)
			.param("limit", limit).query(Long.class).list();
	}
}
