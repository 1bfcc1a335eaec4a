package org.wenming.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

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
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.region.SiteQuery;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamType;
import org.wenming.volunteer.team.Teams;

/**
 * The public dashboard on a known small data set in a county no other test uses (封开县 441225):
 * its JSON equals the hand-counted figures; bad filters are refused naming the parameter; a
 * volunteer appears in the top list only with their consent, switched on their own page.
 */
@WenmingTest
class InsightDashboardTest {

	static final String COUNTY = "441225";

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
	PracticeSites sites;

	@Autowired
	InsightAggregates aggregates;

	@Autowired
	PlatformTransactionManager transactionManager;

	InsightWorkload w;

	@BeforeEach
	void setUp() {
		w = new InsightWorkload(mvc, jdbc, regions, volunteers, teams, activities, signups, ledger, cases);
		new TransactionTemplate(transactionManager).executeWithoutResult(s -> aggregates.rebuild());
	}

	@Test
	void theJsonShowsTheHandCountedFiguresAndOnlyConsentingVolunteers() throws Exception {
		assertThat(jdbc.sql("select count(*) from volunteer where region_path like '44.4412.441225.%'")
			.query(Long.class).single()).as("no other test uses the county").isZero();
		String town = w.town(COUNTY);
		w.byStaff(town);
		w.byStaff(COUNTY);
		Volunteer shown = w.self(town);
		Volunteer hidden = w.self(town);
		RequestPostProcessor shownLogin = w.users.volunteer(shown.userId(), username(shown), town);
		mvc.perform(post("/me/volunteer/public-listing").param("show", "true").with(shownLogin).with(csrf()))
			.andExpect(status().is3xxRedirection());
		Team team = w.team(COUNTY, TeamType.COMMUNITY);
		Activity service = w.activity(team, town, ActivityType.SERVICE, null, 3);
		long shift = w.shiftOf(service);
		for (Volunteer v : List.of(shown, hidden)) {
			signups.signUp(shift, volunteers.findForStaff(v.id(), w.office(COUNTY)).orElseThrow());
		}
		OffsetDateTime start = w.moveIntoPast(service, 3);
		RequestPostProcessor office = w.users.staff(COUNTY, Roles.OFFICE_STAFF);
		w.serve(shift, shown.id(), start, start.plusHours(3), office);
		w.serve(shift, hidden.id(), start, start.plusHours(2), office);
		w.confirm(shift, office);
		activities.finish(service.id(), null, w.office(COUNTY));
		Activity lecture = w.activity(team, town, ActivityType.LECTURE, LectureSetting.COMMUNITY, 1);
		w.moveIntoPast(lecture, 1);
		activities.finish(lecture.id(), 80, w.office(COUNTY));
		long closed = w.report(town, "OVERHEAD_CABLES");
		w.report(town, "OVERHEAD_CABLES");
		w.closeCase(closed, COUNTY);
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> aggregates.check().isEmpty());

