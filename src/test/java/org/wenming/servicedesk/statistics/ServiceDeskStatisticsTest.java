package org.wenming.servicedesk.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The service desk's statistics by HTTP on a fixture of known orders (SQL): every figure of the total and
 * of the lines, the month in Asia/Shanghai, scope (a county sees only its own; another county's region is
 * not found), empty data (null rates, no division by zero), bad filters naming the field, the XLSX.
 * Each test uses a year of its own (2011, 2012) so that tests sharing the database do not disturb it.
 */
@WenmingTest
class ServiceDeskStatisticsTest {

	static final String VILLAGE = "441202001002";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	@Autowired
	ObjectMapper json;

	StatisticsFixtures fx;

	TestUsers users;

	@BeforeEach
	void fixtures() {
		fx = new StatisticsFixtures(jdbc, regions, seal);
		users = new TestUsers(regions);
	}

	private String body(MockHttpServletRequestBuilder request, int status) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo(status);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private JsonNode statistics(RequestPostProcessor who, String... params) throws Exception {
		MockHttpServletRequestBuilder request = get("/api/v1/service/statistics").with(who);
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return json.readTree(body(request, 200));
	}

	/** 2011: nine orders in 端州区 at every stage, one rated order in 鼎湖区. */
	private synchronized void year2011() {
		if (jdbc.sql("select count(*) from service_order where what = '统计测试' and received_at >= '2011-01-01' and received_at < '2012-01-01'")
			.query(Long.class).single() > 0) {
			return;
		}
		long site = fx.site(VILLAGE);
		Instant march = Instant.parse("2011-03-10T02:00:00Z");
		fx.order(VILLAGE, site, "HOME_VISIT", "SERVED", march, 1.0, 1.0, 10.0, 5);
		fx.order(VILLAGE, site, "HOME_VISIT", "SERVED", march, 2.0, 1.0, 20.0, 4);
		fx.order(VILLAGE, site, "HOME_VISIT", "SERVED", march, 3.0, 1.0, 30.0, 1);
		fx.order(VILLAGE, site, "HOME_VISIT", "UNRATED", march, 4.0, 1.0, 40.0, null);
		// 23:59 on 31 March in Shanghai is March; 00:00 on 1 April (16:00 UTC) is April
		fx.order(VILLAGE, site, "SMALL_REPAIR", "RECEIVED", Instant.parse("2011-03-31T15:59:00Z"), null, null, null, null);
		Instant april = Instant.parse("2011-03-31T16:00:00Z");
		fx.order(VILLAGE, site, "SMALL_REPAIR", "DISPATCHED", april, 5.0, 1.0, null, null);
		fx.order(VILLAGE, site, "SMALL_REPAIR", "HANDED_BACK", april, 10.0, 1.0, null, null);
		fx.order(VILLAGE, site, "SMALL_REPAIR", "DECLINED", april, null, null, null, null);
		fx.order(VILLAGE, site, "SMALL_REPAIR", "CANCELLED", april, null, null, null, null);
		String dinghu = fx.village("441203");
		fx.order(dinghu, fx.site(dinghu), "HEALTH", "SERVED", Instant.parse("2011-05-02T02:00:00Z"), 1.0, 1.0, 5.0, 2);
	}

