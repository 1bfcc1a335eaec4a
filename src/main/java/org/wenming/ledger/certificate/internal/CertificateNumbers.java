package org.wenming.ledger.certificate.internal;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Certificate numbers such as {@code ZQ2026-7K3M-9QXD-2F8A}: the city's prefix, the year of issue and
 * 60 random bits in Crockford's base32 (no I, L, O, U: nothing to misread when typed from paper), so
 * a number can be read out loud but not guessed.
 */
public final class CertificateNumbers {

	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final Pattern FORMAT = Pattern.compile("[A-Z]{1,4}\\d{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");

	/** Longer than any number: such input is refused without being looked at. */
	public static final int MAX_LENGTH = 40;

	private static final SecureRandom RANDOM = new SecureRandom();

	private CertificateNumbers() {
	}

	public static String next(String prefix, int year) {
		StringBuilder number = new StringBuilder(prefix).append(year);
		for (int group = 0; group < 3; group++) {
			number.append('-');
			for (int i = 0; i < 4; i++) {
				number.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
			}
		}
		return number.toString();
	}

	/**
	 * A number as someone typed it, normalised (capitals; O read as 0, I and L as 1), if it has the
	 * shape of a certificate number.
	 */
	public static Optional<String> normalise(String text) {
		if (text == null || text.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		String upper = text.strip().toUpperCase(Locale.ROOT);
		int digitsEnd = firstDash(upper);
		if (digitsEnd < 0) {
			return Optional.empty();
		}
		String random = upper.substring(digitsEnd).replace('O', '0').replace('I', '1').replace('L', '1');
		String number = upper.substring(0, digitsEnd) + random;
		return FORMAT.matcher(number).matches() ? Optional.of(number) : Optional.empty();
	}

	/** Only letters, digits and dashes, and not too long: anything else is refused as malformed. */
	public static boolean plausible(String text) {
		return text != null && text.length() <= MAX_LENGTH && text.matches("[A-Za-z0-9-]+");
	}

	private static int firstDash(String text) {
		return text.indexOf('-');
	}
}
