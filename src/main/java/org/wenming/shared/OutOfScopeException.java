package org.wenming.shared;

/**
 * Someone asked for a record that lies outside their data scope. Answered as "not found" (404) so
 * that the record's existence is not revealed, and recorded as a security event.
 */
public class OutOfScopeException extends RuntimeException {

	private final String resource;

	private final String id;

	public OutOfScopeException(String resource, String id) {
		super(resource + " " + id + " is outside the caller's scope");
		this.resource = resource;
		this.id = id;
	}

	public String resource() {
		return resource;
	}

	public String id() {
		return id;
	}
}
