package org.wenming.training;

/** A volunteer on a course: enrolled, then completed, absent or withdrawn. */
public enum EnrolmentStatus {
	ENROLLED, COMPLETED, ABSENT, WITHDRAWN;

	public String messageKey() {
		return "training.status." + name();
	}
}
