package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenming.account.AccountFixtures;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;

/**
 * 随手拍 in a real browser: a resident reports a problem with a photo chosen in the file input and the
 * phone's position, follows it by the link the page gives; the county office registers and dispatches
 * it, the unit accepts it and submits its fix with an after-photo, the office verifies and closes it,
 * and the resident rates it on the follow page. Each person sees each status; every page passes axe.
 */
@BrowserTest
class CaseReportBrowserTest {

	private static final String COUNTY = "441202";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Regions regions;

	@Autowired
	MessageSource messages;

	@Autowired
	Cases cases;

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void aResidentReportsStaffCloseTheCaseAndTheResidentRatesIt(Viewport viewport, Browsers browsers) {
		AccountFixtures accounts = new AccountFixtures(jdbc, encoder);
		String office = AccountFixtures.unique("case-office");
		accounts.user(office, COUNTY, Roles.OFFICE_STAFF);
		String handler = AccountFixtures.unique("case-unit");
		long unit = unitWith(accounts.user(handler, COUNTY, Roles.UNIT_HANDLER));
		String description = "电线杆上的线缆垂落到人行道 " + AccountFixtures.unique(viewport.name());

		// the resident: a photo from the phone, the position from its GPS, a category and a description
		Browser resident = browsers.open(viewport);
		resident.open("/cases/report");
		PageChecks.assertFitsAndAccessible(resident);
		resident.chrome().executeCdpCommand("Browser.grantPermissions",
				Map.of("origin", resident.baseUrl(), "permissions", List.of("geolocation")));
		resident.chrome().executeCdpCommand("Emulation.setGeolocationOverride",
				Map.of("latitude", 23.047512, "longitude", 112.465208, "accuracy", 10));
		resident.choose("categoryCode", "OVERHEAD_CABLES");
		resident.fill("description", description);
		resident.find("#photos").sendKeys(Photos.jpeg("report-" + viewport).toString());
		resident.click("#locate");
		resident.waitUntil(d -> !resident.find("#latitude").getDomProperty("value").isEmpty());
		assertThat(resident.find("#latitude").getDomProperty("value")).isEqualTo("23.047512");
		assertThat(resident.find("#longitude").getDomProperty("value")).isEqualTo("112.465208");
		assertThat(resident.find("#locate-status").getText()).isEqualTo(t("casework.citizen.position.found"));
		resident.choose("regionCode-COUNTY", COUNTY);
		// htmx swaps the picker for one holding the choice
		resident.waitUntil(d -> COUNTY.equals(resident.script("return document.getElementById('regionCode').value")));
		PageChecks.assertFitsAndAccessible(resident);
		resident.clickToNextPage("#report-form button[type=submit]");

		assertThat(resident.path()).startsWith("/cases/follow/").endsWith("?new=1");
		assertThat(resident.text()).contains(t("casework.citizen.follow.saved"));
		assertThat(status(resident)).isEqualTo(t("casework.citizen.status.REPORTED"));
		PageChecks.assertFitsAndAccessible(resident);
		String followUrl = resident.find("#follow-link").getAttribute("href");
		resident.click("#follow-link");
		resident.waitUntil(d -> resident.currentUrl().equals(followUrl));
		assertThat(resident.text()).doesNotContain(t("casework.citizen.follow.saved"));
		assertThat(status(resident)).isEqualTo(t("casework.citizen.status.REPORTED"));
		// the photo sent is shown back (re-encoded by the server)
		resident.waitUntil(d -> photoShown(resident, ".case-photos img"));
		PageChecks.assertFitsAndAccessible(resident);
		long caseId = jdbc.sql("select id from rectification_case where description = :d").param("d", description)
			.query(Long.class).single();
		String caseNumber = jdbc.sql("select case_number from rectification_case where id = :id").param("id", caseId)
			.query(String.class).single();
		assertThat(resident.heading()).contains(caseNumber);

		// the county office registers and dispatches it
		Browser staff = browsers.open(viewport);
		staff.signIn(office, AccountFixtures.PASSWORD);
		staff.open("/admin/cases?status=REPORTED&category=OVERHEAD_CABLES");
		PageChecks.assertFitsAndAccessible(staff);
		staff.clickToNextPage("a[href='/admin/cases/" + caseId + "']");
		assertThat(staff.heading()).contains(caseNumber);
		assertThat(staff.text()).contains(description);
		assertThat(badge(staff)).isEqualTo(t("casework.status.REPORTED"));
		PageChecks.assertFitsAndAccessible(staff);
		step(staff, "REGISTER");
		assertThat(badge(staff)).isEqualTo(t("casework.status.REGISTERED"));
		assertThat(staff.find("p.notice[role=status]").getText()).isEqualTo(t("casework.done.saved"));
		staff.choose("DISPATCH-unitId", String.valueOf(unit));
		PageChecks.assertFitsAndAccessible(staff);
		step(staff, "DISPATCH");
		assertThat(badge(staff)).isEqualTo(t("casework.status.DISPATCHED"));
		resident.open(followUrl);
		assertThat(status(resident)).isEqualTo(t("casework.citizen.status.DISPATCHED"));

		// the unit finds it in its queue, accepts it and sends its fix with an after-photo
		Browser unitHandler = browsers.open(viewport);
		unitHandler.signIn(handler, AccountFixtures.PASSWORD);
		unitHandler.open("/unit/cases");
		PageChecks.assertFitsAndAccessible(unitHandler);
		unitHandler.clickToNextPage("a[href='/admin/cases/" + caseId + "']");
		assertThat(badge(unitHandler)).isEqualTo(t("casework.status.DISPATCHED"));
		PageChecks.assertFitsAndAccessible(unitHandler);
		step(unitHandler, "ACCEPT");
		assertThat(badge(unitHandler)).isEqualTo(t("casework.status.IN_PROGRESS"));
		unitHandler.fill("SUBMIT_FIX-note", "已将线缆捆扎入槽");
		unitHandler.find("#SUBMIT_FIX-photos").sendKeys(Photos.jpeg("fix-" + viewport).toString());
		PageChecks.assertFitsAndAccessible(unitHandler);
		step(unitHandler, "SUBMIT_FIX");
		assertThat(badge(unitHandler)).isEqualTo(t("casework.status.FIX_SUBMITTED"));
		assertThat(unitHandler.has("form[action$='/steps/VERIFY']")).as("the fixer never verifies their own fix").isFalse();
		resident.open(followUrl);
		assertThat(status(resident)).isEqualTo(t("casework.citizen.status.FIX_SUBMITTED"));

		// the office sees the after-photo and verifies: the case is closed
		staff.open("/admin/cases/" + caseId);
		assertThat(staff.findAll("#photos-heading ~ ul img")).hasSize(2);
		staff.waitUntil(d -> photoShown(staff, "#photos-heading ~ ul img"));
		PageChecks.assertFitsAndAccessible(staff);
		staff.fill("VERIFY-note", "现场核查，已整改到位");
		step(staff, "VERIFY");
		assertThat(badge(staff)).isEqualTo(t("casework.status.CLOSED"));
		assertThat(staff.has("form[action$='/steps/REOPEN']")).isTrue();
		PageChecks.assertFitsAndAccessible(staff);

		// the resident, on the follow link, sees it closed with the after-photo and rates it
		resident.open(followUrl);
		assertThat(status(resident)).isEqualTo(t("casework.citizen.status.CLOSED"));
		assertThat(resident.findAll(".case-photos img")).hasSize(2);
		PageChecks.assertFitsAndAccessible(resident);
		resident.tick("rating-5");
		resident.fill("comment", "处理得很快，谢谢");
		resident.clickToNextPage("form[action$='/rating'] button[type=submit]");
		assertThat(resident.text()).contains(t("casework.citizen.rating.thanks"))
			.contains(t("casework.citizen.rating.given", 5));
		assertThat(resident.has("form[action$='/rating']")).isFalse();
		PageChecks.assertFitsAndAccessible(resident);
		assertThat(jdbc.sql("select status || ' ' || rating from rectification_case where id = :id").param("id", caseId)
			.query(String.class).single()).isEqualTo("CLOSED 5");
	}

