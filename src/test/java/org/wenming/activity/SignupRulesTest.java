package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;

/** The sign-up rules, the approval flow, the waitlist and the activity's life, each step with who may take it. */
@WenmingTest
class SignupRulesTest {

	@Autowired
	Activities activities;

	@Autowired
	Signups signups;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	ActivityFixtures fixtures;

	long team;

	ScopedUser leader;

	OffsetDateTime inThreeDays;

	@BeforeEach
	void aTeamWithALeader() {
		fixtures = new ActivityFixtures(jdbc, regions);
		team = fixtures.team("规则测试队" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		leader = fixtures.leader(team);
		inThreeDays = OffsetDateTime.now().plusDays(3).withNano(0);
	}

	private Activity published(List<ShiftDraft> shifts, boolean approval) {
		ActivityDraft d = ActivityFixtures.draft("规则测试活动", team, shifts);
		d = new ActivityDraft(d.title(), d.description(), d.type(), null, null, null, null, team, null, null,
				d.address(), d.regionCode(), d.latitude(), d.longitude(), null, approval, shifts);
		Activity activity = activities.create(d, leader);
		return activities.publish(activity.id(), leader);
	}

	private static String refusal(Runnable step) {
		try {
			step.run();
		}
		catch (ActivityRefusedException ex) {
			return ex.messageKey();
		}
		return "not refused";
	}

	@Test
	void aDraftTakesNoSignupsAndPublishingOpensIt() {
		Activity draft = activities.create(ActivityFixtures.draft("草稿活动", team,
				List.of(ActivityFixtures.shift(inThreeDays, 2, 5))), leader);
		assertThat(draft.status()).isEqualTo(ActivityStatus.DRAFT);
		long shift = activities.shifts(draft.id()).get(0).id();
		ScopedUser v = fixtures.volunteer("草稿报名");
		assertThat(refusal(() -> signups.signUp(shift, v))).isEqualTo("activity.error.notOpen");
		assertThat(activities.findPublished(draft.id())).isEmpty();
		activities.publish(draft.id(), leader);
		assertThat(signups.signUp(shift, v).status()).isEqualTo(SignupStatus.CONFIRMED);
		assertThat(refusal(() -> activities.publish(draft.id(), leader))).isEqualTo("activity.error.notDraft");
		assertThat(refusal(() -> activities.update(draft.id(), 1, ActivityFixtures.draft("改名", team,
				List.of(ActivityFixtures.shift(inThreeDays, 2, 5))), leader))).isEqualTo("activity.error.onlyDraftEditable");
	}

	@Test
	void minimumAgeOnTheShiftDaySkillsAndOverlapAreChecked() {
		Activity activity = published(List.of(
				new ShiftDraft(inThreeDays, inThreeDays.plusHours(3), 5, 18, List.of("MEDICAL")),
				new ShiftDraft(inThreeDays.plusHours(1), inThreeDays.plusHours(4), 5, null, List.of())), false);
		long first = activities.shifts(activity.id()).get(0).id();
		long second = activities.shifts(activity.id()).get(1).id();
		LocalDate shiftDay = Activities.cityDate(inThreeDays);
		// turns 18 the day after the shift: too young on the day; turning 18 on the day is old enough
		ScopedUser almost = fixtures.volunteer("差一天", shiftDay.minusYears(18).plusDays(1), List.of("MEDICAL"));
		ScopedUser justAdult = fixtures.volunteer("刚成年", shiftDay.minusYears(18), List.of("MEDICAL"));
		ScopedUser noSkill = fixtures.volunteer("无技能", LocalDate.of(1980, 5, 5), List.of());
		assertThat(refusal(() -> signups.signUp(first, almost))).isEqualTo("activity.error.tooYoung");
		assertThat(refusal(() -> signups.signUp(first, noSkill))).isEqualTo("activity.error.skillsMissing");
		assertThat(signups.signUp(first, justAdult).status()).isEqualTo(SignupStatus.CONFIRMED);
		assertThat(refusal(() -> signups.signUp(second, justAdult))).isEqualTo("activity.error.overlap");
		assertThat(refusal(() -> signups.signUp(first, justAdult))).isEqualTo("activity.error.alreadySignedUp");
		assertThat(fixtures.counts(first)).containsExactly(1, 0);
	}

	@Test
	void anOverlapIsFoundAcrossTheYearsPartitionsAndNoShiftOutlastsAWeek() {
		// a week-long shift over new year and a shift in its last days: their sign-ups lie in different years'
		// partitions, and the overlap check reads only the partitions of the week before the second's start
		int year = OffsetDateTime.now().getYear() + 1;
		OffsetDateTime newYearsWeek = OffsetDateTime.parse(year + "-12-27T10:00:00+08:00");
		Activity activity = published(List.of(
				new ShiftDraft(newYearsWeek, newYearsWeek.plus(ActivityRules.SHIFT_MAX), 5, null, List.of()),
				new ShiftDraft(newYearsWeek.plusDays(6), newYearsWeek.plusDays(6).plusHours(2), 5, null, List.of()),
				new ShiftDraft(newYearsWeek.plus(ActivityRules.SHIFT_MAX), newYearsWeek.plusDays(7).plusHours(2), 5,
						null, List.of())), false);
		List<Shift> shifts = activities.shifts(activity.id());
		ScopedUser v = fixtures.volunteer("跨年周");
		assertThat(signups.signUp(shifts.get(0).id(), v).status()).isEqualTo(SignupStatus.CONFIRMED);
		assertThat(refusal(() -> signups.signUp(shifts.get(1).id(), v))).isEqualTo("activity.error.overlap");
		// starts the instant the week ends: no overlap
		assertThat(signups.signUp(shifts.get(2).id(), v).status()).isEqualTo(SignupStatus.CONFIRMED);
		// the database holds the week's bound too (a bulk load or a hand-made shift cannot outlast it)
		assertThatThrownBy(() -> fixtures.moveShift(shifts.get(1).id(), newYearsWeek,
				newYearsWeek.plus(ActivityRules.SHIFT_MAX).plusMinutes(1)))
			.isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class)
			.hasMessageContaining("shift_length_check");
	}

