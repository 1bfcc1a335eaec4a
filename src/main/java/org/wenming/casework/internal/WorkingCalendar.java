package org.wenming.casework.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.wenming.casework.CaseCategory.DeadlineUnit;

/**
 * The working-day calendar (工作日历): Monday to Friday, minus weekday public holidays, plus adjusted
 * working weekend days (调休上班); inside a working day, the working periods (by default 08:30–12:00 and
 * 14:00–17:30). Pure: built from the exceptions and the periods, so its rules are tested without Spring.
 */
public final class WorkingCalendar {

	/** A day that is not what its weekday says. */
	public enum DayKind {
		HOLIDAY, WORKDAY
	}

	/** One stretch of working time inside a working day, {@code start < end}. */
	public record Period(LocalTime start, LocalTime end) {

		public Period {
			if (!start.isBefore(end)) {
				throw new IllegalArgumentException("a working period must end after it starts: " + start + "-" + end);
			}
		}

		/** Parses {@code 08:30-12:00}. */
		public static Period parse(String text) {
			String[] parts = text.strip().split("-");
			if (parts.length != 2) {
				throw new IllegalArgumentException("not a working period (HH:mm-HH:mm): " + text);
			}
			return new Period(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
		}

		Duration length() {
			return Duration.between(start, end);
		}
	}

	/** Far enough for any deadline; a calendar without working days would otherwise loop forever. */
	private static final int MAX_DAYS = 3660;

	private final Map<LocalDate, DayKind> exceptions;

	private final List<Period> periods;

	private final ZoneId zone;

	public WorkingCalendar(Map<LocalDate, DayKind> exceptions, List<Period> periods, ZoneId zone) {
		if (periods.isEmpty()) {
			throw new IllegalArgumentException("a working day needs at least one working period");
		}
		for (int i = 1; i < periods.size(); i++) {
			if (periods.get(i).start().isBefore(periods.get(i - 1).end())) {
				throw new IllegalArgumentException("working periods must be in order and not overlap");
			}
		}
		this.exceptions = Map.copyOf(exceptions);
		this.periods = List.copyOf(periods);
		this.zone = zone;
	}

	public boolean isWorkingDay(LocalDate day) {
		DayKind kind = exceptions.get(day);
		if (kind != null) {
			return kind == DayKind.WORKDAY;
		}
		DayOfWeek weekday = day.getDayOfWeek();
		return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
	}

	/** The length of one full working day (7 h by default). */
	public Duration workingDay() {
		return periods.stream().map(Period::length).reduce(Duration.ZERO, Duration::plus);
	}

	/**
	 * The due time of a deadline counted from {@code start}. Working days: the end of the Nth working
	 * day after the start's day (the day of dispatch does not count, as "N个工作日内" is read). Working
	 * hours: counted inside working periods only, from the start (or the next working period's start).
	 */
	public Instant due(Instant start, int amount, DeadlineUnit unit) {
		if (amount < 1) {
			throw new IllegalArgumentException("a deadline is at least 1");
		}
		if (unit == DeadlineUnit.WORKING_HOURS) {
			return plusWorkingTime(start, Duration.ofHours(amount));
		}
		LocalDate day = start.atZone(zone).toLocalDate();
		int counted = 0;
		for (int i = 0; i < MAX_DAYS; i++) {
			day = day.plusDays(1);
			if (isWorkingDay(day) && ++counted == amount) {
				return day.atTime(periods.get(periods.size() - 1).end()).atZone(zone).toInstant();
			}
		}
		throw new IllegalStateException("no working day within " + MAX_DAYS + " days");
	}

	/**
	 * The instant at which {@code amount} of working time has passed after {@code start}. Adding zero
	 * returns {@code start} itself; otherwise the result always lies inside (or at the end of) a period.
	 */
	public Instant plusWorkingTime(Instant start, Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("working time to add must not be negative");
		}
		if (amount.isZero()) {
			return start;
		}
		Duration left = amount;
		ZonedDateTime at = start.atZone(zone);
		LocalDate day = at.toLocalDate();
		for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
			if (!isWorkingDay(day)) {
				continue;
			}
			for (Period period : periods) {
				ZonedDateTime from = day.atTime(period.start()).atZone(zone);
				ZonedDateTime to = day.atTime(period.end()).atZone(zone);
				if (!to.isAfter(at)) {
					continue;
				}
				if (from.isBefore(at)) {
					from = at;
				}
				Duration available = Duration.between(from, to);
				if (available.compareTo(left) >= 0) {
					return from.plus(left).toInstant();
				}
				left = left.minus(available);
			}
		}
		throw new IllegalStateException("no working time within " + MAX_DAYS + " days");
	}

	/** The working time between two instants (zero when {@code to} is not after {@code from}). */
	public Duration workingTimeBetween(Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		Duration total = Duration.ZERO;
		LocalDate last = to.atZone(zone).toLocalDate();
		for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
			if (!isWorkingDay(day)) {
				continue;
			}
			for (Period period : periods) {
				Instant start = day.atTime(period.start()).atZone(zone).toInstant();
				Instant end = day.atTime(period.end()).atZone(zone).toInstant();
				Instant a = start.isBefore(from) ? from : start;
				Instant b = end.isAfter(to) ? to : end;
				if (b.isAfter(a)) {
					total = total.plus(Duration.between(a, b));
				}
			}
		}
		return total;
	}
}
