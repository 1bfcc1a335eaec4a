package org.wenming.training;

import java.util.Optional;

/**
 * A qualification a course grants (资质), a fixed list; its names are {@code training.qualification.<CODE>} in
 * the three languages. {@code standardMonths} is how long it lasts when a course completed elsewhere names no
 * expiry (first aid: 36 months, as the Red Cross's certificates); null: no expiry.
 */
public enum Qualification {

	/** 急救（红十字救护员） */
	FIRST_AID(36),
	/** 消防安全 */
	FIRE_SAFETY(null),
	/** 养老护理 */
	ELDER_CARE(null),
	/** 水上救援 */
	WATER_RESCUE(24),
	/** 手语 */
	SIGN_LANGUAGE(null),
	/** 心理支持 */
	PSYCH_SUPPORT(null),
	/** 交通劝导 */
	TRAFFIC_GUIDANCE(null);

	private final Integer standardMonths;

	Qualification(Integer standardMonths) {
		this.standardMonths = standardMonths;
	}

	public Integer standardMonths() {
		return standardMonths;
	}

	public String messageKey() {
		return "training.qualification." + name();
	}

	/** The qualification of a code; empty for anything else (blank included). */
	public static Optional<Qualification> parse(String code) {
		if (code == null) {
			return Optional.empty();
		}
		for (Qualification q : values()) {
			if (q.name().equals(code.strip())) {
				return Optional.of(q);
			}
		}
		return Optional.empty();
	}
}
