package org.wenming.casework.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenming.casework.internal.CalendarDays;
import org.wenming.casework.internal.WorkingCalendar.DayKind;
import org.wenming.shared.CityTime;
import org.wenming.support.WenmingTest;

/**
 * Stage times across a public holiday, on the calendar as staff keep it: National Day 2031 (Wednesday
 * 1 to Tuesday 7 October off), with Sunday 28 September and Saturday 11 October worked in exchange
 * (调休). A year no other test or the demo touches.
 */
@WenmingTest
class WorkingTimeTest {

	@Autowired
	WorkingTime working;

	@Autowired
	CalendarDays days;

	@BeforeEach
	void nationalDay2031() {
		for (int d = 1; d <= 7; d++) {
			days.put(LocalDate.of(2031, 10, d), DayKind.HOLIDAY, "国庆节", "test");
		}
		days.put(LocalDate.of(2031, 9, 28), DayKind.WORKDAY, "国庆节调休", "test");
		days.put(LocalDate.of(2031, 10, 11), DayKind.WORKDAY, "国庆节调休", "test");
	}

	@AfterEach
	void removeIt() {
		for (int d = 1; d <= 7; d++) {
			days.remove(LocalDate.of(2031, 10, d));
		}
		days.remove(LocalDate.of(2031, 9, 28));
		days.remove(LocalDate.of(2031, 10, 11));
	}

	static Instant at(int month, int day, int hour, int minute) {
		return LocalDateTime.of(2031, month, day, hour, minute).atZone(CityTime.ZONE).toInstant();
	}

	@Test
	void aDayCountedInWorkingDaysSkipsTheHolidayAndCountsTheAdjustedWeekend() {
		// received on the eve of the holiday: one working day is the first day back, at the end of the day
		assertThat(working.dueInWorkingDays(at(9, 30, 16, 0), 1)).isEqualTo(at(10, 8, 17, 30));
		assertThat(working.dueInWorkingDays(at(9, 30, 16, 0), 3)).isEqualTo(at(10, 10, 17, 30));
		// the Saturday worked in exchange is a working day
		assertThat(working.dueInWorkingDays(at(9, 30, 16, 0), 4)).isEqualTo(at(10, 11, 17, 30));
		assertThat(working.dueInWorkingDays(at(9, 27, 10, 0), 1)).isEqualTo(at(9, 28, 17, 30));
		assertThat(working.isWorkingDay(LocalDate.of(2031, 10, 6))).isFalse();
		assertThat(working.isWorkingDay(LocalDate.of(2031, 10, 11))).isTrue();
	}

	@Test
	void hoursAreCountedInsideTheWorkingPeriodsOnly() {
		// 16:00–17:30 on the eve (1.5 h), nothing for seven days, then 08:30–11:00 (2.5 h)
		assertThat(working.dueInWorkingHours(at(9, 30, 16, 0), 4)).isEqualTo(at(10, 8, 11, 0));
		assertThat(working.between(at(9, 30, 16, 0), at(10, 8, 11, 0))).isEqualTo(Duration.ofHours(4));
		// a stage that spans the whole holiday took no working time during it
		assertThat(working.between(at(9, 30, 17, 30), at(10, 8, 8, 30))).isZero();
	}

	@Test
	void anEditToTheCalendarCountsAtOnce() {
		days.remove(LocalDate.of(2031, 10, 8));
		days.put(LocalDate.of(2031, 10, 8), DayKind.HOLIDAY, "加一天", "test");
		try {
			assertThat(working.dueInWorkingDays(at(9, 30, 16, 0), 1)).isEqualTo(at(10, 9, 17, 30));
		}
		finally {
			days.remove(LocalDate.of(2031, 10, 8));
		}
	}
}
