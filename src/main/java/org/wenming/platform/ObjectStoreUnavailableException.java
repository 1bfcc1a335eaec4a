package org.wenming.platform;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The object store cannot be reached (or refused with a server error): the request answers 503 with
 * a {@code Retry-After}, as a problem document on the API and the error page elsewhere. Whoever
 * throws it has written nothing the database points at.
 */
public class ObjectStoreUnavailableException extends ResponseStatusException {

	private final long retryAfterSeconds;

	public ObjectStoreUnavailableException(Duration retryAfter, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "The file store is unavailable; try again later", cause);
		this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
		getBody().setTitle(HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
	}

	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		return headers;
	}
}
