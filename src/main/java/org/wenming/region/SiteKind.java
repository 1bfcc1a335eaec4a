package org.wenming.region;

import java.util.Optional;

/** What a practice site is, and for the network's own kinds, the region level it serves. */
public enum SiteKind {

	/** 新时代文明实践中心, one per county */
	CENTRE(RegionLevel.COUNTY),
	/** 新时代文明实践所, one per town or street */
	INSTITUTE(RegionLevel.TOWN),
	/** 新时代文明实践站, one per village or community */
	STATION(RegionLevel.VILLAGE),
	/** 新时代文明实践点, added by hand */
	POINT(null),
	/** 新时代文明实践基地, added by hand */
	BASE(null);

	private final RegionLevel level;

	SiteKind(RegionLevel level) {
		this.level = level;
	}

	/** The level a centre, institute or station belongs to; empty for points and bases, which fit anywhere. */
	public Optional<RegionLevel> level() {
		return Optional.ofNullable(level);
	}

	/** Whether a region may have only one site of this kind. */
	public boolean onePerRegion() {
		return level != null;
	}

	/** Message key of the kind's name. */
	public String messageKey() {
		return "site.kind." + name();
	}

	/** The kind named exactly, or empty: input never reaches {@link #valueOf} unchecked. */
	public static Optional<SiteKind> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		for (SiteKind kind : values()) {
			if (kind.name().equals(text)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}
}
