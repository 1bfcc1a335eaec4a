package org.wenming.activity;

/** PENDING waits for the organizer and holds no place; WAITLISTED is promoted in queue order. */
public enum SignupStatus {
	PENDING, CONFIRMED, WAITLISTED, DECLINED, CANCELLED;

	public String messageKey() {
		return "activity.signup.status." + name();
	}

	public boolean live() {
		return this == PENDING || this == CONFIRMED || this == WAITLISTED;
	}
}
