package org.wenming.activity.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.activity.Activities;
import org.wenming.activity.LectureStatistics;
import org.wenming.platform.InvalidInputException;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;

/**
 * Lecture statistics for staff, inside their region: sessions and attendances by "六进" setting and
 * by lecture team, for a year, a month or a range of days (at most 5 years).
 */
@Controller
class LectureStatisticsController extends ActivityPageErrors {

	private final LectureStatistics statistics;

	private final Activities activities;

	LectureStatisticsController(LectureStatistics statistics, Activities activities, MessageSource messages) {
		super(messages);
		this.statistics = statistics;
		this.activities = activities;
	}

	record Period(LocalDate from, LocalDate to) {
	}

	@GetMapping("/admin/lectures")
	ModelAndView page(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String year,
			@RequestParam(required = false) String month, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		requireStaff(user);
		Period period = period(year, month, from, to, activities.now().atZoneSameInstant(CityTime.ZONE).toLocalDate());
		return new ModelAndView("activity/lectures",
				Map.of("report", statistics.report(user.scope(), period.from(), period.to())));
	}

	/** A year (2026), a month (2026-03), or from/to days; nothing: this year. */
	static Period period(String year, String month, String from, String to, LocalDate today) {
		if (month != null && !month.isEmpty()) {
			if (!month.matches("\\d{4}-\\d{2}")) {
				throw new InvalidInputException("month", "must be a month like 2026-03");
			}
			try {
				YearMonth m = YearMonth.parse(month);
				return new Period(m.atDay(1), m.atEndOfMonth());
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException("month", "must be a month like 2026-03");
			}
		}
		if ((from != null && !from.isEmpty()) || (to != null && !to.isEmpty())) {
			LocalDate start = Inputs.dateParameter("from", from);
			LocalDate end = Inputs.dateParameter("to", to);
			if (start == null || end == null) {
				throw new InvalidInputException(start == null ? "from" : "to", "from and to go together");
			}
			if (end.isBefore(start) || end.isAfter(start.plusYears(5))) {
				throw new InvalidInputException("to", "must be after from, at most 5 years later");
			}
			return new Period(start, end);
		}
		int y = today.getYear();
		if (year != null && !year.isEmpty()) {
			if (!year.matches("\\d{4}") || Integer.parseInt(year) < 2000 || Integer.parseInt(year) > 2100) {
				throw new InvalidInputException("year", "must be a year between 2000 and 2100");
			}
			y = Integer.parseInt(year);
		}
		return new Period(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
	}

	static void requireStaff(ScopedUser user) {
		if (!Activities.isStaff(user)) {
			throw new AccessDeniedException("lecture statistics are for staff");
		}
	}
}
