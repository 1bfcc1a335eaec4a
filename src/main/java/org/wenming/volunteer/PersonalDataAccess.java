package org.wenming.volunteer;

import java.time.OffsetDateTime;

/** One attempt to see a personal number in full (查阅记录). */
public record PersonalDataAccess(long id, OffsetDateTime occurredAt, String actorUsername, long volunteerId,
		String volunteerName, String volunteerNumber, PersonalField field, String reason, String ip, String outcome) {

	public boolean granted() {
		return "GRANTED".equals(outcome);
	}
}
