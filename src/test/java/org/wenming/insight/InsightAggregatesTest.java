package org.wenming.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wenming.insight.InsightWorkload.delta;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.ActivityType;
import org.wenming.activity.LectureSetting;
import org.wenming.activity.Signups;
import org.wenming.casework.Cases;
import org.wenming.ledger.ServiceLedger;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamType;
import org.wenming.volunteer.team.Teams;

/**
 * The aggregates are maintained from the events and equal a recount from the raw records after a
 * mixed workload through the real services; a tampered aggregate is reported by the check.
 */
@WenmingTest
class InsightAggregatesTest {

	static final String COUNTY = "441203"; // 鼎湖区

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Teams teams;

	@Autowired
	Activities activities;

	@Autowired
	Signups signups;

	@Autowired
	ServiceLedger ledger;

	@Autowired
	Cases cases;

	@Autowired
	InsightAggregates aggregates;

	@Autowired
	PlatformTransactionManager transactionManager;

	InsightWorkload w;

	@BeforeEach
	void setUp() {
		w = new InsightWorkload(mvc, jdbc, regions, volunteers, teams, activities, signups, ledger, cases);
		// other tests insert raw rows without events: start from a recount, then only this workload moves
		new TransactionTemplate(transactionManager).executeWithoutResult(s -> aggregates.rebuild());
		assertThat(aggregates.check()).isEmpty();
	}

	@Test
	void afterAMixedWorkloadTheAggregatesEqualTheRecountAndTheHandCountedFigures() throws Exception {
		String town = w.town(COUNTY);
		Map<String, BigDecimal> countyBefore = w.totals(COUNTY);
		Map<String, BigDecimal> townBefore = w.totals(town);
		Map<String, BigDecimal> cityBefore = w.totals("4412");

		// volunteers: three registered by staff, two by themselves, one of whom withdraws
		Volunteer a = w.byStaff(town);
		Volunteer b = w.byStaff(town);
		w.byStaff(COUNTY);
		Volunteer c = w.self(town);
		Volunteer leaving = w.self(town);
		volunteers.withdrawOwn(w.login(leaving));

		// teams: two founded, one dissolved
		Team team = w.team(COUNTY, TeamType.PRACTICE);
		Team shortLived = w.team(COUNTY, TeamType.YOUTH);
		w.dissolve(shortLived, COUNTY);

		// a service activity: three sign up, two serve two hours each, one stays away; attendance confirmed
		Activity service = w.activity(team, town, ActivityType.SERVICE, null, 2);
		long shift = w.shiftOf(service);
		for (Volunteer v : List.of(a, b, c)) {
			signups.signUp(shift, volunteers.findForStaff(v.id(), w.office(COUNTY)).orElseThrow());
		}
		OffsetDateTime start = w.moveIntoPast(service, 2);
		RequestPostProcessor office = w.users.staff(COUNTY, Roles.OFFICE_STAFF);
		w.serve(shift, a.id(), start, start.plusHours(2), office);
		w.serve(shift, c.id(), start, start.plusHours(2), office);
		w.confirm(shift, office);
		activities.finish(service.id(), null, w.office(COUNTY));

		// a lecture in villages (六进: 进农村) with 120 attendances
		Activity lecture = w.activity(team, town, ActivityType.LECTURE, LectureSetting.VILLAGE, 1);
		w.moveIntoPast(lecture, 1);
		activities.finish(lecture.id(), 120, w.office(COUNTY));

		// the ledger: hours credited by the listener, then a manual record and an approved correction
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> countOf(c.id()) == 1 && countOf(a.id()) == 1);
		LocalDate yesterday = LocalDate.now(CityTime.ZONE).minusDays(1);
		w.manual(b, team, yesterday, 9, 12);
		w.correct(c, w.seqOf(c.id(), "SERVICE"), "1.5", COUNTY);

		// cases: three reported, one closed through the whole workflow, one rejected, one still open
		long closed = w.report(town, "OVERHEAD_CABLES");
		long rejected = w.report(town, "OVERHEAD_CABLES");
		w.report(town, "BACK_ALLEY");
		w.closeCase(closed, COUNTY);
		w.rejectCase(rejected, COUNTY);

