package org.wenming.casework.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.stereotype.Service;
import org.wenming.casework.CaseCategory.DeadlineUnit;
import org.wenming.casework.internal.CalendarDays;

/**
 * Working time on the city's calendar. Each call reads the calendar as it stands (a few dozen exception
 * days a year), so an edit on casework's calendar page counts at once, on every node.
 */
@Service
public class WorkingTime {

	private final CalendarDays days;

	WorkingTime(CalendarDays days) {
		this.days = days;
	}

	/**
	 * The end of the Nth working day after {@code start}'s day (the day it starts does not count, as
	 * "N个工作日内" is read).
	 */
	public Instant dueInWorkingDays(Instant start, int days) {
		return this.days.calendar().due(start, days, DeadlineUnit.WORKING_DAYS);
	}

	/** The instant N working hours after {@code start}, counted inside the working periods only. */
	public Instant dueInWorkingHours(Instant start, int hours) {
		return days.calendar().due(start, hours, DeadlineUnit.WORKING_HOURS);
	}

	/** The working time between two instants (zero when {@code to} is not after {@code from}). */
	public Duration between(Instant from, Instant to) {
		return days.calendar().workingTimeBetween(from, to);
	}

	public boolean isWorkingDay(LocalDate day) {
		return days.calendar().isWorkingDay(day);
	}
}
