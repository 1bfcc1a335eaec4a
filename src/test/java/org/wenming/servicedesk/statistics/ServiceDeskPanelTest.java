package org.wenming.servicedesk.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.wenming.region.Regions;
import org.wenming.servicedesk.ServiceDeskFigures;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * The service desk's panel on insight's public dashboard and the staff cockpit, read through
 * {@link ServiceDeskFigures}: a county's satisfaction moves when a rating is added. The orders are in
 * 德庆县 (441226), where no other test places orders, received this year.
 */
@WenmingTest
class ServiceDeskPanelTest {

	static final String COUNTY = "441226";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	@Autowired
	ServiceDeskFigures figures;

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(200);
		return body;
	}

	/** The county's row of the panel's table, from its opening tag to its end. */
	private static String row(String page, String county) {
		int start = page.indexOf("<tr data-servicedesk=\"" + county + "\">");
		assertThat(start).as("the county's row").isPositive();
		return page.substring(start, page.indexOf("</tr>", start));
	}

	@Test
	void theDashboardAndTheCockpitShowTheCountysSatisfactionMovingWithARating() throws Exception {
		StatisticsFixtures fx = new StatisticsFixtures(jdbc, regions, seal);
		String village = fx.village(COUNTY);
		long site = fx.site(village);
		Instant received = Instant.now().minus(3, ChronoUnit.HOURS);
		fx.order(village, site, "HOME_VISIT", "SERVED", received, 0.1, 0.1, 0.5, 5);
		long waiting = fx.order(village, site, "HOME_VISIT", "SERVED", received, 0.1, 0.1, 0.5, null);
		fx.order(village, site, "HOME_VISIT", "UNRATED", received, 0.1, 0.1, 0.5, null);
		var regionOf = regions.find(COUNTY).orElseThrow();
		int year = java.time.LocalDate.now(org.wenming.shared.CityTime.ZONE).getYear();
		ServiceDeskFigures.Line before = figures.year(regionOf, year).region();
		assertThat(before.orders()).isEqualTo(3);
		assertThat(before.served()).isEqualTo(3);
		assertThat(before.satisfactionRate()).isEqualByComparingTo("100.0");
		assertThat(before.ratingRate()).isEqualByComparingTo("33.3");

		// the public dashboard of the city (signed in, so the page is rendered afresh) and of the county
		TestUsers users = new TestUsers(regions);
		String city = body(get("/dashboard").with(users.staff("4412", Roles.OFFICE_STAFF)).param("lang", "zh-CN"));
		assertThat(city).contains("群众点单", "满意率", "评价率");
		assertThat(row(city, COUNTY)).contains("德庆县", "100.0%", "33.3%");
		String county = body(get("/dashboard").with(users.staff("4412", Roles.OFFICE_STAFF)).param("region", COUNTY));
		assertThat(county).contains("data-servicedesk=\"" + COUNTY + "\"");

		// a rating of 1 star: satisfaction over the rated (5, 1) halves, the rating rate rises
		fx.rate(waiting, 1, Instant.now());
		ServiceDeskFigures.Line after = figures.year(regionOf, year).region();
		assertThat(after.satisfactionRate()).isEqualByComparingTo("50.0");
		assertThat(after.ratingRate()).isEqualByComparingTo("66.7");
		assertThat(after.meanStars()).isEqualByComparingTo("3.0");
		String moved = body(get("/dashboard").with(users.staff("4412", Roles.OFFICE_STAFF)).param("lang", "zh-CN"));
		assertThat(row(moved, COUNTY)).contains("50.0%", "66.7%");

		// the cockpit of the county's office: its own figures, with the link to the statistics
		String cockpit = body(get("/admin/insight").with(users.staff(COUNTY, Roles.OFFICE_STAFF)).param("lang", "en"));
		assertThat(cockpit).contains("Residents' service orders", "/admin/service/statistics?region=" + COUNTY);
		assertThat(row(cockpit, COUNTY)).contains("50.0%", "66.7%");
	}
}
