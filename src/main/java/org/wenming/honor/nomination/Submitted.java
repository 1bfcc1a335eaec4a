package org.wenming.honor.nomination;

/** A nomination stored: its number and the nominator's private link (the token is shown once, never kept). */
public record Submitted(long id, String number, String token) {

	public String followPath() {
		return "/honor/follow/" + token;
	}

	@Override
	public String toString() {
		return "Submitted[id=" + id + ", number=" + number + "]";
	}
}
