package org.wenming.honor.nomination;

/** A client submitted as many nominations as its window allows; nothing was stored (429). */
public class NominationLimitException extends RuntimeException {

	private final long retryAfterSeconds;

	public NominationLimitException(long retryAfterSeconds) {
		super("too many nominations from one client");
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}
}
