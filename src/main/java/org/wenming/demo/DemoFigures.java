package org.wenming.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * What a run generated, as the city's report would state it.
 *
 * @param referenceYear the last complete year (the newspaper's year): lectures and audience are counted in it
 * @param rows rows written per table, in the order written
 * @param casesFound cases per category code (all statuses)
 * @param casesClosed closed cases per category code
 * @param digest SHA-256 (hex) of every generated row, personal numbers by their keyed hashes
 * @param login the demo volunteer's login, or null when none was made
 */
public record DemoFigures(DemoScale scale, long seed, LocalDate asOf, int referenceYear, int volunteers, int teams,
		int practiceTeams, int demonstrationSites, int activities, int lectures, long lectureAudience, long records,
		BigDecimal hours, int cases, Map<String, Integer> casesFound, Map<String, Integer> casesClosed,
		Map<String, Long> rows, String digest, long millis, Login login) {

	/** The demo volunteer's login; the password is shown once on the console and kept nowhere else. */
	public record Login(String username, String password) {

		@Override
		public String toString() {
			return "Login[" + username + "]";
		}
	}

	@Override
	public String toString() {
		return "DemoFigures[" + scale + ", seed " + seed + ", " + volunteers + " volunteers, " + records + " records, "
				+ hours + " hours, digest " + digest + "]";
	}
}
