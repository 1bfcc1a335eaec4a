package org.wenming.ledger;

/** A ledger rule refused the request; names the field and the message key that explains it. */
public class LedgerRefusedException extends RuntimeException {

	private final String field;

	private final String messageKey;

	public LedgerRefusedException(String field, String messageKey) {
		super(field + ": " + messageKey);
		this.field = field;
		this.messageKey = messageKey;
	}

	public String field() {
		return field;
	}

	public String messageKey() {
		return messageKey;
	}
}
