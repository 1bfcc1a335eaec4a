package org.wenming.activity.checkin;

/** A check rule said no; answered with the refusal's status and message, nothing recorded. */
class CheckRefusedException extends RuntimeException {

	private final CheckRefusal refusal;

	CheckRefusedException(CheckRefusal refusal) {
		super(refusal.name(), null, false, false);
		this.refusal = refusal;
	}

	CheckRefusal refusal() {
		return refusal;
	}
}