		// the listeners catch up: the maintained aggregates equal the recount
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> aggregates.check().isEmpty());

		Map<String, BigDecimal> county = w.totals(COUNTY);
		assertThat(delta(countyBefore, county, Metric.VOLUNTEERS_REGISTERED)).isEqualByComparingTo("5");
		assertThat(delta(countyBefore, county, Metric.VOLUNTEERS_WITHDRAWN)).isEqualByComparingTo("1");
		assertThat(delta(countyBefore, county, Metric.TEAMS)).isEqualByComparingTo("1");
		assertThat(delta(countyBefore, county, Metric.ACTIVITIES)).isEqualByComparingTo("2");
		assertThat(delta(countyBefore, county, Metric.LECTURES)).isEqualByComparingTo("1");
		assertThat(delta(countyBefore, county, Metric.LECTURE_AUDIENCE)).isEqualByComparingTo("120");
		// 2 + 2 served, 3 recorded by hand, the correction takes 0.5 away
		assertThat(delta(countyBefore, county, Metric.SERVICE_HOURS)).isEqualByComparingTo("6.5");
		assertThat(delta(countyBefore, county, Metric.SERVICE_RECORDS)).isEqualByComparingTo("3");
		assertThat(delta(countyBefore, county, Metric.CASES_FOUND)).isEqualByComparingTo("2");
		assertThat(delta(countyBefore, county, Metric.CASES_CLOSED)).isEqualByComparingTo("1");
		assertThat(delta(countyBefore, county, Metric.CASES_CLOSED_ON_TIME)).isEqualByComparingTo("1");
		// the town has what happened in it (one volunteer and the teams belong to the county itself)
		Map<String, BigDecimal> townAfter = w.totals(town);
		assertThat(delta(townBefore, townAfter, Metric.VOLUNTEERS_REGISTERED)).isEqualByComparingTo("4");
		assertThat(delta(townBefore, townAfter, Metric.TEAMS)).isEqualByComparingTo("0");
		assertThat(delta(townBefore, townAfter, Metric.ACTIVITIES)).isEqualByComparingTo("2");
		// the teams' hours are recorded at the team's region, the county: the town has none of them
		assertThat(delta(townBefore, townAfter, Metric.SERVICE_HOURS)).isEqualByComparingTo("0");
		// and the city has it all
		Map<String, BigDecimal> city = w.totals("4412");
		assertThat(delta(cityBefore, city, Metric.VOLUNTEERS_REGISTERED)).isEqualByComparingTo("5");
		assertThat(delta(cityBefore, city, Metric.SERVICE_HOURS)).isEqualByComparingTo("6.5");
		// the team's hours this year and the volunteer's
		int year = LocalDate.now(CityTime.ZONE).getYear();
		assertThat(jdbc.sql("select sum(hours) from insight_team_hours where team_id = :t").param("t", team.id())
			.query(BigDecimal.class).single()).isEqualByComparingTo("6.5");
		assertThat(jdbc.sql("select hours from insight_volunteer_hours where volunteer_id = :v and year = :y")
			.param("v", c.id()).param("y", start.atZoneSameInstant(CityTime.ZONE).getYear()).query(BigDecimal.class)
			.single()).isEqualByComparingTo("1.5");
		assertThat(year).isPositive();
	}

	@Test
	void aTamperedAggregateIsReportedAndAMissingOneToo() {
		w.byStaff(w.town(COUNTY));
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> aggregates.check().isEmpty());
		jdbc.sql("""
				update insight_cell set value = value + 7
				where metric = 'VOLUNTEERS_REGISTERED' and region_code = :r and month = date_trunc('month', now() at time zone 'Asia/Shanghai')::date""")
			.param("r", COUNTY).update();
		List<InsightAggregates.AggregateDifference> differences = aggregates.check();
		assertThat(differences).hasSize(1);
		InsightAggregates.AggregateDifference d = differences.get(0);
		assertThat(d.aggregate()).startsWith("VOLUNTEERS_REGISTERED, " + COUNTY + ", ");
		assertThat(d.maintained().subtract(d.recounted())).isEqualByComparingTo("7");

		// a row that went missing is reported with no maintained value
		jdbc.sql("delete from insight_cell where metric = 'VOLUNTEERS_REGISTERED' and region_code = '4412'").update();
		assertThat(aggregates.check()).anySatisfy(m -> {
			assertThat(m.aggregate()).startsWith("VOLUNTEERS_REGISTERED, 4412, ");
			assertThat(m.maintained()).isNull();
		});

		// a rebuild puts it right
		new TransactionTemplate(transactionManager).executeWithoutResult(s -> aggregates.rebuild());
		assertThat(aggregates.check()).isEmpty();
	}

	@Autowired
	org.wenming.volunteer.transfer.VolunteerImports imports;

	/** A bulk import (its own JDBC transaction) counts its volunteers once, in their villages. */
	@Test
	void aBulkImportIsCounted() throws Exception {
		String village = regions.children(w.town("441224")).get(0).code();
		Map<String, BigDecimal> before = w.totals(village);
		java.io.StringWriter csv = new java.io.StringWriter();
		try (org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(csv,
				org.apache.commons.csv.CSVFormat.RFC4180)) {
			printer.printRecord(org.wenming.volunteer.transfer.ImportTemplate.headers());
			for (int i = 0; i < 5; i++) {
				List<String> row = new java.util.ArrayList<>();
				for (org.wenming.volunteer.transfer.ImportColumn column : org.wenming.volunteer.transfer.ImportColumn.values()) {
					row.add(switch (column) {
						case REAL_NAME -> org.wenming.volunteer.TestVolunteers.name();
						case ID_TYPE -> "居民身份证";
						case ID_NUMBER -> org.wenming.volunteer.TestVolunteers.residentId("441224");
						case PHONE -> org.wenming.volunteer.TestVolunteers.mobile();
						case REGION_CODE -> village;
						case CONSENT -> "2026-01";
						default -> "";
					});
				}
				printer.printRecord(row);
			}
		}
		byte[] bytes = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		imports.submit(file -> java.nio.file.Files.write(file, bytes), "insight.csv", w.office("441224"),
				java.util.Locale.CHINA);
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
			.until(() -> delta(before, w.totals(village), Metric.VOLUNTEERS_REGISTERED).intValue() == 5);
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> aggregates.check().isEmpty());
		assertThat(jdbc.sql("select count(*) from volunteer where region_code = :v").param("v", village)
			.query(Long.class).single()).isEqualTo(
					jdbc.sql("select sum(value)::bigint from insight_cell where metric = 'VOLUNTEERS_REGISTERED' and region_code = :v")
						.param("v", village).query(Long.class).single());
	}

	long countOf(long volunteerId) {
		return jdbc.sql("select count(*) from service_record where volunteer_id = :v").param("v", volunteerId)
			.query(Long.class).single();
	}
}
