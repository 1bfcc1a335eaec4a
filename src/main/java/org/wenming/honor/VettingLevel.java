package org.wenming.honor;

import org.wenming.region.RegionLevel;

/** The offices that vet a nomination, lowest first (审核层级). */
public enum VettingLevel {

	/** 镇（街道）文明办 */
	TOWN,

	/** 县（市、区）文明办 */
	COUNTY,

	/** 市文明办: its pass shortlists the nomination */
	CITY;

	/** The level after this one, or null when the city has decided. */
	public VettingLevel next() {
		return this == CITY ? null : values()[ordinal() + 1];
	}

	/** The first office that vets a nomination made in a region of this level. */
	public static VettingLevel firstFor(RegionLevel regionLevel) {
		return switch (regionLevel) {
			case VILLAGE, TOWN -> TOWN;
			case COUNTY -> COUNTY;
			default -> CITY;
		};
	}

	/** The region level of the office that decides at this level. */
	public RegionLevel officeLevel() {
		return switch (this) {
			case TOWN -> RegionLevel.TOWN;
			case COUNTY -> RegionLevel.COUNTY;
			case CITY -> RegionLevel.CITY;
		};
	}
}
