package org.wenming.volunteer.internal;

import java.security.SecureRandom;

/**
 * Unified volunteer numbers (志愿者编号): the city code and 8 random characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L), e.g. {@code 4412K7QH3MXA}. Random, so it says nothing about
 * the person's ID number, birth date or registration order.
 */
public final class VolunteerNumbers {

	static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

	private static final SecureRandom RANDOM = new SecureRandom();

	private VolunteerNumbers() {
	}

	public static String next(String cityCode) {
		StringBuilder number = new StringBuilder(cityCode);
		for (int i = 0; i < 8; i++) {
			number.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return number.toString();
	}

	/** The same from another source of randomness (a bulk import draws hundreds of thousands). */
	public static String next(String cityCode, java.util.random.RandomGenerator random) {
		StringBuilder number = new StringBuilder(cityCode);
		for (int i = 0; i < 8; i++) {
			number.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return number.toString();
	}

	/** The 8 random characters as a number (for compact sets of numbers already handed out). */
	public static long asLong(String number) {
		long value = 0;
		for (int i = number.length() - 8; i < number.length(); i++) {
			value = value * ALPHABET.length() + ALPHABET.indexOf(number.charAt(i));
		}
		return value;
	}

	public static boolean looksLikeOne(String text) {
		return text != null && text.matches("\\d{4}[" + ALPHABET + "]{8}");
	}
}