	/** Without a mouse, on a phone: fill the report, choose the photo on the focused input, send it, follow it. */
	@Test
	void aResidentReportsAndFollowsWithTheKeyboardOnly(Browsers browsers) {
		String description = "路灯不亮，晚上看不清路 " + AccountFixtures.unique("keys");
		Browser resident = browsers.open(Viewport.PHONE);
		resident.open("/cases/report");
		resident.tabTo("#categoryCode", 60);
		// a closed select changes its choice with the arrow keys; the first option is "choose"
		resident.keys(Keys.ARROW_DOWN);
		resident.waitUntil(d -> !resident.find("#categoryCode").getDomProperty("value").isEmpty());
		String category = resident.find("#categoryCode").getDomProperty("value");
		resident.tabTo("#description", 5).keys(description);
		resident.tabTo("#photos", 5);
		// Enter cannot open a file dialog headless: the path goes to the focused input, as a chooser would
		resident.focused().sendKeys(Photos.png("keys").toString());
		resident.tabTo("#latitude", 10).keys("23.0475");
		resident.tabTo("#longitude", 5).keys("112.4652");
		resident.tabTo("#report-form button[type=submit]", 30).keys(Keys.ENTER);
		resident.waitUntil(d -> resident.path().startsWith("/cases/follow/"));
		assertThat(resident.text()).contains(t("casework.citizen.follow.saved"));
		resident.tabTo("#follow-link", 40).keys(Keys.ENTER);
		resident.waitUntil(d -> !resident.path().contains("new=1"));
		assertThat(status(resident)).isEqualTo(t("casework.citizen.status.REPORTED"));
		PageChecks.assertFitsAndAccessible(resident);
		assertThat(jdbc.sql("select category_code from rectification_case where description = :d")
			.param("d", description).query(String.class).single()).isEqualTo(category);
	}

