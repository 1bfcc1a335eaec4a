package org.wenming.volunteer;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.wenming.region.FieldProblem;

/**
 * What a registration must satisfy before anything is stored. Pure (no database, no Spring), so
 * the bulk import can run it row by row; the caller supplies today's date, which Guangdong cities
 * exist and the skill codes of the dictionary. Region existence and scope are the service's job.
 */
public final class VolunteerRules {

	public static final int NAME_MAX = 30;

	public static final int AVAILABILITY_MAX = 200;

	public static final int RELATION_MAX = 20;

	public static final int SKILLS_MAX = 12;

	/** Under this age a guardian's details and consent are required (不满十四周岁). */
	public static final int GUARDIAN_DETAILS_BELOW = 14;

	/** Under this age a guardian's consent is required (未成年人). */
	public static final int ADULT_AGE = 18;

	/**
	 * A name is written in one script: Chinese characters (with the middle dot of transliterated
	 * names, 买买提·艾力) or Latin letters (with spaces, hyphens, apostrophes and dots). Mixing scripts
	 * is refused: it is how look-alike names are forged (Cyrillic "о" in a Latin name).
	 */
	private static final Pattern HAN_NAME = Pattern.compile("\\p{IsHan}+(·\\p{IsHan}+)*");

	private static final Pattern LATIN_NAME = Pattern.compile("\\p{IsLatin}+([ '.\\-]\\p{IsLatin}+)*\\.?");

	private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{5,17}");

	/** 回乡证: H (Hong Kong) or M (Macao) followed by 8 or 10 digits. */
	private static final Pattern HK_MACAO = Pattern.compile("[HM](\\d{8}|\\d{10})");

	/** 台胞证: 8 digits (the older 10-character forms carry a letter suffix, e.g. 12345678(B), not accepted). */
	private static final Pattern TAIWAN = Pattern.compile("\\d{8}");

	/** 永居证: the 2017 card is 15 characters (3 letters + 12 digits), the 2023 card 18 characters starting 9. */
	private static final Pattern FOREIGNER_PR = Pattern.compile("[A-Z]{3}\\d{12}|9\\d{16}[\\dX]");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern REGION_CODE = Pattern.compile("\\d{2,12}");

	private VolunteerRules() {
	}

	/** The outcome of checking a draft: a checked volunteer, or the problems in field order. */
	public record Result(CheckedVolunteer volunteer, List<FieldProblem> problems) {

		public boolean ok() {
			return problems.isEmpty();
		}
	}

