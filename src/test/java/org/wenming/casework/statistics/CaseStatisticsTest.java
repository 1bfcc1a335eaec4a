package org.wenming.casework.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.casework.Cases;
import org.wenming.casework.statistics.StatisticsFixtures.Spec;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The figures on known data sets, computed by hand: the newspaper's 1,912 of 2,047 (93.4 %), the
 * on-time and rework rates on a small set, the period's boundaries in Shanghai time, and "—" for a
 * rate with nothing to divide by. Each test's cases belong to a unit of its own, and the figures are
 * read for that unit, so other tests' cases in the shared database do not count.
 */
@WenmingTest
class CaseStatisticsTest {

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

	StatisticsFixtures fixtures;

	RequestPostProcessor city;

	@BeforeEach
	void setUp() {
		fixtures = new StatisticsFixtures(cases, jdbc, cells, transactions);
		city = new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF);
	}

	@Test
	void theNewspapersFigureReadsNinetyThreePointFourPercent() throws Exception {
		long unit = fixtures.unit("三线整治办", "441202");
		fixtures.bulk(2047, 1912, "OVERHEAD_CABLES", unit, "441202", "2021-03-10");
		// a rejected report and a duplicate merged into another case are not "found"
		long rejected = fixtures.place(Spec.reported("441202", unit, "2021-03-11T10:00").status("REJECTED"));
		jdbc.sql("update rectification_case set status = 'MERGED', merged_into_id = :into where id = :id")
			.param("into", rejected).param("id", fixtures.place(Spec.reported("441202", unit, "2021-03-12T10:00")))
			.update();
		fixtures.rebuild();

		mvc.perform(get("/api/v1/casework/statistics").with(city).param("unit", String.valueOf(unit))
			.param("month", "2021-03").param("category", "OVERHEAD_CABLES"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.from").value("2021-03-01"))
			.andExpect(jsonPath("$.to").value("2021-03-31"))
			.andExpect(jsonPath("$.category.code").value("OVERHEAD_CABLES"))
			.andExpect(jsonPath("$.total.found").value(2047));
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("unit", String.valueOf(unit))
			.param("from", "2021-03-01").param("to", "2021-03-31"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total.found").value(2047))
			.andExpect(jsonPath("$.total.closed").value(1912))
			.andExpect(jsonPath("$.total.completionRate").value(93.4))
			.andExpect(jsonPath("$.byCategory[?(@.key == 'OVERHEAD_CABLES')].figures.completionRate").value(93.4))
			// the group is the sum of its leaves
			.andExpect(jsonPath("$.byCategory[?(@.key == 'INFRASTRUCTURE')].figures.found").value(2047))
			.andExpect(jsonPath("$.byCategory[?(@.key == 'INFRASTRUCTURE')].figures.closed").value(1912))
			.andExpect(jsonPath("$.byRegion[?(@.key == '441202')].figures.completionRate").value(93.4))
			.andExpect(jsonPath("$.byUnit[0].figures.found").value(2047));

		String page = mvc.perform(get("/admin/casework/statistics").with(city).param("unit", String.valueOf(unit))
			.param("from", "2021-03-01").param("to", "2021-03-31"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("93.4%").contains("2,047").contains("1,912").contains("id=\"def-completionRate\"");
	}

	@Test
	void onTimeReworkAverageAndOverdueOnASmallSet() throws Exception {
		long unit = fixtures.unit("端州区市政所", "441202");
		String u = String.valueOf(unit);
		// 1: closed on time, after exactly 5 days
		fixtures.place(Spec.reported("441202", unit, "2021-05-03T10:00").dispatched("2021-05-10T18:00")
			.closed("2021-05-08T10:00", true));
		// 2: returned once, then closed late, after 10 days
		fixtures.place(Spec.reported("441202", unit, "2021-05-04T10:00").dispatched("2021-05-11T18:00")
			.fixSubmitted("2021-05-07T10:00", 1).closed("2021-05-14T10:00", false));
		// 3: dispatched, never fixed, overdue
		fixtures.place(Spec.reported("441202", unit, "2021-05-05T10:00").dispatched("2021-05-12T18:00"));
		// 4: fix submitted after two returns, due after the period, overdue now
		fixtures.place(Spec.reported("441202", unit, "2021-05-06T10:00").dispatched("2021-06-20T18:00")
			.fixSubmitted("2021-06-01T10:00", 2));
		// 5: waiting to be registered: found, nothing else
		fixtures.place(Spec.reported("441202", unit, "2021-05-07T10:00"));
		// 6: rejected: not found
		fixtures.place(Spec.reported("441202", unit, "2021-05-08T10:00").status("REJECTED"));
		// 7: reported before the period, due and closed on time in it: due, not found
		fixtures.place(Spec.reported("441202", unit, "2021-04-20T10:00").dispatched("2021-05-06T18:00")
			.closed("2021-05-05T10:00", true));
		// 8: suspended and past its due time: the clock stopped, so not overdue now
		fixtures.place(Spec.reported("441202", unit, "2021-05-09T10:00").dispatched("2021-06-25T18:00")
			.status("SUSPENDED"));

		mvc.perform(get("/api/v1/casework/statistics").with(city).param("unit", u).param("month", "2021-05"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total.found").value(6))
			.andExpect(jsonPath("$.total.registered").value(5))
			.andExpect(jsonPath("$.total.closed").value(2))
			.andExpect(jsonPath("$.total.completionRate").value(33.3))
			.andExpect(jsonPath("$.total.due").value(4))
			.andExpect(jsonPath("$.total.closedOnTime").value(2))
			.andExpect(jsonPath("$.total.onTimeRate").value(50.0))
			.andExpect(jsonPath("$.total.fixed").value(3))
			.andExpect(jsonPath("$.total.reworked").value(2))
			.andExpect(jsonPath("$.total.reworkRate").value(66.7))
			.andExpect(jsonPath("$.total.averageDaysToClose").value(7.5))
			.andExpect(jsonPath("$.total.overdueNow").value(2));
	}

	@Test
	void thePeriodEndsAtMidnightShanghaiTime() throws Exception {
		long unit = fixtures.unit("边界测试单位", "441202");
		String u = String.valueOf(unit);
		fixtures.place(Spec.reported("441202", unit, "2021-07-10T10:00").dispatched("2021-07-30T18:00")
			.closed("2021-07-31T23:59", true));
		fixtures.place(Spec.reported("441202", unit, "2021-07-10T11:00").dispatched("2021-07-30T18:00")
			.closed("2021-08-01T00:00", false));
		fixtures.place(Spec.reported("441202", unit, "2021-06-30T23:59"));
		fixtures.place(Spec.reported("441202", unit, "2021-07-01T00:00"));

		mvc.perform(get("/api/v1/casework/statistics").with(city).param("unit", u).param("from", "2021-07-01")
			.param("to", "2021-07-31"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total.found").value(3))
			.andExpect(jsonPath("$.total.closed").value(1))
			.andExpect(jsonPath("$.total.due").value(2))
			.andExpect(jsonPath("$.total.closedOnTime").value(1));
		// the next month: the case closed at 00:00 on 1 August was found in July, so not in August's found
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("unit", u).param("month", "2021-08"))
			.andExpect(jsonPath("$.total.found").value(0))
			.andExpect(jsonPath("$.total.closed").value(0));
		// the third quarter holds them all
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("unit", u).param("quarter", "2021-Q3"))
			.andExpect(jsonPath("$.from").value("2021-07-01"))
			.andExpect(jsonPath("$.to").value("2021-09-30"))
			.andExpect(jsonPath("$.total.found").value(3))
			.andExpect(jsonPath("$.total.closed").value(2));
	}

	@Test
	void aRateWithNothingToDivideByIsADash() throws Exception {
		long unit = fixtures.unit("空数据单位", "441202");
		String u = String.valueOf(unit);
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("unit", u).param("month", "2021-09"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total.found").value(0))
			.andExpect(jsonPath("$.total.completionRate").value(nullValue()))
			.andExpect(jsonPath("$.total.onTimeRate").value(nullValue()))
			.andExpect(jsonPath("$.total.reworkRate").value(nullValue()))
			.andExpect(jsonPath("$.total.averageDaysToClose").value(nullValue()));
		String page = mvc.perform(get("/admin/casework/statistics").with(city).param("unit", u).param("month", "2021-09"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("<strong>—</strong>").doesNotContain("NaN").doesNotContain("Infinity");
		assertThat(Figures.NONE.completionRate()).isNull();
		assertThat(new Figures(2047, 0, 1912, 0, 0, 0, 0, 0, 0).completionRate()).isEqualByComparingTo("93.4");
	}

	@Test
	void aCountyOfficeSeesItsCountyOnlyAndTheCitySeesBoth() throws Exception {
		RequestPostProcessor dinghu = new TestUsers(regions).staff("441203", Roles.OFFICE_STAFF);
		long duanzhouUnit = fixtures.unit("端州区城管局", "441202");
		long dinghuUnit = fixtures.unit("鼎湖区城管局", "441203");
		String town = regions.children("441203").get(0).code();
		fixtures.place(Spec.reported("441202", duanzhouUnit, "2021-10-11T10:00"));
		fixtures.place(Spec.reported(town, dinghuUnit, "2021-10-12T10:00"));

		for (String path : List.of("/api/v1/casework/statistics", "/admin/casework/statistics",
				"/admin/casework/statistics.xlsx", "/admin/casework/statistics.pdf")) {
			mvc.perform(get(path).with(dinghu).param("region", "441202").param("month", "2021-10"))
				.andExpect(status().isNotFound());
			mvc.perform(get(path).with(dinghu).param("unit", String.valueOf(duanzhouUnit)).param("month", "2021-10"))
				.andExpect(status().isNotFound());
		}
		// the county's own figures open on its towns
		mvc.perform(get("/api/v1/casework/statistics").with(dinghu).param("unit", String.valueOf(dinghuUnit))
			.param("month", "2021-10"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.region.code").value("441203"))
			.andExpect(jsonPath("$.byRegion[?(@.key == '" + town + "')].figures.found").value(1))
			.andExpect(jsonPath("$.byRegion[?(@.key == '441202')]").isEmpty());
		// a volunteer or a citizen has no statistics
		mvc.perform(get("/api/v1/casework/statistics").with(new TestUsers(regions).staff("4412", Roles.VOLUNTEER)))
			.andExpect(status().isForbidden());

		// the city sees both counties, and drills down into 鼎湖区's towns
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("month", "2021-10")
			.param("unit", String.valueOf(duanzhouUnit)))
			.andExpect(jsonPath("$.byRegion[?(@.key == '441202')].figures.found").value(1));
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("month", "2021-10")
			.param("unit", String.valueOf(dinghuUnit)))
			.andExpect(jsonPath("$.byRegion[?(@.key == '441203')].figures.found").value(1));
		String page = mvc.perform(get("/admin/casework/statistics").with(city).param("month", "2021-10"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("端州区").contains("鼎湖区").contains("region=441203");
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("region", "441203").param("month", "2021-10")
			.param("unit", String.valueOf(dinghuUnit)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.byRegion[?(@.key == '" + town + "')].figures.found").value(1));
	}

	@Test
	void badFiltersAreRefusedNamingTheField() throws Exception {
		String[][] cases = { { "from", "2021-13-45", "from" }, { "from", "abc", "from" },
				{ "from", "2021-02-30", "from" }, { "from", "1800-01-01", "from" }, { "month", "2021-13", "month" },
				{ "month", "March", "month" }, { "quarter", "2021-Q5", "quarter" }, { "year", "20x1", "year" },
				{ "year", "1999", "year" }, { "period", "decade", "period" }, { "category", "NO_SUCH", "category" },
				{ "category", "<script>alert(1)</script>", "category" }, { "unit", "999999999999", "unit" },
				{ "unit", "-1", "unit" }, { "unit", "1 or 1=1", "unit" }, { "region", "abc", "region" },
				{ "region", "999999", "region" }, { "region", "44120'; drop table region; --", "region" } };
		for (String[] c : cases) {
			mvc.perform(get("/api/v1/casework/statistics").with(city).param(c[0], c[1]))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value(c[2]));
		}
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("from", "2021-05-01").param("to", "2021-04-30"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("from", "2000-01-01").param("to", "2050-01-01"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("from", "2021-05-01"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("from", "x".repeat(5000)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
		// the page says it next to the field, in the reader's language
		String page = mvc.perform(get("/admin/casework/statistics").with(city).param("from", "2021-05-01")
			.param("to", "2021-04-30"))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"to-error\"").contains("结束日期不能早于开始日期")
			.contains("aria-describedby=\"to-error\"");
		mvc.perform(get("/admin/casework/statistics.xlsx").with(city).param("table", "everything"))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/admin/casework/statistics.pdf").with(city).param("year", "1234"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theDownloadsHoldTheTablesAndDefinitions() throws Exception {
		long unit = fixtures.unit("下载测试单位", "441202");
		fixtures.bulk(40, 30, "BACK_ALLEY", unit, "441202", "2021-11-15");
		byte[] xlsx = mvc.perform(get("/admin/casework/statistics.xlsx").with(city).param("unit", String.valueOf(unit))
			.param("month", "2021-11"))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.andReturn().getResponse().getContentAsByteArray();
		List<List<String>> categories = Workbooks.sheet(xlsx, "按问题类别");
		assertThat(categories.get(0)).startsWith("问题类别", "发现", "立案", "已整改（结案）", "整改完成率");
		List<String> alley = categories.stream().filter(row -> row.get(0).contains("背街小巷")).findFirst().orElseThrow();
		assertThat(alley.subList(1, 4)).containsExactly("40", "40", "30");
		assertThat(new BigDecimal(alley.get(4))).isEqualByComparingTo("75");
		assertThat(Workbooks.sheetNames(xlsx)).contains("指标口径");

		byte[] one = mvc.perform(get("/admin/casework/statistics.xlsx").with(city).param("unit", String.valueOf(unit))
			.param("month", "2021-11").param("table", "units"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		assertThat(Workbooks.sheetNames(one)).containsExactly("按责任单位", "指标口径");

		byte[] pdf = mvc.perform(get("/admin/casework/statistics.pdf").with(city).param("unit", String.valueOf(unit))
			.param("month", "2021-11"))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/pdf"))
			.andReturn().getResponse().getContentAsByteArray();
		String text = Workbooks.pdfText(pdf);
		assertThat(text).contains("整改统计").contains("背街小巷").contains("75.0%").contains("整改完成率");
		assertThat(new BigDecimal("75.0")).isEqualByComparingTo(new Figures(40, 0, 30, 0, 0, 0, 0, 0, 0).completionRate());
	}

	@Test
	void thePagesSpeakEnglishWhenAsked() throws Exception {
		long unit = fixtures.unit("English unit", "441202");
		fixtures.bulk(4, 3, "SANITATION", unit, "441202", "2021-12-06");
		String page = mvc.perform(get("/admin/casework/statistics").with(city).param("unit", String.valueOf(unit))
			.param("month", "2021-12").param("lang", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Rectification statistics").contains("Completion rate")
			.contains("On-time closure rate").contains("Environmental sanitation").contains("75.0%")
			.contains("Fixed divided by found").doesNotContain("整改完成率");
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("unit", String.valueOf(unit))
			.param("month", "2021-12").param("lang", "en"))
			.andExpect(jsonPath("$.definitions.completionRate").value(org.hamcrest.Matchers.startsWith("Fixed divided by found")))
			.andExpect(jsonPath("$.byCategory[?(@.key == 'SANITATION')].name").value("Environmental sanitation"));
		mvc.perform(get("/api/v1/casework/statistics").with(city).param("from", "nonsense").param("lang", "en"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"))
			.andExpect(jsonPath("$.errors[0].message").value("A date is written like 2026-03-31"));
	}
}
