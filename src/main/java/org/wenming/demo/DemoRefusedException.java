package org.wenming.demo;

import java.util.List;

/** The generator will not run with these parameters or on this database; nothing was changed. */
public class DemoRefusedException extends RuntimeException {

	private final String field;

	private final String messageKey;

	private final List<Object> arguments;

	public DemoRefusedException(String field, String messageKey, Object... arguments) {
		super(field + ": " + messageKey + " " + List.of(arguments));
		this.field = field;
		this.messageKey = messageKey;
		this.arguments = List.of(arguments);
	}

	/** What was refused: scale, seed, asOf or database. */
	public String field() {
		return field;
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] arguments() {
		return arguments.toArray();
	}
}
