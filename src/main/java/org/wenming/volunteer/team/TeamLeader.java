package org.wenming.volunteer.team;

/** A leader of a team: an account. Pages for the public show only {@link #maskedName()}. */
public record TeamLeader(long userId, String username, String displayName) {

	public String maskedName() {
		return NameMask.mask(displayName);
	}
}
