package org.wenming.activity.checkin;

import java.time.Instant;

import org.springframework.context.ApplicationContext;

/** What the organizer's rotating QR code says at a given moment, for tests outside this package. */
public final class ScanCodes {

	private ScanCodes() {
	}

	public static String shownAt(ApplicationContext context, long shiftId, Instant at) {
		CheckinTokens tokens = context.getBean(CheckinTokens.class);
		return tokens.issue(shiftId, tokens.slot(at));
	}
}
