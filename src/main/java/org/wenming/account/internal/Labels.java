package org.wenming.account.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.wenming.shared.Roles;

/** Message keys and values the account templates compute (templates take no logic beyond this). */
public final class Labels {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private Labels() {
	}

	public static String role(String role) {
		return "role." + role;
	}

	public static String event(SecurityEventType type) {
		return "event." + type.name();
	}

	public static List<String> roles() {
		return Roles.ALL;
	}

	public static List<SecurityEventType> eventTypes() {
		return List.of(SecurityEventType.values());
	}

	public static ZonedDateTime chinaTime(Instant instant) {
		return instant == null ? null : instant.atZone(CHINA);
	}

	/** A submitted value shown back in a form, cut short so a huge value is not echoed whole. */
	public static String echo(String value) {
		return value == null ? "" : value.length() > 200 ? value.substring(0, 200) : value;
	}
}
