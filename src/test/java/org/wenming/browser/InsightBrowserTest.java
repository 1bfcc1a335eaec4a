package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenming.account.AccountFixtures;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.ActivityDraft;
import org.wenming.activity.ActivityType;
import org.wenming.activity.LectureSetting;
import org.wenming.activity.ShiftDraft;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.insight.Cockpit;
import org.wenming.insight.CockpitFigures;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamDraft;
import org.wenming.volunteer.team.TeamLevel;
import org.wenming.volunteer.team.TeamStatus;
import org.wenming.volunteer.team.TeamType;
import org.wenming.volunteer.team.Teams;

/**
 * The public dashboard really draws its charts (on canvas: the CSP refuses the SVG renderer's style
 * attributes), and the staff cockpit drills down from the city to a county to a town, each page's
 * figures being the line of that region on the page above. Data: a volunteer, a held lecture and a
 * case in a town of 鼎湖区, counted by the aggregates.
 */
@BrowserTest
class InsightBrowserTest {

	private static final String CITY = "4412";

	private static final String COUNTY = "441203";

	/** Pixels a drawn chart colours at least (a 375 px chart has some 80,000). */
	private static final int DRAWN = 1_500;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Teams teams;

	@Autowired
	Activities activities;

	@Autowired
	Cases cases;

