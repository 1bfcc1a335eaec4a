package org.wenming.servicedesk.statistics;

import java.time.Instant;
import java.time.LocalDate;

import org.wenming.region.Region;
import org.wenming.shared.CityTime;

/**
 * What the statistics are asked for: a region inside the reader's scope (orders of its villages and
 * communities) and a period of whole Asia/Shanghai days, {@code [from 00:00, to + 1 00:00)}.
 */
public record StatisticsQuery(Region region, LocalDate from, LocalDate to) {

	public Instant start() {
		return from.atStartOfDay(CityTime.ZONE).toInstant();
	}

	public Instant end() {
		return to.plusDays(1).atStartOfDay(CityTime.ZONE).toInstant();
	}
}
