package org.wenming.shared;

import java.time.ZoneId;

/** The city's time zone: days, years and "this year" are counted in it, whatever the server's zone. */
public final class CityTime {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private CityTime() {
	}
}
