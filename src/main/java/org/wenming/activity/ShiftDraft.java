package org.wenming.activity;

import java.time.OffsetDateTime;
import java.util.List;

/** A shift as an organizer entered it (times already read in the city's zone). */
public record ShiftDraft(OffsetDateTime startsAt, OffsetDateTime endsAt, Integer capacity, Integer minAge,
		List<String> requiredSkills, List<String> requiredQualifications) {

	public ShiftDraft {
		requiredSkills = requiredSkills == null ? List.of() : List.copyOf(requiredSkills);
		requiredQualifications = requiredQualifications == null ? List.of() : List.copyOf(requiredQualifications);
	}

	/** A shift that requires no qualification. */
	public ShiftDraft(OffsetDateTime startsAt, OffsetDateTime endsAt, Integer capacity, Integer minAge,
			List<String> requiredSkills) {
		this(startsAt, endsAt, capacity, minAge, requiredSkills, List.of());
	}
}
