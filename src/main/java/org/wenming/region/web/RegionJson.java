package org.wenming.region.web;

import java.util.List;

import org.wenming.region.Region;

/** A division; {@code breadcrumb} (top down, itself last) only where one region is asked for. */
record RegionJson(String code, String name, String level, String parentCode, List<RegionJson> breadcrumb) {

	static RegionJson of(Region region) {
		return new RegionJson(region.code(), region.name(), region.level().name(), region.parentCode(), null);
	}

	static RegionJson of(Region region, List<Region> breadcrumb) {
		return new RegionJson(region.code(), region.name(), region.level().name(), region.parentCode(),
				breadcrumb.stream().map(RegionJson::of).toList());
	}
}
