package org.wenming.platform;

/** Input refused by a rule the bean annotations cannot express; names the field it is about. */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
