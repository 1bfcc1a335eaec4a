package org.wenming.volunteer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalising and masking personal numbers (ID and phone numbers). Normalising comes before
 * validating, hashing and encrypting, so that full-width digits, spaces or a lower-case x find the
 * same person as the plain form. Masks are what every page, list and export shows.
 */
public final class PersonalNumbers {

	/** Mainland mobile numbers. */
	public static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

	private PersonalNumbers() {
	}

	/** NFKC (full-width → ASCII), without spaces and hyphens, upper case (the X check digit, passport letters). */
	public static String normalise(String value) {
		if (value == null) {
			return null;
		}
		String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC);
		StringBuilder out = new StringBuilder(nfkc.length());
		nfkc.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '-')
				.forEach(out::appendCodePoint);
		return out.toString().toUpperCase(Locale.ROOT);
	}

	/** {@code 4412**********1234} for resident IDs; first 2 and last 2 characters of other documents. */
	public static String maskId(IdType type, String normalised) {
		return type == IdType.RESIDENT_ID ? keep(normalised, 4, 4) : keep(normalised, 2, 2);
	}

	/** {@code 138****1234}. */
	public static String maskPhone(String normalised) {
		return keep(normalised, 3, 4);
	}

	public static String last4(String normalised) {
		return normalised.substring(normalised.length() - 4);
	}

	private static String keep(String value, int head, int tail) {
		if (value.length() <= head + tail) {
			return "*".repeat(value.length());
		}
		return value.substring(0, head) + "*".repeat(value.length() - head - tail)
				+ value.substring(value.length() - tail);
	}
}
