package org.wenming.volunteer.team;

/** A person's name as the public may see it: 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明. */
public final class NameMask {

	private NameMask() {
	}

	public static String mask(String name) {
		if (name == null || name.isBlank()) {
			return "";
		}
		int[] cps = name.strip().codePoints().toArray();
		if (cps.length == 1) {
			return "*";
		}
		StringBuilder masked = new StringBuilder().appendCodePoint(cps[0]);
		if (cps.length == 2) {
			return masked.append('*').toString();
		}
		masked.append("*".repeat(cps.length - 2));
		return masked.appendCodePoint(cps[cps.length - 1]).toString();
	}
}