	@Test
	void everyFigureOfAKnownYear() throws Exception {
		year2011();
		JsonNode report = statistics(users.staff("441202", Roles.OFFICE_STAFF), "year", "2011");
		assertThat(report.get("region").get("code").asString()).isEqualTo("441202");
		JsonNode t = report.get("total");
		assertThat(t.get("orders").asLong()).isEqualTo(9);
		assertThat(t.get("dispatched").asLong()).isEqualTo(6);
		assertThat(t.get("served").asLong()).isEqualTo(4);
		assertThat(t.get("completionRate").decimalValue()).isEqualByComparingTo("66.7");
		assertThat(t.get("rated").asLong()).isEqualTo(3);
		assertThat(t.get("unrated").asLong()).isEqualTo(1);
		// 3 rated (5, 4, 1) and 1 unrated: satisfaction over the rated only, the rating rate beside it
		assertThat(t.get("ratingRate").decimalValue()).isEqualByComparingTo("75.0");
		assertThat(t.get("satisfactionRate").decimalValue()).isEqualByComparingTo("66.7");
		assertThat(t.get("meanStars").decimalValue()).isEqualByComparingTo("3.3");
		assertThat(t.get("satisfied").asLong()).isEqualTo(2);
		assertThat(t.get("declined").asLong()).isEqualTo(1);
		assertThat(t.get("cancelled").asLong()).isEqualTo(1);
		// decided after 1, 2, 3, 4, 5, 10 hours; served 10, 20, 30, 40 hours after dispatch
		assertThat(t.get("acceptHours").get("median").decimalValue()).isEqualByComparingTo("3.5");
		assertThat(t.get("acceptHours").get("p90").decimalValue()).isEqualByComparingTo("7.5");
		assertThat(t.get("serveHours").get("median").decimalValue()).isEqualByComparingTo("25.0");
		assertThat(t.get("serveHours").get("p90").decimalValue()).isEqualByComparingTo("37.0");
		assertThat(t.get("totalHours").get("median").decimalValue()).isEqualByComparingTo("28.5");
		assertThat(t.get("totalHours").get("p90").decimalValue()).isEqualByComparingTo("41.7");

		JsonNode categories = report.get("byCategory");
		assertThat(categories).hasSize(2);
		assertThat(categories.get(0).get("key").asString()).isEqualTo("HOME_VISIT");
		assertThat(categories.get(0).get("figures").get("orders").asLong()).isEqualTo(4);
		assertThat(categories.get(0).get("figures").get("completionRate").decimalValue()).isEqualByComparingTo("100.0");
		assertThat(categories.get(1).get("key").asString()).isEqualTo("SMALL_REPAIR");
		assertThat(categories.get(1).get("figures").get("completionRate").decimalValue()).isEqualByComparingTo("0.0");
		assertThat(categories.get(1).get("figures").get("satisfactionRate").isNull()).isTrue();
		JsonNode months = report.get("byMonth");
		assertThat(months).hasSize(2);
		assertThat(months.get(0).get("key").asString()).isEqualTo("2011-03");
		assertThat(months.get(0).get("figures").get("orders").asLong()).isEqualTo(5);
		assertThat(months.get(1).get("key").asString()).isEqualTo("2011-04");
		assertThat(months.get(1).get("figures").get("orders").asLong()).isEqualTo(4);
		assertThat(report.get("byCounty")).hasSize(1);
		assertThat(report.get("byCounty").get(0).get("key").asString()).isEqualTo("441202");
		assertThat(report.get("bySite")).hasSize(1);
		assertThat(report.get("bySite").get(0).get("figures").get("orders").asLong()).isEqualTo(9);
		assertThat(report.get("definitions").get("satisfactionRate").asString()).isNotBlank();

		// a month: April only
		JsonNode april = statistics(users.staff("441202", Roles.OFFICE_STAFF), "month", "2011-04");
		assertThat(april.get("total").get("orders").asLong()).isEqualTo(4);
		assertThat(april.get("total").get("served").asLong()).isZero();
		assertThat(april.get("total").get("ratingRate").isNull()).isTrue();

		// the city sees both counties
		JsonNode city = statistics(users.staff("4412", Roles.OFFICE_STAFF), "year", "2011");
		assertThat(city.get("total").get("orders").asLong()).isEqualTo(10);
		assertThat(city.get("byCounty")).hasSize(2);
		JsonNode dinghu = city.get("byCounty").get(1);
		assertThat(dinghu.get("key").asString()).isEqualTo("441203");
		assertThat(dinghu.get("name").asString()).isEqualTo("鼎湖区");
		assertThat(dinghu.get("figures").get("satisfactionRate").decimalValue()).isEqualByComparingTo("0.0");
		assertThat(dinghu.get("figures").get("ratingRate").decimalValue()).isEqualByComparingTo("100.0");
		assertThat(city.get("total").get("satisfactionRate").decimalValue()).isEqualByComparingTo("50.0");
		assertThat(city.get("total").get("ratingRate").decimalValue()).isEqualByComparingTo("80.0");
		// the site lines: the most orders first, as many as asked (the city's ~1,600 sites are not all sent)
		assertThat(city.get("bySite")).hasSize(2);
		assertThat(city.get("sitesTotal").asInt()).isEqualTo(2);
		JsonNode first = statistics(users.staff("4412", Roles.OFFICE_STAFF), "year", "2011", "sites", "1");
		assertThat(first.get("bySite")).hasSize(1);
		assertThat(first.get("bySite").get(0).get("figures").get("orders").asLong()).isEqualTo(9);
		assertThat(first.get("sitesTotal").asInt()).isEqualTo(2);
		assertThat(statistics(users.staff("4412", Roles.OFFICE_STAFF), "year", "2011", "sites", "all").get("bySite"))
			.hasSize(2);
		for (String bad : List.of("0", "10001", "x", "-1")) {
			assertThat(body(get("/api/v1/service/statistics").with(users.staff("4412", Roles.OFFICE_STAFF))
				.param("sites", bad), 400)).as(bad).contains("sites");
		}
	}

