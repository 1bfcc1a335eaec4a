package org.wenming.volunteer;

/** No volunteer with that id. */
public class VolunteerNotFoundException extends RuntimeException {

	public VolunteerNotFoundException(long id) {
		super("no volunteer " + id, null, false, false);
	}
}
