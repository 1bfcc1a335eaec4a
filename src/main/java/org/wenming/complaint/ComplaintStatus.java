package org.wenming.complaint;

import java.util.Optional;

/** Where a complaint is: received, being investigated, or decided (upheld or dismissed, for good). */
public enum ComplaintStatus {
	RECEIVED, INVESTIGATING, UPHELD, DISMISSED;

	public String messageKey() {
		return "complaint.status." + name();
	}

	public boolean decided() {
		return this == UPHELD || this == DISMISSED;
	}

	/** The status a step leads to from this one: investigate, uphold, dismiss; empty when it is not allowed here. */
	public Optional<ComplaintStatus> after(String action) {
		return Optional.ofNullable(switch (this) {
			case RECEIVED -> "investigate".equals(action) ? INVESTIGATING : null;
			case INVESTIGATING -> "uphold".equals(action) ? UPHELD : "dismiss".equals(action) ? DISMISSED : null;
			case UPHELD, DISMISSED -> null;
		});
	}
}
