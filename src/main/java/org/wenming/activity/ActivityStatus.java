package org.wenming.activity;

/** Where an activity is in its life: draft → published → under way → finished, or cancelled. */
public enum ActivityStatus {
	DRAFT, PUBLISHED, UNDER_WAY, FINISHED, CANCELLED;

	public String messageKey() {
		return "activity.status." + name();
	}

	/** Volunteers may see it and sign up (under way: for its later shifts). */
	public boolean open() {
		return this == PUBLISHED || this == UNDER_WAY;
	}
}
