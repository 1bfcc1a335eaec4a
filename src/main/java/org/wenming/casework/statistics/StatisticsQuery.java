package org.wenming.casework.statistics;

import java.time.LocalDate;

import org.wenming.casework.CaseCategory;
import org.wenming.region.Region;

/**
 * What a statistics reader asked for, checked: the region whose parts make the lines (inside the
 * reader's scope), an optional category (a leaf, or a group meaning all its leaves), an optional
 * responsible unit, and the days from {@code from} to {@code to}, both included, in Asia/Shanghai.
 */
public record StatisticsQuery(Region region, CaseCategory category, Unit unit, LocalDate from, LocalDate to,
		String preset) {

	/** A responsible unit (责任单位) as the statistics name it. */
	public record Unit(long id, String name, String regionPath) {
	}
}
