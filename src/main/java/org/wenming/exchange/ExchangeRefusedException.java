package org.wenming.exchange;

/** A request to export or import was refused before anything was read or stored: the field and why. */
public class ExchangeRefusedException extends RuntimeException {

	private final String field;

	private final String messageKey;

	public ExchangeRefusedException(String field, String messageKey) {
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
