package org.wenming.demo;

import java.util.Locale;

/**
 * How big a city to generate. {@code full} is the newspaper's Zhaoqing (800,000 volunteers, about 18
 * million service records, 54 million hours); {@code small} keeps the lectures, cases, teams and the
 * practice network whole and takes 1/100 of the volunteers and records; {@code tiny} is for tests.
 *
 * @param volunteers registered volunteers
 * @param records service records in the ledger, all years (about; the current year's come from attendance)
 * @param squadShare share of the village-level squads (分队) generated (the corps and branches are always whole)
 * @param lectures lectures (宣讲) finished in the reference year
 * @param lectureAudience their attendances (听众人次), exactly
 * @param caseDivisor the case figures are divided by this
 * @param historyYears complete years of records before the current one
 */
public enum DemoScale {

	TINY(300, 3_000, 0.04, 60, 2_700, 20, 3),
	SMALL(8_000, 180_000, 1.0, 3_256, 145_600, 1, 7),
	FULL(800_000, 18_000_000, 1.0, 3_256, 145_600, 1, 7);

	private final int volunteers;

	private final long records;

	private final double squadShare;

	private final int lectures;

	private final int lectureAudience;

	private final int caseDivisor;

	private final int historyYears;

	DemoScale(int volunteers, long records, double squadShare, int lectures, int lectureAudience, int caseDivisor,
			int historyYears) {
		this.volunteers = volunteers;
		this.records = records;
		this.squadShare = squadShare;
		this.lectures = lectures;
		this.lectureAudience = lectureAudience;
		this.caseDivisor = caseDivisor;
		this.historyYears = historyYears;
	}

	/**
	 * @throws DemoRefusedException naming the scales there are when the text is none of them
	 */
	public static DemoScale parse(String text) {
		if (text != null) {
			for (DemoScale scale : values()) {
				if (scale.name().equalsIgnoreCase(text.strip())) {
					return scale;
				}
			}
		}
		throw new DemoRefusedException("scale", "demo.refused.scale", String.valueOf(text));
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	public int volunteers() {
		return volunteers;
	}

	public long records() {
		return records;
	}

	public double squadShare() {
		return squadShare;
	}

	public int lectures() {
		return lectures;
	}

	public int lectureAudience() {
		return lectureAudience;
	}

	public int caseDivisor() {
		return caseDivisor;
	}

	public int historyYears() {
		return historyYears;
	}
}
