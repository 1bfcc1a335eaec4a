package org.wenming.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.casework.CaseStatisticsCells;
import org.wenming.insight.Cockpit;
import org.wenming.insight.Dashboard;
import org.wenming.insight.DashboardFigures;
import org.wenming.insight.InsightAggregates;
import org.wenming.ledger.ServiceLedger;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.VolunteerQuery;
import org.wenming.volunteer.VolunteerSealing;
import org.wenming.volunteer.Volunteers;

/**
 * Several cities' data in one database (issue 15, the cost curve's 1, 2 and 4 cities): another city of
 * the catalogue is generated with its own division codes beside the installation's Zhaoqing, which it
 * leaves exactly as it was; the installation's staff see nothing of it. Each test runs in a transaction
 * that is rolled back, like DemoCityTest.
 */
@WenmingTest
class SecondCityDemoTest {

	private static final LocalDate AS_OF = LocalDate.now(CityTime.ZONE);

	private static final String FOSHAN = "4406";

	@Autowired
	DemoCity city;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Dashboard dashboard;

	@Autowired
	Cockpit cockpit;

	@Autowired
	InsightAggregates insight;

	@Autowired
	CaseStatisticsCells caseCells;

	@Autowired
	ServiceLedger ledger;

	@Autowired
	Volunteers volunteers;

	@Autowired
	VolunteerSealing sealing;

	@Autowired
	Regions regions;

	/** The transaction of the running {@link #rolledBack} body. */
	private org.springframework.transaction.TransactionStatus current;

	/** Runs {@code body} in a transaction that is always rolled back. */
	private <T> T rolledBack(Supplier<T> body) {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		return tx.execute(status -> {
			current = status;
			status.setRollbackOnly();
			return body.get();
		});
	}

	/**
	 * The runs so far left the transaction able to commit: a refusal caught inside a run marks the
	 * transaction for rollback, and the command's commit would fail.
	 */
	private void assertTheRunsWouldCommit() {
		assertThat(((org.springframework.transaction.support.DefaultTransactionStatus) current).isGlobalRollbackOnly())
			.as("the runs would commit").isFalse();
	}

	/**
	 * Rolled back, and the practice sites' sequence set back too: the second city's network takes its ids
	 * from it (as at a first start), and PostgreSQL never rolls a sequence back, so without this the
	 * second run would not start from the same database. The suite's tests run one at a time.
	 */
	private <T> T fromTheSameStart(Supplier<T> body) {
		Map<String, Object> sequence = jdbc.sql("select last_value, is_called from practice_site_id_seq").query().singleRow();
		try {
			return rolledBack(body);
		}
		finally {
			jdbc.sql("select setval('practice_site_id_seq', :value, :called)").param("value", sequence.get("last_value"))
				.param("called", sequence.get("is_called")).query((rs, n) -> 1).list();
		}
	}

	private DemoFigures generate(String cityCode, long seed, boolean alongsideExisting) {
		return city.generate(DemoScale.TINY, seed, AS_OF, alongsideExisting, cityCode, line -> {
		});
	}

