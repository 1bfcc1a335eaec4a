package org.wenming.honor.notice;

import java.time.Duration;

/** A client sent more likes, comments, objections or challenge requests than its window allows (429 with Retry-After). */
public class NoticeRateLimitException extends RuntimeException {

	private final Duration retryAfter;

	public NoticeRateLimitException(Duration retryAfter) {
		super("too many requests");
		this.retryAfter = retryAfter;
	}

	public long retryAfterSeconds() {
		return Math.max(1, retryAfter.toSeconds());
	}
}