		Region county = regions.find(COUNTY).orElseThrow();
		long siteCount = sites.count(new SiteQuery(county, null, false, null, 0, 1), county.scope());
		long demonstration = sites.count(new SiteQuery(county, null, true, null, 0, 1), county.scope());
		int year = start.atZoneSameInstant(CityTime.ZONE).getYear();
		String townName = regions.find(town).orElseThrow().name();
		mvc.perform(get("/api/v1/dashboard").param("region", COUNTY).param("year", String.valueOf(year)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.region").value(COUNTY))
			.andExpect(jsonPath("$.headline.volunteers").value(4))
			.andExpect(jsonPath("$.headline.volunteersThisYear").value(4))
			.andExpect(jsonPath("$.headline.teams").value(1))
			.andExpect(jsonPath("$.headline.hours").value(5.0))
			.andExpect(jsonPath("$.headline.hoursThisYear").value(5.0))
			.andExpect(jsonPath("$.headline.serviceRecordsThisYear").value(2))
			.andExpect(jsonPath("$.headline.sites").value(siteCount))
			.andExpect(jsonPath("$.headline.demonstrationSites").value(demonstration))
			.andExpect(jsonPath("$.headline.activities").value(2))
			.andExpect(jsonPath("$.headline.lectures").value(1))
			.andExpect(jsonPath("$.headline.lectureAudience").value(80))
			.andExpect(jsonPath("$.activitiesByType[?(@.key == 'SERVICE')].count").value(1))
			.andExpect(jsonPath("$.activitiesByType[?(@.key == 'LECTURE')].count").value(1))
			.andExpect(jsonPath("$.lecturesBySetting[?(@.setting == 'COMMUNITY')].audience").value(80))
			.andExpect(jsonPath("$.completionTotal.found").value(2))
			.andExpect(jsonPath("$.completionTotal.closed").value(1))
			.andExpect(jsonPath("$.completionTotal.rate").value(50.0))
			.andExpect(jsonPath("$.completionByDistrict[?(@.key == '" + town + "')].name").value(townName))
			.andExpect(jsonPath("$.completionByDistrict[?(@.key == '" + town + "')].rate").value(50.0))
			.andExpect(jsonPath("$.completionByCategory[?(@.key == 'INFRASTRUCTURE')].found").value(2))
			// to date, by leaf: the county's cases of every year so far (all of this data set is this year's)
			.andExpect(jsonPath("$.completionToDate[?(@.key == 'OVERHEAD_CABLES')].found").value(2))
			.andExpect(jsonPath("$.completionToDate[?(@.key == 'OVERHEAD_CABLES')].closed").value(1))
			.andExpect(jsonPath("$.completionToDate[?(@.key == 'OVERHEAD_CABLES')].rate").value(50.0))
			.andExpect(jsonPath("$.completionToDate[?(@.key == 'PUBLIC_TOILET')].found").value(0))
			.andExpect(jsonPath("$.completionToDateTotal.found").value(2))
			.andExpect(jsonPath("$.topTeams[0].id").value(team.id()))
			.andExpect(jsonPath("$.topTeams[0].hours").value(5.0))
			.andExpect(jsonPath("$.topVolunteers.length()").value(1))
			.andExpect(jsonPath("$.topVolunteers[0].name").value(shown.realName()))
			.andExpect(jsonPath("$.topVolunteers[0].hours").value(3.0))
			.andExpect(jsonPath("$.provinceRank").doesNotExist());
		String month = start.atZoneSameInstant(CityTime.ZONE).toLocalDate().toString().substring(0, 7);
		mvc.perform(get("/api/v1/dashboard").param("region", COUNTY).param("year", String.valueOf(year)))
			// up to the current month when the year is this one
			.andExpect(jsonPath("$.months.length()").value(year == LocalDate.now(CityTime.ZONE).getYear()
					? LocalDate.now(CityTime.ZONE).getMonthValue() : 12))
			.andExpect(jsonPath("$.months[?(@.month == '" + month + "')].hours").value(5.0));

		// the page shows the same, the consenting volunteer's name and not the other's
		String page = mvc.perform(get("/dashboard").param("region", COUNTY).param("year", String.valueOf(year)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(shown.realName()).doesNotContain(hidden.realName()).contains("data-chart")
			.contains("/webjars/echarts/5.3.1/dist/echarts.min.js").doesNotContain("<script>");
		assertThat(mvc.perform(get("/dashboard").param("region", COUNTY).param("lang", "en")).andReturn().getResponse()
			.getContentAsString()).contains("Registered volunteers");

		// consent taken back: gone from the list, page and JSON
		mvc.perform(post("/me/volunteer/public-listing").with(shownLogin).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/dashboard").param("region", COUNTY).param("year", String.valueOf(year)))
			.andExpect(jsonPath("$.topVolunteers.length()").value(0));
		assertThat(mvc.perform(get("/dashboard").param("region", COUNTY)).andReturn().getResponse()
			.getContentAsString()).doesNotContain(shown.realName());
		// a hostile value is refused naming the field, the consent unchanged
		mvc.perform(post("/me/volunteer/public-listing").param("show", "yes'; drop table volunteer;--")
			.with(shownLogin).with(csrf())).andExpect(status().isBadRequest());
		assertThat(volunteers.showsPublicly(shown)).isFalse();
		// the page has the switch, labelled
		assertThat(mvc.perform(get("/me/volunteer").with(shownLogin)).andReturn().getResponse().getContentAsString())
			.contains("action=\"/me/volunteer/public-listing\"").contains("<label class=\"check\" for=\"show\">");
	}

	@Test
	void nonsenseFiltersAreRefusedNamingTheParameter() throws Exception {
		int thisYear = LocalDate.now(CityTime.ZONE).getYear();
		for (String region : List.of("abc", "440100", "441225001", "44", "4412' or '1'='1", "9".repeat(40), "4413")) {
			mvc.perform(get("/api/v1/dashboard").param("region", region)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("region"));
		}
		for (String year : List.of("abcd", "1999", String.valueOf(thisYear + 1), "-1", "20260", "２０２６")) {
			mvc.perform(get("/api/v1/dashboard").param("year", year)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("year"));
		}
		mvc.perform(get("/dashboard").param("year", "x")).andExpect(status().isBadRequest());
		mvc.perform(get("/dashboard").param("region", "440100")).andExpect(status().isBadRequest());
		// the city and a county, this year, are fine without signing in
		mvc.perform(get("/api/v1/dashboard")).andExpect(status().isOk()).andExpect(jsonPath("$.region").value("4412"))
			.andExpect(jsonPath("$.year").value(thisYear));
		mvc.perform(get("/dashboard").param("region", "441202")).andExpect(status().isOk());
	}

	/**
	 * The anonymous page is cached for a few seconds on each node and may be kept by a shared cache in
	 * front of several nodes: an elderly-mode page must never be handed to someone who did not ask for
	 * one, nor the other way round, and the answer says what it varies by.
	 */
	@Test
	void anonymousPagesAreKeptApartByElderlyModeAndSayWhatTheyVaryBy() throws Exception {
		var care = new jakarta.servlet.http.Cookie(org.wenming.platform.ElderlyMode.COOKIE, "on");
		for (int round = 0; round < 2; round++) {
			var plain = mvc.perform(get("/dashboard").param("region", "441226")).andExpect(status().isOk()).andReturn()
				.getResponse();
			var elderly = mvc.perform(get("/dashboard").param("region", "441226").cookie(care)).andExpect(status().isOk())
				.andReturn().getResponse();
			assertThat(plain.getContentAsString()).doesNotContain("class=\"care\"");
			assertThat(elderly.getContentAsString()).contains("class=\"care\"");
			assertThat(plain.getHeaders("Vary")).anySatisfy(v -> assertThat(v).contains("Cookie"));
			assertThat(plain.getHeaders("Vary")).anySatisfy(v -> assertThat(v).contains("Accept-Language"));
		}
	}

	String username(Volunteer v) {
		return jdbc.sql("select username from app_user where id = :id").param("id", v.userId()).query(String.class)
			.single();
	}
}
