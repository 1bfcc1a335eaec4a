package org.wenming.volunteer.team.web;

import org.wenming.platform.InvalidInputException;
import org.wenming.volunteer.team.TeamType;

/** The team-specific query parameter; the common ones are {@link org.wenming.platform.QueryParameters}. */
final class TeamInputs {

	private TeamInputs() {
	}

	static TeamType type(String field, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		return TeamType.parse(value).orElseThrow(() -> new InvalidInputException(field, "is not a type of team"));
	}
}
