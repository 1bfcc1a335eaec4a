package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.account.AccountFixtures;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteers;

/**
 * A volunteer registers on the public form (an adult; a child with a guardian), signs in with the
 * username and password they chose, sees their own page and applies to join a team, at 1280 px and
 * on a 375 px phone. A form sent with mistakes shows each next to its field and announces it.
 */
@BrowserTest
class VolunteerRegistrationBrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	@Autowired
	VolunteerFlowData data;

	String t(String key, Object... args) {
		return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
	}

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void anAdultRegistersSignsInAndAppliesToJoinATeam(Viewport viewport, Browsers browsers) {
		VolunteerFlowData.Leader team = data.team();
		Browser b = browsers.open(viewport);
		b.open("/volunteers/register");
		assertThat(b.heading()).isEqualTo(t("volunteer.register.title"));
		Accessibility.assertAccessible(b);

		// sent empty: every required field says what is wrong, next to it and announced
		b.clickToNextPage("main form button[type=submit]");
		assertThat(b.find("main .alert[role=alert]").getText()).isEqualTo(t("volunteer.form.hasErrors"));
		for (String field : new String[] { "realName", "idNumber", "phone", "username", "password" }) {
			assertAnnouncedError(b, field);
		}
		assertThat(b.find("#consent-error").isDisplayed()).isTrue();
		Accessibility.assertAccessible(b);

		String name = TestVolunteers.name();
		String username = AccountFixtures.unique("reg");
		fillPerson(b, name, TestVolunteers.residentId("441202"), username);
		b.clickToNextPage("main form button[type=submit]");
		assertThat(b.heading()).as(b.text()).isEqualTo(t("volunteer.registered.title"));
		String number = b.find("main .notice[role=status] strong").getText();
		assertThat(number).isNotBlank();
		Accessibility.assertAccessible(b);

		signInAndJoin(b, username, name, number, team);
	}

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void aChildRegistersWithAGuardianSignsInAndAppliesToJoinATeam(Viewport viewport, Browsers browsers) {
		VolunteerFlowData.Leader team = data.team();
		Browser b = browsers.open(viewport);
		b.open("/volunteers/register");
		String name = TestVolunteers.name();
		String username = AccountFixtures.unique("child");
		// twelve years old: under fourteen needs the guardian's name, relation, phone and consent
		LocalDate birth = LocalDate.now().minusYears(12).minusDays(40);
		fillPerson(b, name, TestVolunteers.residentId("441202", birth, false), username);
		b.clickToNextPage("main form button[type=submit]");
		assertThat(b.heading()).isEqualTo(t("volunteer.register.title"));
		for (String field : new String[] { "guardianName", "guardianRelation", "guardianPhone" }) {
			assertAnnouncedError(b, field);
		}
		assertThat(b.find("#guardianConsent").getAttribute("aria-describedby")).contains("guardianConsent-error");
		assertThat(b.find("#guardianConsent-error").isDisplayed()).isTrue();
		// what was typed stays; the password is asked again
		assertThat(b.find("#realName").getAttribute("value")).isEqualTo(name);
		Accessibility.assertAccessible(b);

		b.fill("guardianName", TestVolunteers.name());
		b.fill("guardianRelation", "母亲");
		b.fill("guardianPhone", TestVolunteers.mobile());
		b.tick("guardianConsent");
		b.fill("password", VolunteerFlowData.PASSWORD);
		b.clickToNextPage("main form button[type=submit]");
		assertThat(b.heading()).as(b.text()).isEqualTo(t("volunteer.registered.title"));
		String number = b.find("main .notice[role=status] strong").getText();
		Accessibility.assertAccessible(b);

		signInAndJoin(b, username, name, number, team);
		Integer consent = jdbc.sql("""
				select count(*) from volunteer v join app_user u on u.id = v.user_id
				where u.username = :u and v.guardian_consent_at is not null and v.birth_date = :birth""")
			.param("u", username).param("birth", birth).query(Integer.class).single();
		assertThat(consent).isEqualTo(1);
	}

	/** The field is marked invalid and described by its error, which is visible and says something. */
	static void assertAnnouncedError(Browser b, String field) {
		WebElement input = b.find("#" + field);
		assertThat(input.getAttribute("aria-invalid")).as("aria-invalid of %s", field).isEqualTo("true");
		assertThat(input.getAttribute("aria-describedby")).as("aria-describedby of %s", field)
			.contains(field + "-error");
		WebElement error = b.find("#" + field + "-error");
		assertThat(error.isDisplayed()).as("error of %s shown", field).isTrue();
		assertThat(error.getText()).as("error of %s", field).isNotBlank();
	}

	static void fillPerson(Browser b, String name, String idNumber, String username) {
		b.fill("realName", name);
		b.fill("idNumber", idNumber);
		b.fill("phone", TestVolunteers.mobile());
		pickHome(b);
		b.tick("skill-MEDICAL");
		b.fill("username", username);
		b.fill("password", VolunteerFlowData.PASSWORD);
		b.tick("consent");
	}

	/** Picks 端州区 › 城东街道 › 杏花社区 level by level; each choice loads the next level's list. */
	static void pickHome(Browser b) {
		String[] levels = { "COUNTY", "TOWN", "VILLAGE" };
		for (int i = 0; i < levels.length; i++) {
			String code = VolunteerFlowData.HOME[i];
			b.choose("regionCode-" + levels[i], code);
			// htmx swaps the whole picker: read the hidden field afresh each time
			b.waitUntil(d -> code.equals(b.script("var f = document.getElementById('regionCode'); return f && f.value")));
		}
	}

	void signInAndJoin(Browser b, String username, String name, String number, VolunteerFlowData.Leader team) {
		b.pressToNextPage(t("volunteer.registered.signIn"));
		assertThat(b.path()).startsWith("/login");
		b.signIn(username, VolunteerFlowData.PASSWORD);
		b.open("/me/volunteer");
		assertThat(b.heading()).isEqualTo(t("volunteer.me.title"));
		assertThat(b.text()).contains(name).contains(number).contains("杏花社区");
		Accessibility.assertAccessible(b);

		b.open("/teams");
		b.fill("q", team.teamName());
		b.pressToNextPage(t("team.filter.submit"));
		Accessibility.assertAccessible(b);
		b.pressToNextPage(team.teamName());
		assertThat(b.heading()).isEqualTo(team.teamName());
		Accessibility.assertAccessible(b);
		b.pressToNextPage(t("team.join.button"));
		assertThat(b.find("main .notice[role=status]").getText()).isEqualTo(t("team.join.appliedNow"));
		assertThat(b.text()).contains(t("team.join.pending"));
		Accessibility.assertAccessible(b);

		b.pressToNextPage(t("team.mine.title"));
		assertThat(b.heading()).isEqualTo(t("team.mine.title"));
		WebElement card = b.find("main .card");
		assertThat(card.getText()).contains(team.teamName()).contains(t("team.membership.APPLIED"));
		Accessibility.assertAccessible(b);
	}
}
