package org.wenming.activity;

import java.time.OffsetDateTime;
import java.util.List;

/** A shift as an organizer entered it (times already read in the city's zone). */
public record ShiftDraft(OffsetDateTime startsAt, OffsetDateTime endsAt, Integer capacity, Integer minAge,
		List<String> requiredSkills) {

	public ShiftDraft {
		requiredSkills = requiredSkills == null ? List.of() : List.copyOf(requiredSkills);
	}
}
