package org.wenming.volunteer;

/** The record changed since the version the edit was based on. */
public class StaleVolunteerException extends RuntimeException {

	public StaleVolunteerException() {
		super("the volunteer record was changed meanwhile", null, false, false);
	}
}
