package org.wenming.assessment.framework;

/**
 * Where a framework version stands. A DRAFT is edited; PUBLISHED is frozen (the database refuses any
 * change, SQLSTATE {@code WM001}) and may be chosen for new rounds; publishing the next version of the
 * same name RETIRES the one before it: still frozen, still the version of every round that used it,
 * but no longer offered for new rounds.
 */
public enum FrameworkStatus {

	DRAFT, PUBLISHED, RETIRED;

	public String messageKey() {
		return "assessment.framework.status." + name();
	}
}