	@Autowired
	Cockpit cockpit;

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void theDashboardDrawsItsChartsAndTheCockpitDrillsDown(Viewport viewport, Browsers browsers) {
		TestUsers users = new TestUsers(regions);
		Region town = regions.children(COUNTY).get(0);
		ScopedUser office = users.staffPrincipal(COUNTY, Roles.OFFICE_STAFF);
		CockpitFigures.Line before = townLine(town, users);
		volunteers.registerByStaff(TestVolunteers.draft(TestVolunteers.name(), TestVolunteers.residentId("441284"),
				TestVolunteers.mobile(), town.code()), office);
		heldLecture(town, office);
		cases.report(new NewCase(CaseSource.PATROL, "OVERHEAD_CABLES", "驾驶舱测试案件" + AccountFixtures.unique("i"),
				"测试路3号", new BigDecimal("23.160000"), new BigDecimal("112.560000"), town.code(), null, null, null, null),
				"inspector-test");
		// the aggregates follow the events after their transactions: wait until the town counts all three
		Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
			CockpitFigures.Line now = townLine(town, users);
			return now.volunteers() > before.volunteers() && now.lectures() > before.lectures()
					&& now.casesFound() > before.casesFound();
		});

		Browser visitor = browsers.open(viewport);
		visitor.open("/dashboard?region=" + COUNTY);
		assertThat(visitor.heading()).contains(regions.find(COUNTY).orElseThrow().name());
		List<WebElement> charts = visitor.findAll(".insight-chart");
		// the four of the dashboard, and the field assessment's trend when a round of the city has scores
		// (another test's round): each must paint
		List<WebElement> assessment = visitor.findAll("[aria-labelledby=assessment] .insight-chart");
		assertThat(assessment).hasSizeLessThanOrEqualTo(1);
		assertThat(charts).hasSize(4 + assessment.size());
		int drawnSeries = 0;
		for (WebElement chart : charts) {
			visitor.script("arguments[0].scrollIntoView({block: 'center'})", chart);
			String kind = chart.getDomAttribute("data-chart");
			visitor.waitUntil(d -> chart.findElements(org.openqa.selenium.By.tagName("canvas")).size() > 0);
			@SuppressWarnings("unchecked")
			Map<String, Object> pixels = (Map<String, Object>) visitor.script("""
					const canvas = arguments[0].querySelector('canvas');
					const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
					let painted = 0, coloured = 0;
					for (let i = 0; i < data.length; i += 4) {
					  if (data[i + 3] === 0) continue;
					  painted++;
					  const max = Math.max(data[i], data[i + 1], data[i + 2]), min = Math.min(data[i], data[i + 1], data[i + 2]);
					  if (max - min > 80) coloured++;
					}
					return {painted: painted, coloured: coloured, width: canvas.width, height: canvas.height};
					""", chart);
			assertThat(((Number) pixels.get("painted")).intValue()).as("%s chart painted: %s", kind, pixels)
				.isGreaterThan(DRAWN);
			// axes and labels alone paint grey; a series with a figure above zero paints in the palette's colours
			// (the assessment's trend may have one round only: a single point, drawn but hardly coloured)
			boolean figures = !assessment.contains(chart)
					&& (chart.getDomAttribute("data-values") + "|" + chart.getDomAttribute("data-values2"))
						.matches(".*(^|\\|)0*[1-9].*");
			if (figures) {
				assertThat(((Number) pixels.get("coloured")).intValue()).as("%s chart's series: %s", kind, pixels)
					.isGreaterThan(DRAWN / 5);
			}
			drawnSeries += figures ? 1 : 0;
		}
		// the lecture: the activities by type, the lectures by setting, and the new volunteer by month
		assertThat(drawnSeries).isGreaterThanOrEqualTo(3);
		PageChecks.assertFitsAndAccessible(visitor);

		// the city office's cockpit: city → the county → the town, each the line clicked on the page above
		String username = AccountFixtures.unique("cockpit");
		new AccountFixtures(jdbc, encoder).user(username, CITY, Roles.OFFICE_STAFF);
		Browser staff = browsers.open(viewport);
		staff.signIn(username, AccountFixtures.PASSWORD);
		staff.open("/admin/insight");
		assertThat(staff.heading()).contains(regions.find(CITY).orElseThrow().name());
		PageChecks.assertFitsAndAccessible(staff);
		drillInto(staff, regions.find(COUNTY).orElseThrow());
		drillInto(staff, town);
		assertThat(staff.find("nav.breadcrumb a[aria-current=page]").getText()).isEqualTo(town.name());
		assertThat(staff.findAll("nav.breadcrumb a")).hasSize(3);
		List<String> townTotal = cells(staff, "tfoot tr");
		CockpitFigures.Line counted = townLine(town, users);
		assertThat(townTotal.get(0)).isEqualTo(String.valueOf(counted.volunteers()));
		assertThat(Long.parseLong(townTotal.get(5))).as("lectures").isEqualTo(counted.lectures()).isPositive();
		assertThat(Long.parseLong(townTotal.get(7))).as("cases found").isEqualTo(counted.casesFound()).isPositive();
		// and back up by the breadcrumb
		staff.clickToNextPage("nav.breadcrumb a[href^='/admin/insight?region=" + COUNTY + "&']");
		assertThat(staff.heading()).contains(regions.find(COUNTY).orElseThrow().name());
	}

	/** Clicks the region's line on the cockpit shown and checks the page it opens totals what that line said. */
	private static void drillInto(Browser staff, Region region) {
		WebElement link = staff.find("tbody th a[href^='/admin/insight?region=" + region.code() + "&']");
		assertThat(link.getText()).isEqualTo(region.name());
		List<String> line = cells(staff, "tbody tr:has(a[href^='/admin/insight?region=" + region.code() + "&'])");
		if (staff.viewport() == Viewport.PHONE) {
			// on the phone without a mouse: Tab to the region's link, Enter
			staff.enter("tbody th a[href^='/admin/insight?region=" + region.code() + "&']");
		}
		else {
			staff.click(link);
		}
		staff.waitUntil(d -> staff.path().contains("region=" + region.code()));
		assertThat(staff.heading()).contains(region.name());
		assertThat(cells(staff, "tfoot tr")).as("%s's figures", region.name()).isEqualTo(line);
		assertThat(staff.findAll("tbody tr")).as("a line per region below %s", region.name())
			.hasSizeGreaterThan(0);
		PageChecks.assertFitsAndAccessible(staff);
	}

	private static List<String> cells(Browser browser, String rowCss) {
		return browser.find(rowCss).findElements(org.openqa.selenium.By.tagName("td")).stream()
			.map(td -> td.getDomProperty("textContent").strip()).toList();
	}

	private CockpitFigures.Line townLine(Region town, TestUsers users) {
		return cockpit.figures(town, cockpit.period(null, null), users.staffPrincipal(CITY, Roles.OFFICE_STAFF))
			.total();
	}

	/** A team's lecture in the town, held an hour ago before 60 listeners. */
	private void heldLecture(Region town, ScopedUser office) {
		Team team = teams.create(new TeamDraft(null, TeamLevel.CORPS, COUNTY, AccountFixtures.unique("驾驶舱测试宣讲队"),
				TeamType.COMMUNITY, null, null, null, null, TeamStatus.ACTIVE), office);
		OffsetDateTime start = OffsetDateTime.now().plusHours(1).truncatedTo(ChronoUnit.MINUTES);
		ActivityDraft draft = new ActivityDraft(AccountFixtures.unique("驾驶舱测试宣讲"), "测试", ActivityType.LECTURE,
				LectureSetting.COMMUNITY, team.id(), null, null, team.id(), null, null, "测试路1号", town.code(),
				new BigDecimal("23.160000"), new BigDecimal("112.560000"), null, false,
				List.of(new ShiftDraft(start, start.plusHours(1), 50, null, List.of())));
		Activity lecture = activities.publish(activities.create(draft, office).id(), office);
		// the clock moved on: the lecture took place an hour ago
		OffsetDateTime end = OffsetDateTime.now().minusHours(1).truncatedTo(ChronoUnit.MINUTES);
		jdbc.sql("update shift set starts_at = :s, ends_at = :e where activity_id = :id").param("s", end.minusHours(1))
			.param("e", end).param("id", lecture.id()).update();
		jdbc.sql("update activity set starts_at = :s, ends_at = :e where id = :id").param("s", end.minusHours(1))
			.param("e", end).param("id", lecture.id()).update();
		activities.finish(lecture.id(), 60, office);
	}
}