	@Test
	void aSecondCityLeavesTheFirstAsItWasAndIsCorrectItself() {
		rolledBack(() -> {
			// the suite's other tests leave volunteers of their own in Zhaoqing
			long othersVolunteers = (long) rowsIn("44.4412.").get("volunteers");
			DemoFigures zhaoqing = generate(null, 11, true);
			Region home = dashboard.homeCity();
			assertThat(home.code()).isEqualTo("4412");
			List<DashboardFigures> before = new ArrayList<>();
			for (int year : List.of(AS_OF.getYear(), AS_OF.getYear() - 1)) {
				before.add(dashboard.figures(home, year, Locale.SIMPLIFIED_CHINESE));
			}
			Map<String, Object> zhaoqingRows = rowsIn("44.4412.");
			Map<String, Object> zhaoqingCells = cellsOf("4412");
			assertThat(zhaoqingRows.get("volunteers")).isEqualTo(othersVolunteers + zhaoqing.volunteers());

			// Zhaoqing's volunteers do not stop another city: the refusal counts the city's own
			DemoFigures foshan = generate(FOSHAN, 11, false);
			assertTheRunsWouldCommit();

			// the first city: dashboard, rows and aggregates as they were, and the recount still agrees
			List<DashboardFigures> after = new ArrayList<>();
			for (int year : List.of(AS_OF.getYear(), AS_OF.getYear() - 1)) {
				after.add(dashboard.figures(home, year, Locale.SIMPLIFIED_CHINESE));
			}
			for (int i = 0; i < before.size(); i++) {
				assertThat(after.get(i)).usingRecursiveComparison().ignoringFields("computedAt").isEqualTo(before.get(i));
			}
			assertThat(before.get(0).headline().volunteers()).isGreaterThanOrEqualTo(zhaoqing.volunteers());
			assertThat(rowsIn("44.4412.")).isEqualTo(zhaoqingRows);
			assertThat(cellsOf("4412")).isEqualTo(zhaoqingCells);
			assertThat(insight.check()).isEmpty();
			assertThat(caseCells.check()).isEmpty();
			assertThat(ledger.verify(n -> {
			}).intact()).isTrue();
			assertThat(ledger.checkTotals()).isEmpty();

			// the second city: its own practice network, codes and figures
			assertThat(jdbc.sql("select count(*) from practice_site where region_path like '44.4406.%'")
				.query(Long.class).single()).isGreaterThan(800);
			Map<String, Object> foshanRows = rowsIn("44.4406.");
			assertThat(foshanRows.get("volunteers")).isEqualTo((long) foshan.volunteers()).isEqualTo(300L);
			assertThat(foshanRows.get("records")).isEqualTo(foshan.records());
			assertThat((BigDecimal) foshanRows.get("hours")).isEqualByComparingTo(foshan.hours());
			assertThat(foshanRows.get("cases")).isEqualTo((long) foshan.cases());
			assertThat(foshanRows.get("activities")).isEqualTo((long) foshan.activities());
			assertThat(foshan.records()).isGreaterThan(1_000);
			Map<String, Object> foshanCells = cellsOf(FOSHAN);
			assertThat((BigDecimal) foshanCells.get("volunteers")).isEqualByComparingTo(BigDecimal.valueOf(300));
			assertThat((BigDecimal) foshanCells.get("hours")).isEqualByComparingTo(foshan.hours());
			// found = not rejected (不予立案) nor merged, as the dashboard counts them
			assertThat((BigDecimal) foshanCells.get("cases")).isEqualByComparingTo(BigDecimal.valueOf(jdbc.sql(
					"select count(*) from rectification_case where region_path like '44.4406.%' and status not in ('REJECTED', 'MERGED')")
				.query(Long.class).single()));
			assertThat((BigDecimal) foshanCells.get("cases")).isPositive().isLessThanOrEqualTo(BigDecimal.valueOf(foshan.cases()));
			assertThat(jdbc.sql("select count(*) from rectification_case where region_path like '44.4406.%' and case_number not like '4406-%'")
				.query(Long.class).single()).isZero();
			assertThat(jdbc.sql("select count(*) from team where region_path like '44.4406.%'").query(Long.class).single())
				.isEqualTo((long) foshan.teams());
			// demo ID numbers of Foshan carry 440699: Foshan with a county no city has
			List<String> ids = jdbc.sql("select key_id, id_number_cipher from volunteer where region_path like '44.4406.%' order by id limit 20")
				.query((rs, n) -> sealing.open(rs.getString(1), "id_number", rs.getBytes(2))).list();
			assertThat(ids).hasSize(20).allSatisfy(id -> assertThat(id).startsWith("440699"));
			assertThat(jdbc.sql("select count(*) from region where code ~ '^44[0-9]{2}99$'").query(Long.class).single()).isZero();
			// the demo login is the installation's: none for another city's data
			assertThat(zhaoqing.login()).isNotNull();
			assertThat(foshan.login()).isNull();
			// the same city is not generated twice
			assertThatThrownBy(() -> generate(FOSHAN, 12, true)).isInstanceOfSatisfying(DemoRefusedException.class,
					e -> assertThat(e.messageKey()).isEqualTo("demo.refused.exists"));
			assertThat(jdbc.sql("select city_code from demo_run order by id").query(String.class).list())
				.containsExactly("4412", FOSHAN);
			assertThat(foshan.digest()).isNotEqualTo(zhaoqing.digest());

			// scope: Zhaoqing's city office sees nothing of Foshan; Foshan's office sees its own
			ScopedUser zhaoqingStaff = new TestUsers(regions).staffPrincipal("4412", Roles.OFFICE_STAFF);
			ScopedUser foshanStaff = new TestUsers(regions).staffPrincipal(FOSHAN, Roles.OFFICE_STAFF);
			Set<Long> foshanIds = new HashSet<>(jdbc.sql("select id from volunteer where region_path like '44.4406.%'")
				.query(Long.class).list());
			for (String initials : jdbc.sql("""
					select distinct left(name_initials, 2) from volunteer where region_path like '44.4406.%'
					order by 1 limit 10""").query(String.class).list()) {
				assertThat(search(initials, null, zhaoqingStaff)).doesNotContainAnyElementsOf(foshanIds);
				assertThat(search(initials, null, foshanStaff)).isNotEmpty().isSubsetOf(foshanIds);
			}
			assertThatThrownBy(() -> search(null, FOSHAN, zhaoqingStaff))
				.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
			// the cockpit knows only the installation's city: another city is no region of it
			assertThatThrownBy(() -> cockpit.region(FOSHAN, zhaoqingStaff)).hasMessage("insight.error.cockpitRegion");
			return null;
		});
	}

