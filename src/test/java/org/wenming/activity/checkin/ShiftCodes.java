package org.wenming.activity.checkin;

import java.time.Instant;

import org.springframework.context.ApplicationContext;

/**
 * The rotating code a shift's organizer's phone shows at an instant (the token inside its QR code), for tests
 * of other modules that check in by HTTP as a volunteer's phone would after scanning it.
 */
public final class ShiftCodes {

	private ShiftCodes() {
	}

	public static String at(ApplicationContext context, long shiftId, Instant at) {
		CheckinTokens tokens = context.getBean(CheckinTokens.class);
		return tokens.issue(shiftId, tokens.slot(at));
	}
}
