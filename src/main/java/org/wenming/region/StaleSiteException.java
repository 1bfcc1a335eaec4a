package org.wenming.region;

/** Someone else changed the site since the version the edit was based on: the edit is refused, not merged. */
public class StaleSiteException extends RuntimeException {

	private final long id;

	public StaleSiteException(long id, int version) {
		super("site " + id + " is no longer at version " + version);
		this.id = id;
	}

	public long id() {
		return id;
	}
}