	@Test
	void theSecondCityIsTheSameForTheSameCitySeedAndScale() {
		String first = fromTheSameStart(() -> {
			generate(null, 11, true);
			return generate(FOSHAN, 11, false).digest();
		});
		String again = fromTheSameStart(() -> {
			generate(null, 11, true);
			return generate(FOSHAN, 11, false).digest();
		});
		String otherCity = fromTheSameStart(() -> {
			generate(null, 11, true);
			return generate("4407", 11, false).digest();
		});
		assertThat(again).isEqualTo(first);
		assertThat(otherCity).isNotEqualTo(first);
	}

	@Test
	void aCityCodeThatIsNotOneIsRefusedNamingTheField() {
		assertThat(DemoCommand.parse(new String[] { "demo", "--scale=tiny", "--city", "4406" }).city()).isEqualTo(FOSHAN);
		assertThat(DemoCommand.parse(new String[] { "demo", "--scale=tiny", "--city=4407" }).city()).isEqualTo("4407");
		for (String bad : List.of("44x6", "44061", "", "4406;drop table volunteer")) {
			assertThatThrownBy(() -> DemoCommand.parse(new String[] { "demo", "--scale=tiny", "--city=" + bad }))
				.isInstanceOfSatisfying(DemoRefusedException.class, e -> assertThat(e.field()).isEqualTo("city"));
			assertThatThrownBy(() -> generate(bad, 1, true)).isInstanceOfSatisfying(DemoRefusedException.class,
					e -> assertThat(e.field()).isEqualTo("city"));
		}
		// a code of the right shape that is no city of the catalogue: refused, nothing written
		long runs = jdbc.sql("select count(*) from demo_run").query(Long.class).single();
		assertThatThrownBy(() -> generate("4499", 1, true)).isInstanceOfSatisfying(DemoRefusedException.class,
				e -> assertThat(e.messageKey()).isEqualTo("demo.refused.regions"));
		assertThat(jdbc.sql("select count(*) from demo_run").query(Long.class).single()).isEqualTo(runs);
		assertThat(DemoMessages.both("demo.refused.city", "44x6")).contains("城市代码“44x6”").contains("City code \"44x6\"");
	}

	private List<Long> search(String text, String regionCode, ScopedUser staff) {
		return volunteers.search(new VolunteerQuery(text, null, null, null, regionCode, null, null,
				VolunteerQuery.Sort.NAME, 0, 100), staff).items().stream().map(v -> v.id()).toList();
	}

	/** What the city's own rows add up to. */
	private Map<String, Object> rowsIn(String cityPath) {
		return jdbc.sql("""
				select (select count(*) from volunteer where region_path like :p) as volunteers,
				       (select count(*) from team where region_path like :p) as teams,
				       (select count(*) from activity where region_path like :p) as activities,
				       (select count(*) from service_record where region_path like :p) as records,
				       (select coalesce(sum(hours), 0) from service_record where region_path like :p) as hours,
				       (select count(*) from rectification_case where region_path like :p) as cases,
				       (select count(*) from practice_site where region_path like :p and demonstration) as demonstration""")
			.param("p", cityPath + "%").query().singleRow();
	}

	/** The dashboards' aggregates of a region, all months and kinds. */
	private Map<String, Object> cellsOf(String regionCode) {
		return jdbc.sql("""
				select coalesce(sum(value) filter (where metric = 'VOLUNTEERS_REGISTERED'), 0) as volunteers,
				       coalesce(sum(value) filter (where metric = 'SERVICE_HOURS'), 0) as hours,
				       coalesce(sum(value) filter (where metric = 'CASES_FOUND'), 0) as cases,
				       count(*) as cells, coalesce(sum(value), 0) as everything
				from insight_cell where region_code = :code""").param("code", regionCode).query().singleRow();
	}
}
