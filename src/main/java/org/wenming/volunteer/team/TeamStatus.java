package org.wenming.volunteer.team;

import java.util.Optional;

/** A dissolved team (已解散) keeps its history but takes no applications. */
public enum TeamStatus {

	ACTIVE, DISSOLVED;

	public String messageKey() {
		return "team.status." + name();
	}

	public static Optional<TeamStatus> parse(String text) {
		for (TeamStatus status : values()) {
			if (status.name().equals(text)) {
				return Optional.of(status);
			}
		}
		return Optional.empty();
	}
}