	@Test
	void aStartedShiftTakesNoSignupsAndNoCancellations() {
		Activity activity = published(List.of(ActivityFixtures.shift(inThreeDays, 2, 5)), false);
		long shift = activities.shifts(activity.id()).get(0).id();
		ScopedUser v = fixtures.volunteer("已开始");
		Signup signup = signups.signUp(shift, v);
		fixtures.moveShift(shift, OffsetDateTime.now().minusMinutes(5), OffsetDateTime.now().plusHours(2));
		ScopedUser late = fixtures.volunteer("迟到者");
		assertThat(refusal(() -> signups.signUp(shift, late))).isEqualTo("activity.error.shiftStarted");
		assertThat(refusal(() -> signups.cancel(signup.id(), v))).isEqualTo("activity.error.shiftStarted");
		assertThat(activities.find(activity.id()).orElseThrow().statusAt(OffsetDateTime.now()))
			.isEqualTo(ActivityStatus.UNDER_WAY);
	}

	@Test
	void someoneWhoIsNotAVolunteerIsToldToRegister() {
		Activity activity = published(List.of(ActivityFixtures.shift(inThreeDays, 2, 5)), false);
		long shift = activities.shifts(activity.id()).get(0).id();
		assertThat(refusal(() -> signups.signUp(shift, leader))).isEqualTo("activity.error.notVolunteer");
	}

	@Test
	void approvalPutsSignupsOnHoldUntilTheOrganizerDecides() {
		Activity activity = published(List.of(ActivityFixtures.shift(inThreeDays, 2, 1)), true);
		long shift = activities.shifts(activity.id()).get(0).id();
		ScopedUser a = fixtures.volunteer("审核甲");
		ScopedUser b = fixtures.volunteer("审核乙");
		ScopedUser c = fixtures.volunteer("审核丙");
		Signup sa = signups.signUp(shift, a);
		Signup sb = signups.signUp(shift, b);
		Signup sc = signups.signUp(shift, c);
		assertThat(List.of(sa.status(), sb.status(), sc.status())).containsOnly(SignupStatus.PENDING);
		assertThat(fixtures.counts(shift)).containsExactly(0, 0);

		ScopedUser otherLeader = fixtures.leader(fixtures.team("别的队" + ActivityFixtures.tag(), "441202",
				ActivityFixtures.DUANZHOU_PATH));
		assertThatThrownBy(() -> signups.approve(sa.id(), otherLeader))
			.isInstanceOf(org.wenming.shared.OutOfScopeException.class);

		assertThat(signups.approve(sa.id(), leader).status()).isEqualTo(SignupStatus.CONFIRMED);
		assertThat(signups.approve(sb.id(), leader).status()).isEqualTo(SignupStatus.WAITLISTED);
		assertThat(refusal(() -> signups.decline(sc.id(), "  ", leader))).isEqualTo("activity.error.required");
		assertThat(signups.decline(sc.id(), "人数已够", leader).status()).isEqualTo(SignupStatus.DECLINED);
		assertThat(refusal(() -> signups.approve(sc.id(), leader))).isEqualTo("activity.error.alreadyDecided");
		assertThat(fixtures.counts(shift)).containsExactly(1, 1);
		assertThat(fixtures.notices(a, "APPROVED")).isEqualTo(1);
		assertThat(fixtures.notices(b, "WAITLISTED")).isEqualTo(1);
		assertThat(fixtures.notices(c, "DECLINED")).isEqualTo(1);

		// a's place goes to b, who is told
		signups.cancel(sa.id(), a);
		assertThat(signups.find(sb.id()).orElseThrow().status()).isEqualTo(SignupStatus.CONFIRMED);
		assertThat(fixtures.notices(b, "PROMOTED")).isEqualTo(1);
		assertThat(fixtures.counts(shift)).containsExactly(1, 0);
	}

