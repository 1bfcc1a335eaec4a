package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenming.account.AccountFixtures;
import org.wenming.assessment.observation.ObservationFixtures;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;

/**
 * The inspector's checklist on a 375 px phone: it fits and passes axe (also in the elderly mode), the
 * steppers and toggles show the marks as they change, and a save made without a network waits in the
 * phone's storage and is sent, once, when the network is back.
 */
@BrowserTest
class ObservationBrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Regions regions;

	@Test
	void anInspectorRecordsOfflineAndTheQueuedSaveIsSentWhenTheNetworkIsBack(Browsers browsers) {
		ObservationFixtures fixtures = new ObservationFixtures(jdbc, regions);
		AccountFixtures accounts = new AccountFixtures(jdbc, encoder);
		String username = AccountFixtures.unique("obs-insp");
		long inspector = accounts.user(username, ObservationFixtures.COUNTY, Roles.INSPECTOR);
		ObservationFixtures.Framework fw = fixtures.framework();
		long round = fixtures.openRound(fw.id());
		long place = fixtures.place("MAIN_ROAD", ObservationFixtures.LAT, ObservationFixtures.LON);
		fixtures.sample(round, place, "MAIN_ROAD", fixtures.team(round, inspector));

		Browser phone = browsers.open(Viewport.PHONE);
		phone.signIn(username, AccountFixtures.PASSWORD);
		// the phone stands about 1.1 km north of the place
		phone.chrome().executeCdpCommand("Browser.grantPermissions",
				Map.of("origin", phone.baseUrl(), "permissions", List.of("geolocation")));
		phone.chrome().executeCdpCommand("Emulation.setGeolocationOverride",
				Map.of("latitude", 23.06, "longitude", 112.46, "accuracy", 10));
		phone.open("/inspect");
		PageChecks.assertFitsAndAccessible(phone);
		phone.clickToNextPage("main .obs-card h2 a");
		PageChecks.assertFitsAndAccessible(phone);
		phone.clickToNextPage("main .obs-card h2 a");
		assertThat(phone.path()).isEqualTo("/inspect/rounds/" + round + "/places/" + place);
		PageChecks.assertFitsAndAccessible(phone);

		// the marks follow the toggles and steppers
		// the position is asked for at the first touch of the checklist
		phone.click("#c" + fw.passFail() + " .obs-choice.fail");
		new WebDriverWait(phone.driver(), Duration.ofSeconds(10))
				.until(d -> !phone.find("#obs-form input[name=latitude]").getDomProperty("value").isEmpty());
		assertThat(phone.find("#m" + fw.passFail()).getText()).isEqualTo("0");
		phone.click("#c" + fw.passFail() + " .obs-choice.pass");
		assertThat(phone.find("#m" + fw.passFail()).getText()).isEqualTo("2");
		String plus = "#c" + fw.deduction() + " .obs-step[data-step='1']";
		phone.click(plus).click(plus).click(plus).click(plus).click(plus);
		// the stepper stops where the marks reach zero (4 marks, 1 each)
		assertThat(phone.find("#v" + fw.deduction()).getDomProperty("value")).isEqualTo("4");
		assertThat(phone.find("#m" + fw.deduction()).getText()).isEqualTo("0");
		phone.click("#c" + fw.deduction() + " .obs-step[data-step='-1']");
		assertThat(phone.find("#m" + fw.deduction()).getText()).isEqualTo("1");
		phone.fill("v" + fw.count(), "4");
		assertThat(phone.find("#m" + fw.count()).getText()).isEqualTo("2");

		// no network: the save waits on the phone
		network(phone, true);
		phone.find("#obs-form button[type=submit]").click();
		new WebDriverWait(phone.driver(), Duration.ofSeconds(10)).until(d -> !phone.find("#obs-queue").getText().isEmpty());
		assertThat(phone.script("return JSON.parse(localStorage.getItem('wenming.observe.queue')).length")).isEqualTo(1L);
		assertThat(fixtures.observations(round, place)).isZero();

		// back online: sent once, with its key
		network(phone, false);
		new WebDriverWait(phone.driver(), Duration.ofSeconds(20)).until(d -> fixtures.observations(round, place) == 3);
		new WebDriverWait(phone.driver(), Duration.ofSeconds(10)).until(d -> "0".equals(String.valueOf(
				phone.script("return JSON.parse(localStorage.getItem('wenming.observe.queue') || '[]').length"))));
		assertThat(fixtures.submissions(round, place)).isEqualTo(1);
		assertThat(jdbc.sql("select bool_and(far_from_place) from assessment_observation where round_id = :r and place_id = :p")
				.param("r", round).param("p", place).query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select marks from assessment_place_score where round_id = :r and place_id = :p")
				.param("r", round).param("p", place).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("5");

		// the page shows what was stored, also in the elderly mode
		phone.open("/inspect/rounds/" + round + "/places/" + place + "?care=on");
		assertThat(phone.find("#v" + fw.deduction()).getDomProperty("value")).isEqualTo("3");
		assertThat(phone.find("#m" + fw.count()).getText()).isEqualTo("2");
		PageChecks.assertFitsAndAccessible(phone);
	}

	private static void network(Browser browser, boolean offline) {
		browser.chrome().executeCdpCommand("Network.enable", Map.of());
		browser.chrome().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
				"downloadThroughput", -1, "uploadThroughput", -1));
	}
}
