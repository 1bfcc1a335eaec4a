package org.wenming.demo;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of a run as the parts report them; {@link DemoFigures} is made from it at the end. */
public final class DemoTally {

	int volunteers;

	int teams;

	int practiceTeams;

	int demonstrationSites;

	int activities;

	int lectures;

	long lectureAudience;

	long records;

	BigDecimal hours = BigDecimal.ZERO;

	int cases;

	final Map<String, Integer> casesFound = new LinkedHashMap<>();

	final Map<String, Integer> casesClosed = new LinkedHashMap<>();

	DemoFigures.Login login;

	String city;

	/** The city generated: the region module's part says which, once it has found it. */
	public void city(String code) {
		city = code;
	}

	public String city() {
		return city;
	}

	public void volunteers(int count) {
		volunteers = count;
	}

	public void teams(int count, int practice) {
		teams = count;
		practiceTeams = practice;
	}

	public void demonstrationSites(int count) {
		demonstrationSites = count;
	}

	public void activities(int count, int lecturesInReferenceYear, long audience) {
		activities = count;
		lectures = lecturesInReferenceYear;
		lectureAudience = audience;
	}

	public void records(long count, BigDecimal total) {
		records = count;
		hours = total;
	}

	public void cases(String category, int found, int closed) {
		casesFound.put(category, found);
		casesClosed.put(category, closed);
		cases += found;
	}

	public void login(DemoFigures.Login made) {
		login = made;
	}

	public int volunteers() {
		return volunteers;
	}

	public int teams() {
		return teams;
	}

	public int activities() {
		return activities;
	}

	public long records() {
		return records;
	}

	public BigDecimal hours() {
		return hours;
	}

	public int cases() {
		return cases;
	}

	/** The figures, once every part has run. */
	public DemoFigures figures(DemoPlan plan, Map<String, Long> rows, String digest, long millis) {
		return new DemoFigures(plan.scale(), plan.seed(), plan.asOf(), plan.referenceYear(), volunteers, teams,
				practiceTeams, demonstrationSites, activities, lectures, lectureAudience, records, hours, cases,
				Map.copyOf(casesFound), Map.copyOf(casesClosed), Map.copyOf(rows), digest, millis, login);
	}
}
