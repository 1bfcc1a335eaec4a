package org.wenming.assessment.round;

/**
 * A change to a round that its rules refuse; nothing was stored. {@code conflict} marks a refusal
 * because of the round's state (a closed round, a draw already made: 409) rather than a bad value (400).
 *
 * @param messageKey a key of the round part's bundle ({@code assessment.round.error.*}), said with {@code args}
 */
public class RoundRefusedException extends RuntimeException {

	private final String field;

	private final String messageKey;

	private final boolean conflict;

	private final Object[] args;

	public RoundRefusedException(String field, String messageKey, boolean conflict, Object... args) {
		super(field + ": " + messageKey, null, false, false);
		this.field = field;
		this.messageKey = messageKey;
		this.conflict = conflict;
		this.args = args;
	}

	static RoundRefusedException invalid(String field, String messageKey, Object... args) {
		return new RoundRefusedException(field, messageKey, false, args);
	}

	static RoundRefusedException conflict(String field, String messageKey, Object... args) {
		return new RoundRefusedException(field, messageKey, true, args);
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

	public Object[] args() {
		return args.clone();
	}
}
