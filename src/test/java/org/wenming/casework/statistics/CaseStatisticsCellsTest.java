package org.wenming.casework.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseStatisticsCells;
import org.wenming.casework.CaseStatisticsCells.CellDifference;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.casework.statistics.StatisticsFixtures.Spec;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The maintained cells: after a mixed workflow through HTTP (report, register, dispatch, accept,
 * extension, fix, rework, verify and close, reject, merge, suspend and resume, reopen) they equal a
 * recount from the cases, and the figures read from them equal the figures recounted the old way
 * (one pass over the cases) for every period shape, region level and filter; a tampered or missing
 * cell is found by the check. Each test starts from {@code rebuild()}, because other tests write
 * cases with plain SQL.
 */
@WenmingTest
class CaseStatisticsCellsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Cases cases;

	@Autowired
	Regions regions;

	@Autowired
	StatisticsCells cells;

	@Autowired
	CaseStatisticsCells publicCells;

	@Autowired
	CaseStatistics statistics;

	@Autowired
	TransactionTemplate transactions;

	StatisticsFixtures fixtures;

	TestUsers users;

	@BeforeEach
	void setUp() {
		fixtures = new StatisticsFixtures(cases, jdbc, cells, transactions);
		users = new TestUsers(regions);
		cells.rebuild();
		assertThat(cells.check()).isEmpty();
	}

	@Test
	void theCellsFollowAMixedWorkflowAndEqualARecount() throws Exception {
		RequestPostProcessor office = users.staff("441202", Roles.OFFICE_STAFF);
		RequestPostProcessor cityOffice = users.staff("4412", Roles.OFFICE_STAFF);
		long handlerId = account("441202", Roles.UNIT_HANDLER);
		RequestPostProcessor handler = users.person(handlerId, "441202", Roles.UNIT_HANDLER);
		long unit = unit("441202", handlerId);

		// closed after a rework and an extension, then reopened back to its unit
		long a = report("441202001002", "OVERHEAD_CABLES");
		step(a, "register", office, "{\"version\":0}").andExpect(status().isOk());
		step(a, "dispatch", office, "{\"version\":1,\"unitId\":" + unit + "}").andExpect(status().isOk());
		step(a, "accept", handler, "{\"version\":2}").andExpect(status().isOk());
		String later = cases.find(a).orElseThrow().dueAt().plusDays(3).toString();
		step(a, "extension", handler, "{\"version\":3,\"dueAt\":\"" + later + "\",\"reason\":\"需要配合\"}")
			.andExpect(status().isOk());
		long approval = jdbc.sql("select id from case_approval where case_id = :id").param("id", a)
			.query(Long.class).single();
		mvc.perform(post("/api/v1/cases/" + a + "/approvals/" + approval + "/approve").with(office).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":4,\"reason\":\"同意\"}"))
			.andExpect(status().isOk());
		// the extension moved the due time without a new status: the cells followed it
		assertThat(cells.check()).isEmpty();
		step(a, "fix", handler, "{\"version\":5,\"note\":\"已整理\"}").andExpect(status().isOk());
		step(a, "rework", office, "{\"version\":6,\"reason\":\"仍有垂落\"}").andExpect(status().isOk());
		step(a, "fix", handler, "{\"version\":7,\"note\":\"已剪除\"}").andExpect(status().isOk());
		step(a, "verify", office, "{\"version\":8,\"note\":\"合格\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CLOSED"));
		assertThat(cells.check()).isEmpty();
		step(a, "reopen", cityOffice, "{\"version\":9,\"reason\":\"复发\"}").andExpect(status().isOk());

		// closed and left closed
		long b = report("441202001003", "SANITATION");
		step(b, "register", office, "{\"version\":0}").andExpect(status().isOk());
		step(b, "dispatch", office, "{\"version\":1,\"unitId\":" + unit + "}").andExpect(status().isOk());
		step(b, "accept", handler, "{\"version\":2}").andExpect(status().isOk());
		step(b, "fix", handler, "{\"version\":3,\"note\":\"已清理\"}").andExpect(status().isOk());
		step(b, "verify", office, "{\"version\":4,\"note\":\"合格\"}").andExpect(status().isOk());

		// not a problem
		long c = report("441202", "SANITATION");
		step(c, "reject", office, "{\"version\":0,\"reason\":\"不属于整改范围\"}").andExpect(status().isOk());

		// a duplicate merged into an open case
		long target = report("441202001002", "BACK_ALLEY");
		step(target, "register", office, "{\"version\":0}").andExpect(status().isOk());
		long duplicate = report("441202001002", "BACK_ALLEY");
		step(duplicate, "merge", office, "{\"version\":0,\"targetId\":" + target + ",\"reason\":\"同一处\"}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("MERGED"));

		// suspended and resumed (the due time moves)
		long d = report("441202001003", "OVERHEAD_CABLES");
		step(d, "register", office, "{\"version\":0}").andExpect(status().isOk());
		step(d, "dispatch", office, "{\"version\":1,\"unitId\":" + unit + "}").andExpect(status().isOk());
		step(d, "suspension", handler, "{\"version\":2,\"reason\":\"等待施工\"}").andExpect(status().isOk());
		long suspension = jdbc.sql("select id from case_approval where case_id = :id").param("id", d)
			.query(Long.class).single();
		mvc.perform(post("/api/v1/cases/" + d + "/approvals/" + suspension + "/approve").with(office).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":3,\"reason\":\"同意\"}"))
			.andExpect(status().isOk());
		step(d, "resume", office, "{\"version\":4,\"reason\":\"施工结束\"}").andExpect(status().isOk());

		// a refused step changes nothing
		step(b, "verify", office, "{\"version\":5,\"note\":\"再次\"}").andExpect(status().is4xxClientError());

		assertThat(cells.check()).isEmpty();

		// this year's figures of the unit, from the cells: a (reopened: found, registered, fixed, reworked,
		// not closed), b (closed), d (open); c rejected and the merged duplicate have no unit
		StatisticsQuery year = query("441202", null, unit, LocalDate.now(CityTime.ZONE).withDayOfYear(1),
				LocalDate.now(CityTime.ZONE).withDayOfYear(1).plusYears(1).minusDays(1));
		Figures figures = statistics.report(year).total();
		assertThat(figures.found()).isEqualTo(3);
		assertThat(figures.registered()).isEqualTo(3);
		assertThat(figures.closed()).isEqualTo(1);
		assertThat(figures.fixed()).isEqualTo(2);
		assertThat(figures.reworked()).isEqualTo(1);
		assertThat(figures.due()).isZero();
		assertThat(figures.overdueNow()).isZero();
		assertSameAsRecount(year);
		assertSameAsRecount(query("4412", null, null, year.from(), year.to()));
		assertSameAsRecount(query("441202001", null, null, year.from(), year.to()));
		assertSameAsRecount(query("441202", "CITY_APPEARANCE", null, year.from(), year.to()));
	}

	@Test
	void theFiguresFromTheCellsEqualTheRecountForEveryPeriodRegionAndFilter() {
		long unit = fixtures.unit("对照单位", "441202");
		long other = fixtures.unit("对照单位乙", "441203");
		List<Spec> specs = new ArrayList<>();
		// reported before a month's end, registered and closed after it (the cohort's edge)
		specs.add(Spec.reported("441202001002", unit, "2023-03-31T22:00").dispatched("2023-04-12T18:00")
			.closed("2023-04-03T10:00", true));
		specs.add(new Spec("441202001003", "SANITATION", unit, "REGISTERED", "2023-03-31T23:30", "2023-04-01T08:00",
				null, null, null, null, 0));
		// closed late, after a rework, due in one month and closed in the next
		specs.add(Spec.reported("441202001", unit, "2023-02-27T09:00").category("BACK_ALLEY")
			.dispatched("2023-02-28T18:00").fixSubmitted("2023-03-02T10:00", 1).closed("2023-03-03T10:00", false));
		// open and overdue since 2023; open and due far in the future (not overdue, not due)
		specs.add(Spec.reported("441202", unit, "2023-03-15T10:00").dispatched("2023-03-25T18:00"));
		specs.add(Spec.reported("441202001002", unit, "2023-03-16T10:00").category("PUBLIC_TOILET")
			.dispatched("2099-01-01T18:00"));
		// a suspended one (never overdue), rejected and merged ones (never found)
		specs.add(Spec.reported("441202001003", unit, "2023-03-17T10:00").dispatched("2023-03-20T18:00")
			.status("SUSPENDED"));
		specs.add(Spec.reported("441202001003", unit, "2023-03-18T10:00").status("REJECTED"));
		specs.add(Spec.reported("441202001003", unit, "2023-03-18T11:00")); // merged into the one before, below
		// across the year's edge, in another district with another unit, on the district itself
		specs.add(Spec.reported("441203", other, "2022-12-31T23:59").dispatched("2023-01-05T18:00")
			.closed("2023-01-02T00:00", true));
		specs.add(Spec.reported("441203", other, "2023-12-31T23:59").category("TRAFFIC_ORDER"));
		// reported now, due later today or tomorrow (the "not yet due" correction)
		LocalDateTime now = LocalDateTime.now(CityTime.ZONE).withNano(0);
		specs.add(Spec.reported("441202001002", unit, now.minusHours(1).toString())
			.dispatched(now.plusHours(6).toString()));
		specs.add(Spec.reported("441202001002", unit, now.minusHours(2).toString())
			.dispatched(now.plusHours(3).toString()).closed(now.minusMinutes(30).toString(), true));
		long previous = 0;
		for (Spec spec : specs) {
			long id = fixtures.place(spec);
			if (spec.reported().equals("2023-03-18T11:00")) {
				long into = previous;
				transactions.executeWithoutResult(tx -> {
					cells.caseChanging(id);
					jdbc.sql("update rectification_case set status = 'MERGED', merged_into_id = :into where id = :id")
						.param("into", into).param("id", id).update();
				});
			}
			previous = id;
		}
		assertThat(cells.check()).isEmpty();

		LocalDate today = LocalDate.now(CityTime.ZONE);
		List<LocalDate[]> periods = List.of(
				new LocalDate[] { LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31) },
				new LocalDate[] { LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 31) },
				new LocalDate[] { LocalDate.of(2023, 4, 1), LocalDate.of(2023, 4, 30) },
				new LocalDate[] { LocalDate.of(2023, 1, 1), LocalDate.of(2023, 3, 31) },
				new LocalDate[] { LocalDate.of(2023, 3, 15), LocalDate.of(2023, 4, 2) },
				new LocalDate[] { LocalDate.of(2023, 3, 31), LocalDate.of(2023, 3, 31) },
				new LocalDate[] { LocalDate.of(2022, 12, 20), LocalDate.of(2023, 2, 5) },
				new LocalDate[] { LocalDate.of(2021, 6, 1), LocalDate.of(2024, 5, 31) },
				new LocalDate[] { today.withDayOfYear(1), today.withDayOfYear(1).plusYears(1).minusDays(1) },
				new LocalDate[] { today.withDayOfMonth(1), today },
				new LocalDate[] { today, today });
		List<String[]> views = List.of(new String[] { "4412", null, null }, new String[] { "441202", null, null },
				new String[] { "441202001", null, null }, new String[] { "441202001002", null, null },
				new String[] { "441203", null, null }, new String[] { "4412", "CITY_APPEARANCE", null },
				new String[] { "441202", "OVERHEAD_CABLES", null }, new String[] { "4412", null, String.valueOf(unit) },
				new String[] { "441202001", "INFRASTRUCTURE", String.valueOf(unit) });
		for (LocalDate[] period : periods) {
			for (String[] view : views) {
				assertSameAsRecount(query(view[0], view[1], view[2] == null ? null : Long.valueOf(view[2]), period[0],
						period[1]));
			}
		}
		// and by hand, for the unit in March 2023: found 5 (the two at the month's end, the overdue, the
		// far-due and the suspended ones; not the rejected or merged), none closed before April
		Figures march = statistics.report(query("441202", null, unit, LocalDate.of(2023, 3, 1),
				LocalDate.of(2023, 3, 31))).total();
		assertThat(march.found()).isEqualTo(5);
		assertThat(march.registered()).isEqualTo(4); // the one registered on 1 April is not
		assertThat(march.closed()).isZero();
		assertThat(march.due()).isEqualTo(2); // the open one due on the 25th, the suspended one due on the 20th
		assertThat(march.overdueNow()).isEqualTo(1);
	}

	@Test
	void aTamperedOrMissingCellIsFound() {
		long unit = fixtures.unit("篡改单位", "441202");
		long id = fixtures.place(Spec.reported("441202001002", unit, "2022-05-10T10:00").dispatched("2022-05-20T18:00")
			.closed("2022-05-18T10:00", true));
		assertThat(publicCells.check()).isEmpty();

		jdbc.sql("""
				update case_statistics_cell set closed = closed + 1
				where grain = 'MONTH' and bucket = date '2022-05-01' and category_code = 'OVERHEAD_CABLES'
				  and unit_id = :unit""").param("unit", unit).update();
		List<CellDifference> differences = publicCells.check();
		assertThat(differences).singleElement().satisfies(d -> {
			assertThat(d.cell()).startsWith("MONTH 2022-05-01 44.4412.441202.441202001. OVERHEAD_CABLES unit " + unit);
			assertThat(d.figure()).isEqualTo("closed");
			assertThat(d.maintained()).isEqualByComparingTo(BigDecimal.valueOf(2));
			assertThat(d.recounted()).isEqualByComparingTo(BigDecimal.ONE);
		});

		jdbc.sql("delete from case_statistics_cell where grain = 'PLACE' and unit_id = :unit").param("unit", unit)
			.update();
		assertThat(publicCells.check()).extracting(CellDifference::figure).contains("closed", "found", "due")
			.hasSizeGreaterThan(3);

		// a change outside the workflow is found too, until the cells are rebuilt
		publicCells.rebuild();
		assertThat(publicCells.check()).isEmpty();
		jdbc.sql("update rectification_case set status = 'REJECTED' where id = :id").param("id", id).update();
		assertThat(publicCells.check()).extracting(CellDifference::figure).contains("found");
		publicCells.rebuild();
		assertThat(publicCells.check()).isEmpty();
	}

	@Test
	void aBulkLoadThatRollsBackAfterItsRebuildLeavesTheCellsAsTheyWere() {
		long unit = fixtures.unit("回滚单位", "441202");
		fixtures.place(Spec.reported("441202001002", unit, "2022-06-10T10:00"));
		String count = "select coalesce(sum(found), 0) from case_statistics_cell where grain = 'YEAR' and category_code = '*' and unit_id = :unit";
		assertThat(jdbc.sql(count).param("unit", unit).query(Long.class).single()).isEqualTo(1);
		// only the failure thrown here may end the load; anything else (the load itself failing) fails the test
		assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
			fixtures.bulk(5, 2, "SANITATION", unit, "441202", "2022-06-11"); // inserts, then rebuilds
			assertThat(jdbc.sql(count).param("unit", unit).query(Long.class).single()).isEqualTo(6);
			throw new IllegalStateException("the load failed midway");
		})).isExactlyInstanceOf(IllegalStateException.class).hasMessage("the load failed midway");
		assertThat(jdbc.sql(count).param("unit", unit).query(Long.class).single()).isEqualTo(1);
		assertThat(cells.check()).isEmpty();
	}

	@Test
	void anInnerTransactionCommitsItsOwnCellsAndARolledBackOuterOneNone() {
		long unit = fixtures.unit("内外事务单位", "441202");
		long outer = fixtures.place(Spec.reported("441202001002", unit, "2022-07-10T10:00"));
		long inner = fixtures.place(Spec.reported("441202001003", unit, "2022-07-11T10:00"));
		TransactionTemplate requiresNew = new TransactionTemplate(transactions.getTransactionManager());
		requiresNew.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
		assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
			cells.caseChanging(outer);
			jdbc.sql("update rectification_case set status = 'REJECTED' where id = :id").param("id", outer).update();
			requiresNew.executeWithoutResult(innerTx -> {
				cells.caseChanging(inner);
				jdbc.sql("update rectification_case set status = 'REJECTED' where id = :id").param("id", inner)
					.update();
			});
			throw new IllegalStateException("the outer work fails");
		})).isExactlyInstanceOf(IllegalStateException.class).hasMessage("the outer work fails");
		// the outer change is rolled back, the inner one committed
		assertThat(jdbc.sql("select status from rectification_case where id in (:ids) order by id")
			.param("ids", List.of(outer, inner)).query(String.class).list()).containsExactly("REPORTED", "REJECTED");
		assertThat(cells.check()).isEmpty();
		assertThat(jdbc.sql("""
				select coalesce(sum(found), 0) from case_statistics_cell
				where grain = 'YEAR' and category_code = '*' and unit_id = :unit""").param("unit", unit)
			.query(Long.class).single()).isEqualTo(1);
	}

	private void assertSameAsRecount(StatisticsQuery query) {
		CaseStatistics.Report report = statistics.report(query);
		Map<String, String> paths = new HashMap<>();
		for (Region part : regions.children(query.region().code())) {
			paths.put(part.code(), part.path());
		}
		assertThat(RecountedFigures.of(report, paths))
			.as("%s %s–%s category %s unit %s", query.region().code(), query.from(), query.to(),
					query.category() == null ? null : query.category().code(),
					query.unit() == null ? null : query.unit().id())
			.isEqualTo(RecountedFigures.of(jdbc, query, cases.categories(), report.asOf()));
	}

	private StatisticsQuery query(String region, String category, Long unit, LocalDate from, LocalDate to) {
		CaseCategory c = category == null ? null : cases.category(category).orElseThrow();
		StatisticsQuery.Unit u = unit == null ? null : new StatisticsQuery.Unit(unit, "unit", "44.4412.");
		return new StatisticsQuery(regions.find(region).orElseThrow(), c, u, from, to, null);
	}

	private long report(String regionCode, String category) {
		return cases.report(new NewCase(CaseSource.PATROL, category, "格子测试" + UUID.randomUUID(), null, null, null,
				regionCode, null, null, null, null), "cells-test").id();
	}

	private long account(String regionCode, String role) {
		long id = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:u, '格子测试经办人', '{noop}not-used', :r) returning id""")
			.param("u", "cells-" + UUID.randomUUID().toString().substring(0, 8)).param("r", regionCode)
			.query(Long.class).single();
		jdbc.sql("insert into user_role (user_id, role) values (:id, :role)").param("id", id).param("role", role).update();
		return id;
	}

	private long unit(String regionCode, long handler) {
		long unit = fixtures.unit("格子测试单位", regionCode);
		jdbc.sql("insert into responsible_unit_member (unit_id, user_id) values (:u, :h)").param("u", unit)
			.param("h", handler).update();
		return unit;
	}

	private ResultActions step(long id, String action, RequestPostProcessor who, String json) throws Exception {
		return mvc.perform(post("/api/v1/cases/" + id + "/" + action).with(who).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(json));
	}
}