	@Test
	void aSignupCannotBeApprovedOnceItsShiftIsOverOrItsActivityCancelled() {
		Activity activity = published(List.of(ActivityFixtures.shift(inThreeDays, 2, 5),
				ActivityFixtures.shift(inThreeDays.plusDays(1), 2, 5)), true);
		long over = activities.shifts(activity.id()).get(0).id();
		long later = activities.shifts(activity.id()).get(1).id();
		Signup first = signups.signUp(over, fixtures.volunteer("过期甲"));
		Signup second = signups.signUp(later, fixtures.volunteer("过期乙"));
		jdbc.sql("update shift set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = :id")
			.param("id", over).update();
		assertThat(refusal(() -> signups.approve(first.id(), leader))).isEqualTo("activity.error.approvalClosed");

		assertThat(signups.find(first.id()).orElseThrow().status()).isEqualTo(SignupStatus.PENDING);

		// cancelling the activity ends its pending sign-ups too: nothing left to approve
		activities.cancel(activity.id(), "场地临时关闭", leader);
		assertThat(refusal(() -> signups.approve(second.id(), leader))).isEqualTo("activity.error.alreadyDecided");
		assertThat(signups.find(second.id()).orElseThrow().status()).isNotEqualTo(SignupStatus.CONFIRMED);
		assertThat(fixtures.counts(later)).containsExactly(0, 0);
	}

	@Test
	void cancellingTellsEverySignedUpVolunteerAndEndsTheirSignups() {
		Activity activity = published(List.of(ActivityFixtures.shift(inThreeDays, 2, 1),
				ActivityFixtures.shift(inThreeDays.plusDays(1), 2, 1)), false);
		long first = activities.shifts(activity.id()).get(0).id();
		long second = activities.shifts(activity.id()).get(1).id();
		ScopedUser a = fixtures.volunteer("取消甲");
		ScopedUser b = fixtures.volunteer("取消乙");
		signups.signUp(first, a);
		signups.signUp(first, b);
		signups.signUp(second, a);
		assertThat(refusal(() -> activities.cancel(activity.id(), "", leader))).isEqualTo("activity.error.required");
		assertThat(refusal(() -> activities.cancel(activity.id(), "<script>x</script>", leader)))
			.isEqualTo("activity.error.markup");
		Activity cancelled = activities.cancel(activity.id(), "台风预警，活动取消", leader);
		assertThat(cancelled.status()).isEqualTo(ActivityStatus.CANCELLED);
		assertThat(cancelled.cancelReason()).isEqualTo("台风预警，活动取消");
		assertThat(fixtures.notices(a, "CANCELLED")).isEqualTo(1);
		assertThat(fixtures.notices(b, "CANCELLED")).isEqualTo(1);
		assertThat(fixtures.rows(first, "CANCELLED") + fixtures.rows(second, "CANCELLED")).isEqualTo(3);
		assertThat(fixtures.counts(first)).containsExactly(0, 0);
		ScopedUser late = fixtures.volunteer("取消后");
		assertThat(refusal(() -> signups.signUp(second, late))).isEqualTo("activity.error.notOpen");
		assertThat(refusal(() -> activities.cancel(activity.id(), "再取消", leader)))
			.isEqualTo("activity.error.notCancellable");
		assertThat(signups.notices(fixtures.volunteerId(a), 10)).extracting(ActivityNotice::detail)
			.contains("台风预警，活动取消");
	}

