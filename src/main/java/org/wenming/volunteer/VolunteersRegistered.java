package org.wenming.volunteer;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Volunteers were registered (注册): one by themselves or by staff, or many by a bulk import.
 * Published in the registering transaction (an import's just after its load commits), for the
 * dashboards' counters.
 *
 * @param key identifies the fact, so a counter can ignore a second delivery ("volunteer:17", "import:3")
 * @param registeredAt when (every volunteer of an import carries the same time)
 * @param regions how many were registered in each home region
 */
public record VolunteersRegistered(String key, OffsetDateTime registeredAt, List<RegionCount> regions) {

	public VolunteersRegistered {
		regions = List.copyOf(regions);
	}

	/** @param regionPath the home region's path */
	public record RegionCount(String regionPath, long count) {
	}
}
