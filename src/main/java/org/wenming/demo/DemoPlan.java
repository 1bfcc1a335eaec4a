package org.wenming.demo;

import java.time.LocalDate;

/**
 * What to generate, and the scenario's calendar that follows from it.
 *
 * @param alongsideExisting generate even though the city holds volunteers (a rehearsal copy, tests)
 * @param city the city's 4-digit division code; null for the installation's own city
 *     ({@code wenming.regions.city}). Another city's rows are load for a province-scale database (issue 15):
 *     the installation still serves only its own city.
 */
public record DemoPlan(DemoScale scale, long seed, LocalDate asOf, boolean alongsideExisting, String city) {

	public DemoPlan(DemoScale scale, long seed, LocalDate asOf, boolean alongsideExisting) {
		this(scale, seed, asOf, alongsideExisting, null);
	}

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
