package org.wenming.activity.checkin;

/** Why a check-in, check-out or confirmation was refused; nothing was recorded. */
public enum CheckRefusal {

	NOT_A_VOLUNTEER(403),
	TOKEN_FORGED(422),
	TOKEN_EXPIRED(422),
	OCCURRED_IN_FUTURE(422),
	OCCURRED_TOO_LONG_AGO(422),
	KEY_REUSED(422),
	ACTIVITY_NOT_OPEN(422),
	NOT_SIGNED_UP(422),
	POSITION_REQUIRED(422),
	OUTSIDE_GEOFENCE(422),
	TOO_EARLY(422),
	SHIFT_ENDED(422),
	ALREADY_CHECKED_IN(409),
	NOT_CHECKED_IN(409),
	ALREADY_CHECKED_OUT(409),
	BEFORE_CHECK_IN(422),
	SHIFT_NOT_ENDED(409),
	ALREADY_CONFIRMED(409);

	private final int status;

	CheckRefusal(int status) {
		this.status = status;
	}

	public int status() {
		return status;
	}

	public String messageKey() {
		return "checkin.refused." + name();
	}
}
