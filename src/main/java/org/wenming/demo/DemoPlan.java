package org.wenming.demo;

import java.time.LocalDate;

/**
 * What to generate, and the scenario's calendar that follows from it.
 *
 * @param alongsideExisting generate even though the database holds volunteers (a rehearsal copy, tests)
 */
public record DemoPlan(DemoScale scale, long seed, LocalDate asOf, boolean alongsideExisting) {

	public int currentYear() {
		return asOf.getYear();
	}

	/** The last complete year (the newspaper's year). */
	public int referenceYear() {
		return currentYear() - 1;
	}

	/** The first day of the scenario's history. */
	public LocalDate firstDay() {
		return LocalDate.of(currentYear() - scale.historyYears(), 1, 1);
	}

	/** The day the platform went live and began taking attendance: the start of the current year. */
	public LocalDate goLive() {
		return LocalDate.of(currentYear(), 1, 1);
	}

	/** The as-of day as an epoch day. */
	public long today() {
		return asOf.toEpochDay();
	}
}
