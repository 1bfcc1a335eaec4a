package org.wenming.volunteer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The 18-character resident ID number (居民身份证号码, GB 11643-1999): 6 digits of the region where it
 * was issued, 8 of the birth date, 3 of a sequence whose last digit is odd for men, and an ISO 7064
 * MOD 11-2 check character. Pure: the caller supplies "today" and which Guangdong cities exist.
 */
public record ResidentIdNumber(String value, LocalDate birthDate, Gender gender) {

	private static final Pattern SHAPE = Pattern.compile("\\d{17}[\\dX]");

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final char[] CHECK_CODES = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

	/** Province-level codes of the national standard (GB/T 2260), incl. Taiwan, Hong Kong, Macao. */
	private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
			"33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
			"63", "64", "65", "71", "81", "82");

	public static final int MAX_AGE = 120;

	/** Why a number is refused; each names a message key. */
	public enum Problem {
		FORMAT, CHECK_DIGIT, REGION, BIRTH_DATE;

		public String messageKey() {
			return "volunteer.error.residentId." + name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
		}
	}

	/** The check character for the first 17 digits. */
	public static char checkCode(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK_CODES[sum % 11];
	}

	/**
	 * Reads a normalised number (see {@link PersonalNumbers#normalise}).
	 *
	 * @param guangdongCity whether a 4-digit Guangdong city code (44xx) exists; older county codes are
	 *        retired, so only the city is required to be real
	 * @return the number, or the first rule it breaks
	 */
	public static Result parse(String value, LocalDate today, Predicate<String> guangdongCity) {
		if (value == null || !SHAPE.matcher(value).matches()) {
			return Result.refused(Problem.FORMAT);
		}
		if (checkCode(value.substring(0, 17)) != value.charAt(17)) {
			return Result.refused(Problem.CHECK_DIGIT);
		}
		String province = value.substring(0, 2);
		if (!PROVINCES.contains(province) || ("44".equals(province) && !guangdongCity.test(value.substring(0, 4)))) {
			return Result.refused(Problem.REGION);
		}
		LocalDate birth;
		try {
			birth = LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
					Integer.parseInt(value.substring(12, 14)));
		}
		catch (DateTimeException ex) {
			return Result.refused(Problem.BIRTH_DATE);
		}
		if (birth.isAfter(today) || Period.between(birth, today).getYears() > MAX_AGE) {
			return Result.refused(Problem.BIRTH_DATE);
		}
		Gender gender = (value.charAt(16) - '0') % 2 == 1 ? Gender.M : Gender.F;
		return new Result(Optional.of(new ResidentIdNumber(value, birth, gender)), null);
	}

	public record Result(Optional<ResidentIdNumber> number, Problem problem) {

		static Result refused(Problem problem) {
			return new Result(Optional.empty(), problem);
		}
	}
}
