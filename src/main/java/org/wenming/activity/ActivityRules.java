package org.wenming.activity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.wenming.region.FieldProblem;
import org.wenming.training.Qualification;

/**
 * What an activity draft must satisfy before anything is stored. Pure: no database, no Spring.
 * Rules that need stored data (the organizer, site, team and region exist and are the person's to
 * use) are checked by {@link Activities}.
 */
public final class ActivityRules {

	public static final int TITLE_MAX = 100;

	public static final int DESCRIPTION_MAX = 5000;

	public static final int ADDRESS_MAX = 200;

	public static final int SUBJECT_MAX = 100;

	public static final int REASON_MAX = 200;

	public static final int SHIFTS_MAX = 50;

	public static final int CAPACITY_MAX = 100_000;

	public static final int AUDIENCE_MAX = 1_000_000;

	/** A shift longer than this is almost certainly a typing slip (a wrong month or year). */
	public static final Duration SHIFT_MAX = Duration.ofDays(7);

	/** Titles, addresses, subjects: letters, digits, spaces and the punctuation they use; no markup, no emoji. */
	private static final Pattern NAME = Pattern
		.compile("[\\p{L}\\p{M}\\p{N} ·・()（）\\-—_.,，。、:：;；!！?？\"“”'‘’《》&/#＃+]+");

	private static final Pattern REGION_CODE = Pattern.compile("\\d{2,12}");

	private ActivityRules() {
	}

	/**
	 * The problems of a trimmed draft, in field order; empty when it may be stored.
	 *
	 * @param now shifts must start after it
	 */
	public static List<FieldProblem> check(ActivityDraft draft, Set<String> skillCodes, OffsetDateTime now) {
		return check(draft, skillCodes, now, true);
	}

	/**
	 * As {@link #check(ActivityDraft, Set, OffsetDateTime)}.
	 *
	 * @param placeRequired false for a service desk's shift, whose place is its village only (no site, no address)
	 */
	public static List<FieldProblem> check(ActivityDraft draft, Set<String> skillCodes, OffsetDateTime now,
			boolean placeRequired) {
		List<FieldProblem> problems = new ArrayList<>();
		name("title", draft.title(), TITLE_MAX, true, problems);
		text("description", draft.description(), DESCRIPTION_MAX, true, problems);
		if (draft.type() == null) {
			problems.add(new FieldProblem("type", "activity.error.required"));
		}
		else {
			switch (draft.type()) {
				case LECTURE -> {
					if (draft.lectureSetting() == null) {
						problems.add(new FieldProblem("lectureSetting", "activity.error.required"));
					}
					if (draft.lectureTeamId() == null) {
						problems.add(new FieldProblem("lectureTeamId", "activity.error.required"));
					}
				}
				case CAMPAIGN -> {
					if (draft.campaignTheme() == null) {
						problems.add(new FieldProblem("campaignTheme", "activity.error.required"));
					}
				}
				case COURSE -> name("courseSubject", draft.courseSubject(), SUBJECT_MAX, true, problems);
				default -> {
				}
			}
		}
		if ((draft.organizerTeamId() == null) == (draft.organizerSiteId() == null)) {
			problems.add(new FieldProblem("organizer", "activity.error.organizerOne"));
		}
		boolean online = draft.type() == ActivityType.LECTURE && draft.lectureSetting() == LectureSetting.ONLINE;
		name("address", draft.address(), ADDRESS_MAX, false, problems);
		if (placeRequired && draft.siteId() == null && draft.address() == null && !online) {
			problems.add(new FieldProblem("address", "activity.error.placeRequired"));
		}
		if (draft.siteId() == null) {
			if (draft.regionCode() == null) {
				problems.add(new FieldProblem("regionCode", "activity.error.required"));
			}
			else if (!REGION_CODE.matcher(draft.regionCode()).matches()) {
				problems.add(new FieldProblem("regionCode", "activity.error.regionCode"));
			}
		}
		if ((draft.latitude() == null) != (draft.longitude() == null)) {
			problems.add(new FieldProblem(draft.latitude() == null ? "latitude" : "longitude",
					"activity.error.positionBoth"));
		}
		coordinate("latitude", draft.latitude(), 90, problems);
		coordinate("longitude", draft.longitude(), 180, problems);
		if (draft.geofenceRadiusM() != null) {
			if (draft.geofenceRadiusM() < 10 || draft.geofenceRadiusM() > 100_000) {
				problems.add(new FieldProblem("geofenceRadiusM", "activity.error.geofence"));
			}
			else if (draft.latitude() == null && draft.siteId() == null) {
				problems.add(new FieldProblem("geofenceRadiusM", "activity.error.geofenceNeedsPosition"));
			}
		}
		if (draft.shifts().isEmpty()) {
			problems.add(new FieldProblem("shifts", "activity.error.shiftsRequired"));
		}
		else if (draft.shifts().size() > SHIFTS_MAX) {
			problems.add(new FieldProblem("shifts", "activity.error.shiftsMax"));
		}
		for (int i = 0; i < draft.shifts().size() && i < SHIFTS_MAX; i++) {
			shift("shifts[" + i + "].", draft.shifts().get(i), skillCodes, now, problems);
		}
		return problems;
	}

