package org.wenming.casework.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.casework.Cases;
import org.wenming.casework.statistics.StatisticsFixtures.Spec;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Red/black lists: a run stores its entries in the documented order and keeps them as published;
 * the public page, the JSON and the XLSX/PDF downloads show the latest run without a case in
 * them; the schedule publishes a week once even when two instances run it at the same moment.
 */
@WenmingTest
class CaseRankingsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Cases cases;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StatisticsCells cells;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Regions regions;

	@Autowired
	CaseRankings rankings;

	StatisticsFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new StatisticsFixtures(cases, jdbc, cells, transactions);
	}

	/**
	 * Four units in a week of their own (each test takes another week): A closes all on time
	 * (score 100), B closes both, one late (40 + 40×0.5 + 20 = 80), C closes half on time and half
	 * are still open and overdue (20 + 20 + 20×0.5 = 50), D closes nothing and both are overdue (0).
	 */
	private List<String> fourUnits(LocalDate monday) {
		List<String> names = new ArrayList<>();
		String[] labels = { "A优秀单位", "B一般单位", "C较差单位", "D落后单位" };
		long[] units = new long[4];
		for (int i = 0; i < 4; i++) {
			units[i] = fixtures.unit(labels[i], "441202");
			names.add(fixtures.unitName(units[i]));
		}
		String first = monday + "T09:00";
		String due = monday.plusDays(3) + "T18:00";
		String early = monday.plusDays(2) + "T10:00";
		String late = monday.plusDays(4) + "T10:00";
		for (int i = 0; i < 2; i++) {
			String day = monday.plusDays(i) + "T09:00";
			fixtures.place(Spec.reported("441202", units[0], day).dispatched(due)
				.closed(early, true));
			fixtures.place(Spec.reported("441202", units[3], day).dispatched(due));
		}
		fixtures.place(Spec.reported("441202", units[1], first).dispatched(due)
			.closed(early, true));
		fixtures.place(Spec.reported("441202", units[1], first).dispatched(due)
			.closed(late, false));
		fixtures.place(Spec.reported("441203", units[2], first).dispatched(due)
			.closed(early, true));
		fixtures.place(Spec.reported("441203", units[2], first).dispatched(due));
		return names;
	}

	@Test
	void aRunStoresTheListsInTheDocumentedOrderAndKeepsThemAsPublished() throws Exception {
		List<String> names = fourUnits(LocalDate.of(2022, 2, 7));
		long id = rankings.publishNow(LocalDate.of(2022, 2, 7), LocalDate.of(2022, 2, 13), "test-city");
		Ranking ranking = rankings.find(id).orElseThrow();

		assertThat(ranking.unitsRed()).extracting(Ranking.Entry::name).containsExactly(names.get(0), names.get(1));
		assertThat(ranking.unitsBlack()).extracting(Ranking.Entry::name).containsExactly(names.get(3), names.get(2));
		assertThat(ranking.unitsRed()).extracting(e -> e.score().toPlainString()).containsExactly("100.0", "80.0");
		assertThat(ranking.unitsBlack()).extracting(e -> e.score().toPlainString()).containsExactly("0.0", "50.0");
		Ranking.Entry worst = ranking.unitsBlack().get(0);
		assertThat(worst.found()).isEqualTo(2);
		assertThat(worst.overdueNow()).isEqualTo(2);
		assertThat(worst.completionRate()).isEqualByComparingTo("0");
		// districts: both counties with cases this week are ranked, one on each list (other tests' overdue
		// cases may weigh on either, so only the shape is certain here)
		assertThat(ranking.districtsRed()).hasSize(1);
		assertThat(ranking.districtsBlack()).hasSize(1);
		assertThat(List.of(ranking.districtsRed().get(0).key(), ranking.districtsBlack().get(0).key()))
			.containsExactlyInAnyOrder("441202", "441203");
		assertThat(ranking.districtsRed().get(0).score()).isGreaterThanOrEqualTo(ranking.districtsBlack().get(0).score());
		assertThat(ranking.districtsRed().get(0).found() + ranking.districtsBlack().get(0).found()).isEqualTo(8);

		// later changes do not rewrite what was published
		jdbc.sql("""
				update rectification_case set status = 'CLOSED', closed_at = registered_at + interval '1 day',
				    closed_on_time = true where unit_id = (select id from responsible_unit where name = :name)""")
			.param("name", names.get(3)).update();
		fixtures.rebuild();
		assertThat(rankings.find(id).orElseThrow()).isEqualTo(ranking);
		Ranking again = rankings.find(rankings.publishNow(LocalDate.of(2022, 2, 7), LocalDate.of(2022, 2, 13),
				"test-city")).orElseThrow();
		assertThat(again.unitsRed().get(0).name()).isIn(names.get(0), names.get(3));
		assertThat(again.unitsBlack()).extracting(Ranking.Entry::name).doesNotContain(names.get(3));
	}

	@Test
	void thePublicPageJsonAndDownloadsShowTheLatestRunWithoutCases() throws Exception {
		List<String> names = fourUnits(LocalDate.of(2022, 3, 7));
		String caseNumber = jdbc.sql("""
				select case_number from rectification_case where unit_id = (select id from responsible_unit where name = :n)
				limit 1""").param("n", names.get(3)).query(String.class).single();
		String location = mvc.perform(post("/admin/casework/rankings").with(csrf())
			.with(new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF))
			.param("from", "2022-03-07").param("to", "2022-03-13"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/casework/rankings/*"))
			.andReturn().getResponse().getRedirectedUrl();
		String id = location.substring(location.lastIndexOf('/') + 1);

		String page = mvc.perform(get("/casework/rankings")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("/casework/rankings/" + id + ".xlsx").contains(names.get(0)).contains(names.get(3))
			.contains("100.0").doesNotContain(caseNumber).doesNotContain("统计测试问题");
		assertThat(page.indexOf(names.get(0))).isLessThan(page.indexOf(names.get(1)));
		mvc.perform(get("/casework/rankings/" + id)).andExpect(status().isOk());
		mvc.perform(get("/casework/rankings/999999999")).andExpect(status().isNotFound());
		mvc.perform(get("/casework/rankings/abc")).andExpect(status().isNotFound());

		mvc.perform(get("/api/v1/casework/rankings"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.latest.id").value(Long.parseLong(id)))
			.andExpect(jsonPath("$.latest.unitsRed[0].name").value(names.get(0)))
			.andExpect(jsonPath("$.latest.unitsBlack[0].name").value(names.get(3)))
			.andExpect(jsonPath("$.latest.runBy").doesNotExist());
		mvc.perform(get("/api/v1/casework/rankings/" + id)).andExpect(jsonPath("$.unitsRed[1].name").value(names.get(1)));

		byte[] xlsx = mvc.perform(get("/casework/rankings/" + id + ".xlsx")).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsByteArray();
		List<List<String>> red = Workbooks.sheet(xlsx, "责任单位红榜");
		assertThat(red.get(0)).startsWith("名次", "名称", "发现");
		assertThat(red.get(1)).startsWith("1", names.get(0), "2", "2");
		assertThat(red.get(2)).startsWith("2", names.get(1));
		List<List<String>> black = Workbooks.sheet(xlsx, "责任单位黑榜");
		assertThat(black.get(1)).startsWith("1", names.get(3), "2", "0");
		assertThat(new java.math.BigDecimal(black.get(1).get(4))).isEqualByComparingTo("0");

		byte[] pdf = mvc.perform(get("/casework/rankings/" + id + ".pdf")).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsByteArray();
		String text = Workbooks.pdfText(pdf);
		assertThat(text).contains("整改工作红黑榜").contains(names.get(0)).contains(names.get(3)).contains("100.0");
		assertThat(text.indexOf(names.get(0))).isLessThan(text.indexOf(names.get(1)));
		assertThat(text).doesNotContain(caseNumber);
	}

	@Test
	void onlyCityOfficeStaffPublishAndTheDatesAreChecked() throws Exception {
		long before = jdbc.sql("select count(*) from case_ranking_run").query(Long.class).single();
		mvc.perform(post("/admin/casework/rankings").with(csrf())
			.with(new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF))
			.param("from", "2022-02-07").param("to", "2022-02-13"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/admin/casework/rankings").with(csrf())
			.with(new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF)).param("from", "2022-02-13")
			.param("to", "2022-02-07"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/admin/casework/rankings").with(csrf())
			.with(new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF)).param("from", "2022-02-07"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/admin/casework/rankings").with(new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF))
			.param("from", "2022-02-07").param("to", "2022-02-13"))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from case_ranking_run").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void twoInstancesPublishingTheSameWeekStoreOneRun() throws Exception {
		LocalDate monday = LocalDate.of(2019, 1, 7);
		int threads = 4;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Optional<Long>>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				Callable<Optional<Long>> run = () -> {
					start.await();
					return rankings.publishScheduled(monday, monday.plusDays(6));
				};
				results.add(pool.submit(run));
			}
			start.countDown();
			List<Long> published = new ArrayList<>();
			for (Future<Optional<Long>> result : results) {
				result.get().ifPresent(published::add);
			}
			assertThat(published).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("""
				select count(*) from case_ranking_run
				where trigger = 'SCHEDULE' and period_from = :from and period_to = :to""")
			.param("from", monday).param("to", monday.plusDays(6)).query(Long.class).single()).isEqualTo(1);
	}
}
