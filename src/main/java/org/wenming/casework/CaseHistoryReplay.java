package org.wenming.casework;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import java.util.HashMap;
import java.util.Map;

import org.wenming.casework.internal.CalendarDays;
import org.wenming.casework.internal.CaseReplayer;
import org.wenming.casework.internal.WorkingCalendar;
import org.wenming.casework.internal.CaseWorkflow;

/**
 * Replays a case's past through the workflow's own guarded steps (the demo city, a migration from a
 * previous system): each step is checked against the case's status and the actor's capacity exactly as
 * a live step is, at the time given, and due times come from the category's deadline on the working-day
 * calendar. Nothing is stored here; the caller writes the resulting row and history.
 */
@Service
public class CaseHistoryReplay {

	/** The steps a history may contain. */
	public enum Action {
		/** 立案, by office staff */
		REGISTER,
		/** 不予立案, by office staff (with a reason) */
		REJECT,
		/** 派遣 to a unit, due by the category's deadline */
		DISPATCH,
		/** the unit takes it on */
		ACCEPT,
		/** 处置, by a handler of the unit */
		SUBMIT_FIX,
		/** 核查通过, 结案, by office staff other than the fix's submitter */
		VERIFY,
		/** 返工 */
		RETURN
	}

	/** One step at a time, by a username; unit fields only for DISPATCH. */
	public record Step(Action action, Instant at, String actor, String note, Long unitId, String unitName) {
	}

	/** One history row ({@code case_event}); detail is JSON. */
	public record HistoryEntry(String kind, CaseStatus from, CaseStatus to, String actor, String reason,
			String detailJson, Instant at) {
	}

	/** The case's columns after its history, and the history from the report on. */
	public record Replayed(CaseStatus status, Instant registeredAt, Long unitId, Instant dispatchedAt, Instant dueAt,
			Instant fixSubmittedAt, String fixSubmittedBy, Instant closedAt, Boolean closedOnTime, int reworkCount,
			List<HistoryEntry> history) {
	}

	private final CaseWorkflow workflow;

	private final Cases cases;

	private final CalendarDays calendarDays;

	CaseHistoryReplay(CaseWorkflow workflow, Cases cases, CalendarDays calendarDays) {
		this.workflow = workflow;
		this.cases = cases;
		this.calendarDays = calendarDays;
	}

	/**
	 * Replays many cases with the working calendar and the categories read once (a bulk load: the
	 * calendar cannot change under it, the load holds its transaction).
	 */
	public Session session() {
		return new Session(calendarDays.calendar());
	}

	/** Replays against one reading of the calendar and the categories. */
	public final class Session {

		private final WorkingCalendar calendar;

		private final Map<String, CaseCategory> categories = new HashMap<>();

		private Session(WorkingCalendar calendar) {
			this.calendar = calendar;
		}

		public Replayed replay(String categoryCode, String regionPath, CaseSource source, Instant reportedAt,
				String reportedBy, List<Step> steps) {
			CaseCategory category = categories.computeIfAbsent(categoryCode, code -> cases.category(code)
					.filter(CaseCategory::leaf)
					.orElseThrow(() -> new IllegalArgumentException("case category without a deadline: " + code)));
			return CaseReplayer.replay(categoryCode, regionPath, source, reportedAt, reportedBy, steps,
					at -> calendar.due(at, category.deadlineAmount(), category.deadlineUnit()));
		}
	}

	/**
	 * @throws RuntimeException the workflow's own refusal when a step is not allowed at that point
	 */
	public Replayed replay(String categoryCode, String regionPath, CaseSource source, Instant reportedAt,
			String reportedBy, List<Step> steps) {
		return CaseReplayer.replay(categoryCode, regionPath, source, reportedAt, reportedBy, steps,
				at -> workflow.deadline(categoryCode, at));
	}

}