	/**
	 * The staff's part and the rating without a mouse, at 1280 px: the office registers and dispatches,
	 * the unit accepts and sends its fix with a photo, the office verifies, the resident rates — Tab,
	 * arrow keys, typing and Enter only (the photo's path goes to the focused file input, as a chooser would).
	 */
	@Test
	void staffCloseACaseAndTheResidentRatesItWithTheKeyboardOnly(Browsers browsers) {
		AccountFixtures accounts = new AccountFixtures(jdbc, encoder);
		String office = AccountFixtures.unique("kbd-office");
		accounts.user(office, COUNTY, Roles.OFFICE_STAFF);
		String handler = AccountFixtures.unique("kbd-unit");
		long unit = unitWith(accounts.user(handler, COUNTY, Roles.UNIT_HANDLER));
		Cases.Reported reported = cases.report(new NewCase(CaseSource.CITIZEN, "OVERHEAD_CABLES",
				"线缆垂落 " + AccountFixtures.unique("kbd"), "端州区测试路2号", new BigDecimal("23.05"),
				new BigDecimal("112.46"), COUNTY, null, null, null, null), "citizen");
		long caseId = jdbc.sql("select id from rectification_case where case_number = :n").param("n", reported.caseNumber())
			.query(Long.class).single();
		String casePage = "a[href='/admin/cases/" + caseId + "']";

		Browser staff = browsers.open(Viewport.DESKTOP);
		signInByKeys(staff, office);
		staff.open("/admin/cases?status=REPORTED&category=OVERHEAD_CABLES");
		staff.enter(casePage);
		assertThat(staff.heading()).contains(reported.caseNumber());
		staff.enter("form[action$='/steps/REGISTER'] button[type=submit]");
		assertThat(badge(staff)).isEqualTo(t("casework.status.REGISTERED"));
		staff.chooseByKeys("#DISPATCH-unitId", String.valueOf(unit));
		staff.enter("form[action$='/steps/DISPATCH'] button[type=submit]");
		assertThat(badge(staff)).isEqualTo(t("casework.status.DISPATCHED"));

		Browser unitHandler = browsers.open(Viewport.DESKTOP);
		signInByKeys(unitHandler, handler);
		unitHandler.open("/unit/cases");
		unitHandler.enter(casePage);
		unitHandler.enter("form[action$='/steps/ACCEPT'] button[type=submit]");
		assertThat(badge(unitHandler)).isEqualTo(t("casework.status.IN_PROGRESS"));
		unitHandler.tabTo("#SUBMIT_FIX-note", 400).keys("线缆已捆扎");
		unitHandler.tabTo("#SUBMIT_FIX-photos", 10);
		unitHandler.focused().sendKeys(Photos.jpeg("kbd-fix").toString());
		unitHandler.enter("form[action$='/steps/SUBMIT_FIX'] button[type=submit]");
		assertThat(badge(unitHandler)).isEqualTo(t("casework.status.FIX_SUBMITTED"));

		staff.open("/admin/cases/" + caseId);
		staff.tabTo("#VERIFY-note", 400).keys("已核查");
		staff.enter("form[action$='/steps/VERIFY'] button[type=submit]");
		assertThat(badge(staff)).isEqualTo(t("casework.status.CLOSED"));

		Browser resident = browsers.open(Viewport.DESKTOP);
		resident.open("/cases/follow/" + reported.followToken());
		// a radio group takes the Tab once, then the arrow keys move the choice
		resident.tabTo("input[name=rating]", 200);
		for (int i = 0; i < 5 && !resident.find("#rating-5").isSelected(); i++) {
			resident.keys(Keys.ARROW_RIGHT);
		}
		assertThat(resident.find("#rating-5").isSelected()).isTrue();
		resident.tabTo("#comment", 10).keys("很快");
		resident.enter("form[action$='/rating'] button[type=submit]");
		assertThat(resident.text()).contains(t("casework.citizen.rating.given", 5));
		assertThat(jdbc.sql("select status || ' ' || rating from rectification_case where id = :id").param("id", caseId)
			.query(String.class).single()).isEqualTo("CLOSED 5");
	}

