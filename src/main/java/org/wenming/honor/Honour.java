package org.wenming.honor;

/**
 * An honour on the roll (好人榜). Good people are published by quarter, moral models (道德模范, elected
 * every few years) by year.
 */
public enum Honour {

	/** 身边好人 (the city's) */
	CITY_GOOD(Kind.GOOD_PERSON),

	/** 广东好人 (the province's pick from the city's roll) */
	PROVINCE_GOOD(Kind.GOOD_PERSON),

	/** 中国好人 (the nation's pick) */
	NATION_GOOD(Kind.GOOD_PERSON),

	/** 市道德模范 */
	CITY_MORAL_MODEL(Kind.MORAL_MODEL),

	/** 省道德模范 */
	PROVINCE_MORAL_MODEL(Kind.MORAL_MODEL),

	/** 全国道德模范 */
	NATION_MORAL_MODEL(Kind.MORAL_MODEL);

	/** Good people are periods of a quarter, moral models of a year. */
	public enum Kind {
		GOOD_PERSON, MORAL_MODEL
	}

	private final Kind kind;

	Honour(Kind kind) {
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}

	/** Whether a period ("2026Q4" or "2026") fits this honour. */
	public boolean fits(String period) {
		return period != null && period.matches(kind == Kind.GOOD_PERSON ? "\\d{4}Q[1-4]" : "\\d{4}");
	}
}
