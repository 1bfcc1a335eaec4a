package org.wenming.casework.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.internal.CaseRefusedException.Kind;
import org.wenming.casework.internal.WorkingCalendar.Period;

/**
 * The workflow's rules on one case, without Spring or a database: every step from the statuses it
 * is allowed in, refused from every other status, refused to a person without the capacity (and
 * nobody re-inspects their own fix), a stale version refused; and what each step leaves for the
 * history ({@code case_event}) and for the status-change event {@link CaseRecords} publishes.
 */
class RectificationCaseTest {

	static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

	/** A Wednesday, inside the morning's working period. */
	static final Instant NOW = at("2026-03-04T10:00");

	static final Actor OFFICE = new Actor("office-staff", true, false, false);

	static final Actor INSPECTOR = new Actor("inspector", false, true, false);

	static final Actor HANDLER = new Actor("unit-handler", false, false, true);

	static final Actor NOBODY = new Actor("citizen", false, false, false);

	static final WorkingCalendar CALENDAR = new WorkingCalendar(Map.of(),
			List.of(Period.parse("08:30-12:00"), Period.parse("14:00-17:30")), CITY);

	static Instant at(String cityTime) {
		return LocalDateTime.parse(cityTime).atZone(CITY).toInstant();
	}

	/** A case as loaded in {@code status}, with what the steps before it would have set. */
	static RectificationCase inStatus(CaseStatus status) {
		RectificationCase c = new RectificationCase(7, "ZQ-2026-000007", "SANITATION", "44.4412.441202.", 3, status);
		if (status != CaseStatus.REPORTED && status != CaseStatus.REJECTED) {
			c.registeredAt = at("2026-03-02T09:00");
		}
		if (EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS, CaseStatus.FIX_SUBMITTED, CaseStatus.CLOSED,
				CaseStatus.SUSPENDED).contains(status)) {
			c.unitId = 41L;
			c.dispatchedAt = at("2026-03-02T10:00");
			c.dueAt = at("2026-03-06T17:30");
		}
		if (status == CaseStatus.FIX_SUBMITTED) {
			c.fixSubmittedAt = at("2026-03-03T15:00");
			c.fixSubmittedBy = HANDLER.username();
		}
		if (status == CaseStatus.CLOSED) {
			c.closedAt = at("2026-03-03T16:00");
			c.closedOnTime = true;
		}
		if (status == CaseStatus.SUSPENDED) {
			c.statusBeforeSuspension = CaseStatus.IN_PROGRESS;
			c.suspendedAt = at("2026-03-03T10:00");
		}
		c.now = NOW;
		return c;
	}

	static Map<String, Object> detail(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	// ---- each step from where it is allowed: the new state, the history entry, the event

	@Test
	void registeringAReportedCase() {
		RectificationCase c = inStatus(CaseStatus.REPORTED);
		c.register(OFFICE);
		assertThat(c.status()).isEqualTo(CaseStatus.REGISTERED);
		assertThat(c.registeredAt).isEqualTo(NOW);
		assertThat(c.entries()).containsExactly(new RectificationCase.Entry("REGISTERED", CaseStatus.REPORTED,
				CaseStatus.REGISTERED, "office-staff", null, Map.of()));
		assertThat(c.statusChanged()).isTrue();
		assertThat(c.statusAtLoad()).isEqualTo(CaseStatus.REPORTED);
	}

	@Test
	void rejectingAReportedCaseKeepsTheReason() {
		RectificationCase c = inStatus(CaseStatus.REPORTED);
		c.reject(OFFICE, "不属于整改范围");
		assertThat(c.status()).isEqualTo(CaseStatus.REJECTED);
		assertThat(c.entries()).containsExactly(new RectificationCase.Entry("REJECTED", CaseStatus.REPORTED,
				CaseStatus.REJECTED, "office-staff", "不属于整改范围", Map.of()));
	}

	@Test
	void dispatchingSetsTheUnitAndTheDueTime() {
		RectificationCase c = inStatus(CaseStatus.REGISTERED);
		c.escalationLevel = 2;
		Instant due = at("2026-03-09T17:30");
		c.dispatch(OFFICE, 41, "端州区城管局", due);
		assertThat(c.status()).isEqualTo(CaseStatus.DISPATCHED);
		assertThat(c.unitId()).isEqualTo(41L);
		assertThat(c.dispatchedAt).isEqualTo(NOW);
		assertThat(c.dueAt()).isEqualTo(due);
		assertThat(c.escalationLevel).isZero();
		assertThat(c.entries()).containsExactly(new RectificationCase.Entry("DISPATCHED", CaseStatus.REGISTERED,
				CaseStatus.DISPATCHED, "office-staff", null,
				detail("unitId", 41L, "unitName", "端州区城管局", "dueAt", due.toString())));
	}

	@Test
	void aDueTimeNotAfterNowIsRefusedNamingTheField() {
		for (Instant due : List.of(NOW, NOW.minusSeconds(1))) {
			RectificationCase c = inStatus(CaseStatus.REGISTERED);
			CaseRefusedException refused = catchThrowableOfType(CaseRefusedException.class,
					() -> c.dispatch(OFFICE, 41, "端州区城管局", due));
			assertThat(refused.kind()).isEqualTo(Kind.INVALID);
			assertThat(refused.field()).isEqualTo("dueAt");
			assertThat(refused.messageKey()).isEqualTo("casework.dueAt.past");
			assertUnchanged(c, CaseStatus.REGISTERED);
			assertThat(c.unitId()).isNull();
		}
	}

	@Test
	void theUnitAcceptsADispatchedCase() {
		RectificationCase c = inStatus(CaseStatus.DISPATCHED);
		c.accept(HANDLER);
		assertThat(c.status()).isEqualTo(CaseStatus.IN_PROGRESS);
		assertThat(c.entries()).containsExactly(new RectificationCase.Entry("ACCEPTED", CaseStatus.DISPATCHED,
				CaseStatus.IN_PROGRESS, "unit-handler", null, Map.of()));
	}

	@Test
	void submittingAFixStoresThePhotosAndRemembersWhoFixedIt() {
		RectificationCase c = inStatus(CaseStatus.IN_PROGRESS);
		c.submitFix(HANDLER, "已清理", () -> List.of(5L, 6L));
		assertThat(c.status()).isEqualTo(CaseStatus.FIX_SUBMITTED);
		assertThat(c.fixSubmittedAt).isEqualTo(NOW);
		assertThat(c.fixSubmittedBy).isEqualTo("unit-handler");
		assertThat(c.entries()).containsExactly(new RectificationCase.Entry("FIX_SUBMITTED", CaseStatus.IN_PROGRESS,
				CaseStatus.FIX_SUBMITTED, "unit-handler", "已清理", detail("photos", List.of(5L, 6L))));
	}

	@Test
	void aRefusedFixStoresNoPhotos() {
		for (RectificationCase c : List.of(inStatus(CaseStatus.DISPATCHED), inStatus(CaseStatus.IN_PROGRESS))) {
			List<String> stored = new ArrayList<>();
			Actor who = c.status() == CaseStatus.IN_PROGRESS ? OFFICE : HANDLER;
			assertThatThrownBy(() -> c.submitFix(who, "已清理", () -> {
				stored.add("photo");
				return List.of(1L);
			})).isInstanceOf(CaseRefusedException.class);
			assertThat(stored).isEmpty();
		}
	}

	@Test
	void verifyingClosesTheCaseOnTimeOrLate() {
		RectificationCase onTime = inStatus(CaseStatus.FIX_SUBMITTED);
		onTime.dueAt = NOW;
		onTime.verify(INSPECTOR, "合格");
		assertThat(onTime.status()).isEqualTo(CaseStatus.CLOSED);
		assertThat(onTime.closedAt).isEqualTo(NOW);
		assertThat(onTime.closedOnTime).isTrue();
		assertThat(onTime.entries()).containsExactly(new RectificationCase.Entry("VERIFIED",
				CaseStatus.FIX_SUBMITTED, CaseStatus.CLOSED, "inspector", "合格", detail("closedOnTime", true)));

		RectificationCase late = inStatus(CaseStatus.FIX_SUBMITTED);
		late.dueAt = NOW.minusSeconds(1);
		late.verify(OFFICE, "合格");
		assertThat(late.closedOnTime).isFalse();
		assertThat(late.entries()).singleElement()
			.satisfies(e -> assertThat(e.detail()).containsEntry("closedOnTime", false));
	}

	@Test
	void returningForReworkCountsItAndForgetsTheFix() {
		RectificationCase c = inStatus(CaseStatus.FIX_SUBMITTED);
		c.reworkCount = 1;
		c.returnForRework(INSPECTOR, "仍有垂落");
		assertThat(c.status()).isEqualTo(CaseStatus.IN_PROGRESS);
		assertThat(c.reworkCount).isEqualTo(2);
		assertThat(c.fixSubmittedAt).isNull();
		assertThat(c.fixSubmittedBy).isNull();
		assertThat(c.entries()).containsExactly(new RectificationCase.Entry("RETURNED", CaseStatus.FIX_SUBMITTED,
				CaseStatus.IN_PROGRESS, "inspector", "仍有垂落", detail("reworkCount", 2)));
	}

	@Test
	void nobodyVerifiesOrReturnsTheirOwnFix() {
		// a person who is both a unit handler and office staff submitted the fix
		Actor both = new Actor("handler-and-office", true, true, true);
		for (BiConsumer<RectificationCase, Actor> review : List.<BiConsumer<RectificationCase, Actor>>of(
				(c, a) -> c.verify(a, "合格"), (c, a) -> c.returnForRework(a, "不合格"))) {
			RectificationCase c = inStatus(CaseStatus.FIX_SUBMITTED);
			c.fixSubmittedBy = both.username();
			CaseRefusedException refused = catchThrowableOfType(CaseRefusedException.class,
					() -> review.accept(c, both));
			assertThat(refused.kind()).isEqualTo(Kind.FORBIDDEN);
			assertThat(refused.messageKey()).isEqualTo("casework.rule.verifyOwnFix");
			assertUnchanged(c, CaseStatus.FIX_SUBMITTED);
			assertThat(c.closedAt).isNull();
			assertThat(c.reworkCount).isZero();
			// someone else may
			review.accept(c, OFFICE);
			assertThat(c.status()).isNotEqualTo(CaseStatus.FIX_SUBMITTED);
		}
	}

	@Test
	void anExtensionIsRequestedForALaterDueTimeAndApprovedWithoutAStatusChange() {
		RectificationCase c = inStatus(CaseStatus.IN_PROGRESS);
		c.escalationLevel = 1;
		Instant later = c.dueAt().plus(Duration.ofDays(3));
		c.requestExtension(HANDLER, later, "需要配合");
		c.approveExtension(OFFICE, 91, later, "同意");
		assertThat(c.status()).isEqualTo(CaseStatus.IN_PROGRESS);
		assertThat(c.dueAt()).isEqualTo(later);
		assertThat(c.escalationLevel).isZero();
		assertThat(c.statusChanged()).isFalse();
		assertThat(c.entries()).containsExactly(
				new RectificationCase.Entry("EXTENSION_REQUESTED", null, null, "unit-handler", "需要配合",
						detail("requestedDueAt", later.toString())),
				new RectificationCase.Entry("EXTENSION_APPROVED", null, null, "office-staff", "同意",
						detail("approvalId", 91L, "previousDueAt", at("2026-03-06T17:30").toString(), "dueAt",
								later.toString())));
	}

	@Test
	void anExtensionMustAskForMoreTime() {
		RectificationCase c = inStatus(CaseStatus.DISPATCHED);
		CaseRefusedException refused = catchThrowableOfType(CaseRefusedException.class,
				() -> c.requestExtension(HANDLER, c.dueAt(), "需要配合"));
		assertThat(refused.kind()).isEqualTo(Kind.INVALID);
		assertThat(refused.field()).isEqualTo("dueAt");
		assertThat(refused.messageKey()).isEqualTo("casework.dueAt.notLater");
		assertUnchanged(c, CaseStatus.DISPATCHED);
	}

	@Test
	void aDeclinedApprovalIsNotedUnderItsKind() {
		RectificationCase c = inStatus(CaseStatus.IN_PROGRESS);
		c.declineApproval(OFFICE, 92, "SUSPENSION", "理由不足");
		assertThat(c.status()).isEqualTo(CaseStatus.IN_PROGRESS);
		assertThat(c.entries()).containsExactly(new RectificationCase.Entry("SUSPENSION_DECLINED", null, null,
				"office-staff", "理由不足", detail("approvalId", 92L)));
	}

	@Test
	void aSuspensionStopsTheClockAndResumingMovesTheDueTimeByTheWorkingTimeStopped() {
		RectificationCase c = inStatus(CaseStatus.DISPATCHED);
		c.requestSuspension(HANDLER, "等待施工");
		c.approveSuspension(OFFICE, 93, "同意");
		assertThat(c.status()).isEqualTo(CaseStatus.SUSPENDED);
		assertThat(c.statusBeforeSuspension).isEqualTo(CaseStatus.DISPATCHED);
		assertThat(c.suspendedAt).isEqualTo(NOW);
		assertThat(c.entries()).containsExactly(
				new RectificationCase.Entry("SUSPENSION_REQUESTED", null, null, "unit-handler", "等待施工", Map.of()),
				new RectificationCase.Entry("SUSPENDED", CaseStatus.DISPATCHED, CaseStatus.SUSPENDED, "office-staff",
						"同意", detail("approvalId", 93L)));

		// resumed the next day at 10:00: 7 working hours stopped (10:00-12:00, 14:00-17:30, 08:30-10:00)
		RectificationCase saved = inStatus(CaseStatus.SUSPENDED);
		saved.statusBeforeSuspension = CaseStatus.DISPATCHED;
		saved.suspendedAt = NOW;
		saved.now = at("2026-03-05T10:00");
		saved.dueAt = at("2026-03-06T16:00");
		Instant due = saved.dueAt();
		saved.resume(OFFICE, CALENDAR, "施工结束");
		assertThat(saved.status()).isEqualTo(CaseStatus.DISPATCHED);
		assertThat(saved.statusBeforeSuspension).isNull();
		assertThat(saved.suspendedAt).isNull();
		// due Friday 16:00 + 7 working hours (16:00-17:30, Monday 08:30-12:00, 14:00-16:00) = Monday 16:00
		assertThat(saved.dueAt()).isEqualTo(at("2026-03-09T16:00"));
		assertThat(saved.entries()).containsExactly(new RectificationCase.Entry("RESUMED", CaseStatus.SUSPENDED,
				CaseStatus.DISPATCHED, "office-staff", "施工结束", detail("suspendedMinutes", 420L, "previousDueAt",
						due.toString(), "dueAt", at("2026-03-09T16:00").toString())));
	}

	@Test
	void reopeningSendsAClosedCaseBackToItsUnitOrToRegistration() {
		RectificationCase toUnit = inStatus(CaseStatus.CLOSED);
		toUnit.escalationLevel = 1;
		Instant due = at("2026-03-11T17:30");
		toUnit.reopen(OFFICE, "复发", due);
		assertThat(toUnit.status()).isEqualTo(CaseStatus.DISPATCHED);
		assertThat(toUnit.unitId()).isEqualTo(41L);
		assertThat(toUnit.dueAt()).isEqualTo(due);
		assertThat(toUnit.dispatchedAt).isEqualTo(NOW);
		assertThat(toUnit.closedAt).isNull();
		assertThat(toUnit.closedOnTime).isNull();
		assertThat(toUnit.escalationLevel).isZero();
		assertThat(toUnit.entries()).containsExactly(new RectificationCase.Entry("REOPENED", CaseStatus.CLOSED,
				CaseStatus.DISPATCHED, "office-staff", "复发", detail("dueAt", due.toString())));

		RectificationCase wrongUnit = inStatus(CaseStatus.CLOSED);
		wrongUnit.reopen(OFFICE, "派错单位", null);
		assertThat(wrongUnit.status()).isEqualTo(CaseStatus.REGISTERED);
		assertThat(wrongUnit.unitId()).isNull();
		assertThat(wrongUnit.dueAt()).isNull();
		assertThat(wrongUnit.dispatchedAt).isNull();
		assertThat(wrongUnit.entries()).containsExactly(new RectificationCase.Entry("REOPENED", CaseStatus.CLOSED,
				CaseStatus.REGISTERED, "office-staff", "派错单位", Map.of()));
	}

	@Test
	void aDuplicateIsMergedIntoAnOpenCaseOfTheSameCategoryAndBothKeepAHistory() {
		RectificationCase duplicate = inStatus(CaseStatus.REPORTED);
		RectificationCase target = new RectificationCase(8, "ZQ-2026-000008", "SANITATION", "44.4412.441202.", 0,
				CaseStatus.REGISTERED);
		target.now = NOW;
		duplicate.mergeInto(OFFICE, target, "同一处");
		assertThat(duplicate.status()).isEqualTo(CaseStatus.MERGED);
		assertThat(duplicate.mergedIntoId).isEqualTo(8L);
		assertThat(duplicate.entries()).containsExactly(new RectificationCase.Entry("MERGED", CaseStatus.REPORTED,
				CaseStatus.MERGED, "office-staff", "同一处", detail("targetId", 8L, "targetNumber", "ZQ-2026-000008")));
		assertThat(target.status()).isEqualTo(CaseStatus.REGISTERED);
		assertThat(target.statusChanged()).isFalse();
		assertThat(target.entries()).containsExactly(new RectificationCase.Entry("MERGED_IN", null, null,
				"office-staff", "同一处", detail("duplicateId", 7L, "duplicateNumber", "ZQ-2026-000007")));
	}

	@Test
	void aMergeIsRefusedIntoItselfAcrossCategoriesIntoAFinishedCaseOrFromAFinishedOrFixedOne() {
		RectificationCase open = inStatus(CaseStatus.REGISTERED);
		assertRefused(() -> open.mergeInto(OFFICE, inStatus(CaseStatus.REGISTERED), "同一处"), Kind.INVALID,
				"casework.merge.self");
		RectificationCase otherCategory = new RectificationCase(8, "ZQ-2026-000008", "BACK_ALLEY", "44.4412.", 0,
				CaseStatus.REGISTERED);
		assertRefused(() -> open.mergeInto(OFFICE, otherCategory, "同一处"), Kind.INVALID, "casework.merge.category");
		for (CaseStatus finished : List.of(CaseStatus.CLOSED, CaseStatus.REJECTED, CaseStatus.MERGED)) {
			RectificationCase target = new RectificationCase(8, "ZQ-2026-000008", "SANITATION", "44.4412.", 0, finished);
			assertRefused(() -> open.mergeInto(OFFICE, target, "同一处"), Kind.CONFLICT, "casework.rule.mergeTarget");
		}
		for (CaseStatus status : List.of(CaseStatus.CLOSED, CaseStatus.REJECTED, CaseStatus.MERGED,
				CaseStatus.FIX_SUBMITTED)) {
			RectificationCase duplicate = inStatus(status);
			RectificationCase target = new RectificationCase(8, "ZQ-2026-000008", "SANITATION", "44.4412.", 0,
					CaseStatus.REGISTERED);
			assertRefused(() -> duplicate.mergeInto(OFFICE, target, "同一处"), Kind.CONFLICT, "casework.rule.merge");
			assertUnchanged(duplicate, status);
			assertThat(target.entries()).isEmpty();
		}
		assertRefused(() -> open.mergeInto(HANDLER, otherCategory, "同一处"), Kind.FORBIDDEN, "casework.who.office");
		assertUnchanged(open, CaseStatus.REGISTERED);
	}

	@Test
	void escalationRisesToTheLevelTheOverdueTimeReachedOnceAndOnlyForWorkingCases() {
		RectificationCase c = inStatus(CaseStatus.IN_PROGRESS);
		List<Instant> thresholds = List.of(NOW.minusSeconds(60), NOW, NOW.plusSeconds(60));
		assertThat(c.escalate(thresholds)).isTrue();
		assertThat(c.escalationLevel).isEqualTo(2);
		assertThat(c.entries()).containsExactly(new RectificationCase.Entry("ESCALATED", null, null, "system", null,
				detail("from", 0, "to", 2, "dueAt", c.dueAt().toString())));
		// the same level again changes nothing and records nothing
		assertThat(c.escalate(thresholds)).isFalse();
		assertThat(c.entries()).hasSize(1);
		assertThat(c.statusChanged()).isFalse();

		for (CaseStatus status : EnumSet.complementOf(EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS))) {
			RectificationCase other = inStatus(status);
			other.dueAt = NOW.minusSeconds(3600);
			assertThat(other.escalate(thresholds)).as(status.name()).isFalse();
			assertThat(other.escalationLevel).isZero();
			assertThat(other.entries()).isEmpty();
		}
	}

	// ---- refusals across the whole table of steps and statuses

	/** A step, the capacity it needs, the statuses it is allowed from, the rule named when the status is wrong. */
	record Step(String name, Actor actor, Set<CaseStatus> allowedFrom, String rule,
			BiConsumer<RectificationCase, Actor> take) {

		/** Who may take the step: office staff, the unit's handlers, or (re-inspection) office staff and inspectors. */
		Predicate<Actor> capacity() {
			return switch (name) {
				case "verify", "returnForRework" -> a -> a.office() || a.inspector();
				default -> actor.handler() ? Actor::handler : Actor::office;
			};
		}
	}

	static final Set<CaseStatus> WORKING = EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS);

	static List<Step> steps() {
		Instant far = at("2026-12-31T17:30");
		return List.of(
				new Step("register", OFFICE, EnumSet.of(CaseStatus.REPORTED), "casework.rule.register",
						(c, a) -> c.register(a)),
				new Step("reject", OFFICE, EnumSet.of(CaseStatus.REPORTED), "casework.rule.reject",
						(c, a) -> c.reject(a, "不予立案")),
				new Step("dispatch", OFFICE, EnumSet.of(CaseStatus.REGISTERED), "casework.rule.dispatch",
						(c, a) -> c.dispatch(a, 41, "单位", far)),
				new Step("accept", HANDLER, EnumSet.of(CaseStatus.DISPATCHED), "casework.rule.accept",
						(c, a) -> c.accept(a)),
				new Step("submitFix", HANDLER, EnumSet.of(CaseStatus.IN_PROGRESS), "casework.rule.submitFix",
						(c, a) -> c.submitFix(a, "已处置", List::of)),
				new Step("verify", INSPECTOR, EnumSet.of(CaseStatus.FIX_SUBMITTED), "casework.rule.verify",
						(c, a) -> c.verify(a, "合格")),
				new Step("returnForRework", OFFICE, EnumSet.of(CaseStatus.FIX_SUBMITTED), "casework.rule.rework",
						(c, a) -> c.returnForRework(a, "不合格")),
				new Step("requestExtension", HANDLER, WORKING, "casework.rule.extension",
						(c, a) -> c.requestExtension(a, far, "需要时间")),
				new Step("approveExtension", OFFICE, WORKING, "casework.rule.extension",
						(c, a) -> c.approveExtension(a, 1, far, "同意")),
				new Step("requestSuspension", HANDLER, WORKING, "casework.rule.suspension",
						(c, a) -> c.requestSuspension(a, "等待")),
				new Step("approveSuspension", OFFICE, WORKING, "casework.rule.suspension",
						(c, a) -> c.approveSuspension(a, 1, "同意")),
				new Step("resume", OFFICE, EnumSet.of(CaseStatus.SUSPENDED), "casework.rule.resume",
						(c, a) -> c.resume(a, CALENDAR, "恢复")),
				new Step("reopen", OFFICE, EnumSet.of(CaseStatus.CLOSED), "casework.rule.reopen",
						(c, a) -> c.reopen(a, "复发", far)));
	}

	@Test
	void everyStepIsTakenFromItsStatusesAndRefusedFromEveryOtherWithNothingRecorded() {
		int taken = 0;
		int refused = 0;
		for (Step step : steps()) {
			for (CaseStatus status : CaseStatus.values()) {
				RectificationCase c = inStatus(status);
				if (step.allowedFrom().contains(status)) {
					step.take().accept(c, step.actor());
					assertThat(c.entries()).as("%s from %s", step.name(), status).hasSize(1);
					assertThat(c.entries().get(0).actor()).isEqualTo(step.actor().username());
					taken++;
				}
				else {
					assertRefused(() -> step.take().accept(c, step.actor()), Kind.CONFLICT, step.rule());
					assertUnchanged(c, status);
					refused++;
				}
			}
		}
		// 13 steps × 9 statuses: 17 allowed pairs, the rest refused
		assertThat(taken).isEqualTo(17);
		assertThat(refused).isEqualTo(13 * CaseStatus.values().length - 17);
	}

	@Test
	void everyStepIsRefusedToAPersonWithoutTheCapacityForItBeforeTheStatusIsLookedAt() {
		List<Actor> people = List.of(OFFICE, INSPECTOR, HANDLER, NOBODY, Actor.SYSTEM);
		int refusals = 0;
		for (Step step : steps()) {
			for (Actor who : people) {
				if (step.capacity().test(who)) {
					continue;
				}
				for (CaseStatus status : CaseStatus.values()) {
					RectificationCase c = inStatus(status);
					CaseRefusedException ex = catchThrowableOfType(CaseRefusedException.class,
							() -> step.take().accept(c, who));
					assertThat(ex).as("%s by %s from %s", step.name(), who.username(), status).isNotNull();
					assertThat(ex.kind()).as("%s by %s from %s", step.name(), who.username(), status)
						.isEqualTo(Kind.FORBIDDEN);
					assertThat(ex.messageKey()).isIn("casework.who.office", "casework.who.handler",
							"casework.who.reviewer");
					assertUnchanged(c, status);
					refusals++;
				}
			}
		}
		// 7 office steps and 4 handler steps refuse 4 of the 5 people, the 2 re-inspection steps 3; from each of 9 statuses
		assertThat(refusals).isEqualTo((7 * 4 + 4 * 4 + 2 * 3) * CaseStatus.values().length);
	}

	@Test
	void anInspectorMayReInspectButTakesNoOfficeStep() {
		RectificationCase returned = inStatus(CaseStatus.FIX_SUBMITTED);
		returned.returnForRework(INSPECTOR, "不合格");
		assertThat(returned.status()).isEqualTo(CaseStatus.IN_PROGRESS);
		assertRefused(() -> inStatus(CaseStatus.REPORTED).register(INSPECTOR), Kind.FORBIDDEN, "casework.who.office");
		assertRefused(() -> inStatus(CaseStatus.IN_PROGRESS).submitFix(INSPECTOR, "x", List::of), Kind.FORBIDDEN,
				"casework.who.handler");
	}

	@Test
	void aStaleVersionIsRefusedAndTheReadOneAccepted() {
		RectificationCase c = inStatus(CaseStatus.REPORTED);
		for (int read : List.of(2, 4, 0, -1)) {
			assertRefused(() -> c.requireVersion(read), Kind.CONFLICT, "casework.stale");
		}
		c.requireVersion(3);
		c.register(OFFICE);
		assertThat(c.status()).isEqualTo(CaseStatus.REGISTERED);
	}

	@Test
	void aChainOfStepsRecordsOneEntryEachAndTheEventGoesFromTheLoadedStatusToTheLast() {
		RectificationCase c = inStatus(CaseStatus.REPORTED);
		c.register(OFFICE);
		c.dispatch(OFFICE, 41, "单位", at("2026-03-09T17:30"));
		c.accept(HANDLER);
		c.submitFix(HANDLER, "已处置", List::of);
		c.verify(INSPECTOR, "合格");
		assertThat(c.entries()).extracting(RectificationCase.Entry::kind).containsExactly("REGISTERED", "DISPATCHED",
				"ACCEPTED", "FIX_SUBMITTED", "VERIFIED");
		assertThat(c.entries()).extracting(RectificationCase.Entry::to).containsExactly(CaseStatus.REGISTERED,
				CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS, CaseStatus.FIX_SUBMITTED, CaseStatus.CLOSED);
		assertThat(c.statusAtLoad()).isEqualTo(CaseStatus.REPORTED);
		assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
		assertThat(c.statusChanged()).isTrue();
		// entries are a copy: the history cannot be changed from outside
		assertThatThrownBy(() -> c.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

	private static void assertRefused(Runnable step, Kind kind, String messageKey) {
		CaseRefusedException ex = catchThrowableOfType(CaseRefusedException.class, step::run);
		assertThat(ex).as("refused with %s", messageKey).isNotNull();
		assertThat(ex.kind()).isEqualTo(kind);
		assertThat(ex.messageKey()).isEqualTo(messageKey);
	}

	private static void assertUnchanged(RectificationCase c, CaseStatus status) {
		assertThat(c.status()).isEqualTo(status);
		assertThat(c.entries()).isEmpty();
		assertThat(c.statusChanged()).isFalse();
	}
}
