package org.wenming.region;

/** Levels of the division tree, with the length of their codes in the source data. */
public enum RegionLevel {

	/** 省 */
	PROVINCE(1, 2),
	/** 市 */
	CITY(2, 4),
	/** 县/区 */
	COUNTY(3, 6),
	/** 乡镇/街道 */
	TOWN(4, 9),
	/** 村/社区 */
	VILLAGE(5, 12);

	private final int depth;

	private final int codeLength;

	RegionLevel(int depth, int codeLength) {
		this.depth = depth;
		this.codeLength = codeLength;
	}

	public int depth() {
		return depth;
	}

	public int codeLength() {
		return codeLength;
	}

	public static RegionLevel ofDepth(int depth) {
		for (RegionLevel level : values()) {
			if (level.depth == depth) {
				return level;
			}
		}
		throw new IllegalArgumentException("no region level " + depth);
	}
}
