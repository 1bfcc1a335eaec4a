package org.wenming.activity;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One shift (班次) of an activity, with its sign-up counts as kept under the shift's row lock.
 * {@code requiredQualifications} are {@code training.Qualification} codes a volunteer must hold on the shift's day.
 */
public record Shift(long id, long activityId, OffsetDateTime startsAt, OffsetDateTime endsAt, int capacity,
		Integer minAge, List<String> requiredSkills, int confirmedCount, int waitlistCount,
		List<String> requiredQualifications) {

	public Shift {
		requiredSkills = List.copyOf(requiredSkills);
		requiredQualifications = requiredQualifications == null ? List.of() : List.copyOf(requiredQualifications);
	}

	public int placesLeft() {
		return Math.max(0, capacity - confirmedCount);
	}

	public boolean full() {
		return confirmedCount >= capacity;
	}
}
