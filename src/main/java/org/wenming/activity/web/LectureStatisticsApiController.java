package org.wenming.activity.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.activity.Activities;
import org.wenming.activity.LectureStatistics;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;

/** Lecture statistics over JSON, as on {@code /admin/lectures}. */
@RestController
class LectureStatisticsApiController {

	private final LectureStatistics statistics;

	private final Activities activities;

	LectureStatisticsApiController(LectureStatistics statistics, Activities activities) {
		this.statistics = statistics;
		this.activities = activities;
	}

	@GetMapping("/api/v1/admin/lectures/statistics")
	LectureStatistics.Report report(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) String year, @RequestParam(required = false) String month,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		LectureStatisticsController.requireStaff(user);
		LectureStatisticsController.Period period = LectureStatisticsController.period(year, month, from, to,
				activities.now().atZoneSameInstant(CityTime.ZONE).toLocalDate());
		return statistics.report(user.scope(), period.from(), period.to());
	}
}
