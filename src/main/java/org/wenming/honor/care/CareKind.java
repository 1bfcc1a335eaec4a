package org.wenming.honor.care;

/** The kinds of care an office grants the honoured (礼遇帮扶); names in {@code honor.care.kind.CODE}. */
public enum CareKind {

	/** 免费体检 */
	HEALTH_CHECK,

	/** 免费乘坐公交 (a transit card) */
	TRANSIT,

	/** 景区免票 */
	SCENIC,

	/** 困难帮扶: money, so a grant names its amount */
	HARDSHIP_AID,

	/** anything else the office decides */
	OTHER;

	/** Whether a grant of this kind must say how much was given. */
	public boolean needsAmount() {
		return this == HARDSHIP_AID;
	}

	public String messageKey() {
		return "honor.care.kind." + name();
	}

	static CareKind parse(String text) {
		for (CareKind kind : values()) {
			if (kind.name().equals(text)) {
				return kind;
			}
		}
		return null;
	}
}
