package org.wenming.activity;

import java.time.OffsetDateTime;
import java.util.List;

/** One shift (班次) of an activity, with its sign-up counts as kept under the shift's row lock. */
public record Shift(long id, long activityId, OffsetDateTime startsAt, OffsetDateTime endsAt, int capacity,
		Integer minAge, List<String> requiredSkills, int confirmedCount, int waitlistCount) {

	public Shift {
		requiredSkills = List.copyOf(requiredSkills);
	}

	public int placesLeft() {
		return Math.max(0, capacity - confirmedCount);
	}

	public boolean full() {
		return confirmedCount >= capacity;
	}
}