	@Test
	void aLectureIsFinishedWithItsAudienceAfterItBegan() {
		ActivityDraft lecture = new ActivityDraft("党的创新理论宣讲", "", ActivityType.LECTURE, LectureSetting.CAMPUS, team,
				null, null, team, null, null, "肇庆学院", "441202", null, null, null, false,
				List.of(ActivityFixtures.shift(inThreeDays, 2, 100)));
		Activity created = activities.create(lecture, leader);
		activities.publish(created.id(), leader);
		assertThat(refusal(() -> activities.finish(created.id(), 300, leader))).isEqualTo("activity.error.notStarted");
		long shift = activities.shifts(created.id()).get(0).id();
		fixtures.moveShift(shift, OffsetDateTime.now().minusHours(3), OffsetDateTime.now().minusHours(1));
		assertThat(activities.find(created.id()).orElseThrow().statusAt(OffsetDateTime.now()))
			.isEqualTo(ActivityStatus.FINISHED);
		assertThat(refusal(() -> activities.finish(created.id(), null, leader))).isEqualTo("activity.error.required");
		assertThat(refusal(() -> activities.finish(created.id(), -1, leader))).isEqualTo("activity.error.audience");
		Activity finished = activities.finish(created.id(), 320, leader);
		assertThat(finished.status()).isEqualTo(ActivityStatus.FINISHED);
		assertThat(finished.audienceCount()).isEqualTo(320);
		assertThat(refusal(() -> activities.finish(created.id(), 1, leader))).isEqualTo("activity.error.notFinishable");
	}

	@Test
	void onlyTheTeamsLeadersAndStaffOfTheRegionMayOrganizeForIt() {
		ActivityDraft draft = ActivityFixtures.draft("谁能组织", team, List.of(ActivityFixtures.shift(inThreeDays, 2, 5)));
		ScopedUser otherLeader = fixtures.leader(fixtures.team("另一队" + ActivityFixtures.tag(), "441202",
				ActivityFixtures.DUANZHOU_PATH));
		assertThat(refusal(() -> activities.create(draft, otherLeader))).isEqualTo("activity.error.organizerUnknown");
		assertThat(refusal(() -> activities.create(draft, fixtures.office("441203"))))
			.isEqualTo("activity.error.organizerUnknown");
		assertThat(activities.create(draft, fixtures.office("441202")).organizerTeamId()).isEqualTo(team);
		// an address in another county is outside the organizer's region
		ActivityDraft elsewhere = new ActivityDraft("跨区活动", "", ActivityType.SERVICE, null, null, null, null, team, null,
				null, "鼎湖区某路", "441203", null, null, null, false, List.of(ActivityFixtures.shift(inThreeDays, 2, 5)));
		assertThat(refusal(() -> activities.create(elsewhere, leader))).isEqualTo("activity.error.regionOutsideOrganizer");
	}

	@Test
	void aSiteAdminOrganizesForAPracticeSiteOfTheirRegionWhichIsAlsoThePlace() {
		long site = jdbc.sql("select id from practice_site where region_path >= '44.4412.441202.' and region_path < '44.4412.441202/'"
				+ " order by id limit 1").query(Long.class).single();
		ActivityDraft atSite = new ActivityDraft("阵地便民集市", "义剪、义诊", ActivityType.MARKET, null, null, null, null, null,
				site, site, null, null, null, null, 200, false, List.of(ActivityFixtures.shift(inThreeDays, 4, 20)));
		ScopedUser siteAdmin = new org.wenming.support.TestUsers(regions).staffPrincipal("441202",
				org.wenming.shared.Roles.SITE_ADMIN);
		Activity market = activities.create(atSite, siteAdmin);
		assertThat(market.organizerSiteId()).isEqualTo(site);
		assertThat(market.siteId()).isEqualTo(site);
		assertThat(market.regionPath()).startsWith(ActivityFixtures.DUANZHOU_PATH);
		ScopedUser otherCounty = new org.wenming.support.TestUsers(regions).staffPrincipal("441203",
				org.wenming.shared.Roles.SITE_ADMIN);
		assertThat(refusal(() -> activities.create(atSite, otherCounty))).isEqualTo("activity.error.organizerUnknown");
		// a team leader is not a site's organizer
		assertThat(refusal(() -> activities.create(atSite, leader))).isEqualTo("activity.error.organizerUnknown");
	}
}
