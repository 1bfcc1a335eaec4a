package org.wenming.region;

import java.util.List;

/**
 * A region being chosen level by level (county → town → village) instead of typed as a code: what
 * the region picker shows. {@code selectedCode} is the deepest region chosen so far, empty when
 * nothing is chosen yet; it is what the form submits under {@code field}.
 */
public record RegionChoice(String field, String rootCode, String selectedCode, boolean rootAllowed,
		List<Level> levels) {

	/** One drop-down: the children of {@code parentCode}, with the one chosen (if any). */
	public record Level(RegionLevel level, String parentCode, List<Region> options, String selected) {

		public boolean isSelected(Region option) {
			return option.code().equals(selected);
		}
	}
}
