package org.wenming.assessment.framework;

import java.math.BigDecimal;

/** Marks as people read them: 6, 0.5, 2.25 (no trailing zeros); empty for none. */
public final class Marks {

	private Marks() {
	}

	public static String text(BigDecimal marks) {
		return marks == null ? "" : marks.stripTrailingZeros().toPlainString();
	}
}
