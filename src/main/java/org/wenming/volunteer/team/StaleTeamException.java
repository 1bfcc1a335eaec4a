package org.wenming.volunteer.team;

/** Someone else changed the team since the version the edit was based on: refused, not merged. */
public class StaleTeamException extends RuntimeException {

	public StaleTeamException(long id, int version) {
		super("team " + id + " is no longer at version " + version);
	}
}
