package org.wenming.honor.vetting;

import java.util.Optional;

import org.wenming.honor.VettingLevel;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The civilization office a staff member works for (文明办): their scope's region and its level. Office staff
 * of a town, a county or the city vet at that level; a system administrator (the whole installation) acts at
 * any level in their scope, for the office of the nomination's region at that level.
 *
 * @param level the vetting level, null for a system administrator (every level) or an office that does not
 *        vet (a village, the province)
 */
public record Office(ScopedUser user, Region region, VettingLevel level, boolean everything) {

	/** Whether the person is civilization-office staff or a system administrator. */
	public static boolean isStaff(ScopedUser user) {
		return user != null && (user.hasRole(Roles.OFFICE_STAFF) || user.hasRole(Roles.SYSTEM_ADMIN));
	}

	/** The office of a staff member; empty for anyone else. */
	public static Optional<Office> of(ScopedUser user, Regions regions) {
		if (!isStaff(user)) {
			return Optional.empty();
		}
		Region region = user.scope().isEverything() ? null : regions.find(user.scope().regionCode()).orElse(null);
		if (user.hasRole(Roles.SYSTEM_ADMIN)) {
			return Optional.of(new Office(user, region, null, true));
		}
		if (region == null) {
			return Optional.empty();
		}
		VettingLevel level = switch (region.level()) {
			case TOWN -> VettingLevel.TOWN;
			case COUNTY -> VettingLevel.COUNTY;
			case CITY -> VettingLevel.CITY;
			default -> null;
		};
		return Optional.of(new Office(user, region, level, false));
	}

	/** Whether this office decides at the level. */
	public boolean decidesAt(VettingLevel at) {
		return everything || (level != null && level == at);
	}

	/** Whether this office holds city-level powers (notice periods, publication, picks). */
	public boolean isCity() {
		return everything || level == VettingLevel.CITY;
	}

	/**
	 * The code of the office that decides at {@code at} for a nomination of the region with {@code path}
	 * ({@code 44.4412.441202.441202001.}): the path's segment at that level's depth.
	 */
	public static String officeCode(String path, VettingLevel at) {
		String[] segments = path.split("\\.");
		RegionLevel level = at.officeLevel();
		return segments[Math.min(level.depth(), segments.length) - 1];
	}
}