	private static void shift(String prefix, ShiftDraft shift, Set<String> skillCodes, OffsetDateTime now,
			List<FieldProblem> problems) {
		if (shift.startsAt() == null) {
			problems.add(new FieldProblem(prefix + "startsAt", "activity.error.required"));
		}
		else if (!shift.startsAt().isAfter(now)) {
			problems.add(new FieldProblem(prefix + "startsAt", "activity.error.inPast"));
		}
		if (shift.endsAt() == null) {
			problems.add(new FieldProblem(prefix + "endsAt", "activity.error.required"));
		}
		else if (shift.startsAt() != null && !shift.endsAt().isAfter(shift.startsAt())) {
			problems.add(new FieldProblem(prefix + "endsAt", "activity.error.endBeforeStart"));
		}
		else if (shift.startsAt() != null && Duration.between(shift.startsAt(), shift.endsAt()).compareTo(SHIFT_MAX) > 0) {
			problems.add(new FieldProblem(prefix + "endsAt", "activity.error.shiftTooLong"));
		}
		if (shift.capacity() == null) {
			problems.add(new FieldProblem(prefix + "capacity", "activity.error.required"));
		}
		else if (shift.capacity() < 1 || shift.capacity() > CAPACITY_MAX) {
			problems.add(new FieldProblem(prefix + "capacity", "activity.error.capacity"));
		}
		if (shift.minAge() != null && (shift.minAge() < 1 || shift.minAge() > 100)) {
			problems.add(new FieldProblem(prefix + "minAge", "activity.error.minAge"));
		}
		for (String skill : shift.requiredSkills()) {
			if (!skillCodes.contains(skill)) {
				problems.add(new FieldProblem(prefix + "requiredSkills", "activity.error.skill"));
				break;
			}
		}
		for (String qualification : shift.requiredQualifications()) {
			if (Qualification.parse(qualification).filter(q -> q.name().equals(qualification)).isEmpty()) {
				problems.add(new FieldProblem(prefix + "requiredQualifications", "activity.error.qualification"));
				break;
			}
		}
	}

	/** The problems of a cancellation's or a decline's reason: required, short plain text. */
	public static List<FieldProblem> checkReason(String reason) {
		List<FieldProblem> problems = new ArrayList<>();
		String trimmed = reason == null ? null : reason.strip();
		if (trimmed == null || trimmed.isEmpty()) {
			problems.add(new FieldProblem("reason", "activity.error.required"));
		}
		else {
			text("reason", trimmed, REASON_MAX, false, problems);
		}
		return problems;
	}

	private static void coordinate(String field, BigDecimal value, int limit, List<FieldProblem> problems) {
		if (value != null && (value.abs().compareTo(BigDecimal.valueOf(limit)) > 0 || value.scale() > 6)) {
			problems.add(new FieldProblem(field, "activity.error.coordinate"));
		}
	}

	private static void name(String field, String value, int max, boolean required, List<FieldProblem> problems) {
		int before = problems.size();
		if (value == null) {
			if (required) {
				problems.add(new FieldProblem(field, "activity.error.required"));
			}
			return;
		}
		text(field, value, max, false, problems);
		if (problems.size() == before && !NAME.matcher(value).matches()) {
			problems.add(new FieldProblem(field, "activity.error.nameCharacters"));
		}
	}

	/** Plain text: bounded, no markup, no control characters (but line breaks when multiline), no U+FFFD. */
	static void text(String field, String value, int max, boolean multiline, List<FieldProblem> problems) {
		if (value == null) {
			return;
		}
		if (value.codePointCount(0, value.length()) > max) {
			problems.add(new FieldProblem(field, "activity.error.tooLong." + max));
		}
		else if (value.codePoints().anyMatch(c -> c == '\uFFFD'
				|| (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))))) {
			problems.add(new FieldProblem(field, "activity.error.characters"));
		}
		else if (value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
			problems.add(new FieldProblem(field, "activity.error.markup"));
		}
	}
}
