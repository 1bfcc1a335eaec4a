package org.wenming.assessment.observation;

/**
 * An observation, photo or closing refused for the state of things rather than a malformed value: the
 * place belongs to another team (403), the round is not open or the place is closed (409), a key used
 * before with another body (422). Names the field it is about and a message key of the bundle.
 */
public class ObservationRefusedException extends RuntimeException {

	private final int status;

	private final String field;

	public ObservationRefusedException(int status, String field, String messageKey) {
		super(messageKey);
		this.status = status;
		this.field = field;
	}

	public int status() {
		return status;
	}

	public String field() {
		return field;
	}

	public String messageKey() {
		return getMessage();
	}
}