	public static Result check(VolunteerDraft draft, LocalDate today, Predicate<String> guangdongCity,
			Set<String> skillCodes) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = name("realName", draft.realName(), true, problems);
		IdType type = null;
		if (blank(draft.idType())) {
			problems.add(new FieldProblem("idType", "volunteer.error.required"));
		}
		else {
			type = IdType.parse(draft.idType().strip()).orElse(null);
			if (type == null) {
				problems.add(new FieldProblem("idType", "volunteer.error.idType"));
			}
		}
		String idNumber = null;
		LocalDate derivedBirth = null;
		Gender derivedGender = null;
		if (blank(draft.idNumber())) {
			problems.add(new FieldProblem("idNumber", "volunteer.error.required"));
		}
		else if (draft.idNumber().length() > 40) {
			problems.add(new FieldProblem("idNumber", "volunteer.error.idNumber"));
		}
		else if (type != null) {
			String normalised = PersonalNumbers.normalise(draft.idNumber());
			if (type == IdType.RESIDENT_ID) {
				ResidentIdNumber.Result parsed = ResidentIdNumber.parse(normalised, today, guangdongCity);
				if (parsed.number().isPresent()) {
					idNumber = normalised;
					derivedBirth = parsed.number().get().birthDate();
					derivedGender = parsed.number().get().gender();
				}
				else {
					problems.add(new FieldProblem("idNumber", parsed.problem().messageKey()));
				}
			}
			else if (pattern(type).matcher(normalised).matches()) {
				idNumber = normalised;
			}
			else {
				problems.add(new FieldProblem("idNumber", "volunteer.error.idNumber." + type.name()));
			}
		}
		String phone = mobile("phone", draft.phone(), true, problems);
		Gender gender = gender(draft.gender(), derivedGender, type, problems);
		LocalDate birth = birthDate(draft.birthDate(), derivedBirth, type, today, problems);
		String regionCode = null;
		if (blank(draft.regionCode())) {
			problems.add(new FieldProblem("regionCode", "volunteer.error.required"));
		}
		else if (!REGION_CODE.matcher(draft.regionCode().strip()).matches()) {
			problems.add(new FieldProblem("regionCode", "volunteer.error.regionCode"));
		}
		else {
			regionCode = draft.regionCode().strip();
		}
		List<String> skills = skills(draft.skills(), skillCodes, problems);
		String availability = text("availability", draft.availability(), AVAILABILITY_MAX, problems);
		String emergencyName = name("emergencyName", draft.emergencyName(), false, problems);
		String emergencyPhone = mobile("emergencyPhone", draft.emergencyPhone(), false, problems);
		if ((emergencyName == null) != (emergencyPhone == null) && !problems.stream()
				.anyMatch(p -> p.field().startsWith("emergency"))) {
			problems.add(new FieldProblem(emergencyName == null ? "emergencyName" : "emergencyPhone",
					"volunteer.error.emergencyPair"));
		}
		Integer age = birth == null ? null : Period.between(birth, today).getYears();
		boolean minor = age != null && age < ADULT_AGE;
		boolean child = age != null && age < GUARDIAN_DETAILS_BELOW;
		String guardianName = null;
		String guardianRelation = null;
		String guardianPhone = null;
		boolean guardianConsent = false;
		if (minor) {
			guardianName = name("guardianName", draft.guardianName(), child, problems);
			guardianRelation = text("guardianRelation", draft.guardianRelation(), RELATION_MAX, problems);
			if (child && guardianRelation == null && problems.stream().noneMatch(p -> p.field().equals("guardianRelation"))) {
				problems.add(new FieldProblem("guardianRelation", "volunteer.error.required"));
			}
			guardianPhone = mobile("guardianPhone", draft.guardianPhone(), child, problems);
			guardianConsent = flag("guardianConsent", draft.guardianConsent(), problems);
			if (!guardianConsent && problems.stream().noneMatch(p -> p.field().equals("guardianConsent"))) {
				problems.add(new FieldProblem("guardianConsent", "volunteer.error.guardianConsent"));
			}
		}
		if (!flag("consent", draft.consent(), problems) && problems.stream().noneMatch(p -> p.field().equals("consent"))) {
			problems.add(new FieldProblem("consent", "volunteer.error.consent"));
		}
		if (!problems.isEmpty()) {
			return new Result(null, problems);
		}
		return new Result(new CheckedVolunteer(name, type, idNumber, phone, gender, birth, regionCode, skills,
				availability, emergencyName, emergencyPhone, guardianName, guardianRelation, guardianPhone,
				guardianConsent), List.of());
	}

	/**
	 * Checks what a volunteer changes about themselves, with the registration's rules; a blank phone
	 * or emergency phone keeps the stored number (the caller decides whether one is stored).
	 */
	public static List<FieldProblem> check(ProfileChanges changes, Set<String> skillCodes,
			java.util.function.Consumer<ProfileChanges.Checked> accepted) {
		List<FieldProblem> problems = new ArrayList<>();
		// phone numbers are shown masked only, so a blank number means "keep the stored one"
		String phone = mobile("phone", changes.phone(), false, problems);
		String availability = text("availability", changes.availability(), AVAILABILITY_MAX, problems);
		List<String> skills = skills(changes.skills(), skillCodes, problems);
		String emergencyName = name("emergencyName", changes.emergencyName(), false, problems);
		String emergencyPhone = mobile("emergencyPhone", changes.emergencyPhone(), false, problems);
		if (emergencyName == null && emergencyPhone != null
				&& problems.stream().noneMatch(p -> p.field().startsWith("emergency"))) {
			problems.add(new FieldProblem("emergencyName", "volunteer.error.emergencyPair"));
		}
		if (problems.isEmpty()) {
			accepted.accept(new ProfileChanges.Checked(phone, availability, skills, emergencyName, emergencyPhone));
		}
		return problems;
	}

	/** Whether a mainland mobile number is well-formed after normalising. */
	public static boolean isMobile(String value) {
		return value != null && value.length() <= 40 && PersonalNumbers.MOBILE.matcher(PersonalNumbers.normalise(value)).matches();
	}

	private static Pattern pattern(IdType type) {
		return switch (type) {
			case PASSPORT -> PASSPORT;
			case HK_MACAO_PERMIT -> HK_MACAO;
			case TAIWAN_PERMIT -> TAIWAN;
			case FOREIGNER_PR -> FOREIGNER_PR;
			case RESIDENT_ID -> throw new IllegalArgumentException("resident IDs have their own rules");
		};
	}

	private static Gender gender(String given, Gender derived, IdType type, List<FieldProblem> problems) {
		Gender parsed = null;
		if (!blank(given)) {
			parsed = Gender.parse(given.strip()).orElse(null);
			if (parsed == null) {
				problems.add(new FieldProblem("gender", "volunteer.error.gender"));
				return null;
			}
		}
		if (derived != null) {
			if (parsed != null && parsed != derived) {
				problems.add(new FieldProblem("gender", "volunteer.error.genderMismatch"));
			}
			return derived;
		}
		if (parsed == null && type != null && type != IdType.RESIDENT_ID) {
			problems.add(new FieldProblem("gender", "volunteer.error.required"));
		}
		return parsed;
	}

	private static LocalDate birthDate(String given, LocalDate derived, IdType type, LocalDate today,
			List<FieldProblem> problems) {
		LocalDate parsed = null;
		if (!blank(given)) {
			String text = Normalizer.normalize(given.strip(), Normalizer.Form.NFKC);
			if (!DATE.matcher(text).matches()) {
				problems.add(new FieldProblem("birthDate", "volunteer.error.date"));
				return null;
			}
			try {
				parsed = LocalDate.parse(text);
			}
			catch (DateTimeParseException ex) {
				problems.add(new FieldProblem("birthDate", "volunteer.error.date"));
				return null;
			}
			if (parsed.isAfter(today) || Period.between(parsed, today).getYears() > ResidentIdNumber.MAX_AGE) {
				problems.add(new FieldProblem("birthDate", "volunteer.error.birthDateRange"));
				return null;
			}
		}
		if (derived != null) {
			if (parsed != null && !parsed.equals(derived)) {
				problems.add(new FieldProblem("birthDate", "volunteer.error.birthDateMismatch"));
			}
			return derived;
		}
		if (parsed == null && type != null && type != IdType.RESIDENT_ID) {
			problems.add(new FieldProblem("birthDate", "volunteer.error.required"));
		}
		return parsed;
	}

	private static List<String> skills(List<String> given, Set<String> skillCodes, List<FieldProblem> problems) {
		Set<String> skills = new LinkedHashSet<>();
		for (String code : given) {
			if (!skillCodes.contains(code.strip())) {
				problems.add(new FieldProblem("skills", "volunteer.error.skill"));
				return List.of();
			}
			skills.add(code.strip());
		}
		if (skills.size() > SKILLS_MAX) {
			problems.add(new FieldProblem("skills", "volunteer.error.skillsTooMany"));
		}
		return List.copyOf(skills);
	}

	private static String mobile(String field, String value, boolean required, List<FieldProblem> problems) {
		if (blank(value)) {
			if (required) {
				problems.add(new FieldProblem(field, "volunteer.error.required"));
			}
			return null;
		}
		if (!isMobile(value)) {
			problems.add(new FieldProblem(field, "volunteer.error.mobile"));
			return null;
		}
		return PersonalNumbers.normalise(value);
	}

	/** A person's name: NFKC, trimmed, bounded, one script. */
	private static String name(String field, String value, boolean required, List<FieldProblem> problems) {
		if (blank(value)) {
			if (required) {
				problems.add(new FieldProblem(field, "volunteer.error.required"));
			}
			return null;
		}
		String name = Normalizer.normalize(value, Normalizer.Form.NFKC).strip().replace('•', '·').replace('・', '·');
		if (name.codePointCount(0, name.length()) > NAME_MAX) {
			problems.add(new FieldProblem(field, "volunteer.error.nameTooLong"));
			return null;
		}
		if (!HAN_NAME.matcher(name).matches() && !LATIN_NAME.matcher(name).matches()) {
			problems.add(new FieldProblem(field, "volunteer.error.name"));
			return null;
		}
		return name;
	}

	/** Plain text: bounded, no control characters, no U+FFFD, no markup, no emoji or other symbols. */
	private static String text(String field, String value, int max, List<FieldProblem> problems) {
		if (blank(value)) {
			return null;
		}
		String text = Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
		if (text.codePointCount(0, text.length()) > max) {
			problems.add(new FieldProblem(field, "volunteer.error.tooLong"));
			return null;
		}
		boolean bad = text.codePoints().anyMatch(c -> c == 0xFFFD || Character.isISOControl(c) || c == '<' || c == '>'
				|| Character.getType(c) == Character.OTHER_SYMBOL || Character.getType(c) == Character.SURROGATE
				|| Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.UNASSIGNED
				|| Character.getType(c) == Character.FORMAT);
		if (bad) {
			problems.add(new FieldProblem(field, "volunteer.error.characters"));
			return null;
		}
		return text;
	}

	private static boolean flag(String field, String value, List<FieldProblem> problems) {
		if (blank(value)) {
			return false;
		}
		String v = value.strip();
		if (v.equals("true") || v.equals("on")) {
			return true;
		}
		if (!v.equals("false")) {
			problems.add(new FieldProblem(field, "volunteer.error.boolean"));
		}
		return false;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