	private static void signInByKeys(Browser browser, String username) {
		browser.open("/login");
		browser.tabTo("#username", 60).keys(username);
		browser.tabTo("#password", 5).keys(AccountFixtures.PASSWORD);
		browser.enter("main form button[type=submit]");
		assertThat(browser.path()).doesNotStartWith("/login");
	}

	private long unitWith(long handlerId) {
		long unit = jdbc.sql("""
				insert into responsible_unit (name, kind, region_code, region_path, updated_by)
				values (:n, 'BUREAU', :r, :p, 'test') returning id""").param("n", AccountFixtures.unique("线缆整治办"))
			.param("r", COUNTY).param("p", regions.find(COUNTY).orElseThrow().path()).query(Long.class).single();
		jdbc.sql("insert into responsible_unit_member (unit_id, user_id) values (:u, :h)").param("u", unit)
			.param("h", handlerId).update();
		return unit;
	}

	/** Sends the step's form on the case page and waits for the page it leads back to. */
	private static void step(Browser browser, String action) {
		browser.clickToNextPage("form[action$='/steps/" + action + "'] button[type=submit]");
		assertThat(browser.path()).as("after %s", action).contains("?done=");
	}

	/** The status as the case page shows it (its first badge). */
	private static String badge(Browser browser) {
		return browser.find("main section.panel .badge").getText();
	}

	/** The status as the follow page shows it. */
	private static String status(Browser browser) {
		return browser.find("dl.facts .badge").getText();
	}

	private static boolean photoShown(Browser browser, String css) {
		return Boolean.TRUE.equals(browser.script(
				"const imgs = [...document.querySelectorAll(arguments[0])];"
						+ " imgs.forEach(i => i.loading = 'eager');"
						+ " return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0)", css));
	}

	private String t(String key, Object... args) {
		return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
	}
}
