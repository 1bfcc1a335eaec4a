package org.wenming.honor.consent;

/**
 * A consent step broke a rule (400, naming the field) or clashes with the consent's state (409: answered
 * already, not given, another consent open); nothing was changed.
 */
public class ConsentRefusedException extends RuntimeException {

	private final String field;

	private final String messageKey;

	private final boolean conflict;

	ConsentRefusedException(String field, String messageKey, boolean conflict) {
		super("consent refused: " + field + " " + messageKey);
		this.field = field;
		this.messageKey = messageKey;
		this.conflict = conflict;
	}

	static ConsentRefusedException invalid(String field, String messageKey) {
		return new ConsentRefusedException(field, messageKey, false);
	}

	static ConsentRefusedException conflict(String field, String messageKey) {
		return new ConsentRefusedException(field, messageKey, true);
	}

	public String field() {
		return field;
	}

	public String messageKey() {
		return messageKey;
	}

	public boolean conflict() {
		return conflict;
	}
}