	@Test
	void theScopeConfinesTheFigures() throws Exception {
		year2011();
		RequestPostProcessor dinghu = users.staff("441203", Roles.OFFICE_STAFF);
		JsonNode own = statistics(dinghu, "year", "2011");
		assertThat(own.get("region").get("code").asString()).isEqualTo("441203");
		assertThat(own.get("total").get("orders").asLong()).isEqualTo(1);
		assertThat(own.get("byCounty")).hasSize(1);
		// another county's region: not found, on the JSON, the page and the download
		body(get("/api/v1/service/statistics").with(dinghu).param("region", "441202").param("year", "2011"), 404);
		body(get("/admin/service/statistics").with(dinghu).param("region", "441202").param("year", "2011"), 404);
		body(get("/admin/service/statistics.xlsx").with(dinghu).param("region", "441202").param("year", "2011"), 404);
		// a station's staff read their own village's figures; a volunteer may not
		JsonNode station = statistics(users.staff(VILLAGE, Roles.SITE_ADMIN), "year", "2011");
		assertThat(station.get("total").get("orders").asLong()).isEqualTo(9);
		body(get("/api/v1/service/statistics").with(users.staff(VILLAGE, Roles.VOLUNTEER)), 403);
		body(get("/admin/service/statistics").with(users.staff(VILLAGE, Roles.VOLUNTEER)), 403);
	}

	@Test
	void anEmptyYearHasNullRatesAndNoDivisionByZero() throws Exception {
		JsonNode report = statistics(users.staff("441202", Roles.OFFICE_STAFF), "year", "2012");
		JsonNode t = report.get("total");
		assertThat(t.get("orders").asLong()).isZero();
		for (String rate : List.of("completionRate", "ratingRate", "satisfactionRate", "meanStars")) {
			assertThat(t.has(rate)).as(rate).isTrue();
			assertThat(t.get(rate).isNull()).as(rate).isTrue();
		}
		assertThat(t.get("acceptHours").get("median").isNull()).isTrue();
		assertThat(report.get("byCategory")).isEmpty();
		String page = body(get("/admin/service/statistics").with(users.staff("441202", Roles.OFFICE_STAFF))
			.param("year", "2012").param("lang", "zh-CN"), 200);
		assertThat(page).contains("服务统计", "本期没有点单", "—").doesNotContain("NaN");
	}

	@Test
	void thePageInThreeLanguagesBadFiltersAndTheWorkbook() throws Exception {
		year2011();
		RequestPostProcessor office = users.staff("441202", Roles.OFFICE_STAFF);
		String zh = body(get("/admin/service/statistics").with(office).param("year", "2011").param("lang", "zh-CN"), 200);
		assertThat(zh).contains("服务统计", "满意率", "评价率", "66.7%", "75.0%", "上门探访", "2011-03", "端州区")
			.doesNotContain("13900001111");
		assertThat(body(get("/admin/service/statistics").with(office).param("year", "2011").param("lang", "zh-TW"), 200))
			.contains("服務統計", "滿意率");
		assertThat(body(get("/admin/service/statistics").with(office).param("year", "2011").param("lang", "en"), 200))
			.contains("Service statistics", "Satisfaction", "Rating rate", "Home visit");
		assertThat(body(get("/admin/service/statistics").with(office).param("year", "2011").param("care", "on"), 200))
			.contains("class=\"care\"");
		// bad filters: 400 naming the field
		String bad = body(get("/admin/service/statistics").with(office).param("year", "20x1").param("lang", "zh-CN"), 400);
		assertThat(bad).contains("year-error", "年份须为");
		assertThat(body(get("/api/v1/service/statistics").with(office).param("month", "2011-13"), 400)).contains("month");
		assertThat(body(get("/api/v1/service/statistics").with(office).param("region", "44x"), 400)).contains("region");
		assertThat(body(get("/api/v1/service/statistics").with(office).param("year", "1999"), 400)).contains("year");
		// the workbook: a sheet per table, figures as numbers
		MvcResult xlsx = mvc.perform(get("/admin/service/statistics.xlsx").with(office).param("year", "2011")
			.param("lang", "zh-CN")).andReturn();
		assertThat(xlsx.getResponse().getStatus()).isEqualTo(200);
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
			List<String> sheets = new ArrayList<>();
			workbook.getSheets().forEach(s -> sheets.add(s.getName()));
			assertThat(sheets).contains("合计", "按服务类别", "按月份", "指标说明");
			List<Row> rows = workbook.getFirstSheet().read();
			assertThat(rows.get(1).getCellText(0)).isEqualTo("端州区");
			assertThat(rows.get(1).getCellText(1)).isEqualTo("9");
			assertThat(rows.get(1).getCellText(4)).isEqualTo("66.7");
		}
	}
}
