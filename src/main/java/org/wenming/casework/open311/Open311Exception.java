package org.wenming.casework.open311;

/**
 * A request refused with a GeoReport v2 error: the HTTP status (400, 403, 404, 429) and the
 * message key (bundle {@code messages/open311}) of a description that names the parameter.
 */
class Open311Exception extends RuntimeException {

	private final int status;

	private final transient Object[] args;

	/** Seconds a client should wait before asking again (the Retry-After header), or null. */
	private final Long retryAfter;

	Open311Exception(int status, String messageKey, Object... args) {
		this(status, null, messageKey, args);
	}

	private Open311Exception(int status, Long retryAfter, String messageKey, Object... args) {
		super(messageKey, null, false, false);
		this.status = status;
		this.retryAfter = retryAfter;
		this.args = args;
	}

	/** 429: the key used up its allowance; it may POST again in {@code retryAfter} seconds. */
	static Open311Exception tooMany(long retryAfter, String messageKey, Object... args) {
		return new Open311Exception(429, retryAfter, messageKey, args);
	}

	Long retryAfter() {
		return retryAfter;
	}

	int status() {
		return status;
	}

	String messageKey() {
		return getMessage();
	}

	Object[] args() {
		return args;
	}

	static Open311Exception badRequest(String messageKey, Object... args) {
		return new Open311Exception(400, messageKey, args);
	}

	static Open311Exception forbidden(String messageKey, Object... args) {
		return new Open311Exception(403, messageKey, args);
	}

	static Open311Exception notFound(String messageKey, Object... args) {
		return new Open311Exception(404, messageKey, args);
	}
}
