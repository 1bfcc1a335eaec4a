package org.wenming.casework.internal;

/**
 * A workflow step refused: the case's status does not allow it (409), the person may not take it
 * (403), the input breaks a rule (400, naming the field), or the case changed since it was read (409).
 * The message is a bundle key.
 */
public class CaseRefusedException extends RuntimeException {

	public enum Kind {
		CONFLICT, FORBIDDEN, INVALID
	}

	private final Kind kind;

	private final String field;

	private CaseRefusedException(Kind kind, String field, String messageKey) {
		super(messageKey, null, false, false);
		this.kind = kind;
		this.field = field;
	}

	public static CaseRefusedException conflict(String messageKey) {
		return new CaseRefusedException(Kind.CONFLICT, null, messageKey);
	}

	public static CaseRefusedException forbidden(String messageKey) {
		return new CaseRefusedException(Kind.FORBIDDEN, null, messageKey);
	}

	public static CaseRefusedException invalid(String field, String messageKey) {
		return new CaseRefusedException(Kind.INVALID, field, messageKey);
	}

	public Kind kind() {
		return kind;
	}

	/** The field refused (INVALID only). */
	public String field() {
		return field;
	}

	public String messageKey() {
		return getMessage();
	}
}
