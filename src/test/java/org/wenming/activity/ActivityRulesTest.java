package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wenming.region.FieldProblem;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** What an activity draft must satisfy before anything is stored, without Spring. */
class ActivityRulesTest {

	static final OffsetDateTime NOW = OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.ofHours(8));

	static final OffsetDateTime NINE = NOW.plusDays(4).withHour(9);

	static final Set<String> SKILLS = Set.of("FIRST_AID", "LAW");

	static ShiftDraft shift() {
		return new ShiftDraft(NINE, NINE.plusHours(3), 20, null, List.of("FIRST_AID"));
	}

	/** A service activity at an address, organized by a team, with one shift: valid. */
	static ActivityDraft draft() {
		return new ActivityDraft("文明交通劝导", "在路口劝导行人遵守信号灯。\n请穿志愿者马甲。", ActivityType.SERVICE, null, null, null,
				null, 77L, null, null, "端州区天宁北路与建设路交叉口", "441202", new BigDecimal("23.047500"),
				new BigDecimal("112.465300"), 200, false, List.of(shift()));
	}

	static Builder with() {
		return new Builder(draft());
	}

	/** Changes one thing of the valid draft at a time. */
	record Builder(ActivityDraft d) {

		Builder title(String v) {
			return new Builder(new ActivityDraft(v, d.description(), d.type(), d.lectureSetting(), d.lectureTeamId(),
					d.campaignTheme(), d.courseSubject(), d.organizerTeamId(), d.organizerSiteId(), d.siteId(),
					d.address(), d.regionCode(), d.latitude(), d.longitude(), d.geofenceRadiusM(), d.requiresApproval(),
					d.shifts()));
		}

		Builder description(String v) {
			return new Builder(new ActivityDraft(d.title(), v, d.type(), d.lectureSetting(), d.lectureTeamId(),
					d.campaignTheme(), d.courseSubject(), d.organizerTeamId(), d.organizerSiteId(), d.siteId(),
					d.address(), d.regionCode(), d.latitude(), d.longitude(), d.geofenceRadiusM(), d.requiresApproval(),
					d.shifts()));
		}

		Builder type(ActivityType type, LectureSetting setting, Long lectureTeam, CampaignTheme theme, String subject) {
			return new Builder(new ActivityDraft(d.title(), d.description(), type, setting, lectureTeam, theme, subject,
					d.organizerTeamId(), d.organizerSiteId(), d.siteId(), d.address(), d.regionCode(), d.latitude(),
					d.longitude(), d.geofenceRadiusM(), d.requiresApproval(), d.shifts()));
		}

		Builder organizer(Long team, Long site) {
			return new Builder(new ActivityDraft(d.title(), d.description(), d.type(), d.lectureSetting(),
					d.lectureTeamId(), d.campaignTheme(), d.courseSubject(), team, site, d.siteId(), d.address(),
					d.regionCode(), d.latitude(), d.longitude(), d.geofenceRadiusM(), d.requiresApproval(), d.shifts()));
		}

		Builder place(Long site, String address, String region) {
			return new Builder(new ActivityDraft(d.title(), d.description(), d.type(), d.lectureSetting(),
					d.lectureTeamId(), d.campaignTheme(), d.courseSubject(), d.organizerTeamId(), d.organizerSiteId(),
					site, address, region, d.latitude(), d.longitude(), d.geofenceRadiusM(), d.requiresApproval(),
					d.shifts()));
		}

		Builder position(String latitude, String longitude, Integer geofence) {
			return new Builder(new ActivityDraft(d.title(), d.description(), d.type(), d.lectureSetting(),
					d.lectureTeamId(), d.campaignTheme(), d.courseSubject(), d.organizerTeamId(), d.organizerSiteId(),
					d.siteId(), d.address(), d.regionCode(), latitude == null ? null : new BigDecimal(latitude),
					longitude == null ? null : new BigDecimal(longitude), geofence, d.requiresApproval(), d.shifts()));
		}

		Builder shifts(List<ShiftDraft> shifts) {
			return new Builder(new ActivityDraft(d.title(), d.description(), d.type(), d.lectureSetting(),
					d.lectureTeamId(), d.campaignTheme(), d.courseSubject(), d.organizerTeamId(), d.organizerSiteId(),
					d.siteId(), d.address(), d.regionCode(), d.latitude(), d.longitude(), d.geofenceRadiusM(),
					d.requiresApproval(), shifts));
		}

		Builder shift(ShiftDraft shift) {
			return shifts(List.of(shift));
		}

		List<FieldProblem> problems() {
			return ActivityRules.check(d, SKILLS, NOW);
		}
	}

	static FieldProblem problem(String field, String key) {
		return new FieldProblem(field, key);
	}

	@Test
	void aCompleteDraftHasNoProblems() {
		assertThat(with().problems()).isEmpty();
		// at a practice site: no address, region or position needed
		assertThat(with().place(5L, null, null).position(null, null, null).problems()).isEmpty();
		// organized by a site instead of a team
		assertThat(with().organizer(null, 9L).problems()).isEmpty();
	}

	@Test
	void requiredFieldsAreNamed() {
		assertThat(with().title(null).problems()).containsExactly(problem("title", "activity.error.required"));
		assertThat(with().type(null, null, null, null, null).problems())
			.containsExactly(problem("type", "activity.error.required"));
		assertThat(with().shifts(List.of()).problems()).containsExactly(problem("shifts", "activity.error.shiftsRequired"));
	}

	@Test
	void eachTypeAsksForItsOwnDetails() {
		assertThat(with().type(ActivityType.LECTURE, null, null, null, null).problems()).containsExactly(
				problem("lectureSetting", "activity.error.required"), problem("lectureTeamId", "activity.error.required"));
		assertThat(with().type(ActivityType.LECTURE, LectureSetting.CAMPUS, 12L, null, null).problems()).isEmpty();
		assertThat(with().type(ActivityType.CAMPAIGN, null, null, null, null).problems())
			.containsExactly(problem("campaignTheme", "activity.error.required"));
		assertThat(with().type(ActivityType.CAMPAIGN, null, null, CampaignTheme.ACTION_DAY, null).problems()).isEmpty();
		assertThat(with().type(ActivityType.COURSE, null, null, null, null).problems())
			.containsExactly(problem("courseSubject", "activity.error.required"));
		assertThat(with().type(ActivityType.COURSE, null, null, null, "书法<b>").problems())
			.containsExactly(problem("courseSubject", "activity.error.markup"));
		assertThat(with().type(ActivityType.COURSE, null, null, null, "书法").problems()).isEmpty();
		assertThat(with().type(ActivityType.MARKET, null, null, null, null).problems()).isEmpty();
	}

	@Test
	void exactlyOneOrganizer() {
		assertThat(with().organizer(null, null).problems()).containsExactly(problem("organizer", "activity.error.organizerOne"));
		assertThat(with().organizer(77L, 9L).problems()).containsExactly(problem("organizer", "activity.error.organizerOne"));
	}

	@Test
	void aPlaceIsNeededUnlessTheLectureIsOnline() {
		assertThat(with().place(null, null, "441202").position(null, null, null).problems())
			.containsExactly(problem("address", "activity.error.placeRequired"));
		assertThat(with().type(ActivityType.LECTURE, LectureSetting.ONLINE, 12L, null, null).place(null, null, "441202")
			.position(null, null, null).problems()).isEmpty();
		assertThat(with().place(null, "天宁北路", null).problems())
			.containsExactly(problem("regionCode", "activity.error.required"));
		assertThat(with().place(null, "天宁北路", "4412x").problems())
			.containsExactly(problem("regionCode", "activity.error.regionCode"));
		assertThat(with().place(null, "天宁北路", "4").problems())
			.containsExactly(problem("regionCode", "activity.error.regionCode"));
	}

	@Test
	void aPositionHasBothCoordinatesInRangeToSixDecimals() {
		assertThat(with().position("23.0475", null, null).problems())
			.containsExactly(problem("longitude", "activity.error.positionBoth"));
		assertThat(with().position(null, "112.4653", null).problems())
			.containsExactly(problem("latitude", "activity.error.positionBoth"));
		assertThat(with().position("90.000001", "112", null).problems())
			.containsExactly(problem("latitude", "activity.error.coordinate"));
		assertThat(with().position("-90", "-180", null).problems()).isEmpty();
		assertThat(with().position("23", "180.5", null).problems())
			.containsExactly(problem("longitude", "activity.error.coordinate"));
		assertThat(with().position("23.1234567", "112", null).problems())
			.containsExactly(problem("latitude", "activity.error.coordinate"));
	}

	@Test
	void aGeofenceIsTenMetresToOneHundredKilometresAroundAKnownPosition() {
		assertThat(with().position("23", "112", 9).problems())
			.containsExactly(problem("geofenceRadiusM", "activity.error.geofence"));
		assertThat(with().position("23", "112", 100_001).problems())
			.containsExactly(problem("geofenceRadiusM", "activity.error.geofence"));
		assertThat(with().position("23", "112", 10).problems()).isEmpty();
		assertThat(with().position("23", "112", 100_000).problems()).isEmpty();
		assertThat(with().position(null, null, 200).problems())
			.containsExactly(problem("geofenceRadiusM", "activity.error.geofenceNeedsPosition"));
		// the site's own position serves
		assertThat(with().place(5L, null, null).position(null, null, 200).problems()).isEmpty();
	}

	@Test
	void shiftsStartInTheFutureEndAfterTheyStartAndLastAtMostAWeek() {
		assertThat(with().shift(new ShiftDraft(NOW, NOW.plusHours(2), 5, null, List.of())).problems())
			.containsExactly(problem("shifts[0].startsAt", "activity.error.inPast"));
		assertThat(with().shift(new ShiftDraft(NINE, NINE, 5, null, List.of())).problems())
			.containsExactly(problem("shifts[0].endsAt", "activity.error.endBeforeStart"));
		assertThat(with().shift(new ShiftDraft(NINE, NINE.plusDays(7), 5, null, List.of())).problems()).isEmpty();
		assertThat(with().shift(new ShiftDraft(NINE, NINE.plusDays(7).plusMinutes(1), 5, null, List.of())).problems())
			.containsExactly(problem("shifts[0].endsAt", "activity.error.shiftTooLong"));
		assertThat(with().shift(new ShiftDraft(null, null, null, null, List.of())).problems()).containsExactly(
				problem("shifts[0].startsAt", "activity.error.required"),
				problem("shifts[0].endsAt", "activity.error.required"),
				problem("shifts[0].capacity", "activity.error.required"));
	}

	@Test
	void aShiftsPlacesAgeAndSkillsAreChecked() {
		assertThat(with().shift(new ShiftDraft(NINE, NINE.plusHours(1), 5, 0, List.of())).problems())
			.containsExactly(problem("shifts[0].minAge", "activity.error.minAge"));
		assertThat(with().shift(new ShiftDraft(NINE, NINE.plusHours(1), 5, 101, List.of())).problems())
			.containsExactly(problem("shifts[0].minAge", "activity.error.minAge"));
		assertThat(with().shift(new ShiftDraft(NINE, NINE.plusHours(1), 5, 18, List.of("LAW", "JUGGLING", "FLYING")))
			.problems()).containsExactly(problem("shifts[0].requiredSkills", "activity.error.skill"));
	}

	@Test
	void eachShiftIsNamedByItsIndexAndOnlyFiftyAreLookedAt() {
		ShiftDraft bad = new ShiftDraft(NINE, NINE.plusHours(1), 0, null, List.of());
		assertThat(with().shifts(List.of(shift(), bad, shift(), bad)).problems()).containsExactly(
				problem("shifts[1].capacity", "activity.error.capacity"),
				problem("shifts[3].capacity", "activity.error.capacity"));
		List<ShiftDraft> many = new ArrayList<>(Collections.nCopies(ActivityRules.SHIFTS_MAX, shift()));
		assertThat(with().shifts(many).problems()).isEmpty();
		many.add(bad);
		assertThat(with().shifts(many).problems()).containsExactly(problem("shifts", "activity.error.shiftsMax"));
	}

	@Test
	void textIsBoundedPlainAndFreeOfControlCharacters() {
		assertThat(with().title("a".repeat(100)).problems()).isEmpty();
		// counted in characters as a reader sees them, not UTF-16 units
		assertThat(with().title("𠀀".repeat(100)).problems()).isEmpty();
		assertThat(with().title("a".repeat(101)).problems()).containsExactly(problem("title", "activity.error.tooLong.100"));
		assertThat(with().title("劝导<script>").problems()).containsExactly(problem("title", "activity.error.markup"));
		assertThat(with().title("劝导\n行人").problems()).containsExactly(problem("title", "activity.error.characters"));
		assertThat(with().title("劝导\uFFFD").problems()).containsExactly(problem("title", "activity.error.characters"));
		assertThat(with().title("劝导😀").problems()).containsExactly(problem("title", "activity.error.nameCharacters"));
		assertThat(with().title("《文明家风》讲座：第1期（周末）").problems()).isEmpty();
		// a description may run over several lines, but no other control character
		assertThat(with().description("第一行\r\n第二行\t缩进").problems()).isEmpty();
		assertThat(with().description("响铃\u0007").problems())
			.containsExactly(problem("description", "activity.error.characters"));
		assertThat(with().description("x".repeat(5001)).problems())
			.containsExactly(problem("description", "activity.error.tooLong.5000"));
	}

	@Test
	void problemsComeInFieldOrder() {
		ActivityDraft bad = new ActivityDraft(null, "<p>", null, null, null, null, null, null, null, null, null, null,
				BigDecimal.ONE, null, 5, false, List.of());
		assertThat(ActivityRules.check(bad, SKILLS, NOW)).extracting(FieldProblem::field).containsExactly("title",
				"description", "type", "organizer", "address", "regionCode", "longitude", "geofenceRadiusM", "shifts");
	}

	@Test
	void aReasonIsRequiredShortPlainText() {
		assertThat(ActivityRules.checkReason(null)).containsExactly(problem("reason", "activity.error.required"));
		assertThat(ActivityRules.checkReason("  \t ")).containsExactly(problem("reason", "activity.error.required"));
		assertThat(ActivityRules.checkReason("  天气原因取消  ")).isEmpty();
		assertThat(ActivityRules.checkReason("理".repeat(200))).isEmpty();
		assertThat(ActivityRules.checkReason("理".repeat(201))).containsExactly(problem("reason", "activity.error.tooLong.200"));
		assertThat(ActivityRules.checkReason("见<a href=x>通知</a>")).containsExactly(problem("reason", "activity.error.markup"));
		assertThat(ActivityRules.checkReason("第一行\n第二行")).containsExactly(problem("reason", "activity.error.characters"));
	}

	@Property(tries = 300)
	void aShiftsCapacityIsOneToOneHundredThousand(@ForAll int capacity) {
		List<FieldProblem> problems = with().shift(new ShiftDraft(NINE, NINE.plusHours(1), capacity, null, List.of()))
			.problems();
		if (capacity >= 1 && capacity <= ActivityRules.CAPACITY_MAX) {
			assertThat(problems).isEmpty();
		}
		else {
			assertThat(problems).containsExactly(problem("shifts[0].capacity", "activity.error.capacity"));
		}
	}

	@Property(tries = 300)
	void aTitleOfLettersIsRefusedOnlyForItsLength(
			@ForAll @Chars({ '文', '明', '实', '践', 'a', 'Z', '7', ' ', '·' }) @StringLength(min = 1, max = 140) String title,
			@ForAll @IntRange(min = 0, max = 139) int at) {
		// as the service trims it first
		String trimmed = title.strip();
		List<FieldProblem> problems = with().title(trimmed.isEmpty() ? "文" : trimmed).problems();
		if (trimmed.length() > ActivityRules.TITLE_MAX) {
			assertThat(problems).containsExactly(problem("title", "activity.error.tooLong.100"));
		}
		else {
			assertThat(problems).isEmpty();
		}
		// and any markup makes it refused, whatever else it holds
		String marked = new StringBuilder(trimmed.isEmpty() ? "文" : trimmed.substring(0, Math.min(trimmed.length(), 99)))
			.insert(Math.min(at, Math.min(trimmed.length(), 99)), '<').toString();
		assertThat(with().title(marked).problems()).containsExactly(problem("title", "activity.error.markup"));
	}
}
