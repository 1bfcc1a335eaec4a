package org.wenming.ledger.certificate;

/** The signed-in person has no volunteer record, so there is nothing to certify. */
public class NotAVolunteerException extends RuntimeException {

	public NotAVolunteerException() {
		super("not a volunteer", null, false, false);
	}
}
