package org.wenming.volunteer.team;

/**
 * A membership step that may not happen now: the volunteer already applied, the application was
 * decided meanwhile, the person is not allowed to take it. Carries the message key shown to them.
 */
public class MembershipRefusedException extends RuntimeException {

	/** How the refusal is answered: a conflict with the current state, or a step this person may not take. */
	public enum Kind {
		CONFLICT, FORBIDDEN
	}

	private final Kind kind;

	private final String messageKey;

	public MembershipRefusedException(Kind kind, String messageKey) {
		super(messageKey);
		this.kind = kind;
		this.messageKey = messageKey;
	}

	public Kind kind() {
		return kind;
	}

	public String messageKey() {
		return messageKey;
	}
}
