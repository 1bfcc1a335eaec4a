package org.wenming.volunteer.transfer;

/** The whole file is refused (not a CSV or XLSX, a zip bomb, an unknown encoding, missing columns…). */
public class ImportRefusedException extends RuntimeException {

	private final String messageKey;

	private final Object[] arguments;

	public ImportRefusedException(String messageKey, Object... arguments) {
		super(messageKey);
		this.messageKey = messageKey;
		this.arguments = arguments;
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] arguments() {
		return arguments;
	}
}
