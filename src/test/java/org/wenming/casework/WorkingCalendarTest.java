package org.wenming.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wenming.casework.CaseCategory.DeadlineUnit;
import org.wenming.casework.internal.WorkingCalendar;
import org.wenming.casework.internal.WorkingCalendar.DayKind;
import org.wenming.casework.internal.WorkingCalendar.Period;

/** Due times on the working-day calendar, without Spring: 2026's holidays and adjusted working days. */
class WorkingCalendarTest {

	static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

	/** 2026 as the State Council announced it (the rows V16 seeds). */
	static WorkingCalendar calendar2026() {
		Map<LocalDate, DayKind> days = new HashMap<>();
		for (String d : List.of("2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
				"2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05", "2026-06-19",
				"2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07")) {
			days.put(LocalDate.parse(d), DayKind.HOLIDAY);
		}
		for (String d : List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")) {
			days.put(LocalDate.parse(d), DayKind.WORKDAY);
		}
		return new WorkingCalendar(days, List.of(Period.parse("08:30-12:00"), Period.parse("14:00-17:30")), CITY);
	}

	static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(CITY).toInstant();
	}

	final WorkingCalendar calendar = calendar2026();

	@Test
	void workingDaysSkipTheNationalDayHolidayAndCountTheAdjustedSaturday() {
		// Wed 30 Sep: Oct 1-7 are off, Thu 8 and Fri 9 count, Sat 10 Oct is an adjusted working day
		assertThat(calendar.due(at("2026-09-30T10:00"), 3, DeadlineUnit.WORKING_DAYS)).isEqualTo(at("2026-10-10T17:30"));
		assertThat(calendar.due(at("2026-09-30T10:00"), 4, DeadlineUnit.WORKING_DAYS)).isEqualTo(at("2026-10-12T17:30"));
		assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-05"))).isFalse();
	}

	@Test
	void theAdjustedSundayBeforeNationalDayIsAWorkingDay() {
		// Fri 18 Sep: Sat 19 is off, Sun 20 Sep is worked
		assertThat(calendar.due(at("2026-09-18T09:00"), 1, DeadlineUnit.WORKING_DAYS)).isEqualTo(at("2026-09-20T17:30"));
		// Thu 24 Sep: Fri 25 is the Mid-Autumn holiday, so the next working day is Mon 28
		assertThat(calendar.due(at("2026-09-24T09:00"), 1, DeadlineUnit.WORKING_DAYS)).isEqualTo(at("2026-09-28T17:30"));
	}

	@Test
	void workingDaysAcrossSpringFestival() {
		// Fri 13 Feb: Sat 14 is worked (1), Feb 16-20 and 23 are off, Tue 24 is the second
		assertThat(calendar.due(at("2026-02-13T16:00"), 2, DeadlineUnit.WORKING_DAYS)).isEqualTo(at("2026-02-24T17:30"));
		// ten working days from the eve: 14, 24, 25, 26, 27, Sat 28 (worked), Mar 2, 3, 4, 5
		assertThat(calendar.due(at("2026-02-13T16:00"), 10, DeadlineUnit.WORKING_DAYS)).isEqualTo(at("2026-03-05T17:30"));
	}

	@Test
	void workingHoursSkipTheLunchBreak() {
		// Mon 30 Nov 11:00 + 2 h: one hour before lunch, one after
		assertThat(calendar.due(at("2026-11-30T11:00"), 2, DeadlineUnit.WORKING_HOURS)).isEqualTo(at("2026-11-30T15:00"));
		// starting in the lunch break counts from 14:00
		assertThat(calendar.due(at("2026-11-30T12:30"), 1, DeadlineUnit.WORKING_HOURS)).isEqualTo(at("2026-11-30T15:00"));
	}

	@Test
	void workingHoursSkipTheWeekend() {
		// Fri 27 Nov 16:30 + 8 h: 1 h on Friday, then Monday's 7 h
		assertThat(calendar.due(at("2026-11-27T16:30"), 8, DeadlineUnit.WORKING_HOURS)).isEqualTo(at("2026-11-30T17:30"));
		// reported on Saturday: the hours start on Monday morning
		assertThat(calendar.due(at("2026-11-28T10:00"), 1, DeadlineUnit.WORKING_HOURS)).isEqualTo(at("2026-11-30T09:30"));
		// 24 working hours (sanitation) from Wed 30 Sep 9:00: 6.5 h, the holiday, 7 h on Thu 8 and Fri 9, then 3.5 h of the adjusted Saturday
		assertThat(calendar.due(at("2026-09-30T09:00"), 24, DeadlineUnit.WORKING_HOURS))
				.isEqualTo(at("2026-10-10T12:00"));
	}

	@Test
	void workingTimeBetweenCountsOnlyWorkingPeriods() {
		assertThat(calendar.workingTimeBetween(at("2026-11-27T16:00"), at("2026-11-30T10:00")))
				.isEqualTo(Duration.ofMinutes(180));
		assertThat(calendar.workingTimeBetween(at("2026-09-30T17:00"), at("2026-10-08T09:00")))
				.isEqualTo(Duration.ofMinutes(60));
		assertThat(calendar.workingTimeBetween(at("2026-11-30T10:00"), at("2026-11-30T09:00"))).isZero();
		assertThat(calendar.workingDay()).isEqualTo(Duration.ofHours(7));
	}

	@Test
	void addingWorkingTimeMovesADueTimeByWhatASuspensionTook() {
		Instant due = at("2026-11-30T17:30");
		// suspended Mon 10:00 to Tue 10:00: 7 working hours stopped, so the due time moves a working day
		Duration stopped = calendar.workingTimeBetween(at("2026-11-30T10:00"), at("2026-12-01T10:00"));
		assertThat(stopped).isEqualTo(Duration.ofHours(7));
		assertThat(calendar.plusWorkingTime(due, stopped)).isEqualTo(at("2026-12-01T17:30"));
		assertThat(calendar.plusWorkingTime(due, Duration.ZERO)).isEqualTo(due);
	}

	@Test
	void badCalendarsAreRefused() {
		assertThatThrownBy(() -> Period.parse("12:00-08:30")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Period.parse("nonsense")).isInstanceOf(RuntimeException.class);
		assertThatThrownBy(() -> new WorkingCalendar(Map.of(), List.of(), CITY)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new WorkingCalendar(Map.of(),
				List.of(Period.parse("14:00-17:30"), Period.parse("08:30-12:00")), CITY))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> calendar.due(at("2026-11-30T10:00"), 0, DeadlineUnit.WORKING_DAYS))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
