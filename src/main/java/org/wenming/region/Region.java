package org.wenming.region;

import org.wenming.shared.DataScope;

/**
 * One administrative division (行政区划).
 *
 * @param code official statistical division code (2, 4, 6, 9 or 12 digits)
 * @param name official name
 * @param level the level in the tree
 * @param parentCode code of the division above, none for the province
 * @param path materialised path of codes from the top, e.g. {@code 44.4412.441202.}
 */
public record Region(String code, String name, RegionLevel level, String parentCode, String path) {

	/** The data scope covering this region and everything under it. */
	public DataScope scope() {
		return new DataScope(code, path);
	}
}
